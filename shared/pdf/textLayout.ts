/*
 * Line breaking for Chinese text in a PDF. A PDF has no text flow: every line is placed by the
 * generator, and Chinese has no spaces to break at, so lines are broken here by measuring glyph
 * advances, with the usual Chinese rules (GB/T 15834 punctuation, and the common 避头尾 practice):
 *  - a line breaks between words, not inside one: Intl.Segmenter's Chinese word granularity (ICU's
 *    dictionary), improved for the words it splits: a lone character joins the word before it
 *    (身份|证 → 身份证, 复印|件 → 复印件, 管理|局), two lone characters join each other (医|保 → 医保),
 *    a number keeps its unit (12.5平方米, 30日), and a short 《…》 or （…） stays whole. A word wider
 *    than the line still breaks between characters;
 *  - closing punctuation (，。、；：？！）】」… and the like) never starts a line: it stays with the
 *    character before it, which moves to the next line with it when needed (推出);
 *  - opening punctuation (（【「“《 …) never ends a line: it moves down with what follows;
 *  - Latin words, numbers, codes (统一社会信用代码, phone numbers, dates) are not split unless a single one
 *    is wider than the line;
 *  - a newline in the value starts a new line.
 */

/** Below this size printed text is hard to read: the app never shrinks to it without saying so. */
export const MIN_READABLE_FONT_SIZE = 8;

/**
 * The smallest size crampedTemplateFields (renderForm.ts) tries before saying a value does not fit
 * at all. Here rather than in renderForm.ts so the pages that quote it do not load pdf-lib.
 */
export const CRAMPED_SMALLEST_SIZE = 2;

/** Width in points of `text` at `size` points, as the PDF will draw it. */
export interface TextMeasurer {
  width(text: string, size: number): number;
}

/** A measurer over a font's advance widths, cached per character (the subset fonts have no kerning). */
export function cachedMeasurer(widthAt1000: (char: string) => number): TextMeasurer {
  const cache = new Map<string, number>();
  return {
    width(text: string, size: number): number {
      let total = 0;
      for (const char of text) {
        let w = cache.get(char);
        if (w === undefined) {
          w = widthAt1000(char);
          cache.set(char, w);
        }
        total += w;
      }
      return (total * size) / 1000;
    },
  };
}

const NO_LINE_START = new Set([
  ...'，。、；：？！）］｝〕〉》」』】〙〗〟’”｠»›…‥·・～％‰℃°¢',
  ...',.;:?!)]}%>',
  ...'ー々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ',
]);
const DATE_UNITS = new Set([...'年月日号时分秒']);
const NO_LINE_END = new Set([...'（［｛〔〈《「『【〘〖〝‘“｟«‹￥＄', ...'([{<$¥£€']);

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

type Atom = { readonly text: string; readonly isSpace: boolean };

/** Single characters that open the phrase after them rather than end the word before them. */
const FUNCTION_CHARACTERS = new Set([...'和与及或向在由从自对将把被并而且为按经须应可均需']);
/** A bracketed group up to this many characters is kept on one line. */
const MAX_GROUP_LENGTH = 16;
const GROUPS: ReadonlyArray<readonly [string, string]> = [['《', '》'], ['（', '）'], ['(', ')'], ['【', '】'], ['“', '”'], ['「', '」']];
const HAN = /^[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3fffd}]+$/u;

const segmenter: Intl.Segmenter | null = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

/**
 * UTF-16 offsets in `paragraph` before which a line must not break because the characters on both
 * sides belong to one word, one number with its unit, or one short bracketed group.
 */
export function wordJoins(paragraph: string): Set<number> {
  const joins = new Set<number>();
  if (segmenter === null) return joins;
  const segments = [...segmenter.segment(paragraph)].map((s) => ({ text: s.segment, index: s.index, isHan: HAN.test(s.segment) }));
  const joinWithin = (start: number, text: string) => {
    let offset = start;
    for (const char of text) {
      if (offset > start) joins.add(offset);
      offset += char.length;
    }
  };
  segments.forEach((segment, i) => {
    if (segment.isHan && segment.text.length <= 6) joinWithin(segment.index, segment.text);
    const previous = segments[i - 1];
    const next = segments[i + 1];
    if (!segment.isHan || previous === undefined) return;
    // A lone character: a one-character word that is not a function word (和, 向, 须 …).
    const isLone = (x: typeof segment | undefined) => x !== undefined && x.isHan && [...x.text].length === 1 && !FUNCTION_CHARACTERS.has(x.text);
    if (/[0-9０-９%％]$/.test(previous.text) && [...segment.text].length <= 3) {
      joins.add(segment.index);
    } else if (isLone(segment) && isLone(previous) && !isLone(segments[i - 2]) && !isLone(next)) {
      joins.add(segment.index);
    } else if (isLone(segment) && previous.isHan && [...previous.text].length >= 2 && [...previous.text].length <= 5 && !isLone(next)) {
      joins.add(segment.index);
    }
  });
  for (const [open, close] of GROUPS) {
    let from = 0;
    for (;;) {
      const start = paragraph.indexOf(open, from);
      if (start < 0) break;
      const end = paragraph.indexOf(close, start + open.length);
      if (end < 0) break;
      if ([...paragraph.slice(start, end + 1)].length <= MAX_GROUP_LENGTH) joinWithin(start, paragraph.slice(start, end + close.length));
      from = end + close.length;
    }
  }
  return joins;
}

/**
 * Splits one paragraph (no newlines) into the units a line may not break inside: a Han character
 * with the punctuation glued to it, a Latin word or number, or a run of spaces.
 */
export function breakAtoms(paragraph: string): Atom[] {
  const atoms: Array<{ text: string; isSpace: boolean }> = [];
  const joins = wordJoins(paragraph);
  let pendingOpen = '';
  let latin = '';
  let offset = 0;
  const push = (text: string, isSpace = false): void => {
    if (isSpace) {
      const last = atoms[atoms.length - 1];
      if (last?.isSpace) last.text += text;
      else atoms.push({ text, isSpace: true });
      return;
    }
    atoms.push({ text: pendingOpen + text, isSpace: false });
    pendingOpen = '';
  };
  const flushLatin = (): void => {
    if (latin) push(latin);
    latin = '';
  };
  for (const char of paragraph) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (char === ' ' || char === '\t' || char === '\u3000') {
      flushLatin();
      // "（ 企": the opening mark and the space go down with the next word.
      if (pendingOpen) pendingOpen += char === '\t' ? ' ' : char;
      else push(char === '\t' ? ' ' : char, true);
    } else if (NO_LINE_START.has(char) || (char === '—' && (latin.endsWith('—') || atoms[atoms.length - 1]?.text.endsWith('—')))) {
      // Glue to whatever precedes it (a Latin run being built, or the last atom).
      if (latin) latin += char;
      else {
        const last = atoms[atoms.length - 1];
        const beforeSpace = atoms[atoms.length - 2];
        if (last && !last.isSpace && !pendingOpen) last.text += char;
        else if (last?.isSpace && beforeSpace && !pendingOpen) {
          // "企 。": the mark still may not open a line, so it takes the space and its word along.
          beforeSpace.text += last.text + char;
          atoms.pop();
        } else push(char);
      }
    } else if (DATE_UNITS.has(char) && /[0-9]$/.test(latin)) {
      // "2026年", "12月", "31日" stay whole.
      latin += char;
    } else if (NO_LINE_END.has(char)) {
      flushLatin();
      pendingOpen += char;
    } else if (isWide(codePoint)) {
      flushLatin();
      const last = atoms[atoms.length - 1];
      if (joins.has(offset) && last && !last.isSpace && pendingOpen === '') last.text += char;
      else push(char);
    } else {
      if (pendingOpen && !latin) {
        latin = pendingOpen;
        pendingOpen = '';
      }
      latin += char;
    }
    offset += char.length;
  }
  flushLatin();
  if (pendingOpen) push('');
  return atoms;
}

/**
 * Lines of `text` no wider than `maxWidth` at `size` (a single character wider than the line gets
 * a line of its own). `firstLineIndent` (points) narrows the first line of every paragraph; the
 * caller draws that line indented.
 */
export function wrapText(text: string, measure: TextMeasurer, maxWidth: number, size: number, firstLineIndent = 0): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const paragraphLines: string[] = [];
    let line = '';
    let lineWidth = firstLineIndent;
    const endLine = (): void => {
      paragraphLines.push(line.replace(/[ \u3000]+$/, ''));
      line = '';
      lineWidth = 0;
    };
    for (const atom of breakAtoms(paragraph)) {
      // Spaces that open a paragraph are kept (a blank to write a date on); at a wrap they go.
      if (atom.isSpace && line === '' && paragraphLines.length > 0) continue;
      const atomWidth = measure.width(atom.text, size);
      if (lineWidth + atomWidth <= maxWidth + 1e-6) {
        line += atom.text;
        lineWidth += atomWidth;
        continue;
      }
      if (atom.isSpace) {
        endLine();
        continue;
      }
      if (line !== '' || lineWidth > 0) endLine();
      if (atomWidth <= maxWidth + 1e-6) {
        line = atom.text;
        lineWidth = atomWidth;
        continue;
      }
      // One unit wider than the line (a long code or URL): break it by character.
      for (const char of atom.text) {
        const charWidth = measure.width(char, size);
        if (line !== '' && lineWidth + charWidth > maxWidth + 1e-6 && !NO_LINE_START.has(char)) endLine();
        line += char;
        lineWidth += charWidth;
      }
    }
    if (line !== '' || paragraphLines.length === 0) endLine();
    lines.push(...paragraphLines);
  }
  return lines;
}

export interface FitOptions {
  readonly maxSize: number;
  readonly minSize: number;
  /** Line height as a multiple of the font size. */
  readonly lineHeight: number;
  readonly maxWidth: number;
  /** Available height; Infinity when the box may grow. */
  readonly maxHeight: number;
  /** Shrinks in steps of this many points. */
  readonly step?: number | undefined;
}

export interface FittedText {
  readonly lines: readonly string[];
  readonly size: number;
  readonly lineHeight: number;
  readonly height: number;
  /** True when even `minSize` does not fit in `maxHeight` (all lines are still returned). */
  readonly isOverflowing: boolean;
}

/** The largest size from maxSize down to minSize at which the wrapped text fits the box. */
export function fitText(text: string, measure: TextMeasurer, options: FitOptions): FittedText {
  const step = options.step ?? 0.5;
  let size = options.maxSize;
  for (;;) {
    const lines = wrapText(text, measure, options.maxWidth, size);
    const lineHeight = size * options.lineHeight;
    const height = lines.length * lineHeight;
    if (height <= options.maxHeight + 1e-6) return { lines, size, lineHeight, height, isOverflowing: false };
    if (size - step < options.minSize - 1e-6) return { lines, size, lineHeight, height, isOverflowing: true };
    size -= step;
  }
}
