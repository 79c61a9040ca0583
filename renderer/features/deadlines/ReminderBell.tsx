import { BellOutlined } from '../../components/icons';
import { Badge, Button, Popover, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { navigate } from '../../app/hashLocation';
import { reminderClicks } from '../../platform/electronPlatform';
import type { DutyRow } from './dutyModel';
import { useDutySnapshot } from './dutyStore';
import { useReminderScheduling } from './reminderScheduling';
import { useReminderSettings } from './reminderSettings';
import { dueSoonRows, reminderTarget } from './reminders';

// The panel's list is loaded at the first click on the bell, not with the app shell.
const ReminderPanel = lazy(() => import('./ReminderPanel'));

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
    <Suspense fallback={<div style={{ width: 420 }}><Typography.Text type="secondary">正在加载…</Typography.Text></div>}>
      <ReminderPanel
        snapshot={snapshot}
        ready={ready !== null}
        due={due}
        isEnabled={settings.isEnabled}
        onOpenRow={(r) => {
          setIsOpen(false);
          openDuty(r);
        }}
        onOpenTracker={() => {
          setIsOpen(false);
          navigate('/deadlines?scope=all');
        }}
      />
    </Suspense>
  );

  return (
    <Popover open={isOpen} onOpenChange={setIsOpen} trigger="click" placement="bottomRight" title="逾期和即将到期的事项" content={panel}>
      <Button type="text" aria-label={label} icon={<Badge count={due.length} size="small" overflowCount={999} color={overdue > 0 ? 'red' : 'orange'}><BellOutlined style={{ fontSize: 18 }} /></Badge>} />
    </Popover>
  );
}
