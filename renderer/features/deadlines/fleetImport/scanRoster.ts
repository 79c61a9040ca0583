import type { RosterCell, RosterField, RosterMapping, RosterValidation } from '../../../../shared/fleet/rosterImport';
import { VEHICLE_TYPES, type VehicleType } from '../../../../shared/domain/vocabulary';
import { normalizePlate } from '../../../../shared/validation/recordFindings';
import type { ScanRecognition } from '../../../../shared/ocr/recognition';
import { confirmBlockers, confirmedValues, flagText, initialReview, sourceNoteOf, VEHICLE_TARGETS, type ReviewField, type SourceNote } from '../../recognition/recognitionReview';
import type { MappedRoster } from './fleetImportFlow';

/*
 * 识别行驶证 (issue 18) through the roster import: each recognised 行驶证 becomes one row of a
 * roster (header row 1, the scans from row 2), so the import's own check, review table and
 * single-transaction write take them exactly as they take an Excel row. What recognition adds:
 * which scan a row came from, its flagged fields, and that a value failing its check is held back
 * until the officer edits or accepts it.
 */

export interface VehicleScan {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly recognition: ScanRecognition;
  readonly fields: readonly ReviewField[];
}

export interface FailedScan {
  readonly name: string;
  readonly message: string;
}

export interface ScanBatch {
  readonly scans: readonly VehicleScan[];
  readonly failed: readonly FailedScan[];
}

const COLUMNS: readonly RosterField[] = ['plate', 'usageNature', 'registeredOn', 'model'];
const HEADERS: Readonly<Record<string, string>> = { plate: '号牌号码', usageNature: '使用性质', registeredOn: '注册日期', model: '品牌型号' };

export function vehicleScanOf(name: string, bytes: Uint8Array, recognition: ScanRecognition): VehicleScan {
  return { name, bytes, recognition, fields: initialReview(recognition.fields, VEHICLE_TARGETS) };
}

/** The roster row number of the scan at `index` (row 1 is the header). */
const rowNumberOfScan = (index: number): number => index + 2;
export const scanIndexOfRow = (rowNumber: number): number => rowNumber - 2;

/** The batch as a one-sheet roster with its mapping (the file name says how many scans). */
export function rosterFromScans(batch: ScanBatch): MappedRoster {
  const text = (value: string | undefined): RosterCell => (value === undefined || value === '' ? { kind: 'empty' } : { kind: 'text', text: value });
  const rows = [
    COLUMNS.map((c): RosterCell => ({ kind: 'text', text: HEADERS[c] ?? c })),
    ...batch.scans.map((scan) => {
      const values = confirmedValues(scan.fields);
      return COLUMNS.map((c) => text(values[c]));
    }),
  ];
  const mapping: RosterMapping = {};
  COLUMNS.forEach((c, i) => { mapping[c] = i; });
  return {
    fileName: `${batch.scans.length} 份行驶证扫描件`,
    workbook: { sheets: [{ name: '行驶证识别', rows, columnCount: COLUMNS.length }] },
    sheetIndex: 0,
    headerRowIndex: 0,
    mapping,
  };
}

/** The vehicle's 车辆类型 for the one printed on a 行驶证 (小型普通客车, 小型轿车 → 小型客车). */
export function vehicleTypeOf(text: string): VehicleType | null {
  const t = text.replace(/\s/g, '');
  if (t === '') return null;
  const exact = VEHICLE_TYPES.find((v) => v === t);
  if (exact !== undefined) return exact;
  if (t.includes('货车') || t.includes('专项作业车')) return '货车';
  const passenger = /客车|轿车|越野车|旅居车/.test(t);
  if (passenger && t.startsWith('微型')) return '微型客车';
  if (passenger && t.startsWith('小型')) return '小型客车';
  if (passenger && t.startsWith('中型')) return '中型客车';
  if (passenger && t.startsWith('大型')) return '大型客车';
  return '其他';
}

/**
 * The accepted rows with what a 行驶证 gives beyond the roster's columns: 车辆类型 and 核定载客
 * (a seat count that is not a whole number from 1 to 300 is left unrecorded).
 */
export function withScanFacts(validation: RosterValidation, batch: ScanBatch): RosterValidation {
  return {
    ...validation,
    accepted: validation.accepted.map((row) => {
      const scan = batch.scans[scanIndexOfRow(row.rowNumber)];
      if (scan === undefined) return row;
      const values = confirmedValues(scan.fields);
      const seats = values.seats === undefined ? NaN : Number(/\d+/.exec(values.seats)?.[0]);
      const vehicleType = values.vehicleType === undefined ? null : vehicleTypeOf(values.vehicleType);
      return {
        ...row,
        vehicle: {
          ...row.vehicle,
          ...(vehicleType !== null ? { vehicleType } : {}),
          ...(Number.isInteger(seats) && seats >= 1 && seats <= 300 ? { seats } : {}),
        },
      };
    }),
  };
}

/** Flags of a scan's fields that go into the vehicle (请核对, 未识别到, 校验未通过…). */
export function scanFlags(scan: VehicleScan): string[] {
  return scan.fields.filter((f) => f.target.kind === 'field' && f.status !== 'ok').map((f) => `${f.field}：${flagText(f) ?? ''}`);
}

/**
 * The roster check's result with the rows whose scan still has a failed-check value the officer
 * neither edited nor accepted moved to the rejected rows: such a value is never imported as is.
 */
export function holdUndecided(validation: RosterValidation, batch: ScanBatch): RosterValidation {
  const held = new Map<number, string[]>();
  batch.scans.forEach((scan, i) => {
    const blockers = confirmBlockers(scan.fields);
    if (blockers.length > 0) held.set(rowNumberOfScan(i), blockers.map((b) => b.replace('请修改或点“采用此值”', '请点“核对”修改或采用')));
  });
  if (held.size === 0) return validation;
  const moved = validation.accepted.filter((a) => held.has(a.rowNumber));
  const rejected = [...validation.rejected.map((r) => (held.has(r.rowNumber) ? { ...r, reasons: [...r.reasons, ...(held.get(r.rowNumber) ?? [])] } : r)),
    ...moved.map((a) => ({ rowNumber: a.rowNumber, plateText: a.vehicle.plate, reasons: held.get(a.rowNumber) ?? [] }))]
    .sort((a, b) => a.rowNumber - b.rowNumber);
  return { ...validation, accepted: validation.accepted.filter((a) => !held.has(a.rowNumber)), rejected };
}

/** What the review says instead of the roster's notes about missing columns: a 行驶证 has no such entries. */
export const SCAN_IMPORT_NOTES: readonly string[] = [
  '行驶证上没有“备案状态”“投入经营日期”“分时租赁”：导入的车辆记为未备案、非分时租赁；投入经营日期待补充前，与 2021 年 4 月 1 日前后有关的事项显示为“待确认”。',
];

/** The history note of each imported vehicle, by its normalised plate. */
export function notesByPlate(batch: ScanBatch): Map<string, SourceNote> {
  const out = new Map<string, SourceNote>();
  for (const scan of batch.scans) {
    const plate = confirmedValues(scan.fields).plate;
    if (plate !== undefined) out.set(normalizePlate(plate), sourceNoteOf(scan.recognition.kind, scan.name, scan.fields));
  }
  return out;
}
