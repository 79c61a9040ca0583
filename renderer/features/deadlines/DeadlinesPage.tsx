import { SearchOutlined } from '../../components/icons';
import { Alert, Button, Card, Col, Empty, Flex, Input, Result, Row, Segmented, Select, Spin, Statistic, Tabs, Tooltip, Typography, theme } from 'antd';
import { PrintButton, PrintHeading } from '../../components/printing';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { AWAITING_DAY_TEXT } from '../../../shared/deadlines/duties';
import type { SubjectKind } from '../../../shared/deadlines/subjectFacts';
import { POLICY_DOMAINS, type PolicyDomain } from '../../../shared/policy/knowledgeBase';
import { useCurrentCompany } from '../../app/currentCompany';
import { navigate, useHashParam } from '../../app/hashLocation';
import { DutyCalendar } from './DutyCalendar';
import { BulkDoneDialog } from './dutyDialogs/BulkDoneDialog';
import { DutyDialog, type DutyDialogKind, type DutyDialogState } from './dutyDialogs/DutyDialog';
import {
  countByGroup, filterRowsExceptGroup, SUBJECT_KIND_LABELS, TRACKER_GROUP_LABELS, TRACKER_GROUPS, type DutyRow, type TrackerGroup,
} from './dutyModel';
import { useDutySnapshot, usePrioritizedCompany, type DutySnapshot } from './dutyStore';
import { dutyRowKey, DutyTable } from './DutyTable';
import { PeriodCalculator } from './PeriodCalculator';
import { ReminderSettingsPanel } from './ReminderSettingsPanel';
import { useReminderSettings } from './reminderSettings';
import { TrackerExports } from './TrackerExports';
import type { ExportScope } from './trackerExport';

type Ready = Extract<DutySnapshot, { status: 'ready' }>;

const GROUP_TEXT_COLORS: Readonly<Record<TrackerGroup, string | undefined>> = {
  overdue: '#cf1322',
  dueWithin7: '#d46b08',
  dueWithin30: '#ad8b00',
  later: undefined,
  done: '#389e0d',
  undated: '#8c8c8c',
};

const NO_DUTIES_TEXT = '暂无计算出的期限事项。期限来自企业记录中的事件、证照、车辆、人员等日期，以及适用于企业的政策；在企业资料中补充这些信息、在合规概览中回答适用性问题后，事项会自动出现在这里。';

const isGroup = (v: string | null): v is TrackerGroup => v !== null && (TRACKER_GROUPS as readonly string[]).includes(v);
const isDomain = (v: string | null): v is PolicyDomain => v !== null && (POLICY_DOMAINS as readonly string[]).includes(v);
const SUBJECT_KINDS = Object.keys(SUBJECT_KIND_LABELS) as SubjectKind[];
const isSubjectKind = (v: string | null): v is SubjectKind => v !== null && (SUBJECT_KINDS as readonly string[]).includes(v);

function GroupCards({ counts, selected, onSelect }: {
  readonly counts: Readonly<Record<TrackerGroup, number>>;
  readonly selected: TrackerGroup | null;
  readonly onSelect: (group: TrackerGroup | null) => void;
}) {
  const { token } = theme.useToken();
  const total = TRACKER_GROUPS.reduce((n, g) => n + counts[g], 0);
  const card = (key: TrackerGroup | null, label: string, value: number, color: string | undefined) => {
    const isSelected = selected === key;
    return (
      <Col key={key ?? 'all'} flex="1 1 120px">
        <Card
          size="small"
          hoverable
          role="button"
          aria-pressed={isSelected}
          aria-label={`${label} ${value} 项`}
          onClick={() => onSelect(key)}
          style={{ borderColor: isSelected ? token.colorPrimary : undefined, boxShadow: isSelected ? `0 0 0 1px ${token.colorPrimary}` : undefined }}
        >
          <Statistic title={label} value={value} suffix="项" styles={{ content: { color, fontSize: 22 } }} />
        </Card>
      </Col>
    );
  };
  return (
    <Row gutter={[8, 8]} wrap>
      {card(null, '全部', total, undefined)}
      {TRACKER_GROUPS.map((g) => card(g, TRACKER_GROUP_LABELS[g], counts[g], GROUP_TEXT_COLORS[g]))}
    </Row>
  );
}

function TrackerView({ snapshot }: { readonly snapshot: Ready }) {
  const { companyId: currentId, company: current, companies, selectCompany } = useCurrentCompany();
  const [scopeParam, setScopeParam] = useHashParam('scope');
  const [companyParam, setCompanyParam] = useHashParam('company');
  const [viewParam, setViewParam] = useHashParam('view');
  const [groupParam, setGroupParam] = useHashParam('group');
  const [domainParam, setDomainParam] = useHashParam('domain');
  const [docParam, setDocParam] = useHashParam('doc');
  const [subjectParam, setSubjectParam] = useHashParam('subject');
  const [focusParam, setFocusParam] = useHashParam('focus');
  const [dateParam] = useHashParam('date');
  const [text, setText] = useState('');
  const deferredText = useDeferredValue(text);
  const [dialog, setDialog] = useState<DutyDialogState | null>(null);
  const [selectedKeys, setSelectedKeys] = useState<string[]>([]);
  const [isBulkOpen, setIsBulkOpen] = useState(false);
  const { settings } = useReminderSettings();

  // A link naming a company (a reminder, the vehicles tab) makes it the current one.
  useEffect(() => {
    if (companyParam === null) return;
    if (companies.some((c) => c.id === companyParam)) {
      if (companyParam !== currentId) selectCompany(companyParam);
      if (scopeParam === 'all') setScopeParam(null);
    }
    setCompanyParam(null);
  }, [companyParam, companies, currentId, selectCompany, scopeParam, setScopeParam, setCompanyParam]);

  const isAll = scopeParam === 'all';
  const [allCompanyFilter, setAllCompanyFilter] = useState<string | null>(null);
  const group = isGroup(groupParam) ? groupParam : null;
  const domain = isDomain(domainParam) ? domainParam : null;
  const subjectKind = isSubjectKind(subjectParam) ? subjectParam : null;

  usePrioritizedCompany(currentId);
  // One company's rows come computed and sorted on their own: no pass over every company's rows.
  const currentRows = useMemo(
    () => (currentId === null ? undefined : snapshot.companies.find((c) => c.record.company.id === currentId)?.rows),
    [snapshot.companies, currentId],
  );
  const scopeRows = useMemo((): readonly DutyRow[] => (isAll ? snapshot.rows : currentRows ?? []), [isAll, snapshot.rows, currentRows]);
  const isScopeLoading = isAll ? snapshot.rows.length === 0 && snapshot.pendingCompanyIds.size > 0 : currentId !== null && currentRows === undefined;
  const stillComputing = isAll ? snapshot.pendingCompanyIds.size : 0;
  const filtered = useMemo(() => {
    const rows = filterRowsExceptGroup(scopeRows, {
      companyId: isAll ? allCompanyFilter : null, group: null, domain, documentId: docParam, subjectKind, text: deferredText,
    });
    return focusParam === null ? rows : rows.filter((r) => r.duty.key === focusParam);
  }, [scopeRows, isAll, allCompanyFilter, domain, docParam, subjectKind, deferredText, focusParam]);
  const counts = useMemo(() => countByGroup(filtered), [filtered]);
  const shown = useMemo(() => (group === null ? filtered : filtered.filter((r) => r.group === group)), [filtered, group]);

  const documentOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of scopeRows) if (!seen.has(r.duty.basis.documentId)) seen.set(r.duty.basis.documentId, r.duty.basis.documentTitle);
    return [...seen].map(([value, label]) => ({ value, label: `《${label}》` }));
  }, [scopeRows]);
  const domainOptions = useMemo(() => POLICY_DOMAINS.filter((d) => scopeRows.some((r) => r.domain === d)).map((d) => ({ value: d, label: d })), [scopeRows]);
  const subjectOptions = useMemo(() => SUBJECT_KINDS.filter((k) => scopeRows.some((r) => r.duty.subject.kind === k)).map((k) => ({ value: k, label: SUBJECT_KIND_LABELS[k] })), [scopeRows]);

  const exportScopes = useMemo((): ExportScope[] => {
    const companiesInScope = isAll ? snapshot.companies : snapshot.companies.filter((c) => c.record.company.id === currentId);
    return companiesInScope.map((c) => ({ record: c.record, rows: c.rows }));
  }, [isAll, snapshot.companies, currentId]);

  const selection = useMemo(() => ({ keys: selectedKeys, onChange: setSelectedKeys }), [selectedKeys]);
  const onAction = useCallback((kind: DutyDialogKind, row: DutyRow) => setDialog({ kind, row }), []);
  // Only what is still on screen and open can be acted on: filters may have hidden a selected row.
  const selectedRows = useMemo(() => {
    const keys = new Set(selectedKeys);
    return shown.filter((r) => keys.has(dutyRowKey(r)) && r.group !== 'done');
  }, [selectedKeys, shown]);

  if (companies.length === 0) {
    return (
      <Empty style={{ marginTop: 48 }} description="尚无企业：新建企业或载入示例企业后，这里列出每家企业的期限事项">
        <Button type="primary" onClick={() => navigate('/companies')}>前往企业列表</Button>
      </Empty>
    );
  }

  if (isScopeLoading) return <Spin description="正在计算各企业的期限…" style={{ display: 'block', margin: '64px auto' }} />;

  const isCalendar = viewParam === 'calendar';
  const scopeName = isAll ? '全部企业' : current?.name ?? '';

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Flex wrap gap={8} align="center">
          <Segmented
            aria-label="范围"
            value={isAll ? 'all' : 'company'}
            onChange={(v) => setScopeParam(v === 'all' ? 'all' : null)}
            options={[{ value: 'company', label: `当前企业：${current?.name ?? '—'}` }, { value: 'all', label: `全部企业（${companies.length}）` }]}
          />
          <Segmented aria-label="视图" value={isCalendar ? 'calendar' : 'list'} onChange={(v) => setViewParam(v === 'calendar' ? 'calendar' : null)} options={[{ value: 'list', label: '列表' }, { value: 'calendar', label: '日历' }]} />
        </Flex>
        <PrintHeading title="期限跟踪" companyName={scopeName} detail={`${shown.length} 项`} />
        <Flex gap={8} align="center">
        {!isCalendar && <PrintButton />}
        <Tooltip title="导出当前范围（当前企业或全部企业）的全部事项，不受筛选影响">
          <span>
            <TrackerExports scopes={exportScopes} scopeName={scopeName} calendar={snapshot.calendar} today={snapshot.today} reminderDaysBefore={settings.leadDays[0] ?? null} />
          </span>
        </Tooltip>
        </Flex>
      </Flex>

      <Flex wrap gap={8}>
        {isAll && (
          <Select<string>
            aria-label="企业筛选" allowClear placeholder="企业：全部" style={{ width: 220 }} value={allCompanyFilter ?? undefined}
            onChange={(v) => setAllCompanyFilter(v ?? null)} options={companies.map((c) => ({ value: c.id, label: c.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        )}
        <Select<string> aria-label="领域筛选" allowClear placeholder="领域：全部" style={{ width: 150 }} value={domain ?? undefined} onChange={(v) => setDomainParam(v ?? null)} options={domainOptions} />
        <Select<string>
          aria-label="政策文件筛选" allowClear placeholder="政策文件：全部" style={{ width: 300 }} value={docParam ?? undefined}
          onChange={(v) => setDocParam(v ?? null)} options={documentOptions} showSearch={{ optionFilterProp: 'label' }} popupMatchSelectWidth={false}
        />
        <Select<string> aria-label="对象筛选" allowClear placeholder="对象：全部" style={{ width: 130 }} value={subjectKind ?? undefined} onChange={(v) => setSubjectParam(v ?? null)} options={subjectOptions} />
        <Input prefix={<SearchOutlined />} aria-label="搜索事项" allowClear placeholder="搜索事项、号牌、姓名、责任人" style={{ width: 260 }} value={text} onChange={(e) => setText(e.target.value)} />
        <Typography.Text type="secondary" style={{ alignSelf: 'center' }} aria-live="polite">
          显示 {shown.length} / 共 {scopeRows.length} 项
        </Typography.Text>
      </Flex>

      {stillComputing > 0 && <Alert type="info" showIcon title={`正在计算其余 ${stillComputing} 家企业的期限，计算完成后列表和计数自动更新`} />}

      {focusParam !== null && (
        <Alert type="info" showIcon title="仅显示提醒中选中的事项" action={<Button size="small" onClick={() => setFocusParam(null)}>显示全部</Button>} />
      )}

      <GroupCards counts={counts} selected={group} onSelect={(g) => setGroupParam(g)} />

      <AwaitingDayNotice rows={scopeRows} onSet={(row) => onAction('schedule', row)} />

      {!isCalendar && selectedRows.length > 0 && (
        <Alert
          type="info"
          title={`已选择 ${selectedRows.length} 项未完成的事项`}
          action={(
            <Flex gap={8}>
              <Button size="small" type="primary" onClick={() => setIsBulkOpen(true)}>批量标记完成</Button>
              <Button size="small" onClick={() => setSelectedKeys([])}>取消选择</Button>
            </Flex>
          )}
        />
      )}

      {isCalendar ? (
        <DutyCalendar rows={group === null ? filtered : shown} initialDate={dateParam} isCompanyShown={isAll} onAction={onAction} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <DutyTable
            rows={shown}
            isCompanyShown={isAll}
            onAction={onAction}
            height={560}
            emptyText={scopeRows.length === 0 ? NO_DUTIES_TEXT : '没有符合条件的事项'}
            selection={selection}
          />
        </Card>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        今天 {snapshot.today}。节假日数据：国务院办公厅节假日安排，数据截至 {snapshot.calendar.publishedThroughYear} 年；此后的日期按周末推算，标为“暂定”。政策数据版本 {snapshot.kb.dataVersion}。
      </Typography.Text>
      {dialog !== null && <DutyDialog state={dialog} today={snapshot.today} onClose={() => setDialog(null)} />}
      {isBulkOpen && selectedRows.length > 0 && (
        <BulkDoneDialog rows={selectedRows} today={snapshot.today} onClose={() => setIsBulkOpen(false)} onDone={() => setSelectedKeys([])} />
      )}
    </Flex>
  );
}

/**
 * Recurring duties whose text states no day (月度能耗数据, 年度经营情况报告) stay 待定 until the officer
 * records the day the authority gave: asked once per duty here, not per period.
 */
function AwaitingDayNotice({ rows, onSet }: { readonly rows: readonly DutyRow[]; readonly onSet: (row: DutyRow) => void }) {
  const firstPerSchedule = useMemo(() => {
    const seen = new Map<string, DutyRow>();
    for (const row of rows) {
      if (row.duty.dueText !== AWAITING_DAY_TEXT) continue;
      const key = `${row.companyId}::${row.duty.scheduleKey}`;
      if (!seen.has(key)) seen.set(key, row);
    }
    return [...seen.values()];
  }, [rows]);
  if (firstPerSchedule.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title="以下定期报送事项原文未规定报送日，在设定主管部门告知的报送日之前显示为“待定”，不计逾期"
      description={(
        <Flex vertical gap={4}>
          {firstPerSchedule.map((row) => (
            <Flex key={`${row.companyId}::${row.duty.scheduleKey}`} gap={8} align="center" wrap>
              <Typography.Text>{row.duty.title}{firstPerSchedule.some((r) => r.companyId !== row.companyId) ? `（${row.companyName}）` : ''}</Typography.Text>
              <Button size="small" onClick={() => onSet(row)} aria-label={`设定报送日：${row.duty.title}`}>设定报送日（各期通用）</Button>
            </Flex>
          ))}
        </Flex>
      )}
    />
  );
}

function TrackerTab() {
  const snapshot = useDutySnapshot();
  if (snapshot.status === 'loading') return <Spin description="正在计算各企业的期限…" style={{ display: 'block', margin: '64px auto' }} />;
  if (snapshot.status === 'failed') return <Result status="error" title="期限无法计算" subTitle={snapshot.message} />;
  return <TrackerView snapshot={snapshot} />;
}

/** 期限跟踪: every dated duty of every company until it is done, the 期限计算器 and reminder settings. */
export function DeadlinesPage() {
  const [tab, setTab] = useHashParam('tab');
  const active = tab === 'calculator' || tab === 'reminders' ? tab : 'tracker';
  return (
    <Flex vertical gap={8}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>期限跟踪</Typography.Title>
        <Typography.Text type="secondary">按政策原文和企业记录计算每项期限，每个截止日期都可查看计算过程和依据；逾期事项在标记完成前一直显示为逾期。</Typography.Text>
      </div>
      <Tabs
        activeKey={active}
        onChange={(key) => setTab(key === 'tracker' ? null : key)}
        destroyOnHidden
        items={[
          { key: 'tracker', label: '事项跟踪', children: <TrackerTab /> },
          { key: 'calculator', label: '期限计算器', children: <PeriodCalculator /> },
          { key: 'reminders', label: '提醒设置', children: <ReminderSettingsPanel /> },
        ]}
      />
    </Flex>
  );
}
