import { describe, expect, it } from 'vitest';
import { dateTextProblem } from '../../../renderer/components/dateText';

/* Issue 17, points 2 and 6: a typed date that cannot be stored is refused with why, never dropped. */

describe('dateTextProblem', () => {
  it.each([
    ['', null],
    ['2026-02-28', null],
    ['2024-02-29', null],
    ['2026-02-30', '“2026-02-30”不是有效日期：2026 年 2 月没有 30 日'],
    ['2025-02-29', '“2025-02-29”不是有效日期：2025 年 2 月没有 29 日'],
    ['2026-04-31', '“2026-04-31”不是有效日期：2026 年 4 月没有 31 日'],
    ['2026-13-01', '“2026-13-01”不是有效日期：没有 13 月'],
    ['2026/3/1', '“2026/3/1”请按 YYYY-MM-DD 填写（如 2026-03-01）'],
    ['明天', '“明天”不是日期，请按 YYYY-MM-DD 填写（如 2026-03-01）'],
  ])('%s', (text, expected) => {
    expect(dateTextProblem(text)).toBe(expected);
  });
});
