import { describe, expect, it } from 'vitest';
import {
  addDays, asIsoDate, daysBetween, daysInMonth, isIsoDate, isLeapYear, localIsoDate, parseIsoDate, weekday,
} from '../../../shared/domain/isoDate';

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true], ['2023-02-29', false], ['1900-02-29', false], ['2000-02-29', true],
    ['2021-04-31', false], ['2021-12-31', true], ['2021-13-01', false], ['2021-00-10', false],
    ['2021-1-01', false], ['20210101', false], ['2021-01-01T00:00:00Z', false], ['', false],
  ])('%s -> %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
  it('refuses non-strings', () => {
    expect(isIsoDate(20210101)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});

describe('calendar arithmetic (UTC, no time-zone drift)', () => {
  it.each([
    [2024, true], [2023, false], [1900, false], [2000, true], [2100, false],
  ])('leap year %i -> %s', (year, expected) => expect(isLeapYear(year)).toBe(expected));

  it.each([
    [2024, 2, 29], [2023, 2, 28], [2021, 4, 30], [2021, 12, 31],
  ])('days in %i-%i = %i', (y, m, n) => expect(daysInMonth(y, m)).toBe(n));

  it.each([
    ['2021-12-31', 1, '2022-01-01'], ['2024-02-28', 1, '2024-02-29'], ['2023-02-28', 1, '2023-03-01'],
    ['2021-09-16', 15, '2021-10-01'], ['2022-01-01', -1, '2021-12-31'], ['2021-03-28', 365, '2022-03-28'],
  ])('%s + %i days = %s', (from, days, to) => expect(addDays(asIsoDate(from), days)).toBe(to));

  it('counts days between dates', () => {
    expect(daysBetween(asIsoDate('2021-01-01'), asIsoDate('2022-01-01'))).toBe(365);
    expect(daysBetween(asIsoDate('2024-01-01'), asIsoDate('2025-01-01'))).toBe(366);
    expect(daysBetween(asIsoDate('2022-01-01'), asIsoDate('2021-12-25'))).toBe(-7);
  });

  it.each([
    ['2021-10-01', 5], ['2022-01-30', 0], ['2026-11-26', 4], ['1970-01-01', 4], ['1969-12-31', 3],
  ])('weekday of %s is %i', (date, day) => expect(weekday(asIsoDate(date))).toBe(day));

  it('takes the local calendar date, not the UTC one', () => {
    const lateEvening = new Date(2021, 9, 1, 23, 30);
    expect(localIsoDate(lateEvening)).toBe('2021-10-01');
  });

  it('parse returns null and asIsoDate throws a Chinese error for bad input', () => {
    expect(parseIsoDate('2021-02-30')).toBeNull();
    expect(() => asIsoDate('2021/01/01')).toThrow('不是有效的日期');
  });
});
