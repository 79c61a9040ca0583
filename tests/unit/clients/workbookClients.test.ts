import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnergyWorkbook } from '../../../shared/energy/energyWorkbook';
import { buildTrackerWorkbook } from '../../../shared/export/trackerWorkbook';
import { checklistWorkbook } from '../../../renderer/features/filings/checklistExport';
import type { ChecklistTable } from '../../../renderer/features/filings/checklistTable';
import { energyInput, localToday, trackerInput } from './exportFixtures';
import { compareFormulas, hasSoffice, OfficeSandbox, pdfFacts, SKIP_NO_SOFFICE, squash, type PdfFacts } from './officeClients';

/*
 * Each workbook the app writes, opened in LibreOffice Calc (headless): printed to PDF (A4 on every
 * page, text never below 8 pt, every cell's text on paper, nothing cut) and recalculated (every
 * formula's LibreOffice value equals the value the file carries). All files go through one soffice
 * start per conversion to keep the test fast.
 */

const A4_PORTRAIT = '595x842';
const A4_LANDSCAPE = '842x595';

/** A checklist with the long texts that used to be hidden in one-line rows. */
const CHECKLIST: ChecklistTable = {
  title: '零售药店医保定点申请 材料清单',
  subtitle: ['企业：北京市朝阳区示例大药房连锁有限公司第一百二十三分店', '申报日：2026-11-26    完成：3/6（50%）'],
  header: ['序号', '材料', '状态', '所附文件', '核验'],
  rows: [
    ['1', '定点医药机构申请表', '已附', '定点医药机构申请表（本应用生成）', '—'],
    ['2', '药品经营许可证、营业执照和法定代表人、主要负责人或实际控制人身份证复印件', '已过期', '药品经营许可证（正本）\n营业执照（副本）\n法定代表人身份证（正反面）', '× 药品经营许可证有效期至 2026-06-30，申报日已过期\n√ 营业执照在有效期内\n？ 身份证未填写有效期，请人工核对'],
    ['3', '执业药师资格证书或药学技术人员相关证书及其劳动合同复印件', '未通过核验', '张三执业药师注册证\n张三劳动合同（2024-01-01 至 2024-12-31）', '× 张三的劳动合同应为申报前连续 3 个月以上且在有效期内：合同已于 2024-12-31 到期'],
    ['4', '医保专（兼）职管理人员的劳动合同复印件', '缺少', '—', '—'],
    ['5', '与医保有关的医药服务、财务、信息统计等内部管理制度和医保管理制度文本', '待签字盖章', '内部管理制度汇编（2026 年修订）', '？ 须加盖公章后提交'],
    ['6', '医保信息系统情况', '不适用', '—', '企业不使用医保信息系统：该材料不适用'],
  ],
};

interface Export {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Expected orientation of each printed sheet, in order. */
  readonly orientations: readonly string[];
}

describe.skipIf(!hasSoffice)('workbooks opened in LibreOffice', () => {
  const sandbox = hasSoffice ? new OfficeSandbox() : null;
  const exports: Export[] = [];
  const pdf = new Map<string, PdfFacts>();
  const recalculated = new Map<string, Uint8Array>();

  beforeAll(async () => {
    if (!sandbox) return;
    const energy = await buildEnergyWorkbook(energyInput());
    if (!energy.ok) throw new Error(energy.error.message);
    exports.push(
      { name: 'tracker', bytes: await buildTrackerWorkbook(trackerInput(localToday())), orientations: ['portrait', 'landscape'] },
      { name: 'energy', bytes: energy.value, orientations: ['landscape', 'portrait'] },
      { name: 'checklist', bytes: await checklistWorkbook(CHECKLIST), orientations: ['landscape'] },
    );
    const files = exports.map((e) => sandbox.write(`${e.name}.xlsx`, e.bytes));
    sandbox.convert(files, 'pdf', 'pdf').forEach((out, i) => pdf.set(exports[i]?.name ?? '', pdfFacts(out)));
    sandbox.convert(files, 'xlsx:Calc MS Excel 2007 XML', 'recalc').forEach((out, i) => recalculated.set(exports[i]?.name ?? '', new Uint8Array(readFileSync(out))));
  }, 240_000);

  afterAll(() => sandbox?.dispose());

  it.each(['tracker', 'energy'])('%s: every formula recalculated by LibreOffice equals the value the file carries', async (name) => {
    const ours = exports.find((e) => e.name === name);
    const theirs = recalculated.get(name);
    if (!ours || !theirs) throw new Error(`${name} was not converted`);
    const { total, mismatches } = await compareFormulas(ours.bytes, theirs);
    console.info(`${name}: ${total - mismatches.length}/${total} formulas equal after LibreOffice recalculation`);
    // A floor so the comparison cannot pass on an empty sheet; the tracker fixture's rows give 20 formulas.
    expect(total).toBeGreaterThanOrEqual(name === 'tracker' ? 20 : 300);
    expect(mismatches).toEqual([]);
  });

  it.each(['tracker', 'energy', 'checklist'])('%s: prints on A4 at 8 pt or more with the footer 第 N 页 共 M 页', (name) => {
    const facts = pdf.get(name);
    if (!facts) throw new Error(`${name} was not printed`);
    console.info(`${name}: ${facts.pages} pages, ${[...new Set(facts.pageSizes)].join(' and ')} pt, smallest word ${facts.smallestWordHeight.toFixed(2)} pt high`);
    expect(facts.pageSizes).toHaveLength(facts.pages);
    for (const size of facts.pageSizes) expect([A4_PORTRAIT, A4_LANDSCAPE]).toContain(size);
    // A word box of 8 pt text is about 8.4 pt high; 8 leaves room for rounding and nothing smaller.
    expect(facts.smallestWordHeight).toBeGreaterThanOrEqual(8);
    expect(squash(facts.text)).toContain(squash(`第 1 页 共 ${facts.pages} 页`));
    expect(squash(facts.text)).toContain(squash(`第 ${facts.pages} 页 共 ${facts.pages} 页`));
  });

  it('prints the tracker summary portrait, the company sheets landscape, the energy sheets in their orientations', () => {
    const tracker = pdf.get('tracker');
    const energy = pdf.get('energy');
    expect(tracker?.pageSizes[0]).toBe(A4_PORTRAIT);
    expect(tracker?.pageSizes.slice(1).every((s) => s === A4_LANDSCAPE)).toBe(true);
    // The training sheet (last) is portrait; the summary and site sheets landscape.
    expect(energy?.pageSizes.at(-1)).toBe(A4_PORTRAIT);
    expect(energy?.pageSizes.slice(0, -1).every((s) => s === A4_LANDSCAPE)).toBe(true);
    // Before: 22 Letter pages. One summary page, three site sheets (detail + a page for the monthly table), training.
    expect(energy?.pages).toBeLessThanOrEqual(12);
  });

  it.each(['tracker', 'energy', 'checklist'])('%s: every text cell in the print area is on paper, whole', async (name) => {
    const ours = exports.find((e) => e.name === name);
    const facts = pdf.get(name);
    if (!ours || !facts) throw new Error(`${name} was not printed`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(ours.bytes as unknown as ExcelJS.Buffer);
    const printed = squash(facts.text);
    const missing: string[] = [];
    let checked = 0;
    for (const sheet of workbook.worksheets) {
      const area = sheet.pageSetup.printArea;
      expect(area, `${sheet.name} has a print area`).toMatch(/^[A-Z]+\$?\d+:[A-Z]+\$?\d+$/);
      const [, lastColumn = 'A', lastRow = '1'] = /:([A-Z]+)\$?(\d+)$/.exec(area ?? '') ?? [];
      const maxColumn = sheet.getColumn(lastColumn).number;
      sheet.eachRow((row, r) => {
        if (r > Number(lastRow)) return;
        row.eachCell((cell, c) => {
          if (c > maxColumn || (cell.isMerged && cell.master !== cell)) return;
          const value = cell.value;
          const text = typeof value === 'string' ? value
            : value !== null && typeof value === 'object' && 'formula' in value && typeof value.result === 'string' ? value.result : null;
          if (text === null || squash(text) === '') return;
          checked++;
          if (!printed.includes(squash(text))) missing.push(`${sheet.name}!${cell.address}: ${text.slice(0, 40)}`);
        });
      });
    }
    console.info(`${name}: ${checked - missing.length}/${checked} text cells found whole in the printed PDF`);
    expect(checked).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('gives the checklist rows the height of their wrapped text and repeats the header row', async () => {
    const ours = exports.find((e) => e.name === 'checklist');
    if (!ours) throw new Error('checklist missing');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(ours.bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('材料清单');
    expect(sheet?.pageSetup.printTitlesRow).toBe('5:5');
    // Row 7: three attached documents and three checks, each on its own line.
    expect(sheet?.getRow(7).height).toBeGreaterThanOrEqual(3 * 14);
  });
});

describe.runIf(!hasSoffice)('workbooks opened in LibreOffice (skipped)', () => {
  it.skip(SKIP_NO_SOFFICE, () => undefined);
  it('is never skipped in CI', () => {
    expect(process.env.CI ? 'soffice missing in CI' : 'local run without soffice').toBe('local run without soffice');
  });
});
