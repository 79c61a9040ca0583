import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakAtoms, cachedMeasurer, fitText, wordJoins, wrapText } from '../../../shared/pdf/textLayout';

/** Han and full-width characters 1 em, everything else half an em: the shape of a CJK font. */
const measure = cachedMeasurer((char) => ((char.codePointAt(0) ?? 0) >= 0x2e80 ? 1000 : 500));

const CLOSING = '，。、；：？！）】」』》”’…%';
const OPENING = '（【「『《“‘';

describe('wrapText: Chinese line breaking', () => {
  it.each([
    // [text, width in ems at size 10 → points, expected lines]
    ['企业合规工作台', 40, ['企业合规', '工作台']],
    // 。 never starts a line: it stays with 工作, which moves down whole (推出).
    ['企业合规工作。', 60, ['企业合规', '工作。']],
    // Words stay whole (the examples): 签订医保协/议, 市场监督管理/局, 身份证复/印件.
    ['申请人须签订医保协议', 90, ['申请人须签订医保', '协议']],
    ['北京市市场监督管理局', 90, ['北京市市场监督', '管理局']],
    ['提交身份证复印件', 60, ['提交身份证', '复印件']],
    // 《…》, a number with its unit and a short bracket stay together.
    ['请附《营业执照》', 60, ['请附', '《营业执照》']],
    ['面积12.5平方米（含）', 60, ['面积', '12.5平方米', '（含）']],
    // （ never ends a line: it moves down with what follows.
    ['北京市朝阳（区）', 60, ['北京市朝阳', '（区）']],
    // A code is not split while it fits a line of its own.
    ['代码91110105MA01ABCD2X号', 100, ['代码', '91110105MA01ABCD2X号']],
    // A phone number keeps its hyphen.
    ['电话010-64781234', 60, ['电话', '010-64781234']],
    // Dates stay whole: 2026年, 12月, 31日.
    ['至2026年12月31日', 50, ['至', '2026年12月', '31日']],
    // Explicit newlines start new lines; leading blanks of a paragraph are kept.
    ['第一行\n　　年　月　日', 200, ['第一行', '　　年　月　日']],
    // Latin words break at spaces, and the space is not carried to the next line.
    ['hello world again', 60, ['hello world', 'again']],
  ])('%s at %i pt', (text, width, expected) => {
    expect(wrapText(text, measure, width, 10)).toEqual(expected);
  });

  it('breaks a single unit wider than the line by character', () => {
    const lines = wrapText('ABCDEFGHIJKLMNOP', measure, 30, 10);
    expect(lines).toEqual(['ABCDEF', 'GHIJKL', 'MNOP']);
  });

  it('narrows the first line by the indent', () => {
    expect(wrapText('企业合规工作台企业', measure, 40, 10, 20)).toEqual(['企业', '合规', '工作台', '企业']);
  });

  it('keeps 二类 with the closing punctuation glued after it', () => {
    const atoms = breakAtoms('限一类、二类）；');
    expect(atoms.map((a) => a.text)).toEqual(['限', '一类、', '二类）；']);
  });

  it('joins the words the segmenter splits: a lone character to its word, a number to its unit, never a function word', () => {
    expect(breakAtoms('申请人须签订医保协议，向北京市市场监督管理局提交身份证复印件和《营业执照》').map((a) => a.text)).toEqual([
      '申请人', '须', '签订', '医保', '协议，', '向', '北京市', '市场', '监督', '管理局', '提交', '身份证', '复印件', '和', '《营业执照》',
    ]);
    expect(wordJoins('30个工作日').has(2)).toBe(true);
  });

  it('moves a unit that does not fit beside a leading blank to the next line, losing nothing (fast-check counterexample)', () => {
    const lines = wrapText(' 企】、！', measure, 40, 10);
    expect(lines.join('').trim()).toBe('企】、！');
    expect(lines.every((line) => measure.width(line, 10) <= 40 + 1e-6)).toBe(true);
  });

  it('never starts a line with closing punctuation, never ends one with opening punctuation, loses no character, fits the width', () => {
    const char = fc.constantFrom(...'企业合规工作台北京朝阳区药店申请表统一社会信用代码', ...CLOSING, ...OPENING, ...'0123456789ABCxyz -/');
    fc.assert(
      fc.property(fc.array(char, { minLength: 1, maxLength: 120 }), fc.integer({ min: 40, max: 300 }), (chars, width) => {
        const text = chars.join('');
        const lines = wrapText(text, measure, width, 10);
        for (const [i, line] of lines.entries()) {
          const isOverlong = measure.width(line, 10) > width + 1e-6;
          // Only a single unbreakable run may exceed (and then only when it has a line of its own).
          if (isOverlong) expect([...line].length).toBeGreaterThan(0);
          if (i > 0 && line.length > 0 && !isOverlong) {
            const first = line[0] ?? '';
            const previous = lines[i - 1] ?? '';
            // A closing mark may start a line only when the line before could not take anything at all.
            if (CLOSING.includes(first)) expect(previous.trim()).toBe('');
          }
          // An empty line (a paragraph's leading blank that the next unit did not fit beside) ends with nothing.
          if (i < lines.length - 1 && line.length > 0) {
            const last = line[line.length - 1] ?? '';
            if (OPENING.includes(last)) expect(measure.width(line, 10)).toBeGreaterThan(width - 10);
          }
        }
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
      { numRuns: 300 },
    );
  });
});

describe('fitText', () => {
  it('keeps the largest size that fits the height', () => {
    // 14 characters in 70 pt: two lines of 7 at 10 pt are 24 pt high; 8 pt is the first size under 20 pt.
    const fitted = fitText('企业合规工作台企业合规工作台', measure, { maxSize: 10, minSize: 6, lineHeight: 1.2, maxWidth: 70, maxHeight: 20 });
    expect(fitted.isOverflowing).toBe(false);
    expect(fitted.size).toBe(8);
    expect(fitted.lines).toEqual(['企业合规工作台', '企业合规工作台']);
  });

  it('reports overflow at the minimum size', () => {
    const fitted = fitText('企'.repeat(200), measure, { maxSize: 10, minSize: 8, lineHeight: 1.2, maxWidth: 50, maxHeight: 20 });
    expect(fitted.isOverflowing).toBe(true);
    expect(fitted.size).toBe(8);
  });
});
