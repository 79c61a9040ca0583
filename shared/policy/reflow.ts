import { normalizeForQuote } from './loadKnowledgeBase';

/*
 * The compilation is text extracted from a PDF: every printed line is a line of its own (with a
 * blank line between printed lines), the first line of a page starts with a space, a few page
 * numbers sit on lines of their own, and digits carry spaces ("2021 年"). For reading, the lines of
 * a document are joined back into paragraphs; citations keep addressing the source lines, so
 * every character of a paragraph remembers the line and column it came from.
 *
 * Where a paragraph starts: at an article or list marker (第X条, 一、, （一）, 1., (1)); after a
 * line that is visibly shorter than the document's full line (only a paragraph's last line is
 * short in justified print); and after a line ending a sentence (。！？) when the next line is not
 * itself a full line (a full line after a sentence end continues the paragraph: a paragraph's
 * first line is indented and never full).
 */

/** Same rule as loadKnowledgeBase's quote check: page numbers on lines of their own are not text. */
const PAGE_NUMBER_LINE = /^\s*\d{1,4}\s*$/;

const CN_NUMERAL = '[一二三四五六七八九十百零〇两]+';
export type MarkerKind = 'chapter' | 'section' | 'article' | 'cnList' | 'cnParenList' | 'numberList' | 'numberParenList';

const MARKERS: ReadonlyArray<{ readonly kind: MarkerKind; readonly pattern: RegExp }> = [
  // "第一章 总 则": the space after the marker tells a heading from a line starting "第十二条规定".
  { kind: 'chapter', pattern: new RegExp(`^第${CN_NUMERAL}章(?=[\\s\\u3000]|$)`) },
  { kind: 'section', pattern: new RegExp(`^第${CN_NUMERAL}节(?=[\\s\\u3000]|$)`) },
  { kind: 'article', pattern: new RegExp(`^第${CN_NUMERAL}条(?=[\\s\\u3000])`) },
  { kind: 'cnList', pattern: new RegExp(`^${CN_NUMERAL}、`) },
  { kind: 'cnParenList', pattern: new RegExp(`^[（(]${CN_NUMERAL}[)）]`) },
  // "1.持续深化…" but not "1.5 亿元".
  { kind: 'numberList', pattern: /^\d{1,2}[.．、](?![\d])/ },
  { kind: 'numberParenList', pattern: /^[（(]\d{1,2}[)）]/ },
];

/** Outline order: a document with articles is outlined by 章/节/条, others by their list levels. */
const ARTICLE_KINDS: readonly MarkerKind[] = ['chapter', 'section', 'article'];
const LIST_KINDS: readonly MarkerKind[] = ['cnList', 'cnParenList', 'numberList'];

export function markerOf(text: string): { readonly kind: MarkerKind; readonly marker: string } | null {
  for (const { kind, pattern } of MARKERS) {
    const match = pattern.exec(text);
    if (match !== null) return { kind, marker: match[0] };
  }
  return null;
}

type ParagraphKind = 'title' | 'heading' | 'text';

export interface ReflowParagraph {
  readonly index: number;
  readonly kind: ParagraphKind;
  readonly marker: { readonly kind: MarkerKind; readonly text: string } | null;
  /** The text as read: lines joined, page breaks and stray spaces removed. */
  readonly text: string;
  /** The source lines the paragraph was joined from (1-based, inclusive). */
  readonly lines: { readonly start: number; readonly end: number };
  /** For each UTF-16 unit of `text`: the source line it came from, and the column in that line. */
  readonly lineOf: Int32Array;
  readonly columnOf: Int32Array;
}

export interface OutlineEntry {
  readonly paragraph: number;
  readonly label: string;
  readonly children: readonly OutlineEntry[];
}

export interface ReflowedDocument {
  readonly lines: { readonly start: number; readonly end: number };
  readonly paragraphs: readonly ReflowParagraph[];
  readonly outline: readonly OutlineEntry[];
  /** Source lines dropped from the reading text (page numbers). */
  readonly droppedLines: readonly number[];
}

/** Display width in half-width units: CJK and full-width forms count 2. */
function widthOf(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    width += code >= 0x1100 ? 2 : 1;
  }
  return width;
}

function isAscii(char: string | undefined): boolean {
  return char !== undefined && char !== '' && (char.codePointAt(0) ?? 0x80) < 0x80;
}

const SENTENCE_END = /[。！？!?][”’」』）)]*$/;

interface SourceLine {
  readonly line: number;
  /** The text without the leading and trailing spaces of a page start or line end. */
  readonly text: string;
  /** Column in the source line where `text` starts. */
  readonly offset: number;
  readonly width: number;
}

/**
 * The full printed line's width: the most common width among long lines (a paragraph's first
 * line is two characters narrower, its last line usually much shorter).
 */
function fullWidthOf(lines: readonly SourceLine[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) if (l.width >= 40) counts.set(l.width, (counts.get(l.width) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [width, count] of counts) {
    if (count > bestCount || (count === bestCount && width > best)) {
      best = width;
      bestCount = count;
    }
  }
  return best;
}

class ParagraphBuilder {
  text = '';
  lineOf: number[] = [];
  columnOf: number[] = [];
  start = 0;
  end = 0;

  constructor(readonly marker: { kind: MarkerKind; text: string } | null, first: number) {
    this.start = first;
    this.end = first;
  }

  /** Appends one line, dropping spaces next to a Chinese character (extraction artefacts) and keeping one between ASCII words. */
  append(source: SourceLine, keepSpaceAfter: number): void {
    const chars = [...source.text];
    let column = source.offset;
    let pendingSpace: number | null = null;
    for (let i = 0; i < chars.length; i++) {
      const char = chars[i] ?? '';
      if (/\s/.test(char)) {
        pendingSpace ??= column;
        column += char.length;
        continue;
      }
      if (pendingSpace !== null) {
        const before = this.text.length > 0 ? this.text[this.text.length - 1] : undefined;
        const isAfterMarker = this.text.length === keepSpaceAfter && keepSpaceAfter > 0;
        if (isAfterMarker || (isAscii(before) && isAscii(char))) this.push(' ', source.line, pendingSpace);
        pendingSpace = null;
      }
      this.push(char, source.line, column);
      column += char.length;
    }
    this.end = source.line;
  }

  private push(char: string, line: number, column: number): void {
    this.text += char;
    for (let k = 0; k < char.length; k++) {
      this.lineOf.push(line);
      this.columnOf.push(column + k);
    }
  }
}

/**
 * Reflows lines [range.start, range.end] of `allLines` (1-based) into paragraphs. `title` is the
 * document's title as the knowledge base gives it: the lines spelling it become the title paragraph.
 */
export function reflowLines(allLines: readonly string[], range: { readonly start: number; readonly end: number }, options: { readonly title?: string } = {}): ReflowedDocument {
  const source: SourceLine[] = [];
  const droppedLines: number[] = [];
  for (let line = range.start; line <= range.end; line++) {
    const raw = allLines[line - 1] ?? '';
    if (raw.trim() === '') continue;
    if (PAGE_NUMBER_LINE.test(raw)) {
      droppedLines.push(line);
      continue;
    }
    const offset = raw.length - raw.trimStart().length;
    const text = raw.trim();
    source.push({ line, text, offset, width: widthOf(text) });
  }
  const full = fullWidthOf(source);
  // Widths are in half-width units. A paragraph's indented first line is 4 units short of full,
  // so "short" (a paragraph's last line) starts below that; "full" allows for squeezed punctuation
  // and the spaces around digits.
  const isShort = (l: SourceLine): boolean => l.width < full - 6;
  const isFull = (l: SourceLine): boolean => l.width >= full - 2;

  const builders: Array<{ builder: ParagraphBuilder; kind: ParagraphKind }> = [];
  let at = 0;

  // The title: the leading lines that together spell the document's title.
  const foldedTitle = options.title === undefined ? '' : normalizeForQuote(options.title);
  if (foldedTitle !== '') {
    let spelled = '';
    let end = at;
    while (end < source.length && spelled.length < foldedTitle.length) {
      const next = spelled + (source[end]?.text ?? '').replace(/\s+/g, '');
      if (!foldedTitle.startsWith(next)) break;
      spelled = next;
      end++;
    }
    if (spelled === foldedTitle && end > at) {
      const builder = new ParagraphBuilder(null, source[at]?.line ?? range.start);
      for (let i = at; i < end; i++) {
        const l = source[i];
        if (l !== undefined) builder.append(l, -1);
      }
      builders.push({ builder, kind: 'title' });
      at = end;
    }
  }

  let current: ParagraphBuilder | null = null;
  let previous: SourceLine | null = null;
  for (let i = at; i < source.length; i++) {
    const l = source[i];
    if (l === undefined) continue;
    const found = markerOf(l.text);
    const startsParagraph = current === null || previous === null
      || found !== null
      || isShort(previous)
      || (SENTENCE_END.test(previous.text) && !isFull(l));
    if (startsParagraph) {
      current = new ParagraphBuilder(found === null ? null : { kind: found.kind, text: found.marker }, l.line);
      builders.push({ builder: current, kind: 'text' });
    }
    const keepSpaceAfter = startsParagraph && found !== null && ARTICLE_KINDS.includes(found.kind) ? found.marker.length : -1;
    current?.append(l, keepSpaceAfter);
    previous = l;
  }

  const paragraphs = builders.map(({ builder, kind }, index): ReflowParagraph => ({
    index,
    kind: kind === 'title' ? 'title' : isHeading(builder) ? 'heading' : 'text',
    marker: builder.marker,
    text: builder.text,
    lines: { start: builder.start, end: builder.end },
    lineOf: Int32Array.from(builder.lineOf),
    columnOf: Int32Array.from(builder.columnOf),
  }));
  return { lines: { start: range.start, end: range.end }, paragraphs, outline: buildOutline(paragraphs), droppedLines };
}

/** 第一章 总则, 一、主要目标, （一）着力打造…: a marked line without a sentence of its own. */
function isHeading(builder: ParagraphBuilder): boolean {
  const marker = builder.marker;
  if (marker === null) return false;
  if (marker.kind === 'chapter' || marker.kind === 'section') return true;
  if (marker.kind === 'article') return false;
  return builder.text.length <= 40 && !/[。；;，,：:]/.test(builder.text);
}

const OUTLINE_LABEL_LENGTH = 28;

function outlineLabel(paragraph: ReflowParagraph): string {
  const text = paragraph.text;
  if (paragraph.kind === 'heading') return text.length > OUTLINE_LABEL_LENGTH ? `${text.slice(0, OUTLINE_LABEL_LENGTH)}…` : text;
  // An article or list item: its marker and its first words up to the first stop.
  const stop = text.search(/[。；：，]/);
  const head = stop > 0 ? text.slice(0, stop) : text;
  return head.length > OUTLINE_LABEL_LENGTH ? `${head.slice(0, OUTLINE_LABEL_LENGTH)}…` : head;
}

/**
 * The document's structure: 章/节/条 where it has articles (their numbered lists are the articles'
 * content, not structure); otherwise 一、/（一）/1. as the levels it uses, in that order.
 */
function buildOutline(paragraphs: readonly ReflowParagraph[]): OutlineEntry[] {
  const hasArticles = paragraphs.some((p) => p.marker?.kind === 'article');
  const order = hasArticles ? ARTICLE_KINDS : LIST_KINDS;
  const present = order.filter((kind) => paragraphs.some((p) => p.marker?.kind === kind));
  const levelOf = (kind: MarkerKind): number => present.indexOf(kind);

  interface Node { paragraph: number; label: string; level: number; children: Node[] }
  const root: Node[] = [];
  const stack: Node[] = [];
  for (const p of paragraphs) {
    if (p.marker === null) continue;
    const level = levelOf(p.marker.kind);
    if (level < 0) continue;
    const node: Node = { paragraph: p.index, label: outlineLabel(p), level, children: [] };
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? -1) >= level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent === undefined) root.push(node);
    else parent.children.push(node);
    stack.push(node);
  }
  const strip = (nodes: readonly Node[]): OutlineEntry[] => nodes.map((n) => ({ paragraph: n.paragraph, label: n.label, children: strip(n.children) }));
  return strip(root);
}

/** The paragraphs holding any of lines [start, end]. */
export function paragraphsAtLines(doc: ReflowedDocument, start: number, end: number): number[] {
  return doc.paragraphs.filter((p) => p.lines.start <= end && start <= p.lines.end).map((p) => p.index);
}

/** A span of a paragraph's text, [from, to). */
export interface ParagraphSpan {
  readonly paragraph: number;
  readonly from: number;
  readonly to: number;
}

/**
 * Where a citation's quote is in the reflowed text: its spans (one per paragraph it covers), or []
 * when the quote is not in the paragraphs of its lines nor, failing that, anywhere in the document.
 */
export function locateCitation(doc: ReflowedDocument, citation: { readonly lines: { readonly start: number; readonly end: number }; readonly quote: string }): ParagraphSpan[] {
  const needle = normalizeForQuote(citation.quote);
  if (needle === '') return [];
  const within = paragraphsAtLines(doc, citation.lines.start, citation.lines.end);
  const found = findIn(doc, within, needle);
  if (found.length > 0) return found;
  return findIn(doc, doc.paragraphs.map((p) => p.index), needle);
}

function findIn(doc: ReflowedDocument, indexes: readonly number[], needle: string): ParagraphSpan[] {
  // The paragraphs' text without spaces (how quotes are stored), remembering where each unit came from.
  let folded = '';
  const paragraphOf: number[] = [];
  const offsetOf: number[] = [];
  for (const index of indexes) {
    const text = doc.paragraphs[index]?.text ?? '';
    for (let i = 0; i < text.length; i++) {
      const unit = text[i] ?? '';
      if (/\s/.test(unit)) continue;
      folded += unit;
      paragraphOf.push(index);
      offsetOf.push(i);
    }
  }
  const at = folded.indexOf(needle);
  if (at < 0) return [];
  const spans: Array<{ paragraph: number; from: number; to: number }> = [];
  for (let i = at; i < at + needle.length; i++) {
    const paragraph = paragraphOf[i] ?? -1;
    const offset = offsetOf[i] ?? 0;
    const last = spans[spans.length - 1];
    if (last !== undefined && last.paragraph === paragraph) last.to = offset + 1;
    else spans.push({ paragraph, from: offset, to: offset + 1 });
  }
  return spans;
}

/** The source lines a span of a paragraph covers, for "原文第 x–y 行". */
export function spanLines(doc: ReflowedDocument, span: ParagraphSpan): { readonly start: number; readonly end: number } {
  const p = doc.paragraphs[span.paragraph];
  if (p === undefined || span.to <= span.from) return { start: 0, end: 0 };
  return { start: p.lineOf[span.from] ?? p.lines.start, end: p.lineOf[span.to - 1] ?? p.lines.end };
}
