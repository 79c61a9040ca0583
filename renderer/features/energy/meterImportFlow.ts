import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import type { EnergySettings } from '../../../shared/energy/ledger';
import { initialMapping, toMapping, type MeterMappingValues } from '../../../shared/energy/meterColumns';
import { importMeterRows, suggestMapping, type CellValue, type MeterImportResult, type SheetRows } from '../../../shared/energy/meterImport';
import { columnLetter } from '../../../shared/fleet/rosterImport';
import type { Result } from '../../../shared/util/result';
import { newId } from '../../storage/newId';
import type { Repositories } from '../../storage/repositories';
import { currentLedgerMonth } from './energyModel';
import { mimeTypeOf } from './evidence';
import { readSheets } from './xlsxRows';

/*
 * The steps of 导入抄表数据 below the dialog (MeterImportModal.tsx): read the .xlsx and suggest a
 * column mapping, check every row against the mapping, then store all readings with the file as
 * their evidence, in one transaction. Plain functions, tested in Node; the dialog shows them.
 */

/** A cell as the officer sees it in the column list: dates as YYYY-MM-DD. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** The columns to choose from: as wide as the header and the 20 rows below it, named by letter and header text. */
export function columnOptions(rows: readonly (readonly CellValue[])[], headerRow: number): { readonly value: number; readonly label: string }[] {
  const width = Math.max(0, ...rows.slice(0, headerRow + 20).map((r) => r.length));
  const header = rows[headerRow - 1] ?? [];
  return Array.from({ length: width }, (_, i) => {
    const text = cellText(header[i] ?? null);
    return { value: i, label: `${columnLetter(i)} 列${text ? `：${text}` : ''}` };
  });
}

/** The sheets of a picked file and the mapping suggested for the first sheet that looks like meter data. */
export interface OpenedMeterFile {
  readonly sheets: readonly SheetRows[];
  readonly initial: MeterMappingValues;
}

/** Reads the picked .xlsx (in a worker where there is one); a refusal comes back as a Chinese error. */
export async function openMeterFile(bytes: Uint8Array, defaultSiteKey: string): Promise<Result<OpenedMeterFile>> {
  const read = await readSheets(bytes);
  if (!read.ok) return read;
  const index = Math.max(0, read.value.findIndex((s) => suggestMapping(s.rows) !== null));
  return { ok: true, value: { sheets: read.value, initial: initialMapping(read.value, index, defaultSiteKey) } };
}

export interface MeterCheckInput {
  readonly sheets: readonly SheetRows[];
  readonly values: MeterMappingValues;
  readonly record: CompanyRecord;
  readonly settings: EnergySettings;
  /** The id the imported file gets as every reading's evidence. */
  readonly sourceId: string;
  readonly today: IsoDate;
  readonly confirmOutliers: boolean;
  readonly onProgress?: (done: number, total: number) => void | Promise<void>;
}

/** The column the mapping still lacks (月份列, 用量列…), or null when it is complete. */
export function missingColumn(values: MeterMappingValues): string | null {
  const built = toMapping(values);
  return 'missing' in built ? built.missing : null;
}

/** Checks every row of the chosen sheet; `missing` names the column the mapping still lacks. */
export async function checkMeterRows(input: MeterCheckInput): Promise<{ readonly missing: string } | { readonly result: MeterImportResult }> {
  const built = toMapping(input.values);
  if ('missing' in built) return { missing: built.missing };
  const rows = input.sheets[input.values.sheetIndex]?.rows ?? [];
  const result = await importMeterRows(rows, built.mapping, {
    companyId: input.record.company.id,
    stores: input.record.stores,
    existing: input.record.energyReadings ?? [],
    settings: input.settings,
    newId,
    sourceDocumentId: input.sourceId,
    aggregateByMonth: input.values.aggregateByMonth,
    confirmOutliers: input.confirmOutliers,
    currentMonth: currentLedgerMonth(input.today),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  return { result };
}

/** Stores an accepted check's readings with the file as their evidence, all or nothing; the number stored. */
export async function saveMeterImport(
  repositories: Repositories,
  result: MeterImportResult,
  file: { readonly name: string; readonly bytes: Uint8Array },
  companyId: string,
  sourceId: string,
): Promise<number> {
  return repositories.saveEnergyReadings(result.readings, {
    id: sourceId, companyId, fileName: file.name, mimeType: mimeTypeOf(file.name), bytes: file.bytes,
  });
}
