import { EllipsisOutlined, InfoCircleOutlined } from '../../components/icons';
import { usePrinting } from '../../components/printing';
import { Button, Dropdown, Popover, Space, Table, Tag, Tooltip, Typography, type MenuProps, type TableColumnsType } from 'antd';
import { memo, useMemo, useState, type CSSProperties } from 'react';
import { DUTY_STATUS_LABELS, type Duty } from '../../../shared/deadlines/duties';
import type { DutyDialogKind } from './dutyDialogs/DutyDialog';
import { daysLeftText, GROUP_COLORS, subjectSuffix, type DutyRow } from './dutyModel';

// Plain styles instead of Typography's measured ellipsis: thousands of rows must render cheaply.
const SECONDARY: CSSProperties = { color: 'rgba(0, 0, 0, 0.45)' };
const CLIP: CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };
const ELLIPSIS: CSSProperties = { ...SECONDARY, ...CLIP };
const NOWRAP: CSSProperties = { whiteSpace: 'nowrap' };
const DANGER_NOWRAP: CSSProperties = { whiteSpace: 'nowrap', color: '#cf1322' };
const DANGER_STRONG: CSSProperties = { color: '#cf1322', fontWeight: 600 };
const SUBJECT: CSSProperties = { whiteSpace: 'nowrap' };
const VEHICLE_SUBJECT: CSSProperties = { whiteSpace: 'nowrap', fontFamily: 'monospace' };


function Explanation({ duty }: { readonly duty: Duty }) {
  return (
    <div style={{ maxWidth: 520 }}>
      {duty.isProvisional && (
        <Typography.Paragraph type="warning" style={{ marginBottom: 8 }}>
          暂定日期：相关年份的假期安排尚未公布，仅按周末推算；国务院公布安排后自动重新计算。
        </Typography.Paragraph>
      )}
      <Typography.Paragraph style={{ marginBottom: 8, whiteSpace: 'pre-wrap' }}>{duty.basis.explanation || '原文规定的期限。'}</Typography.Paragraph>
      {duty.window !== null && <Typography.Paragraph style={{ marginBottom: 8 }}>办理期间：{duty.window.opens} 至 {duty.window.closes}</Typography.Paragraph>}
      {duty.basis.legalBasis !== '' && <Typography.Text type="secondary">计算依据：{duty.basis.legalBasis}</Typography.Text>}
      <div>
        <Typography.Text type="secondary">
          法规依据：{duty.basis.reference}
          {duty.basis.docNumber === null ? '' : `（${duty.basis.docNumber}）`}
        </Typography.Text>
      </div>
    </div>
  );
}

/** The trigger's date, or where a recurring or fixed date comes from. */
function triggerDetail(duty: Duty): string {
  switch (duty.trigger.kind) {
    case 'recurring':
      return duty.trigger.source;
    case 'fixedDate':
      return '原文规定的日期';
    case 'event':
    case 'factDate':
    case 'none':
      return duty.trigger.date ?? '日期未知';
  }
}

/**
 * The ⓘ next to a due date. The popover is mounted on first click only: thousands of rows each
 * holding a popover trigger would make scrolling a large fleet stutter.
 */
function ExplainButton({ duty }: { readonly duty: Duty }) {
  const [isMounted, setIsMounted] = useState(false);
  const [isOpen, setIsOpen] = useState(false);
  const button = (
    <Button
      type="text"
      size="small"
      aria-label={`计算说明：${duty.title}${subjectSuffix(duty)}`}
      icon={<InfoCircleOutlined />}
      onClick={isMounted ? undefined : () => {
        setIsMounted(true);
        setIsOpen(true);
      }}
    />
  );
  if (!isMounted) return button;
  return <Popover title="截止日期如何计算" content={<Explanation duty={duty} />} trigger="click" open={isOpen} onOpenChange={setIsOpen}>{button}</Popover>;
}

function canSetTrigger(duty: Duty): boolean {
  return duty.trigger.kind !== 'recurring' && duty.trigger.kind !== 'fixedDate' && (duty.trigger.date === null || duty.tracking?.userSetTriggerDate != null);
}

function isUnscheduledRecurring(duty: Duty): boolean {
  return duty.trigger.kind === 'recurring' && !duty.statedInText;
}

export interface DutyTableProps {
  readonly rows: readonly DutyRow[];
  /** Shown when there are no rows. */
  readonly emptyText?: string;
  readonly isCompanyShown: boolean;
  readonly onAction: (kind: DutyDialogKind, row: DutyRow) => void;
  readonly height: number;
  /** Checkboxes for acting on several open duties at once (row keys: dutyRowKey). */
  readonly selection?: { readonly keys: readonly string[]; readonly onChange: (keys: string[]) => void };
}

/** A row's key across companies (subject ids are unique per company only). */
export function dutyRowKey(row: DutyRow): string {
  return `${row.companyId}::${row.duty.key}`;
}

/**
 * Above this many rows the list renders only what is on screen. Below it the table keeps its real
 * table semantics (rows and cells for screen readers), which virtual rendering drops.
 */
export const VIRTUAL_ROWS_FROM = 150;

/**
 * The tracker list: virtual rows for long lists, so 20,000 duties of a 5,000-vehicle fleet scroll smoothly.
 * Memoised: while other companies' duties arrive from the worker the page re-renders, and the
 * table must not rebuild tens of thousands of rows each time its own props are unchanged.
 */
export const DutyTable = memo(DutyTableView);

function DutyTableView({ rows, isCompanyShown, onAction, height, emptyText = '没有符合条件的事项', selection }: DutyTableProps) {
  // Paper has no scrolling: while printing, every row is rendered (see printing.tsx).
  const isPrinting = usePrinting();
  const columns = useMemo((): TableColumnsType<DutyRow> => {
    const list: TableColumnsType<DutyRow> = [
      {
        title: '事项',
        key: 'title',
        width: 214,
        fixed: 'left',
        render: (_: unknown, r) => (
          <div>
            <strong style={{ fontWeight: 600 }}>{r.duty.title}</strong>
            {r.duty.subject.kind !== 'company' && <span style={r.duty.subject.kind === 'vehicle' ? VEHICLE_SUBJECT : SUBJECT}>{subjectSuffix(r.duty)}</span>}
            <div>
              <Space size={[4, 2]} wrap>
                {r.duty.actor === 'authority' && <Tag>主管部门办理</Tag>}
                {r.duty.limit === 'earliest' && <Tag color="cyan">最早可办理日</Tag>}
                {r.duty.isApplicabilityUncertain && <Tooltip title="相关信息不全，请补充企业或对象信息后确认是否适用"><Tag color="orange">是否适用待确认</Tag></Tooltip>}
                {!r.duty.statedInText && <Tag color="purple">原文未定日期</Tag>}
              </Space>
            </div>
          </div>
        ),
      },
    ];
    if (isCompanyShown) list.push({ title: '企业', key: 'company', width: 130, ellipsis: { showTitle: true }, render: (_: unknown, r) => r.companyName });
    list.push(
      {
        title: '依据',
        key: 'basis',
        width: 138,
        render: (_: unknown, r) => {
          const document = `《${r.duty.basis.documentTitle}》${r.duty.basis.docNumber === null ? '' : `（${r.duty.basis.docNumber}）`}`;
          return (
            <div style={{ fontSize: 12, lineHeight: 1.5 }}>
              <a href={`#/policies?doc=${encodeURIComponent(r.duty.basis.documentId)}&item=${encodeURIComponent(r.duty.itemId)}`} title={`${document}${r.duty.basis.citation.ref}：${r.duty.itemTitle}`}>
                {r.duty.basis.citation.ref}
              </a>
              <div style={ELLIPSIS} title={document}>{document}</div>
            </div>
          );
        },
      },
      {
        title: '触发事件及日期',
        key: 'trigger',
        width: 128,
        render: (_: unknown, r) => (
          <div style={{ fontSize: 12, lineHeight: 1.5 }}>
            <div style={CLIP} title={r.duty.trigger.label}>{r.duty.trigger.label}</div>
            <div style={SECONDARY}>{triggerDetail(r.duty)}</div>
          </div>
        ),
      },
      {
        title: '截止日期',
        key: 'due',
        width: 128,
        render: (_: unknown, r) => (
          <div>
            <Space size={2}>
              <span style={r.group === 'overdue' ? DANGER_STRONG : undefined}>{r.duty.dueText}</span>
              <ExplainButton duty={r.duty} />
            </Space>
            {(r.duty.isProvisional || r.duty.isUserSetDate) && (
              <div>
                {r.duty.isProvisional && <Tooltip title="假期安排尚未公布，仅按周末推算"><Tag color="orange">暂定</Tag></Tooltip>}
                {r.duty.isUserSetDate && <Tag color="geekblue">主管部门告知</Tag>}
              </div>
            )}
          </div>
        ),
      },
      {
        title: '剩余天数',
        key: 'daysLeft',
        width: 88,
        render: (_: unknown, r) => <span style={r.group === 'overdue' ? DANGER_NOWRAP : NOWRAP}>{daysLeftText(r.duty)}</span>,
      },
      {
        title: '状态',
        key: 'status',
        width: 84,
        render: (_: unknown, r) => (
          <Space size={2} orientation="vertical">
            <Tag color={GROUP_COLORS[r.group]}>{DUTY_STATUS_LABELS[r.duty.status]}</Tag>
            {r.duty.status === 'done' && <span style={{ ...SECONDARY, fontSize: 12 }}>{r.duty.tracking?.doneOn ?? r.duty.fulfilledByEvent?.date ?? ''}</span>}
            {r.duty.fulfilledByEvent !== null && <Tooltip title={`企业事件记录中已有“${r.duty.fulfilledByEvent.label}”（${r.duty.fulfilledByEvent.date}），即已办理`}><Tag color="green">事件记录</Tag></Tooltip>}
            {r.isDoneInEnergyLedger && <Tag color="green">能源台账已报送</Tag>}
          </Space>
        ),
      },
      {
        title: '责任人',
        key: 'assignee',
        width: 72,
        render: (_: unknown, r) => (
          <Button type="link" size="small" style={{ padding: 0 }} aria-label={`责任人：${r.duty.title}${subjectSuffix(r.duty)}`} onClick={() => onAction('assignee', r)}>
            {r.duty.tracking?.assignee || '指定'}
          </Button>
        ),
      },
      {
        title: '操作',
        key: 'actions',
        width: 112,
        fixed: 'right',
        render: (_: unknown, r) => <RowActions row={r} onAction={onAction} />,
      },
    );
    return list;
  }, [isCompanyShown, onAction]);

  return (
    <Table<DutyRow>
      rowKey={dutyRowKey}
      rowSelection={selection === undefined ? undefined : {
        selectedRowKeys: [...selection.keys],
        onChange: (keys) => selection.onChange(keys.map(String)),
        getCheckboxProps: (r) => ({ disabled: r.group === 'done', 'aria-label': `选择：${r.duty.title}${subjectSuffix(r.duty)}` }),
        columnWidth: 36,
        fixed: 'left',
      }}
      size="small"
      virtual={!isPrinting && rows.length >= VIRTUAL_ROWS_FROM}
      scroll={isPrinting ? undefined : { x: (isCompanyShown ? 1094 : 964) + (selection === undefined ? 0 : 36), y: height }}
      dataSource={rows}
      columns={columns}
      pagination={false}
      locale={{ emptyText }}
    />
  );
}

function RowActions({ row, onAction }: { readonly row: DutyRow; readonly onAction: (kind: DutyDialogKind, row: DutyRow) => void }) {
  const { duty } = row;
  const name = `${duty.title}${subjectSuffix(duty)}`;
  const isDone = duty.status === 'done';
  const items: MenuProps['items'] = [
    { key: 'dueDate', label: duty.isUserSetDate ? '修改截止日期（主管部门告知）' : '填写截止日期（主管部门告知）' },
    ...(canSetTrigger(duty) ? [{ key: 'triggerDate', label: '填写触发日期' }] : []),
    ...(isUnscheduledRecurring(duty) ? [{ key: 'schedule', label: '设定报送日' }] : []),
    { key: 'assignee', label: '指定责任人' },
    { type: 'divider' as const },
    { key: 'history', label: '操作记录' },
    { key: 'changes', label: '修改记录' },
  ];
  return (
    <Space size={2}>
      {isDone ? (
        duty.fulfilledByEvent !== null ? (
          <Tooltip title={`由事件记录“${duty.fulfilledByEvent.label}”（${duty.fulfilledByEvent.date}）确认已办理；如需更改请修改该事件记录`}>
            <Button size="small" disabled aria-label={`撤销完成：${name}`}>撤销完成</Button>
          </Tooltip>
        ) : row.isDoneInEnergyLedger ? (
          <Tooltip title="该月在能源台账中登记为已报送；如需更改请到能源台账修改">
            <Button size="small" disabled aria-label={`撤销完成：${name}`}>撤销完成</Button>
          </Tooltip>
        ) : (
          <Button size="small" aria-label={`撤销完成：${name}`} onClick={() => onAction('undoDone', row)}>撤销完成</Button>
        )
      ) : (
        <Button size="small" type="primary" ghost aria-label={`标记完成：${name}`} onClick={() => onAction('markDone', row)}>标记完成</Button>
      )}
      <MoreMenu name={name} items={items} onSelect={(key) => onAction(key as DutyDialogKind, row)} />
    </Space>
  );
}

/** The row's ⋯ menu, mounted on first click for the same reason as ExplainButton. */
function MoreMenu({ name, items, onSelect }: { readonly name: string; readonly items: MenuProps['items']; readonly onSelect: (key: string) => void }) {
  const [isMounted, setIsMounted] = useState(false);
  const [isOpen, setIsOpen] = useState(false);
  const button = (
    <Button
      size="small"
      aria-label={`更多操作：${name}`}
      icon={<EllipsisOutlined />}
      onClick={isMounted ? undefined : () => {
        setIsMounted(true);
        setIsOpen(true);
      }}
    />
  );
  if (!isMounted) return button;
  return (
    <Dropdown
      trigger={['click']}
      open={isOpen}
      onOpenChange={setIsOpen}
      menu={{
        items,
        onClick: ({ key }) => {
          setIsOpen(false);
          onSelect(key);
        },
      }}
    >
      {button}
    </Dropdown>
  );
}
