import type { IsoDate } from '../../shared/domain/isoDate';
import { daysBetween, toParts } from '../../shared/domain/isoDate';

/** Display helpers for tables and descriptions: Chinese wording, '—' for missing values. */

export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

export function yesNoUnknown(value: boolean | null): string {
  return value === null ? '未知' : value ? '是' : '否';
}

/** Whole months from `from` to `to`, counting a month only once its day is reached. */
function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  const a = toParts(from);
  const b = toParts(to);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (b.day < a.day) months -= 1;
  return months;
}

/** "2 年 3 个月", "11 个月", "20 天". */
export function describeSpan(from: IsoDate, to: IsoDate): string {
  const months = wholeMonthsBetween(from, to);
  if (months < 1) return `${daysBetween(from, to)} 天`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years === 0) return `${rest} 个月`;
  return rest === 0 ? `${years} 年` : `${years} 年 ${rest} 个月`;
}

export function formatWan(value: number | null): string {
  return value === null ? '—' : `${value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
}
