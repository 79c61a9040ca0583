import { loadExcelJs } from '../../../../shared/export/loadExcelJs';
import type { IsoDate } from '../../../../shared/domain/isoDate';
import {
  checkMapping, detectHeaderRow, headerTexts, suggestMapping, validateRoster, type RejectedRow, type RosterMapping, type RosterValidation,
} from '../../../../shared/fleet/rosterImport';
import type { RosterReadProgress, RosterSheet, RosterWorkbook } from '../../../../shared/fleet/rosterWorkbook';
import type { AppError } from '../../../../shared/util/result';
import { readRoster } from './readRoster';

/*
 * The steps of 从 Excel 导入车辆 below the dialog (FleetImportDialog.tsx): read a roster and
 * suggest its sheet, header row and column mapping; check the mapping and every row; write the
 * rejected rows to a workbook the officer can correct. Plain functions, tested in Node; the
 * dialog only shows their results and the vehicles are written by fleetRepository.
 */

/** A roster read and matched to the vehicle fields, ready for the mapping step. */
export interface MappedRoster {
  readonly fileName: string;
  readonly workbook: RosterWorkbook;
  readonly sheetIndex: number;
  readonly headerRowIndex: number;
  readonly mapping: RosterMapping;
}

export type OpenedRoster =
  | { readonly kind: 'mapped'; readonly mapped: MappedRoster }
  /** The file could not be read as a roster (the reader's refusal, for failureMessage). */
  | { readonly kind: 'unreadable'; readonly error: AppError }
  /** Every sheet is empty. */
  | { readonly kind: 'empty' };

/** The sheet most likely to be the roster: the one whose header names the most fields. */
export function bestSheet(workbook: RosterWorkbook): { sheetIndex: number; headerRowIndex: number } {
  let best = { sheetIndex: 0, headerRowIndex: 0, score: -1 };
  workbook.sheets.forEach((sheet, sheetIndex) => {
    const header = detectHeaderRow(sheet.rows);
    if (header === null) return;
    const score = Object.keys(suggestMapping(headerTexts(sheet.rows, header, sheet.columnCount))).length;
    if (score > best.score) best = { sheetIndex, headerRowIndex: header, score };
  });
  return { sheetIndex: best.sheetIndex, headerRowIndex: best.headerRowIndex };
}

/** The mapping suggested from the names in the header row. */
export function mappingFor(sheet: RosterSheet, headerRowIndex: number): RosterMapping {
  return suggestMapping(headerTexts(sheet.rows, headerRowIndex, sheet.columnCount));
}

/** Reads a picked roster (in a worker where there is one) and suggests sheet, header row and mapping. */
export async function openRoster(fileName: string, bytes: Uint8Array, onProgress: (progress: RosterReadProgress) => void): Promise<OpenedRoster> {
  const read = await readRoster(bytes, onProgress);
  if (!read.ok) return { kind: 'unreadable', error: read.error };
  if (read.value.sheets.every((s) => s.rows.length === 0)) return { kind: 'empty' };
  const { sheetIndex, headerRowIndex } = bestSheet(read.value);
  const sheet = read.value.sheets[sheetIndex];
  const mapping = sheet === undefined ? {} : mappingFor(sheet, headerRowIndex);
  return { kind: 'mapped', mapped: { fileName, workbook: read.value, sheetIndex, headerRowIndex, mapping } };
}

export type CheckedRoster =
  | { readonly kind: 'problems'; readonly problems: readonly string[] }
  | { readonly kind: 'validated'; readonly validation: RosterValidation }
  /** The chosen sheet is not in the workbook (nothing to check). */
  | { readonly kind: 'noSheet' };

/** Checks the mapping, then every row of the chosen sheet against the vehicles already stored. */
export function checkRoster(mapped: MappedRoster, existingPlates: readonly string[], today: IsoDate): CheckedRoster {
  const problems = checkMapping(mapped.mapping);
  if (problems.length > 0) return { kind: 'problems', problems };
  const sheet = mapped.workbook.sheets[mapped.sheetIndex];
  if (sheet === undefined) return { kind: 'noSheet' };
  return { kind: 'validated', validation: validateRoster({ rows: sheet.rows, headerRowIndex: mapped.headerRowIndex, mapping: mapped.mapping, existingPlates, today }) };
}

/** The rejected rows with their reasons, as an .xlsx for the officer to correct the source file by. */
export async function rejectedWorkbook(fileName: string, rejected: readonly RejectedRow[]): Promise<Uint8Array> {
  const workbook = new (await loadExcelJs()).Workbook();
  const ws = workbook.addWorksheet('未导入的行');
  ws.columns = [{ header: '行号', width: 8 }, { header: '号牌号码', width: 14 }, { header: '原因', width: 90 }];
  ws.getRow(1).font = { bold: true };
  for (const r of rejected) ws.addRow([r.rowNumber, r.plateText, r.reasons.join('；')]);
  ws.addRow([]);
  ws.addRow(['', '', `来源文件：${fileName}。请在原文件中修改这些行后重新导入（已导入的车辆不会重复导入）。`]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The name the rejected rows' workbook is offered under. */
export function rejectedWorkbookName(fileName: string): string {
  return `未导入的车辆-${fileName.replace(/\.xlsx$/i, '')}.xlsx`;
}
