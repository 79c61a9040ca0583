import { BellOutlined } from '../../components/icons';
import { Badge, Button, Empty, List, Popover, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { navigate } from '../../app/hashLocation';
import { reminderClicks } from '../../platform/electronPlatform';
import { daysLeftText, GROUP_COLORS, subjectSuffix, type DutyRow } from './dutyModel';
import { useDutySnapshot } from './dutyStore';
import { useReminderScheduling } from './reminderScheduling';
import { useReminderSettings } from './reminderSettings';
import { dueSoonRows, reminderTarget } from './reminders';

const SHOWN = 50;

function openDuty(row: DutyRow): void {
  navigate(`/deadlines?company=${encodeURIComponent(row.companyId)}&focus=${encodeURIComponent(row.duty.key)}`);
}

/**
 * The header's reminders: a badge with the number of overdue and due-soon duties across all
 * companies and a panel listing them; in the desktop app it also keeps main's system
 * notifications in step with the duties and the settings.
 */
export function ReminderBell() {
  const snapshot = useDutySnapshot();
  const { isLoaded, settings } = useReminderSettings();
  const [isOpen, setIsOpen] = useState(false);
  // Counted only once every company is computed: a partial count would understate what is due.
  const ready = snapshot.status === 'ready' && snapshot.pendingCompanyIds.size === 0 ? snapshot : null;

  useReminderScheduling(ready?.companies ?? null, isLoaded ? settings : null, ready?.today ?? null);
  useEffect(() => reminderClicks.subscribe((id) => navigate(reminderTarget(id))), []);

  const due = useMemo(() => (ready === null || !settings.isEnabled ? [] : dueSoonRows(ready.rows, settings, ready.today)), [ready, settings]);
  const overdue = due.filter((r) => r.group === 'overdue').length;
  const label = ready !== null
    ? `期限提醒：${overdue} 项逾期，${due.length - overdue} 项即将到期`
    : '期限提醒';

  const panel = (
    <div style={{ width: 420 }}>
      {snapshot.status === 'failed' && <Typography.Text type="danger">{snapshot.message}</Typography.Text>}
      {snapshot.status !== 'failed' && ready === null && <Typography.Text type="secondary">正在计算期限…</Typography.Text>}
      {ready !== null && due.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={settings.isEnabled ? '没有逾期或即将到期的事项' : '提醒已关闭'} />}
      {due.length > 0 && (
        <List<DutyRow>
          size="small"
          dataSource={due.slice(0, SHOWN)}
          style={{ maxHeight: 420, overflow: 'auto' }}
          renderItem={(r) => (
            <List.Item
              style={{ cursor: 'pointer' }}
              onClick={() => {
                setIsOpen(false);
                openDuty(r);
              }}
            >
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
        <Button
          type="link"
          size="small"
          onClick={() => {
            setIsOpen(false);
            navigate('/deadlines?scope=all');
          }}
        >
          打开期限跟踪
        </Button>
      </div>
    </div>
  );

  return (
    <Popover open={isOpen} onOpenChange={setIsOpen} trigger="click" placement="bottomRight" title="逾期和即将到期的事项" content={panel}>
      <Button type="text" aria-label={label} icon={<Badge count={due.length} size="small" overflowCount={999} color={overdue > 0 ? 'red' : 'orange'}><BellOutlined style={{ fontSize: 18 }} /></Badge>} />
    </Popover>
  );
}
