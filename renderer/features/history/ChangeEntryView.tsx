import { Table, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { AUDITED_TABLES, type ChangeAction, type ChangeLogEntry, type ChangeSource, type ChangeSourceField } from '../../../shared/history/changeLog';
import {
  ACTION_LABELS, SEALED_TEXT, entryRow, fieldLabel, formatFieldValue, formatLocalTimestamp, isSealedRow, recordLabel, rowOf, shownFields,
  type ValueContext,
} from '../../../shared/history/fieldLabels';

const ACTION_COLORS: Readonly<Record<ChangeAction, string>> = { create: 'green', update: 'blue', delete: 'red', restore: 'cyan' };
const VALUE: CSSProperties = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' };
const BEFORE: CSSProperties = { ...VALUE, color: 'rgba(0, 0, 0, 0.55)' };
const LONG_TEXT = 200;

interface FieldRow {
  readonly field: string;
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

function ValueText({ text, style }: { readonly text: string; readonly style: CSSProperties }) {
  // Measured ellipsis only for long texts (经营范围, notes): it is costly, and most values are short.
  if (text.length <= LONG_TEXT) return <span style={style}>{text}</span>;
  return <Typography.Paragraph style={{ ...style, margin: 0 }} ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>{text}</Typography.Paragraph>;
}

/** One change: when, what was done, to which record (outside a single record's view), and the fields. */
export function ChangeEntryView({ entry, isRecordShown, dutyTitles, context }: {
  readonly entry: ChangeLogEntry;
  /** Name the record (company and duty views list several records). */
  readonly isRecordShown: boolean;
  readonly dutyTitles: ReadonlyMap<string, string>;
  readonly context: ValueContext;
}) {
  const before = rowOf(entry.before);
  const after = rowOf(entry.after);
  const isSealed = isSealedRow(entry.before) || isSealedRow(entry.after);
  const fields = shownFields(entry);
  const rows: FieldRow[] = fields.map((field) => ({
    field,
    label: fieldLabel(entry.table, field),
    before: isSealedRow(entry.before) ? SEALED_TEXT : formatFieldValue(entry.table, field, before?.[field], before, context),
    after: isSealedRow(entry.after) ? SEALED_TEXT : formatFieldValue(entry.table, field, after?.[field], after, context),
  }));
  // A rewrite of the duty tracker's append-only 操作记录 is the one change that must stand out.
  const isRewrite = entry.table === 'dutyHistory';
  const valueColumn = entry.action === 'delete' ? '删除前' : '内容';

  return (
    <article aria-label={`${formatLocalTimestamp(entry.at)} ${ACTION_LABELS[entry.action]}`} style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: rows.length > 0 ? 8 : 0 }}>
        <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>{formatLocalTimestamp(entry.at)}</Typography.Text>
        <Tag color={ACTION_COLORS[entry.action]} style={{ marginInlineEnd: 0 }}>{ACTION_LABELS[entry.action]}</Tag>
        {isRecordShown && (
          <Typography.Text>
            <Typography.Text type="secondary">{AUDITED_TABLES[entry.table]}：</Typography.Text>
            {isSealed ? '（已加密）' : recordLabel(entry.table, entryRow(entry), dutyTitles) || '（未命名）'}
          </Typography.Text>
        )}
        {isRewrite && <Tag color="error">操作记录被{entry.action === 'delete' ? '删除' : '更改'}</Tag>}
      </div>
      {rows.length > 0 && (
        <Table<FieldRow>
          size="small"
          bordered
          rowKey="field"
          pagination={false}
          dataSource={rows}
          columns={entry.action === 'update' ? [
            { title: '字段', dataIndex: 'label', width: 150 },
            { title: '修改前', dataIndex: 'before', render: (_: unknown, r) => <ValueText text={r.before} style={BEFORE} /> },
            { title: '修改后', dataIndex: 'after', render: (_: unknown, r) => <ValueText text={r.after} style={VALUE} /> },
          ] : [
            { title: '字段', dataIndex: 'label', width: 150 },
            {
              title: valueColumn,
              dataIndex: entry.action === 'delete' ? 'before' : 'after',
              render: (_: unknown, r) => <ValueText text={entry.action === 'delete' ? r.before : r.after} style={VALUE} />,
            },
          ]}
        />
      )}
      {entry.source !== undefined && <SourceView source={entry.source} />}
    </article>
  );
}

/** 来源：…扫描件识别, and per field what was recognised and what the officer changed it to (issue 18). */
function SourceView({ source }: { readonly source: ChangeSource }) {
  const changed = source.fields.filter((f) => f.final !== null && f.isConverted !== true).length;
  return (
    <section aria-label="识别来源" style={{ marginTop: 8 }}>
      <Typography.Text type="secondary">{source.text}{changed > 0 ? `，核对时修改了 ${changed} 项` : '，识别值均未修改'}</Typography.Text>
      <Table<ChangeSourceField>
        size="small"
        bordered
        rowKey="label"
        pagination={false}
        style={{ marginTop: 4 }}
        dataSource={[...source.fields]}
        columns={[
          { title: '识别项目', dataIndex: 'label', width: 150 },
          { title: '识别值', key: 'recognised', render: (_: unknown, f) => <ValueText text={f.recognised ?? '（未识别到）'} style={BEFORE} /> },
          {
            title: '核对后', key: 'final',
            render: (_: unknown, f) => (f.isNotSaved === true
              ? <Typography.Text type="secondary">（无对应字段，未保存）</Typography.Text>
              : f.final === null ? <Typography.Text type="secondary">未修改</Typography.Text>
                : <ValueText text={f.isConverted === true ? `记为选项：${f.final}` : `改为：${f.final}`} style={VALUE} />),
          },
        ]}
      />
    </section>
  );
}
