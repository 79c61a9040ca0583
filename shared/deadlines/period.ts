import {
  daysInMonth, fromDayNumber, fromParts, toDayNumber, toParts, type IsoDate,
} from '../domain/isoDate';
import type { PeriodUnit } from '../policy/knowledgeBase';
import { assertNever } from '../util/assertNever';
import { describeDay, type WorkCalendar } from './calendar';

/*
 * Legal periods (期间) under 民法典 第二百零一条 to 第二百零四条:
 *
 * - 第二百零一条: a period counted in days, months or years starts on the day after the
 *   triggering day (the triggering day itself is not counted).
 * - 第二百零二条: a period counted in months or years ends on the corresponding day of the final
 *   month; when that month has no such day, on its last day (2021-11-30 + 3 个月 → 2022-02-28).
 * - 第二百零三条: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日". The
 *   article applies to every period, so day, month and year periods alike are extended. A 法定休假日
 *   is a weekend day or a statutory holiday; a 调休 make-up working day is a working day.
 * - 工作日 periods (5个工作日) count working days from the next day and so always end on one.
 *
 * Periods counted backwards from a date ("期满前3个月", "届满前30日") have no rule of their own in the
 * code. Extending their last day past a rest day would make the company act *later* than the
 * text allows, so when the computed day is a rest day this engine proposes the last working day
 * before it and says so in the explanation, keeping the nominal day visible.
 */

type PeriodDirection = 'after' | 'before';

export interface PeriodRequest {
  readonly from: IsoDate;
  readonly amount: number;
  readonly unit: PeriodUnit;
  readonly direction: PeriodDirection;
}

/** none: the nominal day is the due day; extended: moved past rest days (第二百零三条); movedEarlier: backward period moved to the working day before. */
type PeriodAdjustment = 'none' | 'extended' | 'movedEarlier';

export interface PeriodResult {
  readonly dueDate: IsoDate;
  /** The day the counting gives before any rest-day adjustment. */
  readonly nominalDate: IsoDate;
  readonly adjustment: PeriodAdjustment;
  /** A day whose holiday schedule is not published yet was relied on (假期安排尚未公布). */
  readonly isProvisional: boolean;
  /** How the day was computed, in Chinese, step by step. */
  readonly explanation: string;
  /** The legal basis of the counting rules used, e.g. "《民法典》第二百零一条、第二百零三条". */
  readonly legalBasis: string;
}

export interface WindowResult {
  /** First day of the window ("届满前30日" counted back from the end date). */
  readonly opens: IsoDate;
  /** Last day to act: the end date, or the last working day before it when it is a rest day. */
  readonly closes: IsoDate;
  readonly nominalCloses: IsoDate;
  readonly adjustment: PeriodAdjustment;
  readonly isProvisional: boolean;
  readonly explanation: string;
  readonly legalBasis: string;
}

export const PERIOD_UNIT_LABELS: Readonly<Record<PeriodUnit, string>> = {
  day: '日',
  workday: '个工作日',
  month: '个月',
  year: '年',
};

/** "15日", "5个工作日", "3个月", "1年". */
export function formatPeriod(amount: number, unit: PeriodUnit): string {
  return `${amount}${PERIOD_UNIT_LABELS[unit]}`;
}

/** "2021年10月8日". */
export function formatDateZh(date: IsoDate): string {
  const { year, month, day } = toParts(date);
  return `${year}年${month}月${day}日`;
}

const CIVIL_CODE = '《民法典》';

/** Adds whole months, ending on the corresponding day or the month's last day (第二百零二条). */
export function addMonthsClamped(date: IsoDate, months: number): { readonly date: IsoDate; readonly isClamped: boolean } {
  const { year, month, day } = toParts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const last = daysInMonth(targetYear, targetMonth);
  return { date: fromParts(targetYear, targetMonth, Math.min(day, last)), isClamped: day > last };
}

/** Computes one period. Throws on a negative or fractional amount (a programming error, not user input). */
export function computePeriod(calendar: WorkCalendar, request: PeriodRequest): PeriodResult {
  const { from, amount, unit, direction } = request;
  if (!Number.isInteger(amount) || amount < 0) throw new Error(`期间数值无效：${amount}`);
  const fromDay = toDayNumber(from);
  const sign = direction === 'after' ? 1 : -1;
  const lead = direction === 'after'
    ? `自${formatDateZh(from)}起计算${formatPeriod(amount, unit)}`
    : `${formatDateZh(from)}前${formatPeriod(amount, unit)}`;

  switch (unit) {
    case 'workday':
      return workdayPeriod(calendar, from, fromDay, amount, sign, lead);
    case 'day': {
      const nominalDay = fromDay + sign * amount;
      const counting = direction === 'after'
        ? `：事件当日不计入，自次日${formatDateZh(fromDayNumber(fromDay + 1))}起算，第${amount}日为${formatDateZh(fromDayNumber(nominalDay))}`
        : `为${formatDateZh(fromDayNumber(nominalDay))}`;
      return adjustRestDay(calendar, nominalDay, direction, `${lead}${counting}`, `${CIVIL_CODE}第二百零一条`);
    }
    case 'month':
    case 'year': {
      const months = (unit === 'year' ? 12 : 1) * amount * sign;
      const shifted = addMonthsClamped(from, months);
      const target = toParts(shifted.date);
      const missing = `${target.year}年${target.month}月没有${toParts(from).day}日`;
      const counting = direction === 'after'
        ? shifted.isClamped
          ? `：到期月的对应日为期间最后一日，${missing}，以该月末日${formatDateZh(shifted.date)}为期间最后一日`
          : `：到期月的对应日${formatDateZh(shifted.date)}为期间最后一日`
        : shifted.isClamped
          ? `：${missing}，取该月末日${formatDateZh(shifted.date)}`
          : `为${formatDateZh(shifted.date)}`;
      return adjustRestDay(calendar, toDayNumber(shifted.date), direction, `${lead}${counting}`, `${CIVIL_CODE}第二百零一条、第二百零二条`);
    }
    default:
      return assertNever(unit, 'period unit');
  }
}

function workdayPeriod(calendar: WorkCalendar, from: IsoDate, fromDay: number, amount: number, sign: number, lead: string): PeriodResult {
  let day = fromDay;
  let counted = 0;
  let skipped = 0;
  while (counted < amount) {
    day += sign;
    if (calendar.isRestDay(day)) skipped++;
    else counted++;
  }
  // "0个工作日" is the trigger day itself, or the nearest working day in the period's direction.
  while (amount === 0 && calendar.isRestDay(day)) {
    day += sign;
    skipped++;
  }
  const lo = Math.min(amount === 0 ? fromDay : fromDay + sign, day);
  const hi = Math.max(amount === 0 ? fromDay : fromDay + sign, day);
  const isProvisional = lo < calendar.firstKnownDay || hi > calendar.lastKnownDay;
  const dueDate = fromDayNumber(day);
  const counting = amount === 0
    ? `，即${formatDateZh(from)}当日${day === fromDay ? '' : `；该日不是工作日，取${sign > 0 ? '其后' : '其前'}最近的工作日${formatDateZh(dueDate)}`}`
    : sign > 0
      ? `：自${formatDateZh(from)}的次日起逐日计算，不计休息日和法定节假日、调休上班日计入，第${amount}个工作日为${formatDateZh(dueDate)}`
      : `：自${formatDateZh(from)}的前一日起向前逐日计算，不计休息日和法定节假日、调休上班日计入，向前第${amount}个工作日为${formatDateZh(dueDate)}`;
  const skippedNote = skipped > 0 ? `（其间跳过休息日、节假日共${skipped}天）` : '';
  return {
    dueDate,
    nominalDate: dueDate,
    adjustment: 'none',
    isProvisional,
    explanation: `${lead}${counting}${skippedNote}。${isProvisional ? provisionalNote(calendar, lo, hi) : ''}`,
    legalBasis: '工作日按国务院办公厅公布的节假日安排确定',
  };
}

function adjustRestDay(
  calendar: WorkCalendar, nominalDay: number, direction: PeriodDirection, counting: string, basis: string,
): PeriodResult {
  const nominalDate = fromDayNumber(nominalDay);
  let day = nominalDay;
  let adjustment: PeriodAdjustment = 'none';
  let note: string;
  if (!calendar.isRestDay(nominalDay)) {
    const kind = calendar.dayKind(nominalDay);
    note = kind === 'makeUpWorkday'
      ? `。该日为${describeDay(calendar, nominalDate)}，是工作日，不顺延`
      : '';
  } else if (direction === 'after') {
    while (calendar.isRestDay(day)) day++;
    adjustment = 'extended';
    note = `。该日为${describeDay(calendar, nominalDate)}，依${CIVIL_CODE}第二百零三条，以法定休假日结束的次日${formatDateZh(fromDayNumber(day))}为期间的最后一日`;
  } else {
    while (calendar.isRestDay(day)) day--;
    adjustment = 'movedEarlier';
    note = `。该日为${describeDay(calendar, nominalDate)}；为确保不晚于规定时点，以此前最后一个工作日${formatDateZh(fromDayNumber(day))}为建议截止日（按期间计算的日期为${formatDateZh(nominalDate)}）`;
  }
  const lo = Math.min(nominalDay, day);
  const hi = Math.max(nominalDay, day);
  const isProvisional = lo < calendar.firstKnownDay || hi > calendar.lastKnownDay;
  return {
    dueDate: fromDayNumber(day),
    nominalDate,
    adjustment,
    isProvisional,
    explanation: `${counting}${note}。${isProvisional ? provisionalNote(calendar, lo, hi) : ''}`,
    legalBasis: adjustment === 'extended' ? `${basis}、第二百零三条` : basis,
  };
}

function provisionalNote(calendar: WorkCalendar, lo: number, hi: number): string {
  const year = hi > calendar.lastKnownDay ? toParts(fromDayNumber(hi)).year : toParts(fromDayNumber(lo)).year;
  return hi > calendar.lastKnownDay
    ? `注意：${year}年的节假日安排尚未公布（现有安排至${calendar.publishedThroughYear}年），上述日期仅按周末推算，为暂定日期；国务院公布安排后将重新计算。`
    : `注意：${year}年不在节假日数据范围内（数据自${calendar.coveredFromYear}年起），上述日期仅按周末推算，为暂定日期。`;
}

/**
 * A window that closes on `end` and opens `amount` units before it ("有效期届满前30日内",
 * "期满前3个月"): the trigger's day itself closes the window. When it is a rest day, the last
 * working day before it is proposed, as for backward periods.
 */
export function computeWindowBefore(calendar: WorkCalendar, end: IsoDate, amount: number, unit: PeriodUnit): WindowResult {
  const opening = computePeriod(calendar, { from: end, amount, unit, direction: 'before' });
  // The opening day is when acting becomes possible, not a limit: it stays on its nominal day.
  const opens = opening.nominalDate;
  const endDay = toDayNumber(end);
  let closeDay = endDay;
  while (calendar.isRestDay(closeDay) && closeDay > toDayNumber(opens)) closeDay--;
  const closes = fromDayNumber(closeDay);
  const adjustment: PeriodAdjustment = closeDay === endDay ? 'none' : 'movedEarlier';
  const lo = Math.min(toDayNumber(opens), closeDay);
  const isProvisional = lo < calendar.firstKnownDay || endDay > calendar.lastKnownDay;
  const closeNote = adjustment === 'movedEarlier'
    ? `${formatDateZh(end)}为${describeDay(calendar, end)}，为确保不晚于届满日，以此前最后一个工作日${formatDateZh(closes)}为建议截止日`
    : '';
  const explanation = `届满日为${formatDateZh(end)}，届满前${formatPeriod(amount, unit)}内即自${formatDateZh(opens)}起至${formatDateZh(end)}止可以办理${closeNote ? `；${closeNote}` : ''}。${isProvisional ? provisionalNote(calendar, lo, endDay) : ''}`;
  return {
    opens,
    closes,
    nominalCloses: end,
    adjustment,
    isProvisional,
    explanation,
    legalBasis: unit === 'workday' ? '工作日按国务院办公厅公布的节假日安排确定' : `${CIVIL_CODE}第二百零一条${unit === 'day' ? '' : '、第二百零二条'}`,
  };
}
