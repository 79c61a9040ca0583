import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { defaultEnergySettings } from '../../../shared/energy/ledger';
import {
  importMeterRows, parseMonthCell, readXlsxRows, suggestMapping, type CellValue, type MeterImportMapping, type MeterImportOptions,
} from '../../../shared/energy/meterImport';
import { COMPANY, newId, reading, store } from './helpers';

const stores = [store('dc', '数据中心', '亦庄数据中心'), store('office', '公共建筑', '办公楼')];
const options = (extra: Partial<MeterImportOptions> = {}): MeterImportOptions => ({
  companyId: COMPANY, stores, existing: [], settings: defaultEnergySettings(), newId, sourceDocumentId: 'doc-export', ...extra,
});

const MONTHLY_KWH = [5_054_000, 4_581_000, 5_097_000, 4_973_000, 5_209_000, 5_482_000, 5_776_000, 5_824_000, 5_450_000, 5_218_000, 5_032_000, 5_120_000];

/** A meter export as a utility portal gives it: a title, a header on row 3, dates, readings, a 合计 row. */
async function meterExport(mutate: (rows: CellValue[][]) => void = () => undefined): Promise<Uint8Array> {
  const rows: CellValue[][] = [];
  let meter = 1_000_000;
  MONTHLY_KWH.forEach((kwh, i) => {
    const start = meter;
    meter += kwh / 100;
    rows.push([new Date(Date.UTC(2021, i, 1)), '亦庄数据中心', start, meter, 100, kwh, '千瓦时', i === 5 ? '六月抄表' : null]);
  });
  rows.push(['合计', null, null, null, null, MONTHLY_KWH.reduce((a, b) => a + b, 0), null, null]);
  mutate(rows);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('抄表记录');
  sheet.addRow(['亦庄数据中心 电能表月度抄表记录']);
  sheet.addRow([]);
  sheet.addRow(['抄表月份', '表计位置', '起码', '止码', '倍率', '用电量', '单位', '备注']);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const consumptionMapping: MeterImportMapping = {
  headerRow: 3,
  month: { column: 0 },
  amount: { kind: 'consumption', column: 5 },
  unit: { kind: 'column', column: 6 },
  energyType: { kind: 'fixed', value: '电力' },
  site: { kind: 'column', column: 1 },
  note: { column: 7 },
};

async function rowsOf(bytes: Uint8Array): Promise<readonly (readonly CellValue[])[]> {
  const sheets = await readXlsxRows(bytes);
  if (!sheets.ok) throw new Error(sheets.error.message);
  return sheets.value[0]?.rows ?? [];
}

describe('reading an .xlsx export', () => {
  it('reads the sheet and proposes the header row and columns', async () => {
    const rows = await rowsOf(await meterExport());
    expect(rows[2]).toEqual(['抄表月份', '表计位置', '起码', '止码', '倍率', '用电量', '单位', '备注']);
    expect(rows[3]?.[0]).toEqual(new Date(Date.UTC(2021, 0, 1)));
    expect(suggestMapping(rows)).toEqual({
      headerRow: 3,
      columns: { month: 0, site: 1, start: 2, end: 3, multiplier: 4, amount: 5, unit: 6, note: 7 },
    });
  });

  it('refuses bytes that are not an .xlsx, in Chinese', async () => {
    const result = await readXlsxRows(new TextEncoder().encode('月份,用量\n2021-01,5'));
    expect(result.ok ? '' : result.error.message).toContain('不是 .xlsx 格式的 Excel 文件');
  });
});

describe('importMeterRows', () => {
  it('imports every month with its evidence and skips the 合计 row', async () => {
    const result = await importMeterRows(await rowsOf(await meterExport()), consumptionMapping, options());
    expect(result.isAccepted).toBe(true);
    expect(result.errorCount).toBe(0);
    expect(result.readings).toHaveLength(12);
    expect(result.readings[0]).toMatchObject({
      siteId: 'dc', month: '2021-01', energyType: '电力', amount: 5_054_000, unit: 'kWh', entryMethod: '表格导入', documentId: 'doc-export', tce: 621.1366,
    });
    expect(result.readings[5]?.note).toBe('六月抄表');
    expect(result.rows.at(-1)).toMatchObject({ rowNumber: 16, status: 'skipped', messages: ['合计行，已跳过'] });
    expect(result.summary).toBe('可导入 12 条台账记录（1 行空行或合计行已跳过）');
  });

  it('computes (止码 − 起码) × 倍率 when mapped to meter readings', async () => {
    const mapping: MeterImportMapping = { ...consumptionMapping, amount: { kind: 'meterDifference', startColumn: 2, endColumn: 3, multiplier: { kind: 'column', column: 4 } } };
    const result = await importMeterRows(await rowsOf(await meterExport()), mapping, options());
    expect(result.isAccepted).toBe(true);
    expect(result.readings.map((r) => r.amount)).toEqual(MONTHLY_KWH);
  });

  it('reports bad rows by number and field and imports nothing', async () => {
    const bytes = await meterExport((rows) => {
      (rows[1] as CellValue[])[5] = -4_581_000;
      (rows[2] as CellValue[])[5] = '约五百万';
      (rows[3] as CellValue[])[0] = '2021年13月';
      (rows[4] as CellValue[])[6] = '桶';
      (rows[6] as CellValue[])[1] = '通州机房';
    });
    const result = await importMeterRows(await rowsOf(bytes), consumptionMapping, options());
    expect(result.isAccepted).toBe(false);
    expect(result.readings).toEqual([]);
    expect(result.errorCount).toBe(5);
    const byRow = new Map(result.rows.map((r) => [r.rowNumber, r]));
    expect(byRow.get(4)?.status).toBe('ok');
    expect(byRow.get(5)?.messages).toEqual(['第 5 行 用量：不能为负数（-4581000）']);
    expect(byRow.get(6)?.messages[0]).toBe('第 6 行 用量：“约五百万”不是数字，请只填写数值，单位另选');
    expect(byRow.get(7)?.messages[0]).toContain('第 7 行 月份：“2021年13月”不是有效月份');
    expect(byRow.get(8)?.messages[0]).toContain('第 8 行 单位：“桶”无法识别');
    expect(byRow.get(10)?.messages[0]).toBe('第 10 行 场所：“通州机房”不是本企业登记的场所（可选：亦庄数据中心、办公楼、企业整体）');
    expect(result.summary).toContain('其中 5 行有错误，未导入任何数据');
  });

  it('refuses a month already in the ledger, and a month twice in the file', async () => {
    const existing = [reading('dc', '2021-03', '电力', 5_097_000, 'kWh')];
    const stored = await importMeterRows(await rowsOf(await meterExport()), consumptionMapping, options({ existing }));
    expect(stored.isAccepted).toBe(false);
    expect(stored.rows.find((r) => r.rowNumber === 6)?.messages[0]).toContain('第 6 行 月份：“亦庄数据中心” 2021-03 的电力已有记录');

    const twice = await meterExport((rows) => { (rows[3] as CellValue[])[0] = new Date(Date.UTC(2021, 1, 15)); });
    const result = await importMeterRows(await rowsOf(twice), consumptionMapping, options());
    expect(result.isAccepted).toBe(false);
    expect(result.rows.find((r) => r.rowNumber === 7)?.messages[0]).toBe('第 7 行：与第 5 行重复（同一场所、月份、能源品种）；如为逐日数据，请选择“按月合计”');
  });

  it('holds a month ten times off for confirmation, then imports it marked as confirmed', async () => {
    const bytes = await meterExport((rows) => { (rows[6] as CellValue[])[5] = 57_760_000; });
    const rows = await rowsOf(bytes);
    const first = await importMeterRows(rows, consumptionMapping, options());
    expect(first.isAccepted).toBe(false);
    expect(first.readings).toEqual([]);
    // The spike is July (row 10); June and August around it are not blamed.
    expect(first.rows.filter((r) => r.status === 'outlier').map((r) => r.rowNumber)).toEqual([10]);
    expect(first.outliers.map((o) => [o.month, o.neighbourMonth, o.direction])).toEqual([['2021-07', '2021-06', 'higher']]);
    expect(first.summary).toContain('相差 10 倍以上');

    const confirmed = await importMeterRows(rows, consumptionMapping, options({ confirmOutliers: true }));
    expect(confirmed.isAccepted).toBe(true);
    expect(confirmed.readings.filter((r) => r.confirmedOutlier).map((r) => r.month)).toEqual(['2021-07']);
  });

  it('blames a spike in the first month, not the month after it', async () => {
    const bytes = await meterExport((rows) => { (rows[0] as CellValue[])[5] = 50_540_000; });
    const result = await importMeterRows(await rowsOf(bytes), consumptionMapping, options());
    expect(result.rows.filter((r) => r.status === 'outlier').map((r) => r.rowNumber)).toEqual([4]);
  });

  it('sums daily rows into months when asked, and refuses them otherwise', async () => {
    const rows: CellValue[][] = [['日期', '用气量', '单位']];
    for (let day = 1; day <= 31; day++) rows.push([`2021-01-${String(day).padStart(2, '0')}`, 100, 'm3']);
    for (let day = 1; day <= 28; day++) rows.push([`2021/2/${day}`, 110, '立方米']);
    const mapping: MeterImportMapping = {
      headerRow: 1, month: { column: 0 }, amount: { kind: 'consumption', column: 1 }, unit: { kind: 'column', column: 2 },
      energyType: { kind: 'fixed', value: '天然气' }, site: { kind: 'fixed', value: 'office' },
    };
    const settings = { ...defaultEnergySettings(), coefficients: [{ energyType: '天然气', perUnit: 'm³' as const, value: 1.2, basis: null, source: '企业实测' as const, reference: '热值单' }] };
    const summed = await importMeterRows(rows, mapping, options({ settings, aggregateByMonth: true }));
    expect(summed.isAccepted).toBe(true);
    expect(summed.readings.map((r) => [r.month, r.amount, r.unit, r.tce])).toEqual([['2021-01', 3100, 'm³', 3.72], ['2021-02', 3080, 'm³', 3.696]]);
    expect(summed.rows[0]?.messages[0]).toContain('已与第 3、4');

    const refused = await importMeterRows(rows, mapping, options({ settings }));
    expect(refused.isAccepted).toBe(false);
    expect(refused.errorCount).toBe(57);
  });

  it('refuses natural gas without a company coefficient on every row', async () => {
    const rows: CellValue[][] = [['月份', '用量', '单位'], ['2021-01', 100, 'm³'], ['2021-02', 110, 'm³']];
    const mapping: MeterImportMapping = {
      headerRow: 1, month: { column: 0 }, amount: { kind: 'consumption', column: 1 }, unit: { kind: 'column', column: 2 },
      energyType: { kind: 'fixed', value: '天然气' }, site: { kind: 'fixed', value: null },
    };
    const result = await importMeterRows(rows, mapping, options());
    expect(result.errorCount).toBe(2);
    expect(result.rows[0]?.messages[0]).toContain('第 2 行 能源品种：“天然气”没有默认折标系数');
  });

  it('reports progress on long files', async () => {
    const rows: CellValue[][] = [['月份', '用量']];
    for (let i = 0; i < 1200; i++) rows.push([`${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, 1000 + (i % 7)]);
    const calls: number[] = [];
    const mapping: MeterImportMapping = {
      headerRow: 1, month: { column: 0 }, amount: { kind: 'consumption', column: 1 }, unit: { kind: 'fixed', value: 'kWh' },
      energyType: { kind: 'fixed', value: '电力' }, site: { kind: 'fixed', value: 'office' },
    };
    const result = await importMeterRows(rows, mapping, options({ onProgress: (done) => { calls.push(done); } }));
    expect(result.isAccepted).toBe(true);
    expect(result.readings).toHaveLength(1200);
    expect(calls.length).toBeGreaterThanOrEqual(4);
  });
});

describe('parseMonthCell', () => {
  it.each<[CellValue, string | null]>([
    [new Date(Date.UTC(2021, 9, 1)), '2021-10'], ['2021-10', '2021-10'], ['2021/10', '2021-10'], ['2021.1', '2021-01'], ['2021年10月', '2021-10'],
    ['2021年1月', '2021-01'], ['2021-10-31', '2021-10'], ['2021/10/31 08:00', '2021-10'], ['202110', '2021-10'], [202110, '2021-10'],
    [44470, '2021-10'], ['2021-13', null], ['十月', null], ['', null], [null, null], [true, null], [202113, null],
  ])('%j → %s', (cell, month) => {
    expect(parseMonthCell(cell)).toBe(month);
  });
});
