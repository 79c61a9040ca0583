import type { Vehicle } from '../domain/company';
import { DOMAIN_FIELD_LABELS } from '../domain/fieldLabels';
import { addDays, fromParts, isIsoDate, type IsoDate } from '../domain/isoDate';
import {
  VEHICLE_FILING_STATUSES, VEHICLE_USAGE_NATURES, type VehicleFilingStatus, type VehicleUsageNature,
} from '../domain/vocabulary';
import { isPlausiblePlate, normalizePlate } from '../validation/recordFindings';

/*
 * A car-rental company's vehicle roster from a spreadsheet: which row holds the headers, which
 * column holds which field, and each data row checked on its own. A row is accepted whole or
 * rejected whole with every reason in Chinese; nothing is dropped without being reported and no
 * row is taken with a field left out. Pure: rows of cell values in, vehicles and reasons out
 * (reading the .xlsx file is rosterWorkbook.ts).
 */

/** One cell as read from the sheet; a formula cell is its cached result. */
export type RosterCell =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  /** A cell Excel stores as a date (a date-formatted serial number). */
  | { readonly kind: 'date'; readonly date: IsoDate }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** #N/A, #REF!, or a formula saved without a calculated result. */
  | { readonly kind: 'error'; readonly text: string };

export type RosterRow = readonly RosterCell[];

export const ROSTER_FIELDS = ['plate', 'usageNature', 'registeredOn', 'inServiceOn', 'filingStatus', 'model', 'vin', 'isTimeShare'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

const VEHICLE_LABELS = DOMAIN_FIELD_LABELS.vehicles;

/**
 * The roster's fields as the import dialog and its messages name them: the vehicle's field labels
 * (shared/domain/fieldLabels.ts), except two that name a spreadsheet column as rosters head it —
 * 'VIN' (the vehicle form's 车辆识别代号) and 分时租赁 (its 用于分时租赁 checkbox).
 */
export const ROSTER_FIELD_LABELS: Readonly<Record<RosterField, string>> = {
  plate: VEHICLE_LABELS.plate,
  usageNature: VEHICLE_LABELS.usageNature,
  registeredOn: VEHICLE_LABELS.registeredOn,
  inServiceOn: VEHICLE_LABELS.inServiceOn,
  filingStatus: VEHICLE_LABELS.filingStatus,
  model: VEHICLE_LABELS.model,
  vin: 'VIN',
  isTimeShare: '分时租赁',
};

/**
 * 号牌, 使用性质 and 注册日期 decide which duties a vehicle has (the 使用性质 change before
 * 2022-03-31, the 15-year limit from registration), so a row without them cannot be tracked.
 */
export const REQUIRED_ROSTER_FIELDS: readonly RosterField[] = ['plate', 'usageNature', 'registeredOn'];

/** Header words seen in rosters, most specific first. */
const HEADER_SYNONYMS: Readonly<Record<RosterField, readonly string[]>> = {
  plate: ['号牌号码', '车牌号码', '机动车号牌', '车牌号', '号牌', '车牌', 'plate'],
  usageNature: ['使用性质', '车辆使用性质', '营运性质', '车辆性质', '性质'],
  registeredOn: ['注册日期', '注册登记日期', '初次登记日期', '行驶证注册日期', '初登日期', '登记日期'],
  inServiceOn: ['投入经营日期', '投入运营日期', '投入使用日期', '开始经营日期', '投运日期', '运营日期'],
  filingStatus: ['备案状态', '备案情况', '是否备案', '备案'],
  model: ['品牌型号', '车型', '车辆型号', '厂牌型号', '车辆品牌', '型号'],
  vin: ['车辆识别代号', '车辆识别代码', '车架号', '识别代号', 'vin'],
  isTimeShare: ['是否分时租赁', '分时租赁', '分时'],
};

/** Which column (0-based) holds each field; unmapped fields are absent. */
export type RosterMapping = Partial<Record<RosterField, number>>;

/** The text of a cell as the user sees it, for headers and messages. */
export function cellText(cell: RosterCell | undefined): string {
  if (cell === undefined) return '';
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.date;
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'error':
      return cell.text;
  }
}

function isBlank(cell: RosterCell | undefined): boolean {
  return cell === undefined || cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '');
}

export function isBlankRow(row: RosterRow | undefined): boolean {
  return row === undefined || row.every(isBlank);
}

function normalizeHeader(text: string): string {
  // "号牌号码（必填）", "* 注册日期", "VIN码" → the words that matter.
  return text.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s*＊:：_\-—/]/g, '').replace(/码$/, '').toLowerCase();
}

/** How well a header names a field: 2 exact, 1 contains a synonym, 0 not at all. */
function headerScore(header: string, field: RosterField): number {
  const h = normalizeHeader(header);
  if (h === '') return 0;
  let best = 0;
  for (const synonym of HEADER_SYNONYMS[field]) {
    const s = normalizeHeader(synonym);
    if (h === s) return 2;
    if (s.length >= 2 && h.includes(s)) best = 1;
  }
  return best;
}

/**
 * Suggests a column for each field from the header texts: exact names first, then headers that
 * contain a known name; a column is given to one field only.
 */
export function suggestMapping(headers: readonly string[]): RosterMapping {
  const candidates: { field: RosterField; column: number; score: number; order: number }[] = [];
  ROSTER_FIELDS.forEach((field, order) => {
    headers.forEach((header, column) => {
      const score = headerScore(header, field);
      if (score > 0) candidates.push({ field, column, score, order });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.order - b.order || a.column - b.column);
  const mapping: RosterMapping = {};
  const usedColumns = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== undefined || usedColumns.has(c.column)) continue;
    mapping[c.field] = c.column;
    usedColumns.add(c.column);
  }
  return mapping;
}

/**
 * The header row: among the first rows, the one naming the most fields (at least two); else the
 * first non-empty row. null for a sheet without any content.
 */
export function detectHeaderRow(rows: readonly RosterRow[], scanRows = 20): number | null {
  let best: { index: number; count: number } | null = null;
  let firstNonEmpty: number | null = null;
  for (let i = 0; i < Math.min(rows.length, scanRows); i++) {
    const row = rows[i];
    if (isBlankRow(row) || row === undefined) continue;
    firstNonEmpty ??= i;
    const count = Object.keys(suggestMapping(row.map(cellText))).length;
    if (count >= 2 && (best === null || count > best.count)) best = { index: i, count };
  }
  if (best !== null) return best.index;
  if (firstNonEmpty !== null) return firstNonEmpty;
  // The first rows are empty: the header is the first row with anything in it.
  const index = rows.findIndex((r) => !isBlankRow(r));
  return index < 0 ? null : index;
}

/** Problems with a mapping that stop validation: required fields unmapped, a column used twice. */
export function checkMapping(mapping: RosterMapping): string[] {
  const problems: string[] = [];
  for (const field of REQUIRED_ROSTER_FIELDS) {
    if (mapping[field] === undefined) problems.push(`请为“${ROSTER_FIELD_LABELS[field]}”选择对应的列`);
  }
  const byColumn = new Map<number, RosterField[]>();
  for (const field of ROSTER_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    byColumn.set(column, [...(byColumn.get(column) ?? []), field]);
  }
  for (const [column, fields] of byColumn) {
    if (fields.length > 1) problems.push(`第 ${columnLetter(column)} 列同时对应了${fields.map((f) => `“${ROSTER_FIELD_LABELS[f]}”`).join('和')}`);
  }
  return problems;
}

/** 0 → A, 25 → Z, 26 → AA: the column as Excel names it. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Days from 1899-12-30 (Excel's 1900 date system, leap-year bug included) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25569;
const FIRST_PLAUSIBLE_YEAR = 1950;
const LAST_PLAUSIBLE_YEAR = 2100;

/** Excel's last day, 9999-12-31. */
const MAX_EXCEL_SERIAL = 2_958_465;

/** An Excel serial day number as a date, when it is one within 1950–2100. */
export function excelSerialToDate(serial: number): IsoDate | null {
  // Checked before any date arithmetic: 1e308 or a negative serial is no day at all.
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_EXCEL_SERIAL) return null;
  const day = Math.floor(serial);
  const date = addDays(fromParts(1970, 1, 1), day - EXCEL_EPOCH_OFFSET);
  const year = Number(date.slice(0, 4));
  return year >= FIRST_PLAUSIBLE_YEAR && year <= LAST_PLAUSIBLE_YEAR ? date : null;
}

const DATE_PATTERNS: readonly RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
];

/** Text dates: 2021-03-15, 2021/3/15, 2021.3.15, 2021年3月15日; null for anything else or an impossible day. */
export function parseDateText(text: string): IsoDate | null {
  const t = text.trim().replace(/\s+/g, ' ');
  for (const pattern of DATE_PATTERNS) {
    const m = pattern.exec(t);
    if (m === null) continue;
    const [, y, mo, d] = m;
    const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const DATE_FORMS = '可用 Excel 日期，或 2021-03-15、2021/3/15、2021年3月15日';

function readDate(cell: RosterCell | undefined, label: string): Parsed<IsoDate | null> {
  if (cell === undefined || isBlank(cell)) return { ok: true, value: null };
  switch (cell.kind) {
    case 'date':
      return { ok: true, value: cell.date };
    case 'number': {
      const date = excelSerialToDate(cell.value);
      return date === null ? { ok: false, reason: `${label}“${cell.value}”不是有效日期（${DATE_FORMS}）` } : { ok: true, value: date };
    }
    case 'text': {
      const date = parseDateText(cell.text);
      return date === null ? { ok: false, reason: `${label}“${cell.text.trim()}”不是有效日期（${DATE_FORMS}）` } : { ok: true, value: date };
    }
    case 'error':
      return { ok: false, reason: `${label}单元格有错误（${cell.text}）` };
    case 'boolean':
    case 'empty':
      return { ok: false, reason: `${label}“${cellText(cell)}”不是有效日期（${DATE_FORMS}）` };
  }
}

function readText(cell: RosterCell | undefined, label: string): Parsed<string> {
  if (cell?.kind === 'error') return { ok: false, reason: `${label}单元格有错误（${cell.text}）` };
  return { ok: true, value: cellText(cell).replace(/\s+/g, ' ') };
}

const TRUE_WORDS = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '✔']);
const FALSE_WORDS = new Set(['否', 'n', 'no', 'false', '0', '×', '✗']);

function readYesNo(cell: RosterCell | undefined, label: string): Parsed<boolean> {
  if (cell === undefined || isBlank(cell)) return { ok: true, value: false };
  if (cell.kind === 'boolean') return { ok: true, value: cell.value };
  if (cell.kind === 'error') return { ok: false, reason: `${label}单元格有错误（${cell.text}）` };
  const word = cellText(cell).toLowerCase();
  if (TRUE_WORDS.has(word)) return { ok: true, value: true };
  if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  return { ok: false, reason: `${label}“${cellText(cell)}”无法识别（应为“是”或“否”）` };
}

const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/;

// ---------------------------------------------------------------------------------------------
// Validation

/** A vehicle as imported: everything but its id and company. */
export type RosterVehicle = Omit<Vehicle, 'id' | 'companyId'>;

export interface AcceptedRow {
  /** The row number Excel shows (1-based). */
  readonly rowNumber: number;
  readonly vehicle: RosterVehicle;
}

export interface RejectedRow {
  readonly rowNumber: number;
  /** The 号牌 cell as written, to find the row again. */
  readonly plateText: string;
  readonly reasons: readonly string[];
}

export interface RosterValidation {
  readonly accepted: readonly AcceptedRow[];
  readonly rejected: readonly RejectedRow[];
  /** Rows below the header with nothing in any cell: skipped, and said so. */
  readonly blankRows: number;
  /** Rows below the header, blank ones included. */
  readonly dataRows: number;
  /** Values the import supplies where the sheet gives none, said aloud before confirming. */
  readonly notes: readonly string[];
}

export interface ValidateRosterInput {
  /** The sheet's rows from its first row: rows[i] is Excel row i + 1. */
  readonly rows: readonly RosterRow[];
  /** Index in `rows` of the header row; data starts below it. */
  readonly headerRowIndex: number;
  readonly mapping: RosterMapping;
  /** Plates the company already has (any spelling; compared normalized). */
  readonly existingPlates: Iterable<string>;
  /** The user's local date: a registration after it is a typing error. */
  readonly today: IsoDate;
}

interface RowOutcome {
  readonly rowNumber: number;
  readonly plateText: string;
  readonly plate: string | null;
  readonly vehicle: RosterVehicle | null;
  readonly reasons: string[];
}

function validateRow(row: RosterRow, rowNumber: number, mapping: RosterMapping, today: IsoDate, existing: ReadonlySet<string>): RowOutcome {
  const reasons: string[] = [];
  const at = (field: RosterField): RosterCell | undefined => {
    const column = mapping[field];
    return column === undefined ? undefined : row[column];
  };
  const take = <T>(parsed: Parsed<T>, fallback: T): T => {
    if (parsed.ok) return parsed.value;
    reasons.push(parsed.reason);
    return fallback;
  };

  // 号牌号码
  const plateCell = at('plate');
  const plateText = cellText(plateCell);
  let plate: string | null = null;
  if (plateCell?.kind === 'error') reasons.push(`号牌号码单元格有错误（${plateCell.text}）`);
  else if (plateText === '') reasons.push('缺少号牌号码');
  else {
    const normalized = normalizePlate(plateText);
    if (!isPlausiblePlate(normalized)) reasons.push(`号牌号码“${plateText}”格式不正确（应如 京A12345 或新能源 京AD12345）`);
    else {
      plate = normalized;
      if (existing.has(normalized)) reasons.push(`本企业已登记号牌 ${normalized} 的车辆（导入不会覆盖已有车辆）`);
    }
  }

  // 使用性质
  const usageText = take(readText(at('usageNature'), '使用性质'), '').replace(/\s/g, '');
  let usageNature: VehicleUsageNature | null = null;
  if (usageText === '') {
    if (at('usageNature')?.kind !== 'error') reasons.push('缺少使用性质');
  } else if ((VEHICLE_USAGE_NATURES as readonly string[]).includes(usageText)) usageNature = usageText as VehicleUsageNature;
  else reasons.push(`使用性质“${usageText}”无法识别（应为 ${VEHICLE_USAGE_NATURES.join('、')} 之一，以行驶证为准）`);

  // 注册日期 (required), 投入经营日期 (optional)
  const registeredCell = at('registeredOn');
  const registeredOn = take(readDate(registeredCell, '注册日期'), null);
  if (registeredOn === null && (registeredCell === undefined || isBlank(registeredCell))) reasons.push('缺少注册日期');
  if (registeredOn !== null && registeredOn > today) reasons.push(`注册日期 ${registeredOn} 晚于今天`);
  const inServiceOn = take(readDate(at('inServiceOn'), '投入经营日期'), null);
  if (registeredOn !== null && inServiceOn !== null && inServiceOn < registeredOn) {
    reasons.push(`投入经营日期 ${inServiceOn} 早于注册日期 ${registeredOn}`);
  }

  // 备案状态: blank is 未备案, as for a vehicle added by hand.
  const filingText = take(readText(at('filingStatus'), '备案状态'), '').replace(/\s/g, '');
  let filingStatus: VehicleFilingStatus = '未备案';
  if (filingText !== '') {
    const mapped = filingText === '是' ? '已备案' : filingText === '否' ? '未备案' : filingText;
    if ((VEHICLE_FILING_STATUSES as readonly string[]).includes(mapped)) filingStatus = mapped as VehicleFilingStatus;
    else reasons.push(`备案状态“${filingText}”无法识别（应为 ${VEHICLE_FILING_STATUSES.join('、')} 之一）`);
  }

  const model = take(readText(at('model'), '车型'), '');
  if (model.length > 100) reasons.push('车型超过 100 个字');
  const vin = take(readText(at('vin'), 'VIN'), '').replace(/\s/g, '').toUpperCase();
  if (vin !== '' && !VIN_PATTERN.test(vin)) reasons.push(`VIN“${vin}”应为 17 位字母或数字（不含 I、O、Q）`);
  const isTimeShare = take(readYesNo(at('isTimeShare'), '分时租赁'), false);

  const vehicle: RosterVehicle | null = reasons.length === 0 && plate !== null && usageNature !== null
    ? {
      plate, usageNature, registeredOn, inServiceOn, filingStatus, leftFilingOn: null,
      model, vin, vehicleType: null, seats: null, isTimeShare, note: '',
    }
    : null;
  return { rowNumber, plateText, plate, vehicle, reasons };
}

/**
 * Checks every row below the header. Rows repeating a plate are all rejected (which one is right
 * is for the user to decide), as are rows whose plate the company already has.
 */
export function validateRoster(input: ValidateRosterInput): RosterValidation {
  const { rows, headerRowIndex, mapping, today } = input;
  const problems = checkMapping(mapping);
  if (problems.length > 0) throw new Error(problems.join('；'));
  const existing = new Set<string>();
  for (const p of input.existingPlates) existing.add(normalizePlate(p));

  const outcomes: RowOutcome[] = [];
  let blankRows = 0;
  for (let i = headerRowIndex + 1; i < rows.length; i++) {
    const row = rows[i];
    if (row === undefined || isBlankRow(row)) {
      blankRows++;
      continue;
    }
    outcomes.push(validateRow(row, i + 1, mapping, today, existing));
  }

  const rowsByPlate = new Map<string, number[]>();
  for (const o of outcomes) {
    if (o.plate === null) continue;
    const list = rowsByPlate.get(o.plate);
    if (list === undefined) rowsByPlate.set(o.plate, [o.rowNumber]);
    else list.push(o.rowNumber);
  }

  const accepted: AcceptedRow[] = [];
  const rejected: RejectedRow[] = [];
  for (const o of outcomes) {
    const same = o.plate === null ? undefined : rowsByPlate.get(o.plate);
    if (same !== undefined && same.length > 1) {
      o.reasons.push(`号牌 ${o.plate} 在文件中重复（第 ${same.filter((n) => n !== o.rowNumber).join('、')} 行）`);
    }
    if (o.reasons.length === 0 && o.vehicle !== null) accepted.push({ rowNumber: o.rowNumber, vehicle: o.vehicle });
    else rejected.push({ rowNumber: o.rowNumber, plateText: o.plateText, reasons: o.reasons });
  }

  const notes: string[] = [];
  if (mapping.filingStatus === undefined) notes.push('未选择“备案状态”列：导入的车辆均记为“未备案”，导入后可逐辆修改。');
  else {
    const column = mapping.filingStatus;
    const blankFiling = accepted.filter((a) => isBlank(rows[a.rowNumber - 1]?.[column])).length;
    if (blankFiling > 0) notes.push(`${blankFiling} 行“备案状态”为空，记为“未备案”。`);
  }
  if (mapping.inServiceOn === undefined) notes.push('未选择“投入经营日期”列：与 2021 年 4 月 1 日前后有关的事项将显示为“待确认”，直至补充该日期。');
  if (mapping.isTimeShare === undefined) notes.push('未选择“分时租赁”列：导入的车辆均记为非分时租赁车辆。');
  return { accepted, rejected, blankRows, dataRows: Math.max(0, rows.length - headerRowIndex - 1), notes };
}

/** The sheet's headers as texts, for the mapping step. */
export function headerTexts(rows: readonly RosterRow[], headerRowIndex: number, columnCount: number): string[] {
  const row = rows[headerRowIndex] ?? [];
  return Array.from({ length: columnCount }, (_, i) => cellText(row[i]));
}
