/*
 * The compilation is PDF-extracted: line breaks and stray spaces split words ("预付" / "卡"), and
 * page numbers sit on lines of their own. Search and citation highlighting therefore compare
 * "folded" text (whitespace and page-number lines removed) while remembering, for every folded
 * character, where it came from, so a match is highlighted in the text as printed.
 */

/** Same rule as shared/policy/loadKnowledgeBase (its quote check must agree with our highlighting). */
const PAGE_NUMBER_LINE = /^\s*\d{1,4}\s*$/;
const WHITESPACE = /\s/;

/**
 * 'quote': whitespace removed, nothing else changed (how the knowledge base stores quotes).
 * 'search': also NFKC (full-width letters, digits and brackets as half-width) and lower case, so
 * "（一）" finds "(一)" and "ＰＵＥ" finds "PUE".
 */
export type FoldMode = 'quote' | 'search';

function foldChar(char: string, mode: FoldMode): string {
  if (WHITESPACE.test(char)) return '';
  if (mode === 'quote') return char;
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) return char.toLowerCase();
  // CJK unified ideographs are their own NFKC form; skip the costly call for the bulk of the text.
  if (code >= 0x4e00 && code <= 0x9fff) return char;
  return char.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export interface FoldedString {
  readonly text: string;
  /** For each UTF-16 unit of `text`: the index of the original character it came from. */
  readonly origin: Int32Array;
}

export function foldString(text: string, mode: FoldMode = 'search'): FoldedString {
  let out = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const folded = foldChar(char, mode);
    for (let i = 0; i < folded.length; i++) origin.push(index);
    out += folded;
    index += char.length;
  }
  return { text: out, origin: Int32Array.from(origin) };
}

/** A span of the original text, [from, to). */
export type TextRange = readonly [from: number, to: number];

/** Start offsets of every non-overlapping occurrence of `needle` in `haystack`. */
export function findAll(haystack: string, needle: string, limit = Number.POSITIVE_INFINITY): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  let at = haystack.indexOf(needle);
  while (at >= 0 && found.length < limit) {
    found.push(at);
    at = haystack.indexOf(needle, at + needle.length);
  }
  return found;
}

function originalEnd(text: string, index: number): number {
  const code = text.charCodeAt(index);
  // A surrogate pair is one character: never cut it in half.
  return code >= 0xd800 && code <= 0xdbff ? index + 2 : index + 1;
}

/** Sorts and merges overlapping or touching ranges. */
export function mergeRanges(ranges: readonly TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** Where the folded search terms occur in `text`, as ranges of the original string. */
export function termRanges(text: string, terms: readonly string[]): TextRange[] {
  if (terms.length === 0 || text === '') return [];
  const folded = foldString(text, 'search');
  const ranges: TextRange[] = [];
  for (const term of terms) {
    for (const at of findAll(folded.text, term)) {
      const from = folded.origin[at] ?? 0;
      const last = folded.origin[at + term.length - 1] ?? from;
      ranges.push([from, originalEnd(text, last)]);
    }
  }
  return mergeRanges(ranges);
}

/** Splits what the user typed into folded terms (all must match); blank terms and repeats dropped. */
export function parseQuery(query: string): string[] {
  const terms = query.split(/\s+/).map((t) => foldString(t, 'search').text).filter((t) => t !== '');
  return [...new Set(terms)];
}

// ---------------------------------------------------------------------------------------------
// Line-addressed text (the compilation)

export interface FoldedLines {
  readonly text: string;
  /** For each UTF-16 unit of `text`: its 1-based line number and column in that line. */
  readonly lineOf: Int32Array;
  readonly columnOf: Int32Array;
  /** lineStart[n - firstLine] = offset in `text` where line n begins; one extra entry for the end. */
  readonly lineStart: Int32Array;
  readonly firstLine: number;
}

/** Folds `lines` (numbered from `firstLine`), skipping page-number lines. */
export function foldLines(lines: readonly string[], firstLine: number, mode: FoldMode): FoldedLines {
  const parts: string[] = [];
  const lineOf: number[] = [];
  const columnOf: number[] = [];
  const lineStart = new Int32Array(lines.length + 1);
  let length = 0;
  lines.forEach((line, i) => {
    lineStart[i] = length;
    if (PAGE_NUMBER_LINE.test(line)) return;
    let column = 0;
    for (const char of line) {
      const folded = foldChar(char, mode);
      for (let k = 0; k < folded.length; k++) {
        lineOf.push(firstLine + i);
        columnOf.push(column);
      }
      if (folded !== '') parts.push(folded);
      length += folded.length;
      column += char.length;
    }
  });
  lineStart[lines.length] = length;
  return { text: parts.join(''), lineOf: Int32Array.from(lineOf), columnOf: Int32Array.from(columnOf), lineStart, firstLine };
}

/** A highlighted span on one printed line (1-based line number, [from, to) columns). */
export interface LineRange {
  readonly line: number;
  readonly from: number;
  readonly to: number;
}

/** Maps folded offsets [start, end) back to spans on the printed lines. */
export function toLineRanges(folded: FoldedLines, lines: (line: number) => string, start: number, end: number): LineRange[] {
  const out: Array<{ line: number; from: number; to: number }> = [];
  for (let i = start; i < end; i++) {
    const line = folded.lineOf[i] ?? folded.firstLine;
    const column = folded.columnOf[i] ?? 0;
    const to = originalEnd(lines(line), column);
    const last = out[out.length - 1];
    if (last !== undefined && last.line === line) last.to = Math.max(last.to, to);
    else out.push({ line, from: column, to });
  }
  return out;
}
