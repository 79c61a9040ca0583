import { EllipsisOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Button, Dropdown, Popover, Space, Table, Tag, Tooltip, Typography, type MenuProps, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { DUTY_STATUS_LABELS, type Duty } from '../../../shared/deadlines/duties';
import type { DutyDialogKind } from './DutyDialogs';
import { daysLeftText, subjectSuffix, type DutyRow, type TrackerGroup } from './dutyModel';

export const GROUP_COLORS: Readonly<Record<TrackerGroup, string>> = {
  overdue: 'error',
  dueWithin7: 'warning',
  dueWithin30: 'gold',
  later: 'processing',
  done: 'success',
  undated: 'default',
};

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

function canSetTrigger(duty: Duty): boolean {
  return duty.trigger.kind !== 'recurring' && duty.trigger.kind !== 'fixedDate' && (duty.trigger.date === null || duty.tracking?.userSetTriggerDate != null);
}

function isUnscheduledRecurring(duty: Duty): boolean {
  return duty.trigger.kind === 'recurring' && !duty.statedInText;
}

export interface DutyTableProps {
  readonly rows: readonly DutyRow[];
  readonly isCompanyShown: boolean;
  readonly onAction: (kind: DutyDialogKind, row: DutyRow) => void;
  readonly height: number;
}

/**
 * Above this many rows the list renders only what is on screen. Below it the table keeps its real
 * table semantics (rows and cells for screen readers), which virtual rendering drops.
 */
export const VIRTUAL_ROWS_FROM = 150;

/** The tracker list: virtual rows for long lists, so 20,000 duties of a 5,000-vehicle fleet scroll smoothly. */
export function DutyTable({ rows, isCompanyShown, onAction, height }: DutyTableProps) {
  const columns = useMemo((): TableColumnsType<DutyRow> => {
    const list: TableColumnsType<DutyRow> = [
      {
        title: '事项',
        key: 'title',
        width: 260,
        fixed: 'left',
        render: (_: unknown, r) => (
          <div>
            <Typography.Text strong>{r.duty.title}</Typography.Text>
            {r.duty.subject.kind !== 'company' && <Typography.Text style={{ fontFamily: r.duty.subject.kind === 'vehicle' ? 'monospace' : undefined }}>{subjectSuffix(r.duty)}</Typography.Text>}
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
    if (isCompanyShown) list.push({ title: '企业', key: 'company', width: 150, ellipsis: true, render: (_: unknown, r) => r.companyName });
    list.push(
      {
        title: '依据',
        key: 'basis',
        width: 170,
        render: (_: unknown, r) => (
          <div style={{ fontSize: 12, lineHeight: 1.5 }}>
            <a href={`#/policies?doc=${encodeURIComponent(r.duty.basis.documentId)}&item=${encodeURIComponent(r.duty.itemId)}`}>{r.duty.basis.citation.ref}</a>
            <Typography.Text type="secondary" ellipsis={{ tooltip: `《${r.duty.basis.documentTitle}》${r.duty.basis.docNumber === null ? '' : `（${r.duty.basis.docNumber}）`}` }} style={{ display: 'block', fontSize: 12 }}>
              《{r.duty.basis.documentTitle}》
            </Typography.Text>
          </div>
        ),
      },
      {
        title: '触发事件及日期',
        key: 'trigger',
        width: 150,
        render: (_: unknown, r) => (
          <div style={{ fontSize: 12, lineHeight: 1.5 }}>
            <Typography.Text ellipsis={{ tooltip: r.duty.trigger.label }} style={{ display: 'block', fontSize: 12 }}>{r.duty.trigger.label}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{triggerDetail(r.duty)}</Typography.Text>
          </div>
        ),
      },
      {
        title: '截止日期',
        key: 'due',
        width: 150,
        render: (_: unknown, r) => (
          <div>
            <Space size={2}>
              <Typography.Text strong={r.group === 'overdue'} type={r.group === 'overdue' ? 'danger' : undefined}>{r.duty.dueText}</Typography.Text>
              <Popover title="截止日期如何计算" content={<Explanation duty={r.duty} />} trigger="click">
                <Button type="text" size="small" aria-label={`计算说明：${r.duty.title}${subjectSuffix(r.duty)}`} icon={<InfoCircleOutlined />} />
              </Popover>
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
        width: 84,
        render: (_: unknown, r) => <Typography.Text type={r.group === 'overdue' ? 'danger' : undefined}>{daysLeftText(r.duty)}</Typography.Text>,
      },
      {
        title: '状态',
        key: 'status',
        width: 104,
        render: (_: unknown, r) => (
          <Space size={2} orientation="vertical">
            <Tag color={GROUP_COLORS[r.group]}>{DUTY_STATUS_LABELS[r.duty.status]}</Tag>
            {r.duty.status === 'done' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.duty.tracking?.doneOn ?? ''}</Typography.Text>}
            {r.isDoneInEnergyLedger && <Tag color="green">能源台账已报送</Tag>}
          </Space>
        ),
      },
      {
        title: '责任人',
        key: 'assignee',
        width: 80,
        render: (_: unknown, r) => (
          <Button type="link" size="small" style={{ padding: 0 }} aria-label={`责任人：${r.duty.title}${subjectSuffix(r.duty)}`} onClick={() => onAction('assignee', r)}>
            {r.duty.tracking?.assignee || '指定'}
          </Button>
        ),
      },
      {
        title: '操作',
        key: 'actions',
        width: 132,
        fixed: 'right',
        render: (_: unknown, r) => <RowActions row={r} onAction={onAction} />,
      },
    );
    return list;
  }, [isCompanyShown, onAction]);

  return (
    <Table<DutyRow>
      rowKey={(r) => `${r.companyId}::${r.duty.key}`}
      size="small"
      virtual={rows.length >= VIRTUAL_ROWS_FROM}
      scroll={{ x: isCompanyShown ? 1280 : 1130, y: height }}
      dataSource={rows}
      columns={columns}
      pagination={false}
      locale={{ emptyText: '没有符合条件的事项' }}
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
  ];
  return (
    <Space size={4}>
      {isDone ? (
        <Tooltip title={row.isDoneInEnergyLedger ? '该月在能源台账中登记为已报送；如需更改请到能源台账修改' : undefined}>
          <Button size="small" disabled={row.isDoneInEnergyLedger} aria-label={`撤销完成：${name}`} onClick={() => onAction('undoDone', row)}>撤销完成</Button>
        </Tooltip>
      ) : (
        <Button size="small" type="primary" ghost aria-label={`标记完成：${name}`} onClick={() => onAction('markDone', row)}>标记完成</Button>
      )}
      <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => onAction(key as DutyDialogKind, row) }}>
        <Button size="small" aria-label={`更多操作：${name}`} icon={<EllipsisOutlined />} />
      </Dropdown>
    </Space>
  );
}
