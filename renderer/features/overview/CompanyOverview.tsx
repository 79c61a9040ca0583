import { FormOutlined } from '../../components/icons';
import { App, Button, Card, Col, Collapse, Empty, Flex, Input, Pagination, Row, Segmented, Select, Statistic, Tabs, Tag, Typography, theme } from 'antd';
import { PrintButton, PrintHeading, usePrinting } from '../../components/printing';
import { paginationItemRender } from '../../components/paginationLabels';
import { useMemo, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { ITEM_KINDS, POLICY_DOMAINS, type ItemKind, type PolicyDomain } from '../../../shared/policy/knowledgeBase';
import { useHashParam } from '../../app/hashLocation';
import { type CompanyAnswer } from '../../storage/companyRepository';
import { useRepositories } from '../../storage/repositories';
import { useKnowledgeBase } from '../policies/KnowledgeBaseProvider';
import { AnsweredQuestionsDrawer } from './AnsweredQuestionsDrawer';
import { ItemEvaluationCard, type PresumptionOverturner } from './ItemEvaluationCard';
import { JudgementDateControl } from './JudgementDateControl';
import {
  countOverview, evaluateOverview, filterEntries, isInTab, OVERVIEW_TABS, pendingQuestions, questionsByKey, sortForTab,
  type KindFilter, type OverviewEntry, type OverviewTab,
} from './overviewModel';
import { QuestionField, type AnswerSaver } from './QuestionField';
import type { JudgementDate } from './useJudgementDate';
import { errorMessage } from '../../components/failureDialog';

const PAGE_SIZE = 10;

const TAB_LABELS: Readonly<Record<OverviewTab, string>> = {
  applicable: '适用', undecided: '待确认', gaps: '差距', notApplicable: '不适用',
};

const TAB_EMPTY: Readonly<Record<OverviewTab, string>> = {
  applicable: '没有确定适用本企业的条目',
  undecided: '没有待确认的条目：所需的事实都已知道',
  gaps: '没有发现差距',
  notApplicable: '没有不适用的条目',
};

const KIND_FILTER_OPTIONS = [
  { label: '全部义务（备案登记、报送、持续义务）', value: 'obligations' },
  { label: '全部机会（申请、扶持政策）', value: 'opportunities' },
  ...(Object.keys(ITEM_KINDS) as ItemKind[]).map((k) => ({ label: ITEM_KINDS[k], value: k })),
];

const isTab = (v: string | null): v is OverviewTab => v !== null && (OVERVIEW_TABS as readonly string[]).includes(v);

function EntryList({ entries, record, onSave, onOverturn, emptyText }: {
  readonly entries: readonly OverviewEntry[]; readonly record: CompanyRecord; readonly onSave: AnswerSaver;
  readonly onOverturn: PresumptionOverturner; readonly emptyText: string;
}) {
  const [page, setPage] = useState(1);
  // Paper shows the whole list, not one page of it (see printing.tsx).
  const isPrinting = usePrinting();
  if (entries.length === 0) return <Empty style={{ margin: '32px 0' }} description={emptyText} />;
  const lastPage = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  // An answer can move items out of this list; stay on a page that still exists.
  const current = Math.min(page, lastPage);
  return (
    <Flex vertical gap={12}>
      {(isPrinting ? entries : entries.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE)).map((entry) => (
        <ItemEvaluationCard key={entry.item.id} entry={entry} company={record.company} onSave={onSave} onOverturn={onOverturn} />
      ))}
      {entries.length > PAGE_SIZE ? (
        <Pagination align="center" current={current} pageSize={PAGE_SIZE} total={entries.length} showSizeChanger={false} onChange={setPage} showTotal={(n) => `共 ${n} 条`} itemRender={paginationItemRender} />
      ) : null}
    </Flex>
  );
}

/** The undecided items' questions, each once, with the items it decides. */
function QuestionList({ entries, record, onSave }: { readonly entries: readonly OverviewEntry[]; readonly record: CompanyRecord; readonly onSave: AnswerSaver }) {
  const { token } = theme.useToken();
  const pending = pendingQuestions(entries);
  if (pending.length === 0) return <Empty style={{ margin: '32px 0' }} description="没有待回答的问题" />;
  return (
    <Flex vertical gap={0}>
      {pending.map((p) => (
        <div key={p.question.key} style={{ padding: '12px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          <Flex vertical gap={6}>
            <QuestionField question={p.question} value={record.company.answers[p.question.key] ?? undefined} onSave={onSave} {...(p.missing.detail !== undefined ? { hint: p.missing.detail } : {})} />
            <Flex gap={4} wrap align="baseline">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>影响 {p.entries.length} 条：</Typography.Text>
              {p.entries.slice(0, 6).map((e) => <Tag key={e.item.id} style={{ fontSize: 12 }}>{e.item.title}</Tag>)}
              {p.entries.length > 6 ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>等</Typography.Text> : null}
            </Flex>
          </Flex>
        </div>
      ))}
    </Flex>
  );
}

/**
 * 合规概览 for one company on one day: what applies (obligations and opportunities), what is
 * undecided and which questions decide it, and the gaps; each item explains itself.
 */
export function CompanyOverview({ record, judgement }: { readonly record: CompanyRecord; readonly judgement: JudgementDate }) {
  const repositories = useRepositories();
  const { date } = judgement;
  const active = useKnowledgeBase();
  const { kb } = active;
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const [tabParam, setTab] = useHashParam('tab');
  const tab: OverviewTab = isTab(tabParam) ? tabParam : 'applicable';
  const [kind, setKind] = useState<KindFilter | null>(null);
  const [domain, setDomain] = useState<PolicyDomain | null>(null);
  const [undecidedView, setUndecidedView] = useState<'items' | 'questions'>('items');
  const [search, setSearch] = useState('');
  const [isAnswersOpen, setAnswersOpen] = useState(false);

  // Evaluation is pure and takes milliseconds: recompute from the live record on every change.
  const overview = useMemo(() => evaluateOverview(kb, record, date), [kb, record, date]);
  const questions = useMemo(() => questionsByKey(kb), [kb]);
  const counts = countOverview(overview.entries);
  const filtered = filterEntries(overview.entries, { kind, domain, search });
  const inTab = (t: OverviewTab) => filtered.filter((e) => isInTab(e, t));
  const answeredCount = Object.values(record.company.answers).filter((v) => v !== null).length;

  const onSave: AnswerSaver = async (key, value: CompanyAnswer | null) => {
    try {
      await repositories.saveCompanyAnswer(record.company.id, key, value);
      void message.success(value === null ? '已清除回答，结果已更新' : '已保存回答，结果已更新');
    } catch (e) {
      void message.error(errorMessage(e, { lead: '保存回答失败' }));
    }
  };

  const onOverturn: PresumptionOverturner = async (keys, isOverturned) => {
    try {
      await repositories.setPresumptionOverturned(record.company.id, keys, isOverturned);
      void message.success(isOverturned ? '已推翻推定：请回答相应问题，结果已更新' : '已恢复推定，结果已更新');
    } catch (e) {
      void message.error(errorMessage(e, { lead: '保存失败' }));
    }
  };

  const stat = (t: OverviewTab, value: number, color: string, note: string) => (
    <Col xs={12} lg={6}>
      <Card
        size="small"
        hoverable
        role="group"
        aria-label={`${TAB_LABELS[t]}：${value} 条`}
        onClick={() => setTab(t)}
        style={{ borderColor: tab === t ? color : undefined, boxShadow: tab === t ? `0 0 0 1px ${color}` : undefined }}
      >
        <Statistic title={TAB_LABELS[t]} value={value} suffix="条" styles={{ content: { color } }} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{note}</Typography.Text>
      </Card>
    </Col>
  );

  const tabItems = OVERVIEW_TABS.map((t) => {
    const list = sortForTab(inTab(t));
    let children;
    if (t === 'undecided') {
      children = (
        <Flex vertical gap={12}>
          <Segmented<'items' | 'questions'>
            aria-label="待确认的显示方式"
            style={{ alignSelf: 'flex-start' }}
            value={undecidedView}
            onChange={setUndecidedView}
            options={[{ label: '按条目', value: 'items' }, { label: `企业画像：${counts.openQuestions} 个问题（一次回答，多条更新）`, value: 'questions' }]}
          />
          {undecidedView === 'items'
            ? <EntryList key={`${t}-${kind ?? ''}-${domain ?? ''}-${search}`} entries={list} record={record} onSave={onSave} onOverturn={onOverturn} emptyText={TAB_EMPTY[t]} />
            : <QuestionList entries={filtered} record={record} onSave={onSave} />}
        </Flex>
      );
    } else {
      children = <EntryList key={`${t}-${kind ?? ''}-${domain ?? ''}-${search}`} entries={list} record={record} onSave={onSave} onOverturn={onOverturn} emptyText={TAB_EMPTY[t]} />;
    }
    return { key: t, label: `${TAB_LABELS[t]}（${list.length}）`, children };
  });

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={4}>
            <Typography.Title level={3} style={{ margin: 0 }}>合规概览</Typography.Title>
            <Flex gap={12} wrap align="baseline">
              <Typography.Text strong>{record.company.name}</Typography.Text>
              <Typography.Text type="secondary">按判断日 {date}{judgement.isToday ? '（今天）' : ' '}判断 · 政策数据版本 {kb.dataVersion}（{active.origin === 'override' ? '已更新' : '内置'}）</Typography.Text>
            </Flex>
          </Flex>
          <Flex gap={8}>
            <PrintButton />
            <Button icon={<FormOutlined />} onClick={() => setAnswersOpen(true)}>已回答的问题（{answeredCount}）</Button>
          </Flex>
        </Flex>
        <div style={{ marginTop: 16 }}>
          <JudgementDateControl judgement={judgement} />
        </div>
      </Card>

      <Row gutter={[16, 16]}>
        {stat('applicable', counts.applicable, token.colorSuccess, `义务 ${counts.obligations} 条 · 机会 ${counts.opportunities} 条`)}
        {stat('undecided', counts.undecided, token.colorWarning, `待回答的问题 ${counts.openQuestions} 个`)}
        {stat('gaps', counts.gaps, token.colorError, '申请或享受政策尚不满足的条件')}
        {stat('notApplicable', counts.notApplicable, token.colorTextTertiary, `其中 ${counts.presumed} 条为推定，可逐条推翻`)}
      </Row>

      <Card styles={{ body: { paddingTop: 8 } }}>
        <PrintHeading title={`合规概览 · ${TAB_LABELS[tab]}`} companyName={record.company.name} detail={`按判断日 ${date} 判断`} />
        <Tabs
          destroyOnHidden
          activeKey={tab}
          onChange={(k) => setTab(k)}
          items={tabItems}
          tabBarExtraContent={
            <Flex gap={8}>
              <Input.Search
                aria-label="搜索条目"
                allowClear
                placeholder="搜索条目、文件、文号"
                style={{ width: 200 }}
                value={search}
                onChange={(ev) => setSearch(ev.target.value)}
              />
              <Select<KindFilter>
                aria-label="按条目类型筛选"
                allowClear
                placeholder="全部条目类型"
                style={{ width: 200 }}
                value={kind ?? undefined}
                onChange={(v) => setKind(v ?? null)}
                options={KIND_FILTER_OPTIONS}
                popupMatchSelectWidth={false}
              />
              <Select<PolicyDomain>
                aria-label="按领域筛选"
                allowClear
                placeholder="全部领域"
                style={{ width: 150 }}
                value={domain ?? undefined}
                onChange={(v) => setDomain(v ?? null)}
                options={POLICY_DOMAINS.map((d) => ({ label: d, value: d }))}
              />
            </Flex>
          }
        />
      </Card>

      {overview.governmentOnly.length > 0 ? (
        <Collapse
          size="small"
          items={[{
            key: 'government',
            label: `另有 ${overview.governmentOnly.length} 份文件仅涉及政府部门，不对企业设定事项`,
            children: (
              <Flex vertical gap={6}>
                {overview.governmentOnly.map((d) => (
                  <Flex key={d.id} gap={8} align="baseline">
                    <Tag>仅涉及政府部门</Tag>
                    <Typography.Link href={`#/policies?doc=${encodeURIComponent(d.id)}`}>{d.title}</Typography.Link>
                  </Flex>
                ))}
              </Flex>
            ),
          }]}
        />
      ) : null}

      <AnsweredQuestionsDrawer company={record.company} questions={questions} isOpen={isAnswersOpen} onClose={() => setAnswersOpen(false)} onSave={onSave} />
    </Flex>
  );
}
