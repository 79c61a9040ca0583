import { z } from 'zod';
import type { DutyTrackingRecord } from '../deadlines/trackingRecords';
import { daysBetween, daysInMonth, fromParts, isIsoDate, isoDateSchema, type IsoDate } from '../domain/isoDate';
import { MONTHLY_SUBMISSION_DUTY } from './duties';
import {
  isLedgerMonth, ledgerMonthSchema, monthsOfYear, shiftMonth, type EnergyReading, type LedgerMonth, type SubmissionDay,
} from './ledger';

/*
 * The monthly submission of energy data to 北京市节能监测服务平台 (方案 八、), as the officer
 * records it: which data month was submitted on which day, with the receipt or screenshot. The
 * text names no day, so a month's due date exists only once the user has set the day their
 * authority gave (EnergySettings.submissionDay); until then the month shows 未设置报送日.
 */

const id = z.string().min(1).max(64);

export const energySubmissionSchema = z.object({
  id,
  companyId: id,
  /** The data month submitted (not the month of submission). */
  month: ledgerMonthSchema,
  submittedOn: isoDateSchema,
  /** The platform's receipt or a screenshot, as an attachment. */
  receiptDocumentId: id.nullable().default(null),
  note: z.string().max(1000).default(''),
});
export type EnergySubmission = z.infer<typeof energySubmissionSchema>;

export type SubmissionStatus = 'submitted' | 'pending' | 'overdue' | 'noSchedule' | 'notYet' | 'notTracked';

export const SUBMISSION_STATUS_LABELS: Readonly<Record<SubmissionStatus, string>> = {
  submitted: '已报送',
  pending: '待报送',
  overdue: '已逾期',
  noSchedule: '未设置报送日',
  notYet: '未到报送期',
  notTracked: '无需报送',
};

/** A month counted as submitted because the deadline tracker (期限跟踪) marks it done, with no ledger record. */
export const TRACKER_DONE_LABEL = '已在期限跟踪中标记完成';

/** Shown wherever the day is set or missing: the text gives none. */
export const SUBMISSION_DAY_NOTE = '原文未规定具体日期，以主管部门通知为准';

/** The due date of a data month under the user's schedule; a day past the month's end is its last day. */
export function submissionDueDate(month: LedgerMonth, day: Pick<SubmissionDay, 'monthsAfterPeriodStart' | 'dayOfMonth'>): IsoDate {
  const dueMonth = shiftMonth(month, day.monthsAfterPeriodStart);
  const year = Number(dueMonth.slice(0, 4));
  const m = Number(dueMonth.slice(5, 7));
  return fromParts(year, m, Math.min(day.dayOfMonth, daysInMonth(year, m)));
}

/** "次月 10 日", "当月 25 日", "次月月末". */
export function describeSubmissionDay(day: Pick<SubmissionDay, 'monthsAfterPeriodStart' | 'dayOfMonth'>): string {
  const which = ['当月', '次月', '第三个月', '第四个月'][day.monthsAfterPeriodStart] ?? `${day.monthsAfterPeriodStart} 个月后`;
  return `${which}${day.dayOfMonth >= 31 ? '月末' : ` ${day.dayOfMonth} 日`}前`;
}

export interface MonthSubmissionStatus {
  readonly month: LedgerMonth;
  readonly status: SubmissionStatus;
  /** null while no day is set. */
  readonly dueDate: IsoDate | null;
  readonly submission: EnergySubmission | null;
  /** The tracker's done mark for the month, whether or not the ledger has a record too. */
  readonly trackerDone: TrackerDoneMark | null;
  /** The ledger has at least one reading of the month (any site). */
  readonly hasEntries: boolean;
  /** Submitted after the due date. */
  readonly isLate: boolean;
  /** Days past the due date for an overdue month. */
  readonly daysOverdue: number | null;
  /** One Chinese sentence for a tooltip or the tracker. */
  readonly message: string;
}

export interface SubmissionStatusInput {
  readonly year: number;
  /** One company's readings. */
  readonly readings: readonly EnergyReading[];
  /** One company's submissions. */
  readonly submissions: readonly EnergySubmission[];
  readonly submissionDay: SubmissionDay | null | undefined;
  /** The user's local date. */
  readonly today: IsoDate;
  /** The months the deadline tracker marks done (trackerDoneMarks); none when omitted. */
  readonly trackerMarks?: readonly TrackerDoneMark[];
}

/**
 * The deadline tracker's done mark on one data month of the monthly submission duty: what the user
 * recorded there, never a date made up here (doneOn stays null when the row has none).
 */
export interface TrackerDoneMark {
  readonly month: LedgerMonth;
  readonly doneOn: IsoDate | null;
  /** 证明材料 as written in the tracker. */
  readonly evidence: string;
  /** The tracker row's duty key. */
  readonly key: string;
}

/**
 * The months the tracker marks done for the monthly submission duty of one company. Tracker keys
 * are `<itemId>:<ruleId>|<companyId>|<YYYY-MM>` (shared/deadlines/duties.ts). Every rule of the item
 * counts, so the energy page needs no knowledge base: the item is the duty, its rules only date it.
 * A row whose done was undone (isDone false) marks nothing, so the month returns to its computed status.
 */
export function trackerDoneMarks(rows: readonly DutyTrackingRecord[] | undefined, companyId: string): TrackerDoneMark[] {
  const prefix = `${MONTHLY_SUBMISSION_DUTY.id}:`;
  const byMonth = new Map<LedgerMonth, TrackerDoneMark>();
  for (const row of rows ?? []) {
    if (!row.isDone || row.companyId !== companyId || !row.key.startsWith(prefix)) continue;
    const parts = row.key.slice(prefix.length).split('|');
    const month = parts.at(-1) ?? '';
    if (parts.length < 3 || parts.at(-2) !== companyId || !isLedgerMonth(month)) continue;
    const mark: TrackerDoneMark = { month, doneOn: row.doneOn, evidence: row.evidence.trim(), key: row.key };
    const other = byMonth.get(month);
    // Two rules done for one month: the earliest recorded date is when the month was first reported.
    if (other === undefined || (mark.doneOn !== null && (other.doneOn === null || mark.doneOn < other.doneOn))) byMonth.set(month, mark);
  }
  return [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

function monthOf(date: IsoDate): LedgerMonth {
  const month = date.slice(0, 7);
  if (!isLedgerMonth(month)) throw new Error(`不是有效的日期：${date}`);
  return month;
}

/**
 * 已报送 / 待报送 / 已逾期 / 未设置报送日 for each month of a year. A month not submitted once its
 * due date has passed is overdue whether or not the ledger has it (no entry is the usual reason);
 * a month that has not begun is 未到报送期; months before the schedule's fromMonth need nothing.
 */
export function monthlySubmissionStatuses(input: SubmissionStatusInput): MonthSubmissionStatus[] {
  const currentMonth = monthOf(input.today);
  const day = input.submissionDay ?? null;
  return monthsOfYear(input.year).map((month): MonthSubmissionStatus => {
    const submission = input.submissions.find((s) => s.month === month) ?? null;
    const trackerDone = input.trackerMarks?.find((m) => m.month === month) ?? null;
    const hasEntries = input.readings.some((r) => r.month === month);
    const dueDate = day ? submissionDueDate(month, day) : null;
    const base = { month, dueDate, submission, trackerDone, hasEntries, isLate: false, daysOverdue: null };
    const ledgerNote = hasEntries ? '' : '；台账尚未录入本月数据';
    const isAfterDue = (on: IsoDate | null): boolean => dueDate !== null && on !== null && isIsoDate(on) && on > dueDate;
    // The ledger record is the fuller fact (receipt, note), so it speaks when both exist.
    if (submission) {
      const isLate = isAfterDue(submission.submittedOn);
      return {
        ...base, status: 'submitted', isLate,
        message: `${month} 数据已于 ${submission.submittedOn} 报送${isLate && dueDate ? `（晚于报送日 ${dueDate}）` : ''}${hasEntries ? '' : '；台账中没有本月记录'}`,
      };
    }
    if (trackerDone) {
      const isLate = isAfterDue(trackerDone.doneOn);
      const when = trackerDone.doneOn === null ? '（未填写完成日期）' : `（${trackerDone.doneOn}）`;
      return {
        ...base, status: 'submitted', isLate,
        message: `${month} 数据${TRACKER_DONE_LABEL}${when}${isLate && dueDate ? `，晚于报送日 ${dueDate}` : ''}；能源台账尚无报送记录，可补登${hasEntries ? '' : '；台账中没有本月记录'}`,
      };
    }
    if (day?.fromMonth && month < day.fromMonth) {
      return { ...base, status: 'notTracked', message: `${month} 早于起报月份 ${day.fromMonth}，无需报送` };
    }
    if (month > currentMonth) return { ...base, status: 'notYet', message: `${month} 尚未开始` };
    if (dueDate === null) {
      return { ...base, status: 'noSchedule', message: `尚未设置报送日（${SUBMISSION_DAY_NOTE}）${ledgerNote}` };
    }
    if (input.today > dueDate) {
      const daysOverdue = daysBetween(dueDate, input.today);
      return { ...base, status: 'overdue', daysOverdue, message: `应于 ${dueDate} 前报送，已逾期 ${daysOverdue} 天${ledgerNote}` };
    }
    return { ...base, status: 'pending', message: `应于 ${dueDate} 前报送（还有 ${daysBetween(input.today, dueDate)} 天）${ledgerNote}` };
  });
}

export interface SubmissionDraft {
  readonly id?: string | null;
  readonly month: string;
  readonly submittedOn: string;
  readonly receiptDocumentId?: string | null;
  readonly note?: string;
}

export interface SubmissionIssue {
  readonly field: 'month' | 'submittedOn' | 'note';
  readonly message: string;
}

/**
 * Checks a submission record before it is stored: a real day, not in the future, not before its
 * data month began, one record per data month. Returns the record or the refused fields.
 */
export function checkSubmissionEntry(
  draft: SubmissionDraft,
  context: { readonly companyId: string; readonly existing: readonly EnergySubmission[]; readonly today: IsoDate; readonly newId: () => string },
): { readonly ok: true; readonly submission: EnergySubmission } | { readonly ok: false; readonly issues: readonly SubmissionIssue[] } {
  const issues: SubmissionIssue[] = [];
  const month = draft.month.trim();
  const submittedOn = draft.submittedOn.trim();
  if (!isLedgerMonth(month)) issues.push({ field: 'month', message: `数据月份：“${draft.month}”不是有效月份，应为 YYYY-MM` });
  if (!isIsoDate(submittedOn)) issues.push({ field: 'submittedOn', message: submittedOn === '' ? '报送日期：请填写' : `报送日期：“${draft.submittedOn}”不是有效日期，应为 YYYY-MM-DD` });
  else if (submittedOn > context.today) issues.push({ field: 'submittedOn', message: `报送日期：${submittedOn} 晚于今天，不能记录尚未发生的报送` });
  else if (isLedgerMonth(month) && submittedOn < `${month}-01`) issues.push({ field: 'submittedOn', message: `报送日期：${submittedOn} 早于数据月份 ${month} 的开始，请核对` });
  if ((draft.note ?? '').length > 1000) issues.push({ field: 'note', message: '备注：不能超过 1000 字' });
  if (issues.length > 0 || !isLedgerMonth(month) || !isIsoDate(submittedOn)) return { ok: false, issues };
  const duplicate = context.existing.find((s) => s.month === month && s.id !== draft.id && s.companyId === context.companyId);
  if (duplicate) {
    return { ok: false, issues: [{ field: 'month', message: `数据月份：${month} 已有报送记录（${duplicate.submittedOn}），如需更正请编辑原记录` }] };
  }
  return {
    ok: true,
    submission: {
      id: draft.id ?? context.newId(),
      companyId: context.companyId,
      month,
      submittedOn,
      receiptDocumentId: draft.receiptDocumentId ?? null,
      note: (draft.note ?? '').trim(),
    },
  };
}
