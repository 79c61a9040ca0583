import { z } from 'zod';

/** What a value should be, in the officer's words (zod's own names are JavaScript's types). */
const KIND_WORDS: Readonly<Record<string, string>> = {
  string: '文字', number: '数字', int: '整数', boolean: '“是”或“否”', object: '一组字段', array: '列表', date: '日期',
  bigint: '整数', null: '空值', undefined: '空值', nan: '数字', symbol: '文字', function: '文字', map: '一组字段', set: '列表',
};

function kindOf(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
  return typeof value;
}

/**
 * zod's built-in messages default to English; users see them inside import and data-pack errors
 * ("第 2 家企业.vehicles[3].usageNature：…"). Every entry point (the page, main, the command line)
 * calls this once before any schema is used. The zh-CN locale still names JavaScript types
 * ("期望 string，实际接收 undefined"), so a wrong or missing value is said in words here.
 */
export function configureChineseValidationMessages(): void {
  z.config(z.locales.zhCN());
  z.config({
    customError: (issue) => {
      if (issue.code !== 'invalid_type') return undefined;
      const received = kindOf(issue.input);
      const expected = KIND_WORDS[issue.expected] ?? '其他类型的值';
      if (received === 'undefined') return `缺少该项（应为${expected}）`;
      return `应为${expected}，实际是${KIND_WORDS[received] ?? '其他类型的值'}`;
    },
  });
}
