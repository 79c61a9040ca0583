import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../domain/isoDate';
import { err, ok, type Result } from '../util/result';

/*
 * What the user records about computed duties, per company: done or not, when, with what evidence,
 * who is responsible, and a due date their authority told them where the text states none. Duties
 * themselves are never stored: they are recomputed from the rules, the company's records and this
 * state (so newer holiday data or a corrected event date moves them automatically).
 */

const isoDate = z.string().refine((v): boolean => isIsoDate(v), { message: '日期格式应为 YYYY-MM-DD' }).transform((v) => v as IsoDate);

export const dutyTrackingSchema = z.object({
  isDone: z.boolean().default(false),
  doneOn: isoDate.nullable().default(null),
  /** 证明材料: a description, a document-vault reference or a file name. */
  evidence: z.string().max(2000).default(''),
  /** 责任人. */
  assignee: z.string().max(100).default(''),
  /** A due date the authority gave (以主管部门通知为准), or an agreed extension; overrides the computed one. */
  userSetDueDate: isoDate.nullable().default(null),
  /**
   * The day of the triggering fact when the records hold none ("消费者要求退卡之日", "取得等级证书之日"):
   * the period is then computed from it.
   */
  userSetTriggerDate: isoDate.nullable().default(null),
  note: z.string().max(2000).default(''),
});
export type DutyTracking = z.infer<typeof dutyTrackingSchema>;

/**
 * The day a recurring duty with no day in the text falls due, as the user's platform or authority
 * uses it: day `dayOfMonth` of the month `monthsAfterPeriodStart` months after the period starts
 * (0 = in the period's first month; 1 with day 10 = "次月10日前" for a monthly report). A day past
 * the month's end means its last day.
 */
export const recurringScheduleSchema = z.object({
  monthsAfterPeriodStart: z.number().int().min(0).max(24),
  dayOfMonth: z.number().int().min(1).max(31),
});
export type RecurringSchedule = z.infer<typeof recurringScheduleSchema>;

export const trackingStateSchema = z.object({
  /** dutyKey → tracking. */
  duties: z.record(z.string(), dutyTrackingSchema).default({}),
  /** scheduleKey (`<item>:<rule>|<subject>`) → the day the user set for a recurring duty. */
  schedules: z.record(z.string(), recurringScheduleSchema).default({}),
});
export type TrackingState = z.infer<typeof trackingStateSchema>;

export const EMPTY_TRACKING: TrackingState = { duties: {}, schedules: {} };

/** Several companies' tracking in one file (the command line's --tracking): company id → state. */
const trackingFileSchema = z.record(z.string(), trackingStateSchema);
export type TrackingFile = z.infer<typeof trackingFileSchema>;

export function parseTrackingFile(json: unknown): Result<TrackingFile> {
  const parsed = trackingFileSchema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const first = parsed.error.issues[0];
  const where = first ? first.path.map(String).join('.') : '';
  return err('tracking.invalid', `跟踪记录文件格式有误${where ? `（${where}）` : ''}：${first?.message ?? '未知错误'}`);
}
