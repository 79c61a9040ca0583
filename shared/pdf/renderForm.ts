import { PDFDocument, type Color, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedCjkFont, saveWithCjkFonts, setChineseDocumentInfo } from './cjkFont';
import type { FormFacts } from './formFacts';
import {
  chosenOptions, inspectTemplate, type ChoiceCell, type FieldCell, type FormBlock, type FormTemplate, type GridCell,
  type TemplateFieldState, type TemplateValues,
} from './formTemplates';
import type { CrampedField } from './fieldFit';
import type { FontSubsetter } from './fontSubset';
import {
  A4_HEIGHT, A4_WIDTH, baselineInLineBox, drawLine, GREY_TEXT, HIGHLIGHT_FILL, INK, LABEL_FILL,
  measurerForFont, PAGE_NUMBER_CHARACTERS, SIZE_BODY, stampPageNumber,
} from './pdfDraw';
import { CRAMPED_SMALLEST_SIZE, fitText, MIN_READABLE_FONT_SIZE, wrapText, type FittedText, type TextMeasurer } from './textLayout';

/*
 * Draws a form template (formTemplates.ts) filled with a company's facts on A4 pages: a bordered
 * grid of label and value boxes, repeating tables that continue on the next page with their
 * header, paragraphs, a signature block. Values wrap inside their boxes (textLayout.ts); a box
 * grows with its text and its font shrinks (down to 8 pt, never less) before the row would outgrow 160 pt.
 * A value that would need less than 8 pt to stay within 160 pt is drawn at 8 pt in a taller box;
 * crampedTemplateFields finds those values before the form is generated, with the same layout code.
 */

interface RenderFormOptions {
  /** Yellow boxes with a hint where a required field is empty: the preview before generating. */
  readonly highlightUnfilled?: boolean | undefined;
  /** Stamp 第 N 页 共 M 页 when the form has more than one page (default true; a packet stamps its own). */
  readonly hasPageNumbers?: boolean | undefined;
}

export interface RenderFormInput {
  readonly template: FormTemplate;
  readonly facts: FormFacts;
  readonly values?: TemplateValues | undefined;
  readonly subsetter: FontSubsetter;
  readonly options?: RenderFormOptions | undefined;
}

/** A box whose value renderForm drew at 8 pt in a taller box: field id (or table cell) and label. */
export interface CrampedBox {
  readonly field: string;
  readonly label: string;
}

export interface RenderFormResult {
  readonly bytes: Uint8Array;
  readonly pageCount: number;
  readonly fields: readonly TemplateFieldState[];
  /** Required fields still empty (printed blank, or highlighted in the preview). */
  readonly unfilled: readonly TemplateFieldState[];
  /** Labels of fields whose text did not fit even at the smallest size and was cut (ends in ……). */
  readonly overflowing: readonly string[];
  /** Fields whose value needed less than 8 pt to fit its box and was drawn at 8 pt in a taller box (crampedTemplateFields). */
  readonly cramped: readonly CrampedBox[];
  /** Characters the font cannot draw. */
  readonly missingCharacters: readonly string[];
}

const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 50;
const MARGIN_X = 56;
const CONTENT_WIDTH = A4_WIDTH - 2 * MARGIN_X;
const CONTENT_TOP = A4_HEIGHT - MARGIN_TOP;
const CONTENT_HEIGHT = CONTENT_TOP - MARGIN_BOTTOM;
const PAD_X = 5;
const PAD_Y = 4;
const CELL_LINE_HEIGHT = 1.35;
/** Boxes grow rather than shrink text below the readable minimum; what still does not fit is reported as overflowing. */
const MIN_SIZE = MIN_READABLE_FONT_SIZE;
/** A box grows to this height before its font shrinks. */
const COMFORTABLE_CELL_HEIGHT = 160;
const BORDER = 0.6;
const BLANK = '__________';
const CHECKBOX_GAP = 3;
const TABLE_ROW_HEIGHT = 22;

interface Canvas {
  readonly doc: PDFDocument;
  readonly font: PDFFont;
  readonly measure: TextMeasurer;
  readonly isHighlighting: boolean;
  readonly pages: PDFPage[];
  page: PDFPage;
  y: number;
  readonly overflowing: string[];
  readonly cramped: CrampedBox[];
}

function newPage(canvas: Canvas): void {
  canvas.page = canvas.doc.addPage([A4_WIDTH, A4_HEIGHT]);
  canvas.pages.push(canvas.page);
  canvas.y = CONTENT_TOP;
}

/** Starts a new page unless `height` fits below the cursor; returns true when it did. */
function ensureSpace(canvas: Canvas, height: number): boolean {
  if (canvas.y - height >= MARGIN_BOTTOM - 1e-6 || canvas.y === CONTENT_TOP) return false;
  newPage(canvas);
  return true;
}

export async function renderForm(input: RenderFormInput): Promise<RenderFormResult> {
  const { template, facts } = input;
  const values = input.values ?? {};
  const isHighlighting = input.options?.highlightUnfilled ?? false;
  const inspection = inspectTemplate(template, facts, values);
  const byId = new Map(inspection.fields.map((f) => [f.id, f]));

  const doc = await PDFDocument.create();
  setChineseDocumentInfo(doc, template.title);
  const { pdfFont: font, missingCharacters } = embedCjkFont(doc, input.subsetter, collectText(template, facts, byId, isHighlighting));
  const canvas: Canvas = {
    doc,
    font,
    measure: measurerForFont(font),
    isHighlighting,
    pages: [],
    page: undefined as unknown as PDFPage,
    y: CONTENT_TOP,
    overflowing: [],
    cramped: [],
  };
  newPage(canvas);

  let previous: FormBlock['kind'] | null = null;
  for (const block of template.blocks) {
    // Consecutive grids and tables share their border, reading as one table.
    const isJoined = (block.kind === 'grid' || block.kind === 'table') && (previous === 'grid' || previous === 'table');
    if (previous !== null && !isJoined && block.kind !== 'spacer') canvas.y -= 10;
    drawBlock(canvas, block, byId, facts);
    previous = block.kind;
  }

  const hasPageNumbers = input.options?.hasPageNumbers ?? true;
  if (hasPageNumbers && canvas.pages.length > 1) {
    canvas.pages.forEach((page, i) => stampPageNumber(page, font, i + 1, canvas.pages.length));
  }
  const bytes = await saveWithCjkFonts(doc, [font]);
  return {
    bytes,
    pageCount: canvas.pages.length,
    fields: inspection.fields,
    unfilled: inspection.unfilled,
    overflowing: canvas.overflowing,
    cramped: canvas.cramped,
    missingCharacters,
  };
}

function fieldValue(byId: ReadonlyMap<string, TemplateFieldState>, id: string): string {
  return byId.get(id)?.value ?? '';
}

function hintFor(cell: FieldCell): string {
  return cell.hint || `待填写：${cell.label}`;
}

function paragraphText(block: Extract<FormBlock, { kind: 'paragraph' }>, byId: ReadonlyMap<string, TemplateFieldState>): string {
  return block.text.replace(/\{\{([^}]*)\}\}/g, (_match, id: string) => fieldValue(byId, id) || BLANK);
}

/** Every character the form will draw, so the font subset holds them all. */
function collectText(template: FormTemplate, facts: FormFacts, byId: ReadonlyMap<string, TemplateFieldState>, isHighlighting: boolean): string {
  const parts: string[] = [template.title, PAGE_NUMBER_CHARACTERS, '…（续）', BLANK];
  for (const block of template.blocks) {
    switch (block.kind) {
      case 'title':
      case 'text':
        parts.push(block.text);
        break;
      case 'grid':
        for (const row of block.rows) {
          for (const cell of row) {
            if (cell.kind === 'label') parts.push(cell.text);
            else if (cell.kind === 'field') parts.push(fieldValue(byId, cell.id), isHighlighting ? hintFor(cell) : '');
            else parts.push(...cell.options);
          }
        }
        break;
      case 'table': {
        parts.push(block.label, ...block.columns.map((c) => c.label));
        const rows = facts.lists.get(block.list) ?? [];
        for (const [i, row] of rows.entries()) {
          parts.push(String(i + 1));
          for (const column of block.columns) if (column.fact) parts.push(row[column.fact] ?? '');
        }
        if (isHighlighting) parts.push(`待填写：${block.label}（暂无记录）`);
        break;
      }
      case 'paragraph':
        parts.push(paragraphText(block, byId));
        break;
      case 'signature':
        for (const line of block.lines) parts.push(line.label, line.blank, line.field ? fieldValue(byId, line.field.id) : '');
        break;
      case 'spacer':
        break;
    }
  }
  return parts.join('');
}

function drawBlock(canvas: Canvas, block: FormBlock, byId: ReadonlyMap<string, TemplateFieldState>, facts: FormFacts): void {
  switch (block.kind) {
    case 'title':
      drawTitle(canvas, block.text, block.size);
      break;
    case 'text':
      drawFreeText(canvas, block.text, block.size, block.align);
      break;
    case 'grid':
      drawGrid(canvas, block, byId);
      break;
    case 'table':
      drawTable(canvas, block, facts, byId);
      break;
    case 'paragraph':
      drawParagraph(canvas, block, byId);
      break;
    case 'signature':
      drawSignature(canvas, block, byId);
      break;
    case 'spacer':
      canvas.y -= block.height;
      break;
  }
}

function drawTitle(canvas: Canvas, text: string, size: number): void {
  const lines = wrapText(text, canvas.measure, CONTENT_WIDTH, size);
  const lineHeight = size * 1.5;
  ensureSpace(canvas, lines.length * lineHeight + 8);
  for (const line of lines) {
    const width = canvas.measure.width(line, size);
    drawLine(canvas.page, line, MARGIN_X + (CONTENT_WIDTH - width) / 2, baselineInLineBox(canvas.y, lineHeight, size), {
      font: canvas.font,
      size,
      isBold: true,
    });
    canvas.y -= lineHeight;
  }
  canvas.y -= 8;
}

function drawFreeText(canvas: Canvas, text: string, size: number, align: 'left' | 'center' | 'right'): void {
  const lineHeight = size * 1.5;
  for (const line of wrapText(text, canvas.measure, CONTENT_WIDTH, size)) {
    ensureSpace(canvas, lineHeight);
    const width = canvas.measure.width(line, size);
    const x = align === 'left' ? MARGIN_X : align === 'center' ? MARGIN_X + (CONTENT_WIDTH - width) / 2 : MARGIN_X + CONTENT_WIDTH - width;
    drawLine(canvas.page, line, x, baselineInLineBox(canvas.y, lineHeight, size), { font: canvas.font, size });
    canvas.y -= lineHeight;
  }
}

/** A laid-out box: text lines (or checkbox options) and how to paint it. */
interface BoxLayout {
  readonly width: number;
  readonly height: number;
  readonly draw: (page: PDFPage, x: number, top: number, rowHeight: number) => void;
}

/** The text of a box of `width` wrapped at the largest size down to `minSize` that keeps the box within COMFORTABLE_CELL_HEIGHT. */
function boxFit(measure: TextMeasurer, text: string, width: number, minSize: number): FittedText {
  return fitText(text, measure, {
    maxSize: SIZE_BODY,
    minSize,
    lineHeight: CELL_LINE_HEIGHT,
    maxWidth: Math.max(width - 2 * PAD_X, 10),
    maxHeight: COMFORTABLE_CELL_HEIGHT - 2 * PAD_Y,
  });
}

/**
 * Wraps `text` for a box of `width`, shrinking its size rather than letting the box exceed `comfortable`.
 * `field` names a field's value (not a label or caption): it is recorded as cramped when 8 pt is too big.
 */
function fitBoxText(canvas: Canvas, text: string, width: number, label: string, field: string | undefined): { lines: string[]; size: number; lineHeight: number } {
  const comfortable = boxFit(canvas.measure, text, width, MIN_SIZE);
  if (comfortable.isOverflowing && field !== undefined) canvas.cramped.push({ field, label });
  let lines = [...comfortable.lines];
  const room = Math.floor((CONTENT_HEIGHT - 2 * PAD_Y) / comfortable.lineHeight);
  if (lines.length > room) {
    lines = lines.slice(0, room);
    lines[room - 1] = `${(lines[room - 1] ?? '').slice(0, -2)}……`;
    canvas.overflowing.push(label);
  }
  return { lines, size: comfortable.size, lineHeight: comfortable.lineHeight };
}

/** Text a little too wide for its box shrinks to stay on one line ("序号" must not read 序/号, nor a VIN wrap). */
function oneLineFit(canvas: Canvas, text: string, width: number): { lines: string[]; size: number; lineHeight: number } | null {
  const size = oneLineSize(canvas.measure, text, width);
  return size === null ? null : { lines: [text], size, lineHeight: size * CELL_LINE_HEIGHT };
}

/** The size, at least 8 pt, that keeps a slightly too wide one-line text on one line; null when it wraps instead. */
function oneLineSize(measure: TextMeasurer, text: string, width: number): number | null {
  if (text.includes('\n')) return null;
  const maxWidth = width - 2 * PAD_X;
  const natural = measure.width(text, SIZE_BODY);
  if (natural <= maxWidth) return null;
  const size = Math.floor(((SIZE_BODY * maxWidth) / natural) * 2) / 2;
  return size < MIN_SIZE ? null : size;
}

function textBox(
  canvas: Canvas,
  text: string,
  width: number,
  options: {
    align: 'left' | 'center';
    fill?: Color | undefined;
    color?: Color | undefined;
    minLines?: number;
    label: string;
    /** Shrink a little rather than wrap (labels, table cells: a code or date reads better whole). */
    preferOneLine?: boolean;
    /** The box holds this field's value (see fitBoxText). */
    field?: string;
  },
): BoxLayout {
  const { lines, size, lineHeight } = (options.preferOneLine ? oneLineFit(canvas, text, width) : null) ?? fitBoxText(canvas, text, width, options.label, options.field);
  const textHeight = Math.max(lines.length, options.minLines ?? 1) * lineHeight;
  const height = textHeight + 2 * PAD_Y;
  return {
    width,
    height,
    draw(page, x, top, rowHeight) {
      if (options.fill) page.drawRectangle({ x, y: top - rowHeight, width, height: rowHeight, color: options.fill });
      // Centre the text block vertically in the row.
      let lineTop = top - (rowHeight - lines.length * lineHeight) / 2;
      for (const line of lines) {
        const lineWidth = canvas.measure.width(line, size);
        const lineX = options.align === 'center' ? x + (width - lineWidth) / 2 : x + PAD_X;
        drawLine(page, line, lineX, baselineInLineBox(lineTop, lineHeight, size), { font: canvas.font, size, color: options.color });
        lineTop -= lineHeight;
      }
    },
  };
}

function choiceBox(canvas: Canvas, cell: ChoiceCell, state: TemplateFieldState | undefined, width: number): BoxLayout {
  const size = SIZE_BODY;
  const lineHeight = size * 1.6;
  const box = size * 0.85;
  const maxWidth = width - 2 * PAD_X;
  const items = cell.options.map((option) => ({ option, width: box + CHECKBOX_GAP + canvas.measure.width(option, size) }));
  const lines: Array<typeof items> = [[]];
  let lineWidth = 0;
  for (const item of items) {
    const current = lines[lines.length - 1] ?? [];
    const gap = current.length > 0 ? size * 1.2 : 0;
    if (current.length > 0 && lineWidth + gap + item.width > maxWidth) {
      lines.push([item]);
      lineWidth = item.width;
    } else {
      current.push(item);
      lineWidth += gap + item.width;
    }
  }
  const isEmpty = !state?.isFilled && !cell.isOptional;
  const chosen = chosenOptions(state?.value ?? '', cell.options);
  return {
    width,
    height: lines.length * lineHeight + 2 * PAD_Y,
    draw(page, x, top, rowHeight) {
      if (isEmpty && canvas.isHighlighting) page.drawRectangle({ x, y: top - rowHeight, width, height: rowHeight, color: HIGHLIGHT_FILL });
      let lineTop = top - (rowHeight - lines.length * lineHeight) / 2;
      for (const line of lines) {
        let itemX = x + PAD_X;
        const baseline = baselineInLineBox(lineTop, lineHeight, size);
        for (const item of line) {
          const boxBottom = baseline - 0.1 * size;
          page.drawRectangle({ x: itemX, y: boxBottom, width: box, height: box, borderColor: INK, borderWidth: 0.6 });
          if (chosen.includes(item.option)) {
            // A tick drawn as two strokes: the font has no ☑.
            page.drawLine({ start: { x: itemX + box * 0.18, y: boxBottom + box * 0.5 }, end: { x: itemX + box * 0.42, y: boxBottom + box * 0.2 }, thickness: 1.1, color: INK });
            page.drawLine({ start: { x: itemX + box * 0.42, y: boxBottom + box * 0.2 }, end: { x: itemX + box * 0.85, y: boxBottom + box * 0.85 }, thickness: 1.1, color: INK });
          }
          drawLine(page, item.option, itemX + box + CHECKBOX_GAP, baseline, { font: canvas.font, size });
          itemX += item.width + size * 1.2;
        }
        lineTop -= lineHeight;
      }
    },
  };
}

function cellLayout(canvas: Canvas, cell: GridCell, width: number, byId: ReadonlyMap<string, TemplateFieldState>): BoxLayout {
  switch (cell.kind) {
    case 'label':
      return textBox(canvas, cell.text, width, { align: 'center', fill: LABEL_FILL, label: cell.text, preferOneLine: true });
    case 'field': {
      const state = byId.get(cell.id);
      const value = state?.value ?? '';
      if (value === '' && canvas.isHighlighting && !cell.isOptional) {
        return textBox(canvas, hintFor(cell), width, { align: 'left', fill: HIGHLIGHT_FILL, color: GREY_TEXT, minLines: cell.minLines, label: cell.label });
      }
      return textBox(canvas, value, width, { align: 'left', minLines: cell.minLines, label: cell.label, field: cell.id });
    }
    case 'choice':
      return choiceBox(canvas, cell, byId.get(cell.id), width);
  }
}

/** Draws one row of boxes at the cursor (on a new page when it does not fit) with borders. */
function drawRow(canvas: Canvas, boxes: readonly BoxLayout[], minHeight: number): void {
  const height = Math.min(Math.max(minHeight, ...boxes.map((b) => b.height)), CONTENT_HEIGHT);
  ensureSpace(canvas, height);
  let x = MARGIN_X;
  for (const box of boxes) {
    box.draw(canvas.page, x, canvas.y, height);
    canvas.page.drawRectangle({ x, y: canvas.y - height, width: box.width, height, borderColor: INK, borderWidth: BORDER });
    x += box.width;
  }
  canvas.y -= height;
}

function columnWidths(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (CONTENT_WIDTH * w) / total);
}

/** Each grid row's cells with the width they span. */
function gridCells(block: Extract<FormBlock, { kind: 'grid' }>): Array<Array<{ cell: GridCell; width: number }>> {
  const widths = columnWidths(block.columns);
  return block.rows.map((row) => {
    let column = 0;
    return row.map((cell) => {
      const width = widths.slice(column, column + cell.span).reduce((a, b) => a + b, 0);
      column += cell.span;
      return { cell, width };
    });
  });
}

function drawGrid(canvas: Canvas, block: Extract<FormBlock, { kind: 'grid' }>, byId: ReadonlyMap<string, TemplateFieldState>): void {
  for (const row of gridCells(block)) drawRow(canvas, row.map(({ cell, width }) => cellLayout(canvas, cell, width, byId)), block.minRowHeight);
}

type TableBlock = Extract<FormBlock, { kind: 'table' }>;

/** A table cell's text: the list item's value for a fact column, the row number for a 序号 column. */
function tableCellText(column: TableBlock['columns'][number], item: Readonly<Record<string, string>>, index: number): string {
  return column.fact ? (item[column.fact] ?? '') : String(index + 1);
}

function tableCellName(block: TableBlock, column: TableBlock['columns'][number], index: number): string {
  return `${block.label}第 ${index + 1} 行${column.label}`;
}

export interface TemplateFitInput {
  readonly template: FormTemplate;
  readonly facts: FormFacts;
  readonly values?: TemplateValues | undefined;
  /** Widths of the font the form is drawn with, for a font subset holding `text` (cjkMeasurerFactory). */
  readonly measureFor: (text: string) => TextMeasurer;
}

/**
 * Before generating: the boxes (grid fields, table cells) whose value would need less than 8 pt to
 * fit the box renderForm gives it, with the size it would need. renderForm draws them at 8 pt in a
 * taller box (result.cramped lists the same fields); the officer may rather shorten the value.
 */
export function crampedTemplateFields(input: TemplateFitInput): CrampedField[] {
  const { template, facts } = input;
  const byId = new Map(inspectTemplate(template, facts, input.values ?? {}).fields.map((f) => [f.id, f]));
  const boxes: Array<{ field: string; label: string; text: string; width: number; preferOneLine: boolean }> = [];
  const check = (field: string, label: string, text: string, width: number, preferOneLine: boolean): void => {
    if (text !== '') boxes.push({ field, label, text, width, preferOneLine });
  };
  for (const block of template.blocks) {
    if (block.kind === 'grid') {
      for (const row of gridCells(block)) {
        for (const { cell, width } of row) if (cell.kind === 'field') check(cell.id, cell.label, fieldValue(byId, cell.id), width, false);
      }
    } else if (block.kind === 'table') {
      const widths = columnWidths(block.columns.map((c) => c.width));
      for (const [i, item] of (facts.lists.get(block.list) ?? []).entries()) {
        block.columns.forEach((column, c) => {
          const name = tableCellName(block, column, i);
          check(name, name, tableCellText(column, item, i), widths[c] ?? 0, true);
        });
      }
    }
  }
  if (boxes.length === 0) return [];
  const measure = input.measureFor(boxes.map((b) => b.text).join(''));
  const found: CrampedField[] = [];
  for (const { field, label, text, width, preferOneLine } of boxes) {
    if (preferOneLine && oneLineSize(measure, text, width) !== null) continue;
    if (!boxFit(measure, text, width, MIN_SIZE).isOverflowing) continue;
    const smallest = boxFit(measure, text, width, CRAMPED_SMALLEST_SIZE);
    found.push({ field, label, neededSize: smallest.isOverflowing ? null : smallest.size });
  }
  return found;
}

function drawTable(canvas: Canvas, block: Extract<FormBlock, { kind: 'table' }>, facts: FormFacts, byId: ReadonlyMap<string, TemplateFieldState>): void {
  const widths = columnWidths(block.columns.map((c) => c.width));
  const rows = facts.lists.get(block.list) ?? [];
  const captionRow = (isContinued: boolean): BoxLayout[] => [
    textBox(canvas, isContinued ? `${block.label}（续）` : block.label, CONTENT_WIDTH, { align: 'center', fill: LABEL_FILL, label: block.label }),
  ];
  const headerRow = (): BoxLayout[] =>
    block.columns.map((c, i) => textBox(canvas, c.label, widths[i] ?? 0, { align: 'center', fill: LABEL_FILL, label: c.label, preferOneLine: true }));
  const drawHeader = (isContinued: boolean): void => {
    drawRow(canvas, captionRow(isContinued), 22);
    drawRow(canvas, headerRow(), 22);
  };
  // Keep the caption, the header and the first row together.
  const firstRowHeight = TABLE_ROW_HEIGHT;
  ensureSpace(canvas, 22 * 2 + firstRowHeight);
  drawHeader(false);
  const isEmptyRequired = rows.length === 0 && !block.isOptional && (byId.get(block.id)?.isFilled ?? false) === false;
  const rowCount = Math.max(rows.length, block.minRows);
  for (let i = 0; i < rowCount; i++) {
    const item = rows[i];
    const boxes =
      !item && i === 0 && isEmptyRequired && canvas.isHighlighting
        ? [textBox(canvas, `待填写：${block.label}（暂无记录）`, CONTENT_WIDTH, { align: 'left', fill: HIGHLIGHT_FILL, color: GREY_TEXT, label: block.label })]
        : block.columns.map((column, c) => {
            const width = widths[c] ?? 0;
            if (!item) return textBox(canvas, '', width, { align: 'left', label: block.label });
            const name = tableCellName(block, column, i);
            return textBox(canvas, tableCellText(column, item, i), width, { align: column.fact ? 'left' : 'center', label: name, preferOneLine: true, field: name });
          });
    const height = Math.max(TABLE_ROW_HEIGHT, ...boxes.map((b) => b.height));
    if (canvas.y - height < MARGIN_BOTTOM) {
      newPage(canvas);
      drawHeader(true);
    }
    drawRow(canvas, boxes, TABLE_ROW_HEIGHT);
  }
}

function drawParagraph(canvas: Canvas, block: Extract<FormBlock, { kind: 'paragraph' }>, byId: ReadonlyMap<string, TemplateFieldState>): void {
  const size = block.size;
  const lineHeight = size * 1.8;
  const indent = block.isIndented ? 2 * size : 0;
  const text = paragraphText(block, byId);
  for (const paragraph of text.split('\n')) {
    const lines = wrapText(paragraph, canvas.measure, CONTENT_WIDTH, size, indent);
    for (const [i, line] of lines.entries()) {
      ensureSpace(canvas, lineHeight);
      const x = MARGIN_X + (i === 0 ? indent : 0);
      const baseline = baselineInLineBox(canvas.y, lineHeight, size);
      if (canvas.isHighlighting) {
        for (const match of line.matchAll(/_{6,}/g)) {
          const start = x + canvas.measure.width(line.slice(0, match.index), size);
          canvas.page.drawRectangle({ x: start, y: baseline - 0.2 * size, width: canvas.measure.width(match[0], size), height: size * 1.2, color: HIGHLIGHT_FILL });
        }
      }
      drawLine(canvas.page, line, x, baseline, { font: canvas.font, size });
      canvas.y -= lineHeight;
    }
  }
}

function drawSignature(canvas: Canvas, block: Extract<FormBlock, { kind: 'signature' }>, byId: ReadonlyMap<string, TemplateFieldState>): void {
  const size = 12;
  const lineHeight = 27;
  const left = MARGIN_X + CONTENT_WIDTH * 0.42;
  const width = MARGIN_X + CONTENT_WIDTH - left;
  canvas.y -= 6;
  const prepared = block.lines.map((line) => {
    const value = line.field ? fieldValue(byId, line.field.id) : '';
    const shown = value || line.blank;
    const isEmpty = line.field !== undefined && value === '' && !line.field.isOptional;
    const labelWidth = canvas.measure.width(line.label, size);
    const valueLines = shown ? wrapText(shown, canvas.measure, Math.max(width - labelWidth, 40), size) : [''];
    return { line, labelWidth, valueLines, isEmpty };
  });
  const total = prepared.reduce((n, p) => n + p.valueLines.length * lineHeight, 0);
  ensureSpace(canvas, total);
  for (const { line, labelWidth, valueLines, isEmpty } of prepared) {
    for (const [i, valueLine] of valueLines.entries()) {
      const baseline = baselineInLineBox(canvas.y, lineHeight, size);
      if (i === 0) drawLine(canvas.page, line.label, left, baseline, { font: canvas.font, size });
      if (isEmpty && canvas.isHighlighting && i === 0) {
        canvas.page.drawRectangle({ x: left + labelWidth, y: baseline - 0.25 * size, width: width - labelWidth, height: size * 1.3, color: HIGHLIGHT_FILL });
      }
      drawLine(canvas.page, valueLine, left + labelWidth, baseline, { font: canvas.font, size });
      canvas.y -= lineHeight;
    }
  }
}
