import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { COMPANY_SCOPE, siteScope, yearTotal } from '../../../shared/energy/comparisons';
import { buildEnergyWorkbook, INTERNAL_LEDGER_NOTE, safeSheetName, type EnergyWorkbookInput } from '../../../shared/energy/energyWorkbook';
import { defaultEnergySettings } from '../../../shared/energy/ledger';
import { annualPue } from '../../../shared/energy/pue';
import { parseWorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { WorkbookEvaluator } from './formulaEvaluator';

function fixtureRecord(): CompanyRecord {
  const parsed = parseWorkspaceFile(readFileSync(new URL('../../fixtures/energy/energy-workspace.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const record = parsed.value.companies[0];
  if (!record) throw new Error('fixture has no company');
  return record;
}

function input(record: CompanyRecord, year = 2021): EnergyWorkbookInput {
  return {
    company: record.company, stores: record.stores, people: record.people, readings: record.energyReadings ?? [],
    trainings: record.energyTrainings ?? [], settings: record.energySettings ?? defaultEnergySettings(), year, generatedAt: '2021-12-20 16:00',
  };
}

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

function formulaText(cell: ExcelJS.Cell): string | null {
  const v = cell.value;
  return v !== null && typeof v === 'object' && 'formula' in v && typeof v.formula === 'string' ? v.formula : null;
}

function findRow(sheet: ExcelJS.Worksheet, firstCell: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === firstCell) return r;
  throw new Error(`no row starting with ${firstCell} in ${sheet.name}`);
}

describe('the year ledger workbook', () => {
  const record = fixtureRecord();
  const readings = record.energyReadings ?? [];
  let workbook: ExcelJS.Workbook;
  let evaluator: WorkbookEvaluator;

  beforeAll(async () => {
    const built = await buildEnergyWorkbook(input(record));
    if (!built.ok) throw new Error(built.error.message);
    workbook = await readBack(built.value);
    evaluator = new WorkbookEvaluator(workbook);
  });

  it('has a summary sheet, a sheet per site, the company-wide sheet and the training sheet', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '亦庄数据中心', '研发办公楼', '企业整体（未分场所）', '能源管理与培训']);
  });

  it('says on every sheet that it is an internal ledger, not the platform form', () => {
    for (const sheet of workbook.worksheets) expect(sheet.getCell('A2').value, sheet.name).toBe(INTERNAL_LEDGER_NOTE);
    expect(INTERNAL_LEDGER_NOTE).toBe('本表为企业内部台账，非北京市节能监测服务平台规定格式');
  });

  it('writes one row per reading with amount, unit, coefficient and tce as a formula', () => {
    const sheet = workbook.getWorksheet('亦庄数据中心');
    if (!sheet) throw new Error('no sheet');
    const siteReadings = readings.filter((r) => r.siteId === 's-dc' && r.month.startsWith('2021-'));
    expect(sheet.getRow(5).values).toEqual([undefined, '月份', '能源品种', '用量', '单位', '单位换算', '折算量', '折算单位', '折标系数', '系数单位', '折标准煤（tce）', '计入综合能耗', '系数依据', '凭证编号', '备注']);
    for (let n = 6; n < 6 + siteReadings.length; n++) {
      expect(formulaText(sheet.getCell(`J${n}`))).toBe(`C${n}*E${n}*H${n}/1000`);
      expect(formulaText(sheet.getCell(`F${n}`))).toBe(`C${n}*E${n}`);
    }
    expect(sheet.getRow(6).values).toEqual(expect.arrayContaining(['2021-01', '电力', 505.4, '万kWh', 10_000, 0.1229, 'kgce/kWh', '是', 'doc-bill-2021-1']));
    expect(sheet.getRow(7).values).toEqual(expect.arrayContaining(['电力（其中：IT 设备）', 3_780_100, 'kWh', '否（IT 设备分项）']));
    const diesel = sheet.getRow(8).values as unknown[];
    expect(diesel).toEqual(expect.arrayContaining(['柴油', 1150, 'L', 0.84, 1.4571, 'kgce/kg', 'GB/T 2589-2020 附录 A 表 A.1 柴油']));
    const juneDiesel = sheet.getRows(6, siteReadings.length)?.find((row) => row.getCell(1).value === '2021-06' && row.getCell(2).value === '柴油');
    expect(juneDiesel?.getCell(14).value).toBe('示例：年度满负荷带载测试；已确认：与相邻月份相差 10 倍以上');
  });

  it('every formula evaluates to the cached result written beside it', () => {
    let checked = 0;
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => {
        const v = cell.value;
        if (v === null || typeof v !== 'object' || !('formula' in v)) return;
        const computed = evaluator.value(sheet.name, cell.address);
        checked++;
        // exceljs reads a cached 0 or "" back as undefined.
        const cached = 'result' in v && v.result !== undefined ? v.result : typeof computed === 'number' ? 0 : '';
        if (typeof computed === 'number') expect(computed, `${sheet.name}!${cell.address}`).toBeCloseTo(cached as number, 6);
        else expect(computed, `${sheet.name}!${cell.address}`).toBe(cached);
      }));
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('totals and PUE agree with the domain functions', () => {
    const summary = workbook.getWorksheet('汇总');
    if (!summary) throw new Error('no summary');
    const totalRow = findRow(summary, '合计');
    expect(evaluator.value('汇总', `O${totalRow}`) as number).toBeCloseTo(yearTotal(readings, 2021, COMPANY_SCOPE), 4);
    const dcRow = totalRow - 3;
    expect(summary.getCell(dcRow, 1).text).toBe('亦庄数据中心');
    expect(evaluator.value('汇总', `O${dcRow}`) as number).toBeCloseTo(yearTotal(readings, 2021, siteScope('s-dc')), 4);
    const pue = annualPue(readings, 's-dc', 2021).pue;
    expect(pue).not.toBeNull();
    expect(evaluator.value('汇总', `R${dcRow}`) as number).toBeCloseTo(pue ?? 0, 12);
    expect(evaluator.value('汇总', `P${dcRow}`)).toBe(12_000);
    expect(evaluator.value('汇总', `Q${dcRow}`) as number).toBeCloseTo((yearTotal(readings, 2021, siteScope('s-dc')) * 1000) / 12_000, 3);
    expect(evaluator.value('汇总', `N${totalRow}`)).toBe(0);
  });

  it('the data-centre sheet computes monthly PUE and the annual PUE from sums', () => {
    const sheet = workbook.getWorksheet('亦庄数据中心');
    if (!sheet) throw new Error('no sheet');
    const header = findRow(sheet, '月份') === 5 ? findRow(sheet, '月度汇总') + 1 : 0;
    expect(sheet.getRow(header).values).toEqual([undefined, '月份', '电力（tce）', '柴油（tce）', '综合能耗（tce）', '录入状态', '总用电（kWh）', '其中：IT 设备用电（kWh）', 'PUE', '计入年度 PUE 的总用电（kWh）', '计入年度 PUE 的 IT 用电（kWh）']);
    const jan = header + 1;
    expect(formulaText(sheet.getCell(`H${jan}`))).toBe(`IF(AND(F${jan}>0,G${jan}>0),F${jan}/G${jan},"")`);
    expect(evaluator.value(sheet.name, `H${jan}`) as number).toBeCloseTo(5_054_000 / 3_780_100, 12);
    const dec = jan + 11;
    expect(sheet.getCell(`E${dec}`).value).toBe('未录入');
    expect(evaluator.value(sheet.name, `H${dec}`)).toBe('');
    const annual = dec + 1;
    expect(formulaText(sheet.getCell(`H${annual}`))).toBe(`IF(SUM(J${jan}:J${dec})>0,SUM(I${jan}:I${dec})/SUM(J${jan}:J${dec}),"")`);
  });

  it('summary: target, intensity, missing months and the coefficients used', () => {
    const summary = workbook.getWorksheet('汇总');
    if (!summary) throw new Error('no summary');
    const total = yearTotal(readings, 2021, COMPANY_SCOPE);
    const value = (label: string) => evaluator.value('汇总', `C${findRow(summary, label)}`);
    expect(value('年度能耗目标（tce）')).toBe(9000);
    expect(value('目标完成比例') as number).toBeCloseTo(total / 9000, 6);
    expect(value('万元营业收入综合能耗（tce/万元）') as number).toBeCloseTo(total / 52_000, 8);
    expect(value('单位建筑面积综合能耗（kgce/m²）') as number).toBeCloseTo((total * 1000) / 20_000, 3);
    expect(value('未录入月份')).toBe('2021-12');
    const coefficientRows: unknown[][] = [];
    for (let r = findRow(summary, '能源品种') + 1; r <= summary.rowCount; r++) coefficientRows.push((summary.getRow(r).values as unknown[]).slice(1, 6));
    expect(coefficientRows).toEqual([
      ['电力', 0.1229, 'kgce/kWh', '当量值', 'GB/T 2589-2020'],
      ['天然气', 1.1772, 'kgce/m³', '—', '企业实测'],
      ['热力', 0.03412, 'kgce/MJ', '当量值', 'GB/T 2589-2020'],
      ['汽油', 1.4714, 'kgce/kg', '—', 'GB/T 2589-2020'],
      ['柴油', 1.4571, 'kgce/kg', '—', 'GB/T 2589-2020'],
    ]);
  });

  it('recomputes when an entered amount is corrected in Excel', () => {
    const sheet = workbook.getWorksheet('研发办公楼');
    const summary = workbook.getWorksheet('汇总');
    if (!sheet || !summary) throw new Error('no sheet');
    const totalRow = findRow(summary, '合计');
    const before = evaluator.value('汇总', `O${totalRow}`) as number;
    expect(sheet.getCell('B6').value).toBe('电力');
    sheet.getCell('C6').value = (sheet.getCell('C6').value as number) + 10_000;
    const after = new WorkbookEvaluator(workbook).value('汇总', `O${totalRow}`) as number;
    expect(after - before).toBeCloseTo(1.229, 9);
  });

  it('lists the energy manager and the year’s training records', () => {
    const sheet = workbook.getWorksheet('能源管理与培训');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('A5').value).toBe('能源管理负责人：王能源（010-00000000）');
    expect((sheet.getRow(8).values as unknown[]).slice(1, 7)).toEqual(['王能源', '2021-09-15', '示例：重点用能单位能源管理负责人节能培训', 16, '示例培训机构', 'doc-cert-1']);
  });
});

describe('buildEnergyWorkbook refusals and names', () => {
  const record = fixtureRecord();

  it('refuses a year without readings', async () => {
    const result = await buildEnergyWorkbook(input(record, 2019));
    expect(result.ok ? '' : result.error.message).toBe('北京示例云数据科技有限公司 2019 年没有能源台账记录，无法导出');
  });

  it('refuses readings of a site that is not there', async () => {
    const result = await buildEnergyWorkbook({ ...input(record), stores: record.stores.filter((s) => s.id !== 's-office') });
    expect(result.ok ? '' : result.error.message).toContain('不存在的场所（编号 s-office）');
  });

  it('makes valid, unique sheet names', () => {
    const taken = new Set(['汇总']);
    expect(safeSheetName('机房[A]:1/2*?', taken)).toBe('机房_A__1_2__');
    expect(safeSheetName('汇总', taken)).toBe('汇总（2）');
    const long = '北京经济技术开发区示例科技园区第一期数据中心二号楼三层东侧模块机房';
    expect(long.length).toBeGreaterThan(31);
    expect(safeSheetName(long, taken)).toHaveLength(31);
    expect(safeSheetName(long, new Set([long.slice(0, 31)]))).toMatch(/（2）$/);
  });
});
