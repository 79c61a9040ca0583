import { z } from 'zod';
import {
  dutyTrackingSchema, recurringScheduleSchema, type DutyTracking, type RecurringSchedule, type TrackingState,
} from './tracking';

/*
 * The tracking state as stored rows, one per duty, per recurring schedule and per recorded action,
 * each carrying its company: the shape of the page's tables and of the workspace file. The
 * history is append-only: a change to a duty's tracking writes a new entry with the state before
 * and after it, and undoing a done is itself an entry.
 */

const id = z.string().min(1).max(64);
const key = z.string().min(1).max(400);

/** Row id of a duty's tracking or a schedule: unique across companies (subject ids alone are not). */
export function trackingRowId(companyId: string, key: string): string {
  return `${companyId}::${key}`;
}

export const dutyTrackingRecordSchema = dutyTrackingSchema.extend({
  id: z.string().min(1).max(500),
  companyId: id,
  /** The duty key (Duty.key). */
  key,
  /** ISO timestamp of the last change. */
  updatedAt: z.string(),
});
export type DutyTrackingRecord = z.infer<typeof dutyTrackingRecordSchema>;

export const dutyScheduleRecordSchema = recurringScheduleSchema.extend({
  id: z.string().min(1).max(500),
  companyId: id,
  /** Duty.scheduleKey: `<item>:<rule>|<subject>`. */
  key,
  /** What the authority or platform said, e.g. "平台通知：每月 10 日前报送上月数据". */
  source: z.string().max(300).default(''),
  updatedAt: z.string(),
});
export type DutyScheduleRecord = z.infer<typeof dutyScheduleRecordSchema>;

const HISTORY_ACTIONS = [
  'markDone', 'undoDone', 'setDueDate', 'clearDueDate', 'setTriggerDate', 'clearTriggerDate', 'setAssignee', 'setSchedule', 'clearSchedule',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export const HISTORY_ACTION_LABELS: Readonly<Record<HistoryAction, string>> = {
  markDone: '标记完成',
  undoDone: '撤销完成',
  setDueDate: '填写截止日期',
  clearDueDate: '清除填写的截止日期',
  setTriggerDate: '填写触发日期',
  clearTriggerDate: '清除填写的触发日期',
  setAssignee: '指定责任人',
  setSchedule: '设定报送日',
  clearSchedule: '清除报送日',
};

export const dutyHistoryRecordSchema = z.object({
  id,
  companyId: id,
  /** The duty key, or the schedule key for schedule actions. */
  key,
  /** ISO timestamp. */
  at: z.string(),
  /** Who recorded it (the name the user gave; the app has no accounts). */
  actor: z.string().max(100).default(''),
  action: z.enum(HISTORY_ACTIONS),
  /** The duty as the user saw it then ("将车辆使用性质变更为“租赁”（京N3K218）"). */
  dutyTitle: z.string().max(500).default(''),
  before: dutyTrackingSchema.nullable().default(null),
  after: dutyTrackingSchema.nullable().default(null),
  scheduleBefore: recurringScheduleSchema.nullable().default(null),
  scheduleAfter: recurringScheduleSchema.nullable().default(null),
  /** Why (an undo's reason, what the authority said). */
  note: z.string().max(2000).default(''),
});
export type DutyHistoryRecord = z.infer<typeof dutyHistoryRecordSchema>;

/** The state computeDuties takes, from a company's stored rows. */
export function trackingStateFromRecords(
  tracking: readonly DutyTrackingRecord[] | undefined, schedules: readonly DutyScheduleRecord[] | undefined,
): TrackingState {
  const duties: Record<string, DutyTracking> = {};
  for (const row of tracking ?? []) {
    const { id: _id, companyId: _c, key: k, updatedAt: _u, ...state } = row;
    duties[k] = state;
  }
  const byKey: Record<string, RecurringSchedule> = {};
  for (const row of schedules ?? []) byKey[row.key] = { monthsAfterPeriodStart: row.monthsAfterPeriodStart, dayOfMonth: row.dayOfMonth };
  return { duties, schedules: byKey };
}

/** A blank tracking state for a duty nothing was recorded for. */
export function emptyDutyTracking(): DutyTracking {
  return dutyTrackingSchema.parse({});
}
