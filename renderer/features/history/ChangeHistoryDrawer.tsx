import { EyeInvisibleOutlined, EyeOutlined } from '../../components/icons';
import { Alert, Button, Drawer, Empty, Pagination, Select, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { AUDITED_TABLES, type AuditedTable, type ChangeLogEntry } from '../../../shared/history/changeLog';
import { isIdNumberField, recordLabel, rowOf, type ValueContext } from '../../../shared/history/fieldLabels';
import { ChangeEntryView } from './ChangeEntryView';
import { COMPANY_HISTORY_LIMIT, useChangeHistory, type HistoryScope } from './useChangeHistory';

const PAGE_SIZE = 20;
const TABLE_OPTIONS = (Object.keys(AUDITED_TABLES) as AuditedTable[]).map((t) => ({ value: t, label: AUDITED_TABLES[t] }));

/** Names by id for reference fields (a person's store, an event's subject): the company's records, then the entries'. */
function namesById(record: CompanyRecord | undefined, entries: readonly ChangeLogEntry[], dutyTitles: ReadonlyMap<string, string>): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of entries) {
    const row = rowOf(e.after) ?? rowOf(e.before);
    if (row !== null) names.set(e.entityId, recordLabel(e.table, row, dutyTitles));
  }
  if (record !== undefined) {
    for (const p of record.people) names.set(p.id, p.name);
    for (const s of record.stores) names.set(s.id, s.name);
    for (const v of record.vehicles) names.set(v.id, v.plate);
    for (const l of record.licences) names.set(l.id, recordLabel('licences', l));
  }
  return names;
}

function hasIdNumber(entries: readonly ChangeLogEntry[]): boolean {
  return entries.some((e) => [rowOf(e.before), rowOf(e.after)].some((row) =>
    row !== null && Object.entries(row).some(([field, value]) => typeof value === 'string' && value !== '' && isIdNumberField(e.table, field, row))));
}

/**
 * The change history of one record, one duty or a whole company (issue 6), newest first and live.
 * 居民身份证号码 stay masked unless the officer asks; the choice ends with the drawer (callers
 * unmount it on close, so it always opens masked).
 */
export function ChangeHistoryDrawer({ scope, record, onClose }: {
  readonly scope: HistoryScope;
  /** The company's records, to name the stores, people and vehicles a change refers to. */
  readonly record?: CompanyRecord;
  readonly onClose: () => void;
}) {
  const [table, setTable] = useState<AuditedTable | null>(null);
  const [page, setPage] = useState(1);
  const [isIdRevealed, setIsIdRevealed] = useState(false);
  const history = useChangeHistory(scope, scope.kind === 'company' ? table : null);
  const entries = useMemo(() => history?.entries ?? [], [history]);
  const dutyTitles = useMemo(() => history?.dutyTitles ?? new Map<string, string>(), [history]);
  const names = useMemo(() => namesById(record, entries, dutyTitles), [record, entries, dutyTitles]);
  const context: ValueContext = useMemo(() => ({ isIdRevealed, nameOf: (id) => names.get(id) }), [isIdRevealed, names]);
  const showsIdToggle = useMemo(() => hasIdNumber(entries), [entries]);
  const rewrites = scope.kind === 'duty' ? entries.filter((e) => e.table === 'dutyHistory').length : 0;

  const pageCount = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  const currentPage = Math.min(page, pageCount);
  const shown = entries.slice((currentPage - 1) * PAGE_SIZE, currentPage * PAGE_SIZE);

  return (
    <Drawer
      open
      title={scope.title}
      size={760}
      onClose={onClose}
      extra={showsIdToggle && (
        <Button icon={isIdRevealed ? <EyeInvisibleOutlined /> : <EyeOutlined />} onClick={() => setIsIdRevealed((v) => !v)}>
          {isIdRevealed ? '隐藏身份证号码' : '显示身份证号码'}
        </Button>
      )}
    >
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          每次新增、修改和删除都自动记录修改前后的内容，记录只增不改，不能修改或删除。
        </Typography.Paragraph>
        {scope.kind === 'company' && (
          <Space wrap>
            <Select<AuditedTable>
              aria-label="按类别筛选"
              allowClear
              placeholder="全部类别"
              style={{ width: 180 }}
              value={table ?? undefined}
              onChange={(value) => {
                setTable(value ?? null);
                setPage(1);
              }}
              options={TABLE_OPTIONS}
            />
            {history !== undefined && (
              <Typography.Text type="secondary" aria-live="polite">
                {history.total > entries.length
                  ? `共 ${history.total} 条，仅显示最近 ${COMPANY_HISTORY_LIMIT} 条`
                  : `共 ${history.total} 条`}
              </Typography.Text>
            )}
          </Space>
        )}
        {rewrites > 0 && (
          <Alert type="error" showIcon title={`此事项的操作记录有 ${rewrites} 处被更改或删除，详见下方标红的记录。`} />
        )}
        {history === undefined ? (
          <Spin style={{ display: 'block', margin: '48px auto' }} />
        ) : entries.length === 0 ? (
          <Empty description="暂无修改记录" />
        ) : (
          <>
            <div>
              {shown.map((entry) => (
                <ChangeEntryView key={entry.seq ?? `${entry.at}|${entry.entityId}`} entry={entry} isRecordShown={scope.kind !== 'record'} dutyTitles={dutyTitles} context={context} />
              ))}
            </div>
            {entries.length > PAGE_SIZE && (
              <Pagination align="end" size="small" current={currentPage} pageSize={PAGE_SIZE} total={entries.length} showSizeChanger={false} onChange={setPage} />
            )}
          </>
        )}
      </Space>
    </Drawer>
  );
}
