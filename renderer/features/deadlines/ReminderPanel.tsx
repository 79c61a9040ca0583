import { Button, Empty, List, Tag, Typography } from 'antd';
import { daysLeftText, GROUP_COLORS, subjectSuffix, type DutyRow } from './dutyModel';
import type { DutySnapshot } from './dutyStore';

const SHOWN = 50;

export interface ReminderPanelProps {
  readonly snapshot: DutySnapshot;
  /** Every company is computed (the list and counts are complete). */
  readonly ready: boolean;
  readonly due: readonly DutyRow[];
  readonly isEnabled: boolean;
  readonly onOpenRow: (row: DutyRow) => void;
  readonly onOpenTracker: () => void;
}

/** The reminder bell's panel: overdue and due-soon duties across all companies (see ReminderBell.tsx). */
export default function ReminderPanel({ snapshot, ready, due, isEnabled, onOpenRow, onOpenTracker }: ReminderPanelProps) {
  return (
    <div style={{ width: 420 }}>
      {snapshot.status === 'failed' && <Typography.Text type="danger">{snapshot.message}</Typography.Text>}
      {snapshot.status !== 'failed' && !ready && <Typography.Text type="secondary">正在计算期限…</Typography.Text>}
      {ready && due.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={isEnabled ? '没有逾期或即将到期的事项' : '提醒已关闭'} />}
      {due.length > 0 && (
        <List<DutyRow>
          size="small"
          dataSource={due.slice(0, SHOWN)}
          style={{ maxHeight: 420, overflow: 'auto' }}
          renderItem={(r) => (
            <List.Item style={{ cursor: 'pointer' }} onClick={() => onOpenRow(r)}>
              <List.Item.Meta
                title={<span>{r.duty.title}{subjectSuffix(r.duty)}</span>}
                description={`${r.companyName} · 截止 ${r.duty.dueText}`}
              />
              <Tag color={GROUP_COLORS[r.group]}>{daysLeftText(r.duty)}</Tag>
            </List.Item>
          )}
        />
      )}
      <div style={{ textAlign: 'right', marginTop: 8 }}>
        {due.length > SHOWN && <Typography.Text type="secondary" style={{ marginInlineEnd: 12 }}>仅显示前 {SHOWN} 项</Typography.Text>}
        <Button type="link" size="small" onClick={onOpenTracker}>打开期限跟踪</Button>
      </div>
    </div>
  );
}
