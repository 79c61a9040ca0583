import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeError, describeFailure, describeText, errFrom, UNEXPECTED_REASON } from '../../../shared/util/errorDescription';
import { hasLibraryText } from './libraryText';

/*
 * The page's one error-description helper (issue 13 point 4, issue 14 point 5): whatever a library
 * or JavaScript throws, the sentence the officer reads is Chinese and carries none of its words;
 * those go to `technical` (技术详情, the log). Checked with the hostile suite's own rule for
 * library text (libraryText.ts), not with the helper's.
 */

/** The exception a real call throws, so the words are the library's own, not a copy of them. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw');
}

const HAN = /[\u3400-\u9fff]/;

const LIBRARY_FAILURES: ReadonlyArray<readonly [string, unknown]> = [
  ['reading a property of undefined', thrownBy(() => (JSON.parse('{}') as { cell: { richText: unknown } }).cell.richText)],
  ['fflate on bytes that are not a zip', thrownBy(() => unzipSync(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])))],
  ['an invalid Date turned into text', thrownBy(() => new Date(Number.NaN).toISOString())],
  ['JSON cut short', thrownBy(() => JSON.parse('{"companies": ['))],
  ['calling what is not a function', thrownBy(() => (JSON.parse('{"catalog":{}}') as { catalog: { Pages: () => void } }).catalog.Pages())],
  ['the text as the issue quotes it', new TypeError("Cannot read properties of undefined (reading 'richText')")],
  ['a bare string rejection', 'invalid zip data'],
  ['a thrown object', { message: '_this.catalog.Pages is not a function' }],
  ['a thrown number', 42],
  ['undefined', undefined],
];

describe('describeError: library text never reaches the officer’s sentence', () => {
  it.each(LIBRARY_FAILURES)('%s', (_name, failure) => {
    const described = describeError(failure, { lead: '无法导入“车辆名册.xlsx”' });
    expect(hasLibraryText(described.message), described.message).toBe(false);
    expect(described.message).toMatch(HAN);
    expect(described.message.startsWith('无法导入“车辆名册.xlsx”：')).toBe(true);
  });

  it('keeps the library’s words for 技术详情 and the log', () => {
    const failure = thrownBy(() => unzipSync(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])));
    const described = describeError(failure, { reason: '文件已损坏' });
    expect(described.message).toBe('文件已损坏');
    expect(described.technical).toContain((failure as Error).message);
    expect(describeError(new TypeError("Cannot read properties of undefined (reading 'richText')")).technical).toBe("TypeError: Cannot read properties of undefined (reading 'richText')");
  });

  it('uses the general Chinese reason when the caller gives none', () => {
    expect(describeError(new Error('invalid zip data'))).toEqual({ message: UNEXPECTED_REASON, technical: 'Error: invalid zip data' });
  });

  it('passes the app’s own Chinese sentences through unchanged, with nothing technical', () => {
    expect(describeError(new Error('备份密码不正确'))).toEqual({ message: '备份密码不正确', technical: null });
    expect(describeError(new Error('第 3 家企业的统一社会信用代码校验位不符'), { lead: '导入失败' }).message).toBe('导入失败：第 3 家企业的统一社会信用代码校验位不符');
  });

  it('does not take a file name or a path the officer chose for library text', () => {
    const sentence = '无法读取文件“Annual Report Final Draft.pdf”：文件已损坏';
    expect(describeText(sentence)).toEqual({ message: sentence, technical: null });
    const withPath = '无法写入 C:\\Users\\Zhang San\\Documents\\Compliance Reports Final\\a.json：磁盘已满';
    expect(describeText(withPath).message).toBe(withPath);
  });

  it('keeps a Chinese lead and replaces the library words after it', () => {
    const described = describeText('读取文件失败：invalid zip data', { reason: '文件已损坏或不是工作区包' });
    expect(described).toEqual({ message: '读取文件失败：文件已损坏或不是工作区包', technical: '读取文件失败：invalid zip data' });
    // The roster module's old date text with NaN in it.
    expect(hasLibraryText(describeText('不是有效的日期：0NaN-NaN-NaN').message)).toBe(false);
    expect(describeText('不是有效的日期：0NaN-NaN-NaN').message).not.toContain('NaN');
  });

  it('describes a refusal carried as a value, keeping its technical details apart', () => {
    const described = describeFailure({ code: 'package.unreadable', message: '工作区包无法打开：压缩包已损坏', details: { technical: 'Error: invalid zip data' } });
    expect(described).toEqual({ message: '工作区包无法打开：压缩包已损坏', technical: 'Error: invalid zip data' });
    const leaked = describeFailure({ code: 'roster.failed', message: "读取文件失败：Cannot read properties of undefined (reading 'richText')" });
    expect(hasLibraryText(leaked.message)).toBe(false);
    expect(leaked.technical).toContain('richText');
  });

  it('builds a failed Result whose message is Chinese and whose details hold the library text', () => {
    const result = errFrom('file.unreadable', thrownBy(() => new Date(Number.NaN).toISOString()), { lead: '无法读取文件“电表.xlsx”', reason: '日期无效' });
    expect(result.error.message).toBe('无法读取文件“电表.xlsx”：日期无效');
    expect(result.error.details).toEqual({ technical: expect.stringContaining('RangeError') as unknown });
  });
});
