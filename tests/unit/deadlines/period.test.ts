import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, asIsoDate, fromDayNumber, toDayNumber, type IsoDate } from '../../../shared/domain/isoDate';
import { buildWorkCalendar } from '../../../shared/deadlines/calendar';
import { addMonthsClamped, computePeriod, computeWindowBefore } from '../../../shared/deadlines/period';
import type { PeriodUnit } from '../../../shared/policy/knowledgeBase';
import { loadShippedHolidayTable, shippedCalendar } from './holidayFixture';

const calendar = shippedCalendar();
const d = (s: string): IsoDate => asIsoDate(s);

describe('the examples of issue 4', () => {
  it('15 days from 2021-09-16 end on 2021-10-08, after the National Day holiday', () => {
    const r = computePeriod(calendar, { from: d('2021-09-16'), amount: 15, unit: 'day', direction: 'after' });
    expect(r).toMatchObject({ dueDate: '2021-10-08', nominalDate: '2021-10-01', adjustment: 'extended', isProvisional: false });
    expect(r.explanation).toContain('国庆节');
    expect(r.explanation).toContain('第二百零三条');
    expect(r.legalBasis).toBe('《民法典》第二百零一条、第二百零三条');
  });
  it('15 days from 2022-01-15 end on Sunday 2022-01-30, a make-up working day', () => {
    const r = computePeriod(calendar, { from: d('2022-01-15'), amount: 15, unit: 'day', direction: 'after' });
    expect(r).toMatchObject({ dueDate: '2022-01-30', adjustment: 'none' });
    expect(r.explanation).toContain('调休上班日');
  });
  it('3 months from 2021-11-30 end on 2022-02-28', () => {
    const r = computePeriod(calendar, { from: d('2021-11-30'), amount: 3, unit: 'month', direction: 'after' });
    expect(r).toMatchObject({ dueDate: '2022-02-28', adjustment: 'none' });
    expect(r.explanation).toContain('2022年2月没有30日');
  });
});

/*
 * Every statutory holiday and 调休 pattern 2021–2026, from the State Council's notices. A 15-day
 * period is placed so that its 15th day is `nominal`; `expected` is where the period ends.
 */
const holidayRows: ReadonlyArray<readonly [label: string, nominal: string, expected: string]> = [
  ['2021 元旦', '2021-01-02', '2021-01-04'],
  ['2021 春节', '2021-02-14', '2021-02-18'],
  ['2021 春节前调休 (Sun 02-07)', '2021-02-07', '2021-02-07'],
  ['2021 春节后调休 (Sat 02-20)', '2021-02-20', '2021-02-20'],
  ['2021 清明', '2021-04-04', '2021-04-06'],
  ['2021 劳动节调休 (Sun 04-25)', '2021-04-25', '2021-04-25'],
  ['2021 劳动节', '2021-05-03', '2021-05-06'],
  ['2021 劳动节后调休 (Sat 05-08)', '2021-05-08', '2021-05-08'],
  ['2021 端午', '2021-06-13', '2021-06-15'],
  ['2021 中秋调休 (Sat 09-18)', '2021-09-18', '2021-09-18'],
  ['2021 中秋', '2021-09-20', '2021-09-22'],
  ['2021 国庆调休 (Sun 09-26)', '2021-09-26', '2021-09-26'],
  ['2021 国庆', '2021-10-03', '2021-10-08'],
  ['2021 国庆后调休 (Sat 10-09)', '2021-10-09', '2021-10-09'],
  ['2022 元旦', '2022-01-02', '2022-01-04'],
  ['2022 春节前调休 (Sat 01-29)', '2022-01-29', '2022-01-29'],
  ['2022 春节', '2022-02-02', '2022-02-07'],
  ['2022 清明调休 (Sat 04-02)', '2022-04-02', '2022-04-02'],
  ['2022 清明', '2022-04-04', '2022-04-06'],
  ['2022 劳动节调休 (Sun 04-24)', '2022-04-24', '2022-04-24'],
  ['2022 劳动节', '2022-05-02', '2022-05-05'],
  ['2022 劳动节后调休 (Sat 05-07)', '2022-05-07', '2022-05-07'],
  ['2022 端午', '2022-06-04', '2022-06-06'],
  ['2022 中秋', '2022-09-11', '2022-09-13'],
  ['2022 国庆 (ends on the Sat 10-08 make-up day)', '2022-10-05', '2022-10-08'],
  ['2022 国庆后调休 (Sun 10-09)', '2022-10-09', '2022-10-09'],
  ['2023 元旦 (from Sat 2022-12-31)', '2022-12-31', '2023-01-03'],
  ['2023 春节 (ends on the Sat 01-28 make-up day)', '2023-01-24', '2023-01-28'],
  ['2023 春节后调休 (Sun 01-29)', '2023-01-29', '2023-01-29'],
  ['2023 清明 (Wed)', '2023-04-05', '2023-04-06'],
  ['2023 劳动节调休 (Sun 04-23)', '2023-04-23', '2023-04-23'],
  ['2023 劳动节', '2023-05-01', '2023-05-04'],
  ['2023 劳动节后调休 (Sat 05-06)', '2023-05-06', '2023-05-06'],
  ['2023 端午 (ends on the Sun 06-25 make-up day)', '2023-06-23', '2023-06-25'],
  ['2023 中秋国庆', '2023-09-29', '2023-10-07'],
  ['2023 国庆 (ends on the Sat 10-07 make-up day)', '2023-10-02', '2023-10-07'],
  ['2023 国庆后调休 (Sun 10-08)', '2023-10-08', '2023-10-08'],
  ['2024 元旦', '2024-01-01', '2024-01-02'],
  ['2024 春节前调休 (Sun 02-04)', '2024-02-04', '2024-02-04'],
  ['2024 春节 (ends on the Sun 02-18 make-up day)', '2024-02-12', '2024-02-18'],
  ['2024 清明 (ends on the Sun 04-07 make-up day)', '2024-04-05', '2024-04-07'],
  ['2024 劳动节调休 (Sun 04-28)', '2024-04-28', '2024-04-28'],
  ['2024 劳动节', '2024-05-03', '2024-05-06'],
  ['2024 劳动节后调休 (Sat 05-11)', '2024-05-11', '2024-05-11'],
  ['2024 端午 (Mon 06-10)', '2024-06-10', '2024-06-11'],
  ['2024 中秋调休 (Sat 09-14)', '2024-09-14', '2024-09-14'],
  ['2024 中秋', '2024-09-16', '2024-09-18'],
  ['2024 国庆调休 (Sun 09-29)', '2024-09-29', '2024-09-29'],
  ['2024 国庆', '2024-10-04', '2024-10-08'],
  ['2024 国庆后调休 (Sat 10-12)', '2024-10-12', '2024-10-12'],
  ['2025 元旦', '2025-01-01', '2025-01-02'],
  ['2025 春节前调休 (Sun 01-26)', '2025-01-26', '2025-01-26'],
  ['2025 春节', '2025-01-30', '2025-02-05'],
  ['2025 春节后调休 (Sat 02-08)', '2025-02-08', '2025-02-08'],
  ['2025 清明', '2025-04-05', '2025-04-07'],
  ['2025 劳动节调休 (Sun 04-27)', '2025-04-27', '2025-04-27'],
  ['2025 劳动节', '2025-05-02', '2025-05-06'],
  ['2025 端午', '2025-06-01', '2025-06-03'],
  ['2025 国庆调休 (Sun 09-28)', '2025-09-28', '2025-09-28'],
  ['2025 国庆中秋', '2025-10-05', '2025-10-09'],
  ['2025 国庆后调休 (Sat 10-11)', '2025-10-11', '2025-10-11'],
  ['2026 元旦 (ends on the Sun 01-04 make-up day)', '2026-01-02', '2026-01-04'],
  ['2026 春节前调休 (Sat 02-14)', '2026-02-14', '2026-02-14'],
  ['2026 春节', '2026-02-18', '2026-02-24'],
  ['2026 春节后调休 (Sat 02-28)', '2026-02-28', '2026-02-28'],
  ['2026 清明', '2026-04-05', '2026-04-07'],
  ['2026 劳动节', '2026-05-03', '2026-05-06'],
  ['2026 劳动节后调休 (Sat 05-09)', '2026-05-09', '2026-05-09'],
  ['2026 端午', '2026-06-20', '2026-06-22'],
  ['2026 中秋调休 (Sun 09-20)', '2026-09-20', '2026-09-20'],
  ['2026 中秋', '2026-09-26', '2026-09-28'],
  ['2026 国庆', '2026-10-03', '2026-10-08'],
  ['2026 国庆后调休 (Sat 10-10)', '2026-10-10', '2026-10-10'],
  ['plain Saturday', '2021-03-06', '2021-03-08'],
  ['plain Sunday', '2025-03-16', '2025-03-17'],
  ['plain weekday', '2025-03-18', '2025-03-18'],
];

describe('day periods across holidays and 调休 (2021–2026)', () => {
  it.each(holidayRows)('%s: 15th day %s → %s', (_label, nominal, expected) => {
    const from = addDays(d(nominal), -15);
    const r = computePeriod(calendar, { from, amount: 15, unit: 'day', direction: 'after' });
    expect(r.nominalDate).toBe(nominal);
    expect(r.dueDate).toBe(expected);
    expect(r.adjustment).toBe(nominal === expected ? 'none' : 'extended');
    expect(r.isProvisional).toBe(false);
  });
});

const periodRows: ReadonlyArray<readonly [label: string, from: string, amount: number, unit: PeriodUnit, expected: string]> = [
  // Month and year periods (第二百零二条), extended by 第二百零三条 when they end on a rest day.
  ['month end without a corresponding day', '2021-11-30', 3, 'month', '2022-02-28'],
  ['leap February has a 29th', '2024-01-31', 1, 'month', '2024-02-29'],
  ['common February has no 29th', '2023-01-31', 1, 'month', '2023-02-28'],
  ['31st into a 30-day month', '2021-08-31', 1, 'month', '2021-09-30'],
  ['month period crossing a year end', '2023-12-31', 1, 'month', '2024-01-31'],
  ['month period ending in 春节 is extended', '2021-12-31', 1, 'month', '2022-02-07'],
  ['month period ending on 国庆 is extended', '2021-07-01', 3, 'month', '2021-10-08'],
  ['year from 29 February ends on 28 February', '2020-02-29', 4, 'year', '2024-02-29'],
  ['year from 29 February, Sunday 2021-02-28, extended to Monday', '2020-02-29', 1, 'year', '2021-03-01'],
  ['three years (备案有效期)', '2021-02-28', 3, 'year', '2024-02-28'],
  ['year ending on 国庆 ends on the Saturday make-up day', '2021-10-01', 1, 'year', '2022-10-08'],
  ['15 years (租赁小微型客车使用年限) ending on a Saturday', '2010-03-15', 15, 'year', '2025-03-17'],
  // Days across year ends and leap days.
  ['one day into 元旦', '2021-12-31', 1, 'day', '2022-01-04'],
  ['day period ending on Saturday 2022-12-31 (元旦 2023)', '2022-12-15', 16, 'day', '2023-01-03'],
  ['leap day', '2024-02-28', 1, 'day', '2024-02-29'],
  ['no leap day', '2023-02-28', 1, 'day', '2023-03-01'],
  ['60 days (开业备案)', '2021-08-01', 60, 'day', '2021-09-30'],
  ['zero days: the day itself, extended when a holiday', '2021-10-01', 0, 'day', '2021-10-08'],
  // Working days: counted from the next day, make-up days counted, holidays skipped.
  ['5 working days across 中秋 with a Saturday make-up day', '2021-09-16', 5, 'workday', '2021-09-24'],
  ['1 working day across 国庆', '2021-09-30', 1, 'workday', '2021-10-08'],
  ['2 working days that are both make-up weekend days', '2022-01-28', 2, 'workday', '2022-01-30'],
  ['3 working days across 春节 2025', '2025-01-24', 3, 'workday', '2025-02-05'],
  ['30 working days (医保 变更申请)', '2021-09-16', 30, 'workday', '2021-11-03'],
];

describe('day, month, year and working-day periods', () => {
  it.each(periodRows)('%s: %s + %i %s → %s', (_label, from, amount, unit, expected) => {
    const r = computePeriod(calendar, { from: d(from), amount, unit, direction: 'after' });
    expect(r.dueDate).toBe(expected);
    expect(r.isProvisional).toBe(false);
  });

  it('explains a month-end clamp and an extension', () => {
    const r = computePeriod(calendar, { from: d('2021-12-31'), amount: 1, unit: 'month', direction: 'after' });
    expect(r.nominalDate).toBe('2022-01-31');
    expect(r.adjustment).toBe('extended');
    expect(r.explanation).toContain('春节');
    expect(r.legalBasis).toBe('《民法典》第二百零一条、第二百零二条、第二百零三条');
  });

  it('explains working-day counting and the rest days skipped', () => {
    const r = computePeriod(calendar, { from: d('2021-09-30'), amount: 1, unit: 'workday', direction: 'after' });
    expect(r.explanation).toContain('跳过休息日、节假日共7天');
  });

  it('rejects a negative or fractional amount', () => {
    expect(() => computePeriod(calendar, { from: d('2021-01-01'), amount: -1, unit: 'day', direction: 'after' })).toThrow();
    expect(() => computePeriod(calendar, { from: d('2021-01-01'), amount: 1.5, unit: 'day', direction: 'after' })).toThrow();
  });
});

const backwardRows: ReadonlyArray<readonly [label: string, from: string, amount: number, unit: PeriodUnit, nominal: string, expected: string]> = [
  ['期满前3个月, no 31st in September', '2024-12-31', 3, 'month', '2024-09-30', '2024-09-30'],
  ['期满前3个月 on a weekday', '2025-01-31', 3, 'month', '2024-10-31', '2024-10-31'],
  ['期满前3个月 landing in 国庆 moves to the working day before', '2025-01-05', 3, 'month', '2024-10-05', '2024-09-30'],
  ['前30日 across a 30-day month', '2024-07-06', 30, 'day', '2024-06-06', '2024-06-06'],
  ['前7日 landing on Sunday 2024-06-09', '2024-06-16', 7, 'day', '2024-06-09', '2024-06-07'],
  ['前1个工作日 across 国庆', '2021-10-08', 1, 'workday', '2021-09-30', '2021-09-30'],
  ['前1年 from a leap day', '2024-02-29', 1, 'year', '2023-02-28', '2023-02-28'],
];

describe('backward periods (期满前…)', () => {
  it.each(backwardRows)('%s: %s − %i %s', (_label, from, amount, unit, nominal, expected) => {
    const r = computePeriod(calendar, { from: d(from), amount, unit, direction: 'before' });
    expect(r.nominalDate).toBe(nominal);
    expect(r.dueDate).toBe(expected);
    expect(r.adjustment).toBe(nominal === expected ? 'none' : 'movedEarlier');
  });
});

describe('windows before a date (有效期届满前30日内)', () => {
  it('opens 30 days before the end and closes on it, moved to the last working day before a Sunday end', () => {
    const w = computeWindowBefore(calendar, d('2024-06-30'), 30, 'day');
    expect(w).toMatchObject({ opens: '2024-05-31', closes: '2024-06-28', nominalCloses: '2024-06-30', adjustment: 'movedEarlier', isProvisional: false });
    expect(w.explanation).toContain('自2024年5月31日起至2024年6月30日止');
  });
  it('closes on a working end day', () => {
    const w = computeWindowBefore(calendar, d('2025-03-31'), 3, 'month');
    expect(w).toMatchObject({ opens: '2024-12-31', closes: '2025-03-31', adjustment: 'none' });
  });
});

describe('provisional dates beyond the published schedule', () => {
  it.each([
    ['2026-12-20', 15, 'day', '2027-01-04', true],
    ['2026-12-01', 15, 'day', '2026-12-16', false],
    ['2026-12-30', 5, 'workday', '2027-01-06', true],
    ['2027-03-01', 1, 'year', '2028-03-01', true],
    ['2003-12-20', 5, 'day', '2003-12-25', true],
  ] as const)('%s + %i %s → %s (provisional %s)', (from, amount, unit, expected, isProvisional) => {
    const r = computePeriod(calendar, { from: d(from), amount, unit, direction: 'after' });
    expect(r.dueDate).toBe(expected);
    expect(r.isProvisional).toBe(isProvisional);
    if (isProvisional) expect(r.explanation).toContain('暂定');
  });

  it('is recomputed, final, once the year is published', () => {
    const table = loadShippedHolidayTable();
    // A newer schedule that declares 2027-01-04 a holiday (hypothetical data for the test).
    const newer = buildWorkCalendar({
      ...table,
      publishedThroughYear: 2027,
      holidays: [...table.holidays, '2027-01-01', '2027-01-04'],
      holidayNames: { ...table.holidayNames, '2027-01-04': '元旦' },
    });
    const r = computePeriod(newer, { from: d('2026-12-20'), amount: 15, unit: 'day', direction: 'after' });
    expect(r).toMatchObject({ dueDate: '2027-01-05', isProvisional: false, adjustment: 'extended' });
  });
});

describe('addMonthsClamped', () => {
  it.each([
    ['2021-01-31', 1, '2021-02-28', true],
    ['2021-03-31', -1, '2021-02-28', true],
    ['2021-12-15', 1, '2022-01-15', false],
    ['2022-01-15', -1, '2021-12-15', false],
    ['2020-02-29', 12, '2021-02-28', true],
    ['2021-05-31', -15, '2020-02-29', true],
  ] as const)('%s %+i months → %s', (from, months, expected, isClamped) => {
    expect(addMonthsClamped(d(from), months)).toEqual({ date: expected, isClamped });
  });
});

describe('properties', () => {
  const dayArb = fc.integer({ min: toDayNumber(d('2004-01-01')), max: toDayNumber(d('2026-10-31')) });
  it('a period counted forwards never ends on a rest day, and never before its nominal day', () => {
    fc.assert(fc.property(dayArb, fc.integer({ min: 0, max: 90 }), fc.constantFrom<PeriodUnit>('day', 'workday', 'month'), (day, amount, unit) => {
      const r = computePeriod(calendar, { from: fromDayNumber(day), amount: unit === 'month' ? amount % 12 : amount, unit, direction: 'after' });
      expect(calendar.isRestDay(toDayNumber(r.dueDate))).toBe(false);
      expect(r.dueDate >= r.nominalDate).toBe(true);
    }));
  });
  it('a period counted backwards never ends on a rest day, and never after its nominal day', () => {
    fc.assert(fc.property(dayArb, fc.integer({ min: 1, max: 90 }), (day, amount) => {
      const r = computePeriod(calendar, { from: fromDayNumber(day), amount, unit: 'day', direction: 'before' });
      expect(calendar.isRestDay(toDayNumber(r.dueDate))).toBe(false);
      expect(r.dueDate <= r.nominalDate).toBe(true);
    }));
  });
  it('n working days contain exactly n working days after the start', () => {
    fc.assert(fc.property(dayArb, fc.integer({ min: 1, max: 40 }), (day, amount) => {
      const r = computePeriod(calendar, { from: fromDayNumber(day), amount, unit: 'workday', direction: 'after' });
      let count = 0;
      for (let x = day + 1; x <= toDayNumber(r.dueDate); x++) if (!calendar.isRestDay(x)) count++;
      expect(count).toBe(amount);
    }));
  });
});
