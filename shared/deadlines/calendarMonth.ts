import { toDayNumber, type IsoDate } from '../domain/isoDate';
import { weekdayName, type WorkCalendar } from './calendar';

/*
 * What the tracker's month calendar shows on each day, kept apart from the UI: the day's kind
 * from the holiday table (休 for a statutory holiday, 班 for a 调休 working day, with the
 * holiday's name), the items listed on it (overdue first), and what the month header says about
 * where the holiday data comes from and how far it reaches.
 */

export interface DayMark {
  readonly kind: 'holiday' | 'makeUpWorkday' | 'weekend' | 'workday';
  /** 休 / 班 for a holiday or a make-up working day; null for an ordinary day. */
  readonly badge: '休' | '班' | null;
  /** 国庆节 …: for a holiday, or the holiday a make-up working day makes up for, when known. */
  readonly name: string | null;
  /** false beyond the published schedule: only weekends are known there. */
  readonly isKnown: boolean;
  /** In words: "国庆节（休）", "调休上班日（国庆节）", "星期六". */
  readonly description: string;
}

export function dayMark(calendar: WorkCalendar, date: IsoDate): DayMark {
  const day = toDayNumber(date);
  const kind = calendar.dayKind(day);
  const isKnown = calendar.isKnownDay(day);
  switch (kind) {
    case 'holiday': {
      const name = calendar.holidayName(date);
      return { kind, badge: '休', name, isKnown, description: `${name ?? '法定节假日'}（休）` };
    }
    case 'makeUpWorkday': {
      const name = calendar.makeUpWorkdayName(date);
      return { kind, badge: '班', name, isKnown, description: name === null ? '调休上班日' : `调休上班日（${name}）` };
    }
    case 'weekend':
      return { kind, badge: null, name: null, isKnown, description: `${weekdayName(date)}（休息日）` };
    case 'workday':
      return { kind, badge: null, name: null, isKnown, description: `${weekdayName(date)}（工作日）` };
  }
}

/** The holiday table, as the month header describes it for a month of `year`. */
export function holidaySourceNote(calendar: WorkCalendar, year: number): { readonly text: string; readonly isCovered: boolean } {
  const base = `节假日及调休：国务院办公厅节假日安排，数据截至 ${calendar.publishedThroughYear} 年`;
  if (year > calendar.publishedThroughYear) {
    return { text: `${base}。${year} 年的节假日安排尚未收录，本月只按周末标出休息日，不标“休”“班”，期限为暂定。`, isCovered: false };
  }
  if (year < calendar.coveredFromYear) {
    return { text: `${base}（自 ${calendar.coveredFromYear} 年起）。${year} 年不在数据范围内，本月只按周末标出休息日。`, isCovered: false };
  }
  return { text: base, isCovered: true };
}

/**
 * Items on their days. `isOverdue` items come first on a day, then the rest in the given order;
 * items without a date are left out (the caller counts them separately).
 */
export function itemsByDay<T extends { readonly date: IsoDate | null }>(items: readonly T[], isOverdue: (item: T) => boolean): Map<IsoDate, T[]> {
  const map = new Map<IsoDate, T[]>();
  for (const item of items) {
    if (item.date === null) continue;
    const list = map.get(item.date);
    if (list === undefined) map.set(item.date, [item]);
    else list.push(item);
  }
  for (const list of map.values()) {
    // A stable sort keeps the caller's order within overdue and within the rest.
    list.sort((a, b) => Number(isOverdue(b)) - Number(isOverdue(a)));
  }
  return map;
}

/** The earliest day holding an item that passes `test`, or null. */
export function earliestDay<T extends { readonly date: IsoDate | null }>(items: readonly T[], test: (item: T) => boolean): IsoDate | null {
  let best: IsoDate | null = null;
  for (const item of items) {
    if (item.date !== null && test(item) && (best === null || item.date < best)) best = item.date;
  }
  return best;
}
