import type { DutyTracking, RecurringSchedule } from '../../../shared/deadlines/tracking';
import type { DutyHistoryRecord } from '../../../shared/deadlines/trackingRecords';
import { describeSubmissionDay } from '../../../shared/energy/submissions';

/*
 * How a duty's 操作记录 reads in its drawer (dutyDialogs/DutyHistoryDrawer.tsx): each entry's
 * state before and after, in the officer's words, and when it was made in local time.
 */

function trackingSummary(t: DutyTracking | null): string {
  if (t === null) return '（无记录）';
  const parts = [
    t.isDone ? `已完成${t.doneOn === null ? '' : `（${t.doneOn}）`}` : '未完成',
    t.evidence === '' ? '' : `证明材料：${t.evidence}`,
    t.userSetDueDate === null ? '' : `截止日期：${t.userSetDueDate}`,
    t.userSetTriggerDate === null ? '' : `触发日期：${t.userSetTriggerDate}`,
    t.assignee === '' ? '' : `责任人：${t.assignee}`,
  ];
  return parts.filter((p) => p !== '').join('；');
}

/** “before → after”: the schedule for a schedule entry, the tracking state for any other. */
export function historyChange(h: DutyHistoryRecord): string {
  if (h.action === 'setSchedule' || h.action === 'clearSchedule') {
    const describe = (s: RecurringSchedule | null) => (s === null ? '未设定' : describeSubmissionDay(s));
    return `${describe(h.scheduleBefore)} → ${describe(h.scheduleAfter)}`;
  }
  return `${trackingSummary(h.before)} → ${trackingSummary(h.after)}`;
}

/** The stored instant as YYYY-MM-DD HH:mm in the machine's time zone; text that is no date is shown as stored. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
