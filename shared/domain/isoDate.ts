import { z } from 'zod';

/**
 * Calendar dates as `YYYY-MM-DD` strings, branded so that a date cannot be confused with any
 * other string. All date arithmetic is done on the proleptic Gregorian calendar in UTC so that
 * no time zone can shift a legal date by one day.
 */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parses `YYYY-MM-DD`; returns null for anything else, including impossible dates like 2023-02-29. */
export function parseIsoDate(value: string): IsoDate | null {
  return isIsoDate(value) ? value : null;
}

export function asIsoDate(value: string): IsoDate {
  if (!isIsoDate(value)) throw new Error(`不是有效的日期：${value}（应为 YYYY-MM-DD）`);
  return value;
}

/** A stored or imported date: a real `YYYY-MM-DD` calendar day, refused in Chinese otherwise. */
export const isoDateSchema = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD' });

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function toParts(date: IsoDate): DateParts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function fromParts(year: number, month: number, day: number): IsoDate {
  return asIsoDate(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (UTC), for arithmetic. */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = toParts(date);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return fromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function compareIsoDate(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The local calendar date of a JS Date, for "today" in the user's time zone (Beijing for our users). */
export function localIsoDate(now: Date): IsoDate {
  return fromParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
