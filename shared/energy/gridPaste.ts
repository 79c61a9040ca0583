import { parseAmount } from './checks';

/*
 * Text pasted into the 12-month entry grid. Excel (and WPS, and LibreOffice) put a copied block on
 * the clipboard as tab-separated cells and newline-separated rows; a cell holding a tab, a newline
 * or a quote is wrapped in double quotes with inner quotes doubled. The cells are kept as text:
 * judging a value is the entry check's job (checkReadingEntry), so the grid and the dialog refuse
 * the same things with the same words.
 */

/** Splits a pasted block into rows of cell texts. A single trailing line break (Excel adds one) is dropped. */
export function splitPastedBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let isQuoted = false;
  let isCellStart = true;
  const source = text.replace(/\r\n?/g, '\n');
  while (i < source.length) {
    const c = source[i] ?? '';
    if (isQuoted) {
      if (c === '"' && source[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (c === '"') { isQuoted = false; i += 1; continue; }
      cell += c;
      i += 1;
      continue;
    }
    if (c === '"' && isCellStart) { isQuoted = true; isCellStart = false; i += 1; continue; }
    if (c === '\t') { row.push(cell); cell = ''; isCellStart = true; i += 1; continue; }
    if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; isCellStart = true; i += 1; continue; }
    cell += c;
    isCellStart = false;
    i += 1;
  }
  if (cell !== '' || row.length > 0 || !isCellStart) { row.push(cell); rows.push(row); }
  // Non-breaking and other odd spaces from web pages or WPS count as spaces.
  return rows.map((r) => r.map((v) => v.replace(/[\u00a0\u2007\u202f\u3000]/g, ' ').trim()));
}

/** Is this paste a block (more than one cell) rather than one value typed into a cell? */
export function isBlockPaste(text: string): boolean {
  return /[\t\n\r]/.test(text.replace(/(\r\n|\r|\n)$/, ''));
}

export interface GridPasteResult {
  /** The grid's texts after the paste (rows × columns, same shape as the input grid). */
  readonly cells: string[][];
  /** Cells written, as [row, column]. */
  readonly written: readonly (readonly [number, number])[];
  /** Pasted cells that fell outside the grid (more than 12 months, or more rows than the grid has). */
  readonly cutOff: number;
}

/**
 * Writes a pasted block into `cells` with its top-left cell at (`row`, `column`). An empty pasted
 * cell empties the grid cell: the officer sees the block as it was copied.
 */
export function pasteIntoGrid(cells: readonly (readonly string[])[], row: number, column: number, text: string): GridPasteResult {
  const next = cells.map((r) => [...r]);
  const block = splitPastedBlock(text);
  const written: [number, number][] = [];
  let cutOff = 0;
  block.forEach((values, r) => {
    values.forEach((value, c) => {
      const target = next[row + r];
      if (!target || column + c >= target.length) { if (value !== '') cutOff += 1; return; }
      target[column + c] = value;
      written.push([row + r, column + c]);
    });
  });
  return { cells: next, written, cutOff };
}

export type GridCellValue =
  | { readonly kind: 'empty' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'invalid'; readonly message: string };

/**
 * What one cell holds, judged by the entry check's own amount rule (parseAmount): thousands
 * separators, full-width digits and spaces are read as numbers; text, negatives and absurd
 * magnitudes get the dialog's message. An empty cell is no entry, not zero.
 */
export function readGridCell(text: string): GridCellValue {
  if (text.trim() === '') return { kind: 'empty' };
  const parsed = parseAmount(text);
  return parsed.ok ? { kind: 'number', value: parsed.value } : { kind: 'invalid', message: parsed.message };
}
