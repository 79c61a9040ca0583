import type ExcelJS from 'exceljs';

/*
 * Print setup shared by every workbook the app writes (跟踪表, 材料清单, 能源台账). Excel fits rows to
 * wrapped text when it opens a file; LibreOffice and WPS do not, and print whatever height the file
 * says. So row heights are computed here from the text and the column widths, and each sheet is
 * laid out for A4 with the text never scaled below 8 pt: a sheet is fitted to the page width only
 * when that keeps the text at 8 pt or more; otherwise it prints at full size on more pages.
 */

/** OOXML paper size 9: A4 (210 × 297 mm). */
const PAPER_A4 = 9;
/** The smallest printed text size the app accepts, in points. */
export const MIN_PRINTED_FONT_SIZE = 8;
/** exceljs' and Excel's default body font size (Calibri 11). */
const BODY_FONT_SIZE = 11;
const PAGE_FOOTER = '&C第 &P 页 共 &N 页';

const A4_SHORT_PT = 595.28;
const A4_LONG_PT = 841.89;
/** Margins in inches: narrow enough to give the table room, wide enough for any office printer. */
const MARGINS = { left: 0.4, right: 0.4, top: 0.55, bottom: 0.6, header: 0.25, footer: 0.3 } as const;
/** Excel's maximum row height. */
const MAX_ROW_HEIGHT = 409;

/**
 * Width of a character in column-width units (the width of "0" in the default font). Han and
 * full-width characters are drawn from a CJK fallback font about 2 digits wide; a little more is
 * allowed so that a line estimated to fit also fits in LibreOffice and WPS.
 */
function charUnits(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x2e80 || (code >= 0x2000 && code <= 0x206f)) return 2.2;
  if (code >= 0x41 && code <= 0x5a) return 1.25;
  return 1.05;
}

/** Number of lines `text` takes when wrapped in a column `width` characters wide at `fontSize`. */
export function wrappedLineCount(text: string, width: number, fontSize = BODY_FONT_SIZE): number {
  // A column's width includes about one character of cell padding.
  const usable = Math.max((width - 1) * (BODY_FONT_SIZE / fontSize), 1);
  let lines = 0;
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = 0;
    let count = 1;
    for (const char of paragraph) {
      const w = charUnits(char);
      if (line + w > usable && line > 0) {
        count++;
        line = 0;
      }
      line += w;
    }
    lines += count;
  }
  return lines;
}

/** Height in points of `lines` lines at `fontSize`, with the line spacing CJK fallback fonts need. */
function heightForLines(lines: number, fontSize = BODY_FONT_SIZE): number {
  return Math.min(MAX_ROW_HEIGHT, Math.ceil((lines * fontSize * 1.36 + 4) * 4) / 4);
}

export interface SizedCell {
  readonly text: string;
  /** Width in characters of the column (or merged columns) the text is wrapped in. */
  readonly width: number;
  readonly fontSize?: number | undefined;
}

/** The height of a row whose cells wrap: the tallest cell, never less than one line. */
export function rowHeightFor(cells: readonly SizedCell[]): number {
  let height = heightForLines(1);
  for (const cell of cells) {
    if (cell.text === '') continue;
    const size = cell.fontSize ?? BODY_FONT_SIZE;
    height = Math.max(height, heightForLines(wrappedLineCount(cell.text, cell.width, size), size));
  }
  return height;
}

/** exceljs's ValueType.Formula, named here so this module needs exceljs's types only (loadExcelJs.ts). */
const VALUE_TYPE_FORMULA: ExcelJS.ValueType.Formula = 6;

/** Sets the row's height from the text of its cells (column widths read from the sheet; merged cells are left to mergedTextRow). */
export function fitRowHeight(sheet: ExcelJS.Worksheet, rowNumber: number): void {
  const row = sheet.getRow(rowNumber);
  const cells: SizedCell[] = [];
  row.eachCell((cell, column) => {
    if (cell.isMerged || cell.type === VALUE_TYPE_FORMULA) return;
    cells.push({ text: cell.text, width: sheet.getColumn(column).width ?? 9, fontSize: cell.font?.size });
  });
  row.height = rowHeightFor(cells);
}

/** Writes a long line (title, note) across `columns` merged cells, wrapped, with its height set. */
export function mergedTextRow(
  sheet: ExcelJS.Worksheet, rowNumber: number, columns: number, text: string, font?: Partial<ExcelJS.Font>,
): ExcelJS.Cell {
  const cell = sheet.getCell(rowNumber, 1);
  cell.value = text;
  if (font) cell.font = font;
  cell.alignment = { wrapText: true, vertical: 'top' };
  if (columns > 1 && !cell.isMerged) sheet.mergeCells(rowNumber, 1, rowNumber, columns);
  let width = 0;
  for (let c = 1; c <= columns; c++) width += sheet.getColumn(c).width ?? 9;
  sheet.getRow(rowNumber).height = rowHeightFor([{ text, width, fontSize: font?.size }]);
  return cell;
}

/** Width of columns `widths` (in characters) on paper, in points, as Excel converts them (7 px per digit, 5 px padding). */
export function printedWidthPoints(widths: readonly number[]): number {
  return widths.reduce((sum, w) => sum + Math.trunc(w * 7 + 5) * 0.75, 0);
}

export interface PrintPlan {
  readonly orientation: 'portrait' | 'landscape';
  /** True when the sheet is scaled to one page wide. */
  readonly isFittedToWidth: boolean;
  /** The scale the text prints at (1 when not fitted). */
  readonly scale: number;
  /** The smallest printed size of the body text, in points. */
  readonly printedFontSize: number;
}

/** Printable width of an A4 page in points with the app's margins. */
export function printableWidth(orientation: 'portrait' | 'landscape'): number {
  return (orientation === 'portrait' ? A4_SHORT_PT : A4_LONG_PT) - (MARGINS.left + MARGINS.right) * 72;
}

/** Printable height of an A4 page in points, less header and footer. */
export function printableHeight(orientation: 'portrait' | 'landscape'): number {
  return (orientation === 'portrait' ? A4_LONG_PT : A4_SHORT_PT) - (MARGINS.top + MARGINS.bottom) * 72;
}

/**
 * Portrait when the columns fit a portrait page at ≥ 8 pt, else landscape; fitted to the page
 * width only while the text stays at 8 pt or more, else printed at full size across more pages.
 */
export function planPrint(widths: readonly number[], fontSize = BODY_FONT_SIZE, orientation?: 'portrait' | 'landscape'): PrintPlan {
  const total = printedWidthPoints(widths);
  const choose = (o: 'portrait' | 'landscape'): PrintPlan | null => {
    const scale = Math.min(1, printableWidth(o) / total);
    if (scale >= 1) return { orientation: o, isFittedToWidth: false, scale: 1, printedFontSize: fontSize };
    if (fontSize * scale >= MIN_PRINTED_FONT_SIZE) return { orientation: o, isFittedToWidth: true, scale, printedFontSize: fontSize * scale };
    return null;
  };
  if (orientation) return choose(orientation) ?? { orientation, isFittedToWidth: false, scale: 1, printedFontSize: fontSize };
  return choose('portrait') ?? choose('landscape') ?? { orientation: 'landscape', isFittedToWidth: false, scale: 1, printedFontSize: fontSize };
}

export interface PrintOptions {
  /** Widths (characters) of the printed columns, from column A. */
  readonly widths: readonly number[];
  /** The last printed row. */
  readonly lastRow: number;
  /** Rows repeated at the top of every page, e.g. '1:1'. */
  readonly titleRows?: string | undefined;
  readonly orientation?: 'portrait' | 'landscape' | undefined;
}

/** The column letters of a 1-based column index: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let name = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** A4, orientation, print area, repeated header rows, footer 第 N 页 共 M 页, and the ≥ 8 pt fit rule. */
export function applyPrintSetup(sheet: ExcelJS.Worksheet, options: PrintOptions): PrintPlan {
  const plan = planPrint(options.widths, BODY_FONT_SIZE, options.orientation);
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: PAPER_A4,
    orientation: plan.orientation,
    fitToPage: plan.isFittedToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    scale: 100,
    horizontalCentered: false,
    margins: { ...MARGINS },
    // exceljs prefixes each end with one "$": "A$1" is written as the absolute "$A$1" that every client reads.
    printArea: `A$1:${columnLetter(options.widths.length)}$${Math.max(options.lastRow, 1)}`,
    ...(options.titleRows ? { printTitlesRow: options.titleRows } : {}),
  };
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: PAGE_FOOTER };
  return plan;
}
