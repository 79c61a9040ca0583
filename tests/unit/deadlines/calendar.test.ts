import { describe, expect, it } from 'vitest';
import { asIsoDate, toDayNumber } from '../../../shared/domain/isoDate';
import { buildWorkCalendar, describeDay, parseHolidayTable } from '../../../shared/deadlines/calendar';
import { loadShippedHolidayTable, shippedCalendar } from './holidayFixture';

const calendar = shippedCalendar();
const kind = (s: string) => calendar.dayKind(toDayNumber(asIsoDate(s)));

describe('the shipped holiday table', () => {
  it('comes from chinese-days and is published through 2026, not 2027', () => {
    const table = loadShippedHolidayTable();
    expect(table.source).toContain('chinese-days 1.5.7');
    expect(table.publishedThroughYear).toBe(2026);
    expect(table.holidays.some((x) => x.startsWith('2027'))).toBe(false);
    expect([...table.holidays].sort()).toEqual(table.holidays);
  });

  it.each([
    ['2021-10-01', 'holiday'],
    ['2021-10-09', 'makeUpWorkday'],
    ['2021-10-10', 'weekend'],
    ['2021-10-11', 'workday'],
    ['2022-12-31', 'holiday'],
    ['2026-02-14', 'makeUpWorkday'],
    ['2027-01-01', 'workday'],
    ['2027-01-02', 'weekend'],
  ] as const)('%s is a %s', (date, expected) => {
    expect(kind(date)).toBe(expected);
  });

  it('knows published days only', () => {
    expect(calendar.isKnownDay(toDayNumber(asIsoDate('2026-12-31')))).toBe(true);
    expect(calendar.isKnownDay(toDayNumber(asIsoDate('2027-01-01')))).toBe(false);
  });

  it('describes days in Chinese', () => {
    expect(describeDay(calendar, asIsoDate('2021-10-01'))).toBe('法定节假日（国庆节）');
    expect(describeDay(calendar, asIsoDate('2022-01-30'))).toBe('星期日（调休上班日）');
    expect(describeDay(calendar, asIsoDate('2021-10-10'))).toBe('星期日（休息日）');
  });
});

describe('parseHolidayTable', () => {
  const valid = loadShippedHolidayTable();
  it('rejects a date listed as both holiday and make-up day', () => {
    const r = parseHolidayTable({ ...valid, makeUpWorkdays: [...valid.makeUpWorkdays, '2021-10-01'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('2021-10-01');
  });
  it('rejects an impossible date with a Chinese message', () => {
    const r = parseHolidayTable({ ...valid, holidays: ['2021-02-30'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('节假日数据格式有误');
  });
  it('rejects another format', () => {
    expect(parseHolidayTable({ holidays: [] }).ok).toBe(false);
  });
  it('builds a calendar from a small table', () => {
    const cal = buildWorkCalendar({ ...valid, coveredFromYear: 2030, publishedThroughYear: 2030, holidays: ['2030-10-01'], makeUpWorkdays: ['2030-09-29'], holidayNames: {} });
    expect(cal.dayKind(toDayNumber(asIsoDate('2030-10-01')))).toBe('holiday');
    expect(cal.isRestDay(toDayNumber(asIsoDate('2030-09-29')))).toBe(false);
    expect(cal.holidayName(asIsoDate('2030-10-01'))).toBe('法定节假日');
  });
});
