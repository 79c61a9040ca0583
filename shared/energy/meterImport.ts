import { loadExcelJs } from '../export/loadExcelJs';
import type { Store } from '../domain/company';
import { checkXlsxLimits } from '../util/zipDirectory';
import { err, ok, type Result } from '../util/result';
import { checkReadingEntry, findBlamedOutliers, parseAmount, type OutlierFlag } from './checks';
import { BUILTIN_ENERGY_TYPES, parseEnergyType } from './energyTypes';
import { customEnergyTypes, isLedgerMonth, type EnergyReading, type EnergySettings, type LedgerMonth } from './ledger';
import { isEnergyUnit, parseEnergyUnit } from './units';

/*
 * Import of a meter or bill export (.xlsx). The page reads the file with readXlsxRows, the user
 * maps columns (suggestMapping proposes a mapping from the header), then importMeterRows checks
 * every row and returns either all readings or none: a file with one bad row is reported row by
 * row and nothing is imported, so a ledger is never half-updated.
 */

export type CellValue = string | number | boolean | Date | null;

export interface SheetRows {
  readonly name: string;
  /** rows[0] is the sheet's row 1; cells[0] is column A. */
  readonly rows: readonly (readonly CellValue[])[];
}

/** The plain value of an exceljs cell value: rich text joined, a formula's result, a link's text. */
function plainCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: readonly { text?: unknown }[]; result?: unknown; text?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: unknown }) => (typeof r.text === 'string' ? r.text : '')).join('');
    if ('formula' in v || 'sharedFormula' in v) return plainCellValue(v.result);
    if ('text' in v) return plainCellValue(v.text);
    if ('error' in v) return null;
  }
  return null;
}

/** The most rows read from one sheet: a meter export of 10 years of days is ~3 700. */
const MAX_IMPORT_ROWS = 50_000;

/** A meter or utility export of years of days is well under a megabyte; 20 MB is not one. */
const MAX_METER_FILE_BYTES = 20 * 1024 * 1024;
const METER_XLSX_LIMITS = {
  maxEntries: 2_000,
  maxUnzippedBytes: 150 * 1024 * 1024,
  // A title and header above the data are allowed on top of the data rows.
  maxSheetRows: MAX_IMPORT_ROWS + 20,
  maxSheetXmlBytes: 100 * 1024 * 1024,
} as const;

/** Reads every sheet of an .xlsx into plain rows; limits are checked before the file is parsed. */
export async function readXlsxRows(input: ArrayBuffer | Uint8Array): Promise<Result<SheetRows[]>> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength === 0) return err('import.empty', '文件是空的，没有导入任何数据');
  if (bytes.byteLength > MAX_METER_FILE_BYTES) return err('import.tooLarge', `文件有 ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB，超过 20 MB 的上限，不是表计导出文件。没有导入任何数据。`);
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return err('import.notXlsx', '文件不是 .xlsx 格式的 Excel 文件，没有导入任何数据');
  const limit = checkXlsxLimits(bytes, METER_XLSX_LIMITS);
  if (limit !== null) return err('import.limit', `${limit}。没有导入任何数据。`);
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch (e) {
    // The library's own words go into details (技术详情, the log), not the officer's sentence.
    return err('import.notXlsx', '无法读取该文件：文件已损坏、被截断或不是 .xlsx 格式的 Excel 文件。没有导入任何数据。', { technical: e instanceof Error ? e.message : String(e) });
  }
  const sheets: SheetRows[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.rowCount > METER_XLSX_LIMITS.maxSheetRows) return err('import.tooManyRows', `工作表“${sheet.name}”有 ${sheet.rowCount} 行，超过 ${MAX_IMPORT_ROWS} 行上限，请拆分后导入`);
    const rows: CellValue[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: CellValue[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(plainCellValue(row.getCell(c).value));
      rows.push(cells);
    }
    sheets.push({ name: sheet.name, rows });
  }
  if (sheets.length === 0) return err('import.empty', '文件中没有工作表');
  return ok(sheets);
}

type ColumnOrFixed<T> = { readonly kind: 'column'; readonly column: number } | { readonly kind: 'fixed'; readonly value: T };

/** Which column holds what; columns are 0-based (0 = A). */
export interface MeterImportMapping {
  /** 1-based sheet row of the header; data starts on the next row. */
  readonly headerRow: number;
  readonly month: { readonly column: number };
  readonly amount:
    | { readonly kind: 'consumption'; readonly column: number }
    /** (止码 − 起码) × 倍率, as on an electricity or gas meter sheet. */
    | { readonly kind: 'meterDifference'; readonly startColumn: number; readonly endColumn: number; readonly multiplier: ColumnOrFixed<number> };
  readonly unit: ColumnOrFixed<string>;
  readonly energyType: ColumnOrFixed<string>;
  /** Column: a store's name or id, or 企业整体; fixed: a store id or null for company-wide. */
  readonly site: ColumnOrFixed<string | null>;
  readonly isItEquipment?: ColumnOrFixed<boolean>;
  readonly note?: { readonly column: number } | null;
}

export interface MeterImportOptions {
  readonly companyId: string;
  readonly stores: readonly Store[];
  readonly existing: readonly EnergyReading[];
  readonly settings: EnergySettings;
  readonly newId: () => string;
  /** The imported file in the document vault, attached to every reading as its evidence. */
  readonly sourceDocumentId?: string | null;
  /** Sum several rows of the same site, month and type (a daily export) into one reading. */
  readonly aggregateByMonth?: boolean;
  /** The user saw the outliers of a previous run and confirmed them. */
  readonly confirmOutliers?: boolean;
  readonly currentMonth?: LedgerMonth;
  /** Called every 500 rows; return a promise that yields (setTimeout) to keep the page responsive. */
  readonly onProgress?: (done: number, total: number) => void | Promise<void>;
}

export type ImportRowStatus = 'ok' | 'skipped' | 'error' | 'outlier';

export interface ImportRowReport {
  /** 1-based row number in the sheet, as Excel shows it. */
  readonly rowNumber: number;
  readonly status: ImportRowStatus;
  readonly messages: readonly string[];
  /** The reading this row became (or was summed into), when it has no error. */
  readonly readingId: string | null;
}

export interface MeterImportResult {
  readonly rows: readonly ImportRowReport[];
  /** All the readings to store, or none: empty whenever isAccepted is false. */
  readonly readings: readonly EnergyReading[];
  readonly isAccepted: boolean;
  readonly errorCount: number;
  readonly outliers: readonly OutlierFlag[];
  /** One Chinese sentence for the dialog. */
  readonly summary: string;
}

const HEADER_HINTS: readonly { readonly field: string; readonly words: readonly string[] }[] = [
  { field: 'month', words: ['月份', '年月', '期间', '账期', '抄表月份', '日期', '时间', 'month'] },
  { field: 'start', words: ['起码', '起度', '上月示数', '上次读数', '期初读数', '起始读数'] },
  { field: 'end', words: ['止码', '止度', '本月示数', '本次读数', '期末读数', '截止读数'] },
  { field: 'multiplier', words: ['倍率', '综合倍率', '互感器倍率'] },
  { field: 'amount', words: ['用量', '用电量', '用气量', '用热量', '消耗量', '数量', '实物量', '电量', '结算量', 'amount', 'consumption'] },
  { field: 'unit', words: ['单位', '计量单位', 'unit'] },
  { field: 'energyType', words: ['能源品种', '能源种类', '能源类型', '品种', '能源', '介质'] },
  { field: 'site', words: ['场所', '站点', '机房', '厂区', '楼宇', '数据中心', '用能单元', '表计位置'] },
  { field: 'isItEquipment', words: ['IT设备', 'IT 设备', 'IT用电', '是否IT'] },
  { field: 'note', words: ['备注', '说明', 'note'] },
];

function headerText(value: CellValue): string {
  return value === null ? '' : String(value instanceof Date ? '' : value).trim();
}

export interface MappingSuggestion {
  readonly headerRow: number;
  readonly columns: Readonly<Partial<Record<'month' | 'start' | 'end' | 'multiplier' | 'amount' | 'unit' | 'energyType' | 'site' | 'isItEquipment' | 'note', number>>>;
}

/**
 * Proposes the header row (the first of the first 20 rows with a 月份-like and an amount-like
 * heading) and which column is what. The UI shows it for the user to correct.
 */
export function suggestMapping(rows: readonly (readonly CellValue[])[]): MappingSuggestion | null {
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const cells = rows[r] ?? [];
    const columns: Record<string, number> = {};
    cells.forEach((cell, c) => {
      const label = headerText(cell).replace(/\s+/g, '');
      if (label === '') return;
      const hint = HEADER_HINTS.find((h) => !(h.field in columns) && h.words.some((w) => label.toLowerCase().includes(w.replace(/\s+/g, '').toLowerCase())));
      if (hint) columns[hint.field] = c;
    });
    const hasAmount = 'amount' in columns || ('start' in columns && 'end' in columns);
    if ('month' in columns && hasAmount) return { headerRow: r + 1, columns };
  }
  return null;
}

const SUM_ROW = /^(合计|总计|小计|累计|total)/i;

/** A month the ledger can hold, or null: ledgerMonth() throws on years outside 1900–9999 (a cell dated 10000 or 1850). */
function ledgerMonthOrNull(year: number, month: number): LedgerMonth | null {
  const candidate = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  return isLedgerMonth(candidate) ? candidate : null;
}

/** A Date with a calendar day in years 1–9999: anything else (Invalid Date, 1e308 as a serial) has no YYYY-MM form. */
function isUsableDate(value: Date): boolean {
  const year = value.getUTCFullYear();
  return !Number.isNaN(value.getTime()) && year >= 1 && year <= 9999;
}

/** Reads a month from a cell: a date, 2021-10, 2021/10, 2021年10月, 202110, or an Excel serial date. */
export function parseMonthCell(value: CellValue): LedgerMonth | null {
  if (value === null) return null;
  if (value instanceof Date) {
    // exceljs gives date cells as UTC midnight.
    if (!isUsableDate(value)) return null;
    return ledgerMonthOrNull(value.getUTCFullYear(), value.getUTCMonth() + 1);
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 190001 && value <= 999912 && isLedgerMonth(`${String(value).slice(0, 4)}-${String(value).slice(4)}`)) {
      return `${String(value).slice(0, 4)}-${String(value).slice(4)}` as LedgerMonth;
    }
    if (value > 0 && value < 100_000) {
      // An Excel serial date (days since 1899-12-30) in a cell not formatted as a date.
      const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86_400_000);
      return ledgerMonthOrNull(date.getUTCFullYear(), date.getUTCMonth() + 1);
    }
    return null;
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const match = /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*月?(?:\s*[-/.]?\s*\d{1,2}\s*日?)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
  if (!match) return null;
  const candidate = `${match[1]}-${(match[2] ?? '').padStart(2, '0')}`;
  return isLedgerMonth(candidate) ? candidate : null;
}

function parseBoolean(value: CellValue): boolean | null {
  if (value === null || value === '') return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  const text = String(value).trim().toLowerCase();
  if (['是', 'y', 'yes', 'true', '1', 'it', '√', '✓'].includes(text)) return true;
  if (['否', 'n', 'no', 'false', '0', '', '×'].includes(text)) return false;
  return null;
}

const COMPANY_WIDE = ['企业整体', '全公司', '公司整体', '整体', '全厂'];

interface ParsedRow {
  readonly rowNumber: number;
  readonly siteId: string | null;
  readonly month: LedgerMonth;
  readonly energyType: string;
  readonly unit: string;
  readonly amount: number;
  readonly isItEquipment: boolean;
  readonly note: string;
}

function cellAt(row: readonly CellValue[], column: number): CellValue {
  return row[column] ?? null;
}

function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return isUsableDate(value) ? value.toISOString().slice(0, 10) : '无效日期';
  return String(value).trim();
}

function parseRow(row: readonly CellValue[], rowNumber: number, mapping: MeterImportMapping, options: MeterImportOptions, customTypes: readonly string[]): { parsed: ParsedRow | null; messages: string[]; isSkipped: boolean } {
  const messages: string[] = [];
  const at = (field: string, text: string) => messages.push(`第 ${rowNumber} 行 ${field}：${text}`);
  if (row.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) return { parsed: null, messages: ['空行，已跳过'], isSkipped: true };
  const monthCell = cellAt(row, mapping.month.column);
  if (typeof monthCell === 'string' && SUM_ROW.test(monthCell.trim())) return { parsed: null, messages: ['合计行，已跳过'], isSkipped: true };

  const month = parseMonthCell(monthCell);
  if (month === null) at('月份', monthCell === null ? '为空' : `“${cellText(monthCell)}”不是有效月份（应为 2021-10、2021年10月 或日期）`);
  else if (options.currentMonth && month > options.currentMonth) at('月份', `${month} 尚未结束，不能导入以后月份的用量`);

  let amount: number | null = null;
  if (mapping.amount.kind === 'consumption') {
    const parsed = parseAmount(cellAt(row, mapping.amount.column));
    if (parsed.ok) amount = parsed.value;
    else messages.push(`第 ${rowNumber} 行 ${parsed.message}`);
  } else {
    const start = parseAmount(cellAt(row, mapping.amount.startColumn));
    const end = parseAmount(cellAt(row, mapping.amount.endColumn));
    const multiplierRaw = mapping.amount.multiplier.kind === 'fixed' ? mapping.amount.multiplier.value : cellAt(row, mapping.amount.multiplier.column);
    const multiplier = parseAmount(multiplierRaw);
    if (!start.ok) at('起码', start.message.replace(/^用量：/, ''));
    if (!end.ok) at('止码', end.message.replace(/^用量：/, ''));
    if (!multiplier.ok) at('倍率', multiplier.message.replace(/^用量：/, ''));
    else if (multiplier.value === 0) at('倍率', '不能为 0');
    if (start.ok && end.ok && multiplier.ok && multiplier.value > 0) {
      if (end.value < start.value) at('止码', `${end.value} 小于起码 ${start.value}（换表或表码翻转？请改为直接填写用量）`);
      // Rounded so that 12345.6 − 12000.2 does not store 345.40000000000146.
      else amount = Math.round((end.value - start.value) * multiplier.value * 1e6) / 1e6;
    }
  }

  const unitText = mapping.unit.kind === 'fixed' ? mapping.unit.value : cellText(cellAt(row, mapping.unit.column));
  const unit = isEnergyUnit(unitText) ? unitText : parseEnergyUnit(unitText);
  if (unit === null) at('单位', unitText === '' ? '为空' : `“${unitText}”无法识别，可用 kWh、万kWh、m³、GJ、t 等`);

  const typeText = mapping.energyType.kind === 'fixed' ? mapping.energyType.value : cellText(cellAt(row, mapping.energyType.column));
  const energyType = parseEnergyType(typeText, customTypes);
  if (energyType === null) at('能源品种', typeText === '' ? '为空' : `“${typeText}”未定义，请先在能源设置中为其填写折标系数`);

  let siteId: string | null = null;
  let isSiteOk = true;
  if (mapping.site.kind === 'fixed') siteId = mapping.site.value;
  else {
    const siteText = cellText(cellAt(row, mapping.site.column));
    const store = options.stores.find((s) => s.companyId === options.companyId && (s.id === siteText || s.name === siteText));
    if (store) siteId = store.id;
    else if (COMPANY_WIDE.includes(siteText)) siteId = null;
    else {
      isSiteOk = false;
      at('场所', siteText === '' ? '为空；企业整体用能请填写“企业整体”' : `“${siteText}”不是本企业登记的场所（可选：${options.stores.filter((s) => s.companyId === options.companyId).map((s) => s.name).join('、') || '无'}、企业整体）`);
    }
  }

  let isItEquipment = false;
  if (mapping.isItEquipment?.kind === 'fixed') isItEquipment = mapping.isItEquipment.value;
  else if (mapping.isItEquipment?.kind === 'column') {
    const flag = parseBoolean(cellAt(row, mapping.isItEquipment.column));
    if (flag === null) at('IT 设备用电', `“${cellText(cellAt(row, mapping.isItEquipment.column))}”应为“是”或“否”`);
    else isItEquipment = flag;
  }
  const note = mapping.note ? cellText(cellAt(row, mapping.note.column)) : '';

  if (messages.length > 0 || month === null || amount === null || unit === null || energyType === null || !isSiteOk) {
    return { parsed: null, messages, isSkipped: false };
  }
  return { parsed: { rowNumber, siteId, month, energyType, unit, amount, isItEquipment, note }, messages, isSkipped: false };
}

function seriesKey(r: { readonly siteId: string | null; readonly energyType: string; readonly isItEquipment: boolean }): string {
  return JSON.stringify([r.siteId, r.energyType, r.isItEquipment]);
}

/** Checks and converts the mapped rows; returns all readings or none. */
export async function importMeterRows(rows: readonly (readonly CellValue[])[], mapping: MeterImportMapping, options: MeterImportOptions): Promise<MeterImportResult> {
  const reports = new Map<number, { status: ImportRowStatus; messages: string[]; readingId: string | null }>();
  const customTypes = customEnergyTypes(options.settings, BUILTIN_ENERGY_TYPES);
  const dataRows = rows.slice(mapping.headerRow);
  const parsedRows: ParsedRow[] = [];
  for (const [i, row] of dataRows.entries()) {
    const rowNumber = mapping.headerRow + i + 1;
    const { parsed, messages, isSkipped } = parseRow(row, rowNumber, mapping, options, customTypes);
    reports.set(rowNumber, { status: isSkipped ? 'skipped' : parsed ? 'ok' : 'error', messages, readingId: null });
    if (parsed) parsedRows.push(parsed);
    if (options.onProgress && i % 500 === 499) await options.onProgress(i + 1, dataRows.length * 2);
  }

  // One reading per site, month, type and IT flag: summed when asked, else a duplicate is an error.
  const groups = new Map<string, ParsedRow[]>();
  for (const row of parsedRows) {
    const key = JSON.stringify([row.siteId, row.month, row.energyType, row.isItEquipment]);
    const group = groups.get(key);
    if (!group) groups.set(key, [row]);
    else if (options.aggregateByMonth) group.push(row);
    else {
      const first = group[0];
      const report = reports.get(row.rowNumber);
      if (report && first) {
        report.status = 'error';
        report.messages.push(`第 ${row.rowNumber} 行：与第 ${first.rowNumber} 行重复（同一场所、月份、能源品种）；如为逐日数据，请选择“按月合计”`);
      }
    }
  }

  const existingBySeries = new Map<string, EnergyReading[]>();
  for (const r of options.existing) {
    if (r.companyId !== options.companyId) continue;
    const list = existingBySeries.get(seriesKey(r));
    if (list) list.push(r);
    else existingBySeries.set(seriesKey(r), [r]);
  }

  const created: { reading: EnergyReading; rowNumbers: number[] }[] = [];
  let done = 0;
  for (const group of groups.values()) {
    const [first] = group;
    if (!first) continue;
    done++;
    if (options.onProgress && done % 500 === 0) await options.onProgress(dataRows.length + done, dataRows.length * 2);
    const rowNumbers = group.map((g) => g.rowNumber);
    const isUnitMixed = group.some((g) => g.unit !== first.unit);
    if (isUnitMixed) {
      for (const n of rowNumbers) {
        const report = reports.get(n);
        if (report) { report.status = 'error'; report.messages.push(`第 ${n} 行：${first.month} ${first.energyType}的各行单位不一致，无法按月合计`); }
      }
      continue;
    }
    const amount = Math.round(group.reduce((sum, g) => sum + g.amount, 0) * 1e6) / 1e6;
    const check = checkReadingEntry(
      {
        siteId: first.siteId,
        month: first.month,
        energyType: first.energyType,
        amount,
        unit: first.unit,
        isItEquipment: first.isItEquipment,
        documentId: options.sourceDocumentId ?? null,
        note: group.map((g) => g.note).filter((n) => n !== '').join('；').slice(0, 1000),
        // Outliers are judged below against the whole file, not only the stored ledger.
        confirmedOutlier: true,
      },
      {
        companyId: options.companyId,
        stores: options.stores,
        existing: existingBySeries.get(seriesKey(first)) ?? [],
        settings: options.settings,
        newId: options.newId,
        entryMethod: '表格导入',
        ...(options.currentMonth ? { currentMonth: options.currentMonth } : {}),
      },
    );
    if (check.status === 'refused') {
      for (const n of rowNumbers) {
        const report = reports.get(n);
        if (report) { report.status = 'error'; report.messages.push(...check.issues.map((i) => `第 ${n} 行 ${i.message}`)); }
      }
      continue;
    }
    created.push({ reading: { ...check.reading, confirmedOutlier: false }, rowNumbers });
  }

  const flagsById = findBlamedOutliers(created.map((c) => c.reading), [...existingBySeries.values()].flat());
  const outliers: OutlierFlag[] = [];
  const readings: EnergyReading[] = [];
  for (const { reading, rowNumbers } of created) {
    const flags = flagsById.get(reading.id) ?? [];
    outliers.push(...flags);
    const isConfirmed = flags.length > 0 && options.confirmOutliers === true;
    readings.push({ ...reading, confirmedOutlier: isConfirmed });
    for (const n of rowNumbers) {
      const report = reports.get(n);
      if (!report) continue;
      report.readingId = reading.id;
      if (flags.length > 0) {
        report.messages.push(...flags.map((f) => `第 ${n} 行 ${f.message}`));
        if (!isConfirmed && report.status === 'ok') report.status = 'outlier';
      }
      if (rowNumbers.length > 1) report.messages.push(`第 ${n} 行：已与第 ${rowNumbers.filter((m) => m !== n).join('、')} 行合计为 ${reading.month} ${reading.energyType} ${reading.amount} ${reading.unit}`);
    }
  }

  const rowReports: ImportRowReport[] = [...reports.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rowNumber, r]) => ({ rowNumber, status: r.status, messages: r.messages, readingId: r.status === 'error' ? null : r.readingId }));
  const errorCount = rowReports.filter((r) => r.status === 'error').length;
  const outlierRows = rowReports.filter((r) => r.status === 'outlier').length;
  const isAccepted = errorCount === 0 && outlierRows === 0 && readings.length > 0;
  let summary: string;
  if (errorCount > 0) summary = `共 ${rowReports.length} 行，其中 ${errorCount} 行有错误，未导入任何数据；请修改文件或列对应关系后重新导入`;
  else if (outlierRows > 0) summary = `${outlierRows} 行的用量与相邻月份相差 10 倍以上，请逐行核对；确认无误后选择“确认异常值并导入”`;
  else if (readings.length === 0) summary = '文件中没有可导入的数据行';
  else summary = `可导入 ${readings.length} 条台账记录（${rowReports.filter((r) => r.status === 'skipped').length} 行空行或合计行已跳过）`;
  return { rows: rowReports, readings: isAccepted ? readings : [], isAccepted, errorCount, outliers, summary };
}
