import ExcelJS from 'exceljs';
import { asIsoDate } from '../../../shared/domain/isoDate';
import {
  detectHeaderRow, headerTexts, suggestMapping, validateRoster, type RosterValidation,
} from '../../../shared/fleet/rosterImport';
import { readRosterWorkbook } from '../../../shared/fleet/rosterWorkbook';
import { generateVehicle } from '../companyGenerator';
import type { Measurement } from '../harness';
import { SeededRandom } from '../seededRandom';

const VIN_CHARACTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

/**
 * A roster as rental companies keep them: a title row above the header, Excel dates in most rows
 * but typed text dates in some, VINs, and about 2% of rows with the mistakes the report must name
 * (a malformed plate, a missing registration date, a repeated plate, an unknown 使用性质).
 */
export async function buildRosterXlsx(rows: number): Promise<Uint8Array> {
  const rng = new SeededRandom(4242);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('车辆花名册');
  sheet.addRow(['北京某某汽车租赁有限公司 车辆花名册（截至 2026 年 11 月）']);
  sheet.addRow(['序号', '号牌号码', '车辆使用性质', '品牌型号', '车辆识别代号', '注册日期', '投入经营日期', '备案状态', '是否分时租赁', '备注']);
  const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
  let previousPlate = '';
  for (let i = 0; i < rows; i++) {
    const v = generateVehicle(rng, 'roster', i);
    const vin = Array.from({ length: 17 }, () => rng.pick([...VIN_CHARACTERS])).join('');
    let plate: string = v.plate;
    let usage: string = v.usageNature;
    let registered: Date | string | null = rng.chance(0.85) ? toDate(v.registeredOn ?? '2020-01-01') : (v.registeredOn ?? '').replaceAll('-', '/');
    const mistake = rng.chance(0.02) ? rng.int(0, 3) : -1;
    if (mistake === 0) plate = plate.slice(0, 4);
    if (mistake === 1) registered = null;
    if (mistake === 2 && previousPlate !== '') plate = previousPlate;
    if (mistake === 3) usage = '出租';
    previousPlate = v.plate;
    sheet.addRow([
      i + 1, plate, usage, v.model, vin, registered, v.inServiceOn === null ? null : toDate(v.inServiceOn),
      v.filingStatus, v.isTimeShare ? '是' : '否', rng.chance(0.1) ? '年检已过' : null,
    ]);
  }
  sheet.getColumn(6).numFmt = 'yyyy-mm-dd';
  sheet.getColumn(7).numFmt = 'yyyy-mm-dd';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * What happens between the user picking the file and seeing the row-by-row report: read the
 * workbook (progress every 2,000 rows with a turn of the event loop, as the worker does), find the
 * header row and the columns, validate every row.
 */
export async function importRoster(bytes: Uint8Array): Promise<RosterValidation> {
  const read = await readRosterWorkbook(bytes, () => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  if (!read.ok) throw new Error(read.error.message);
  const sheet = read.value.sheets[0];
  if (sheet === undefined) throw new Error('no sheet');
  const headerRowIndex = detectHeaderRow(sheet.rows);
  if (headerRowIndex === null) throw new Error('no header');
  const mapping = suggestMapping(headerTexts(sheet.rows, headerRowIndex, sheet.columnCount));
  return validateRoster({ rows: sheet.rows, headerRowIndex, mapping, existingPlates: ['京A00001', '京B00002'], today: asIsoDate('2026-11-26') });
}

/** Vehicle roster import from .xlsx: 10,000 rows (quick: 1,000). */
export function rosterMeasurements(quick: boolean): Measurement[] {
  const rows = quick ? 1000 : 10_000;
  let bytes: Uint8Array | null = null;
  let last: RosterValidation | null = null;
  return [
    {
      name: '导入车辆花名册（读取、对应列、逐行校验）',
      get size() { return `${rows} 行 .xlsx${bytes ? `（${(bytes.byteLength / 1024).toFixed(0)} KB）` : ''}`; },
      targetMs: 5000,
      setup: async () => { bytes = await buildRosterXlsx(rows); },
      run: async () => {
        if (!bytes) throw new Error('no roster');
        last = await importRoster(bytes);
        if (last.accepted.length + last.rejected.length !== rows) throw new Error(`report covers ${last.accepted.length + last.rejected.length} of ${rows} rows`);
      },
      extras: () => ({ accepted: last?.accepted.length ?? 0, rejected: last?.rejected.length ?? 0 }),
      teardown: () => { bytes = null; last = null; },
    },
  ];
}
