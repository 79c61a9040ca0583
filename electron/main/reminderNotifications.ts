import { Notification } from 'electron';
import type { ScheduledReminder } from './reminderScheduler';

/**
 * Notifications that may still be clicked. Electron drops the click handler of a Notification that
 * has been garbage-collected, so each one is referenced until it is clicked; the oldest are let go
 * past a bound so a long-running app does not grow without limit.
 */
const MAX_LIVE_NOTIFICATIONS = 100;
const liveNotifications: Notification[] = [];

export function showReminderNotification(reminder: ScheduledReminder, onClick: (reminderId: string) => void): void {
  if (!Notification.isSupported()) {
    console.warn('[reminders] notifications are not supported on this system');
    return;
  }
  const notification = new Notification({ title: reminder.title, body: reminder.body });
  notification.on('click', () => {
    const index = liveNotifications.indexOf(notification);
    if (index !== -1) liveNotifications.splice(index, 1);
    onClick(reminder.id);
  });
  liveNotifications.push(notification);
  if (liveNotifications.length > MAX_LIVE_NOTIFICATIONS) liveNotifications.shift();
  notification.show();
}
