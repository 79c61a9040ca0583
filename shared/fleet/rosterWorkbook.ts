import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../export/loadExcelJs';
import { fromParts, isIsoDate } from '../domain/isoDate';
import { err, ok, type Result } from '../util/result';
import { checkXlsxLimits } from '../util/zipDirectory';
import { detectHeaderRow, isBlankRow, type RosterCell, type RosterRow } from './rosterImport';
import { frameBytes, partBytes, planParts, type PartPlan } from './rosterParts';

/*
 * Reads a roster .xlsx into rows of plain cells (rosterImport.ts decides what they mean). Pure:
 * bytes in, rows out; runs in a Web Worker in the page and in Node in tests.
 */

export interface RosterSheet {
  readonly name: string;
  /** rows[i] is Excel row i + 1; empty rows are empty arrays. */
  readonly rows: readonly RosterRow[];
  readonly columnCount: number;
}

export interface RosterWorkbook {
  readonly sheets: readonly RosterSheet[];
}

/** Larger files are not rosters: refused before exceljs allocates for them. */
const MAX_ROSTER_FILE_BYTES = 50 * 1024 * 1024;
/** A fleet of 100,000 vehicles is far beyond any small/micro rental company. Counts data rows only. */
const MAX_ROSTER_ROWS = 100_000;
/** Title, notes and header above the data: detectHeaderRow looks at the first 20 rows. */
const MAX_ROWS_ABOVE_DATA = 20;
/** The sheet XML of 100,000 vehicles is about 60 MB; more is not a roster. */
const ROSTER_XLSX_LIMITS = {
  maxEntries: 2_000,
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxSheetRows: MAX_ROSTER_ROWS + MAX_ROWS_ABOVE_DATA,
  maxSheetXmlBytes: 150 * 1024 * 1024,
} as const;
const MAX_ROSTER_COLUMNS = 200;

export interface RosterReadProgress {
  readonly phase: 'opening' | 'reading';
  readonly done: number;
  readonly total: number;
}


/**
 * One exceljs cell value as a RosterCell: rich text joined, a hyperlink's text, a formula's
 * cached result (a formula saved without one is an error, never its source text), dates as the
 * UTC calendar day exceljs gives them.
 */
export function rosterCellFromValue(value: unknown): RosterCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'error', text: '#NUM!' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) {
    // A date outside years 1–9999 (a serial of 1e308 read as a date) has no YYYY-MM-DD form.
    if (Number.isNaN(value.getTime()) || value.getUTCFullYear() < 1 || value.getUTCFullYear() > 9999) return { kind: 'error', text: '无效日期' };
    const date = fromParts(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
    return isIsoDate(date) ? { kind: 'date', date } : { kind: 'error', text: '无效日期' };
  }
  if (typeof value === 'object') {
    const v = value as { richText?: unknown; formula?: unknown; sharedFormula?: unknown; result?: unknown; text?: unknown; hyperlink?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) {
      const text = (v.richText as readonly { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
      return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text };
    }
    if ('formula' in v || 'sharedFormula' in v) {
      if (v.result === undefined || v.result === null) return { kind: 'error', text: '公式没有计算结果，请在 Excel 中打开并保存后再导入' };
      return rosterCellFromValue(v.result);
    }
    if ('hyperlink' in v && 'text' in v) return rosterCellFromValue(v.text);
    if (typeof v.error === 'string') return { kind: 'error', text: v.error };
  }
  return { kind: 'error', text: '无法识别的单元格内容' };
}

function fileKindProblem(bytes: Uint8Array): string | null {
  if (bytes.byteLength === 0) return '文件是空的';
  if (bytes.byteLength > MAX_ROSTER_FILE_BYTES) return '文件过大（超过 50 MB），不是车辆花名册';
  const [a, b, c, d] = bytes;
  if (a === 0xd0 && b === 0xcf && c === 0x11 && d === 0xe0) return '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再导入';
  if (a !== 0x50 || b !== 0x4b) return '文件不是 Excel（.xlsx）格式';
  return null;
}

/** Rows per exceljs load of a large sheet (see rosterParts.ts). */
const ROWS_PER_PART = 5_000;

const visibleSheets = (workbook: ExcelJS.Workbook) => workbook.worksheets.filter((ws) => ws.state !== 'veryHidden');

/** Row `r` of a loaded worksheet as plain cells (an empty array for a missing row). */
function rosterRowOf(ws: ExcelJS.Worksheet, r: number): RosterRow {
  const row = ws.findRow(r);
  const cells: RosterCell[] = [];
  if (row !== undefined) {
    const count = Math.min(row.cellCount, MAX_ROSTER_COLUMNS);
    for (let c = 1; c <= count; c++) cells.push(rosterCellFromValue(row.getCell(c).value));
    while (cells.length > 0 && cells.at(-1)?.kind === 'empty') cells.pop();
  }
  return cells;
}

/** A sheet once read: trailing blank rows dropped, the data-row limit checked. */
function finishSheet(name: string, rows: RosterRow[]): Result<RosterSheet> {
  let columnCount = 0;
  for (const row of rows) columnCount = Math.max(columnCount, row.length);
  // Trailing empty rows (formatted but blank) are not part of the roster.
  while (rows.length > 0 && (rows.at(-1)?.length ?? 0) === 0) rows.pop();
  // The limit counts vehicles: rows below the header that hold anything.
  const header = detectHeaderRow(rows) ?? -1;
  const dataRows = rows.slice(header + 1).filter((row) => !isBlankRow(row)).length;
  if (dataRows > MAX_ROSTER_ROWS) {
    return err('roster.tooManyRows', `工作表“${name}”有 ${dataRows} 行数据，超过 ${MAX_ROSTER_ROWS} 行的上限，请拆分后导入。没有导入任何车辆。`);
  }
  return ok({ name, rows, columnCount });
}

// The library's own words go into details (技术详情, the log), not the officer's sentence.
const unreadable = (e: unknown) =>
  err('roster.unreadable', '无法读取该 Excel 文件：文件已损坏、被截断或被加密。没有导入任何车辆。', { technical: e instanceof Error ? e.message : String(e) });

const tooManyRowsInWorkbook = (total: number) => err('roster.tooManyRows', `工作簿共有 ${total} 行，超过 ${MAX_ROSTER_ROWS} 行数据的上限，请拆分后导入`);

async function loadBytes(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new (await loadExcelJs()).Workbook();
  await workbook.xlsx.load(bytes.buffer.byteLength === bytes.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer);
  return workbook;
}

/**
 * As one load, in parts: first the frame (each cut sheet's rows replaced by one marker cell,
 * which tells which loaded worksheet it is; the other sheets whole), then each cut sheet's rows
 * ROWS_PER_PART at a time. Null when the parts cannot be made; then the workbook is loaded whole.
 */
async function readInParts(plan: PartPlan, onProgress?: (progress: RosterReadProgress) => void | Promise<void>): Promise<Result<RosterWorkbook> | null> {
  const names = [...plan.cuts.keys()];
  const token = `cw-roster-part-${Math.random().toString(36).slice(2)}-`;
  let worksheets: ExcelJS.Worksheet[];
  try {
    worksheets = visibleSheets(await loadBytes(frameBytes(plan, (name) => `<row r="1"><c r="A1" t="inlineStr"><is><t>${token}${names.indexOf(name)}</t></is></c></row>`)));
  } catch (e) {
    return unreadable(e);
  }
  const cutAt = new Map<number, string>();
  for (const [i, ws] of worksheets.entries()) {
    const value = ws.findRow(1)?.getCell(1).value;
    if (typeof value !== 'string' || !value.startsWith(token)) continue;
    const name = names[Number(value.slice(token.length))];
    if (name === undefined || ws.rowCount !== 1) return null;
    cutAt.set(i, name);
  }
  const rowCountAt = (i: number, ws: ExcelJS.Worksheet) => {
    const name = cutAt.get(i);
    return name === undefined ? ws.rowCount : (plan.cuts.get(name)?.rows.at(-1)?.number ?? 0);
  };
  const total = worksheets.reduce((n, ws, i) => n + rowCountAt(i, ws), 0);
  if (total > worksheets.length * (MAX_ROSTER_ROWS + MAX_ROWS_ABOVE_DATA)) return tooManyRowsInWorkbook(total);
  let done = 0;
  const sheets: RosterSheet[] = [];
  for (const [i, ws] of worksheets.entries()) {
    const rows: RosterRow[] = [];
    const before = done;
    const name = cutAt.get(i);
    const cut = name === undefined ? undefined : plan.cuts.get(name);
    // Progress every 2,000 rows of a sheet, as in one load.
    const push = async (row: RosterRow) => {
      rows.push(row);
      done = before + rows.length;
      if (rows.length % 2000 === 0) await onProgress?.({ phase: 'reading', done, total });
    };
    if (name === undefined || cut === undefined) {
      for (let r = 1; r <= ws.rowCount; r++) await push(rosterRowOf(ws, r));
    } else {
      for (let from = 0; from < cut.rows.length; from += plan.rowsPerPart) {
        const to = Math.min(from + plan.rowsPerPart, cut.rows.length) - 1;
        const bytes = partBytes(plan, name, from, to);
        if (bytes === null) return null;
        let part: ExcelJS.Worksheet | undefined;
        try {
          part = visibleSheets(await loadBytes(bytes))[i];
        } catch (e) {
          return unreadable(e);
        }
        if (part === undefined) return null;
        // Rows missing between two parts' rows are empty, as in one load.
        const last = cut.rows[to]?.number ?? 0;
        for (let r = rows.length + 1; r <= last; r++) await push(rosterRowOf(part, r));
      }
    }
    const sheet = finishSheet(ws.name, rows);
    if (!sheet.ok) return sheet;
    sheets.push(sheet.value);
  }
  await onProgress?.({ phase: 'reading', done: total, total });
  return ok({ sheets });
}

/**
 * Reads every worksheet. Failures are Chinese messages; nothing throws for a bad file.
 * `onProgress` is called every 2,000 rows; the promise it may return (a setTimeout) is awaited,
 * so the caller decides how the event loop gets a turn.
 */
export async function readRosterWorkbook(
  bytes: Uint8Array, onProgress?: (progress: RosterReadProgress) => void | Promise<void>, rowsPerPart: number = ROWS_PER_PART,
): Promise<Result<RosterWorkbook>> {
  const problem = fileKindProblem(bytes);
  if (problem !== null) return err('roster.notXlsx', problem);
  // Limits first, from the zip directory and a streamed row count, before exceljs allocates.
  const limit = checkXlsxLimits(bytes, ROSTER_XLSX_LIMITS);
  if (limit !== null) return err('roster.limit', `${limit}。没有导入任何车辆。`);
  await onProgress?.({ phase: 'opening', done: 0, total: 1 });
  const plan = planParts(bytes, rowsPerPart);
  if (plan !== null) {
    const inParts = await readInParts(plan, onProgress);
    if (inParts !== null) return inParts;
  }
  let workbook: ExcelJS.Workbook;
  try {
    // exceljs takes an ArrayBuffer; a copy keeps the caller's view untouched.
    workbook = await loadBytes(bytes.slice());
  } catch (e) {
    return unreadable(e);
  }
  const worksheets = visibleSheets(workbook);
  const total = worksheets.reduce((n, ws) => n + ws.rowCount, 0);
  if (total > worksheets.length * (MAX_ROSTER_ROWS + MAX_ROWS_ABOVE_DATA)) return tooManyRowsInWorkbook(total);
  let done = 0;
  const sheets: RosterSheet[] = [];
  for (const ws of worksheets) {
    const rows: RosterRow[] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      rows.push(rosterRowOf(ws, r));
      done++;
      if (r % 2000 === 0) {
        await onProgress?.({ phase: 'reading', done, total });
      }
    }
    const sheet = finishSheet(ws.name, rows);
    if (!sheet.ok) return sheet;
    sheets.push(sheet.value);
  }
  await onProgress?.({ phase: 'reading', done: total, total });
  return ok({ sheets });
}
