import { isIsoDate } from '../../shared/domain/isoDate';

/*
 * What is wrong with a date the officer typed, in Chinese, so the field can refuse it where it
 * was typed instead of dropping it (a date picker forgets text it cannot parse). Pure.
 */

const SHAPE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

/** null when `text` is empty or a real YYYY-MM-DD date; otherwise why it cannot be stored. */
export function dateTextProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '' || isIsoDate(trimmed)) return null;
  const match = SHAPE.exec(trimmed);
  if (!match) return `“${trimmed}”不是日期，请按 YYYY-MM-DD 填写（如 2026-03-01）`;
  const [, y = '', m = '', d = ''] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12) return `“${trimmed}”不是有效日期：没有 ${month} 月`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return `“${trimmed}”不是有效日期：${year} 年 ${month} 月没有 ${day} 日`;
  return `“${trimmed}”请按 YYYY-MM-DD 填写（如 ${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}）`;
}
