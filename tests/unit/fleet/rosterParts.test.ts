import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { planParts } from '../../../shared/fleet/rosterParts';
import { readRosterWorkbook } from '../../../shared/fleet/rosterWorkbook';
import { buildRosterXlsx } from '../../bench/measurements/rosterMeasurements';
import { rosterWorkbook } from '../hostile/fixtures';

/*
 * A large roster sheet is loaded by exceljs in parts (issue 15, memory). Whatever the parts, the
 * rows read must be exactly the rows of one load: the same cells, the same sheets, the same
 * refusals. Small part sizes force the cutting on small workbooks.
 */

const WHOLE = Number.MAX_SAFE_INTEGER;

async function expectSameInParts(bytes: Uint8Array, rowsPerPart: number, { cut }: { cut: boolean | string }): Promise<void> {
  const plan = planParts(bytes, rowsPerPart);
  expect(plan !== null).toBe(cut !== false);
  // A sheet named by its entry must be among those cut.
  if (typeof cut === 'string') expect([...(plan?.cuts.keys() ?? [])]).toContain(cut);
  const whole = await readRosterWorkbook(bytes, undefined, WHOLE);
  const inParts = await readRosterWorkbook(bytes, undefined, rowsPerPart);
  expect(inParts).toStrictEqual(whole);
}

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The workbook with its first sheet's XML rewritten. */
function withSheetXml(bytes: Uint8Array, rewrite: (xml: string) => string): Uint8Array {
  const entries = unzipSync(bytes);
  const name = Object.keys(entries).find((n) => /xl\/worksheets\/sheet\d+\.xml$/.test(n));
  if (name === undefined) throw new Error('no sheet');
  entries[name] = strToU8(rewrite(strFromU8(entries[name] as Uint8Array)));
  return zipSync(entries);
}

describe('roster read in parts equals one load', () => {
  it('the benchmark roster (title row, text and Excel dates, mistakes) in parts of 97 rows', async () => {
    const bytes = await buildRosterXlsx(1200);
    await expectSameInParts(bytes, 97, { cut: true });
    const read = await readRosterWorkbook(bytes, undefined, 97);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.sheets[0]?.rows).toHaveLength(1202);
    expect(read.value.sheets[0]?.rows[2]?.some((cell) => cell.kind === 'date')).toBe(true);
  });

  it('every cell kind, rows with gaps, several sheets (one very hidden, one with merged cells), in parts of 1 to 4 rows', async () => {
    const bytes = await workbookBytes((workbook) => {
      const a = workbook.addWorksheet('车辆花名册');
      a.addRow(['北京测试汽车租赁有限公司 车辆花名册']);
      a.addRow(['号牌号码', '使用性质', '注册日期', '数量', '是否', '备注']);
      a.getRow(4).values = ['京A12345', '租赁', new Date(Date.UTC(2020, 1, 29)), 3, true, { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] }];
      a.getRow(5).values = ['京B00001', '非营运', 44000, -1.5, false, '  '];
      a.getRow(9).values = ['京C00001', '  ', null, 1e308, { error: '#N/A' }, '&<>"\'的'];
      a.getCell('C5').numFmt = 'yyyy-mm-dd';
      a.getRow(12).getCell(3).style = { numFmt: 'yyyy/m/d' };
      a.getRow(14).values = ['京D00001', '租赁', '2021/02/30'];
      const hidden = workbook.addWorksheet('隐藏', { state: 'veryHidden' });
      hidden.addRow(['号牌号码']);
      hidden.addRow(['京E00001']);
      const merged = workbook.addWorksheet('合并');
      merged.addRow(['标题']);
      merged.mergeCells('A1:C1');
      merged.addRow(['号牌号码', '使用性质']);
      merged.addRow(['京F00001', '租赁', { text: '链接', hyperlink: 'https://example.invalid' }]);
      const last = workbook.addWorksheet('第四张');
      for (let i = 0; i < 9; i++) last.addRow([`京G0000${i}`, i % 2 === 0 ? '租赁' : null, i]);
    });
    for (const rowsPerPart of [1, 2, 3, 4]) await expectSameInParts(bytes, rowsPerPart, { cut: 'xl/worksheets/sheet1.xml' });
  });

  it('the hostile suite\'s roster fixture, and seeded random cells', async () => {
    await expectSameInParts(await rosterWorkbook(), 1, { cut: true });
    const cell = fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 12 }), fc.date({ noInvalidDate: true }), fc.constant(null), fc.boolean());
    await fc.assert(fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 6 }), { minLength: 2, maxLength: 12 }), async (rows) => {
      await expectSameInParts(await rosterWorkbook(rows), 2, { cut: true });
    }), { numRuns: 25, seed: 15 });
  }, 60_000);

  it('sheets whose rows do not stand alone are loaded whole: formulas, CDATA, rows out of order', async () => {
    const formulas = await workbookBytes((workbook) => {
      const ws = workbook.addWorksheet('车辆花名册');
      ws.addRow(['号牌号码', '数量']);
      for (let i = 0; i < 6; i++) ws.addRow([`京A0000${i}`, { formula: `${i}+1`, result: i + 1 }]);
    });
    await expectSameInParts(formulas, 2, { cut: false });
    const base = await rosterWorkbook();
    await expectSameInParts(withSheetXml(base, (xml) => xml.replace('<sheetData>', '<sheetData><!-- note -->')), 1, { cut: false });
    const reordered = withSheetXml(base, (xml) => xml.replace(/<row r="5"/, '<row r="1"'));
    await expectSameInParts(reordered, 1, { cut: false });
  });

  it('a shared-string index past the strings, or a damaged row, gives the same outcome as one load', async () => {
    const base = await rosterWorkbook();
    const badIndex = withSheetXml(base, (xml) => xml.replace(/(<c r="A4"[^>]*t="s"[^>]*><v>)\d+/, '$199999'));
    expect(await readRosterWorkbook(badIndex, undefined, 1)).toStrictEqual(await readRosterWorkbook(badIndex, undefined, WHOLE));
    const damaged = withSheetXml(base, (xml) => xml.replace('</row><row r="4"', '<row r="4"'));
    const whole = await readRosterWorkbook(damaged, undefined, WHOLE);
    const inParts = await readRosterWorkbook(damaged, undefined, 1);
    expect(inParts.ok).toBe(whole.ok);
    if (!whole.ok && !inParts.ok) expect(inParts.error.message).toBe(whole.error.message);
  });
});
