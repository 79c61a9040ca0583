import fc from 'fast-check';
import { strToU8, zipSync, unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../../shared/energy/meterImport';
import { expectChineseError, expectPrototypesIntact } from './hostileKit';
import { meterWorkbook, rosterWorkbook } from './fixtures';
import { importRoster } from './importers';

/*
 * Crafted inputs for the two Excel importers: impossible dates and numbers become row-level
 * Chinese reasons, never an exception; sheets that claim or hold too many rows, zip bombs and
 * XML with external entities are refused before the spreadsheet library parses them.
 */

const IMPOSSIBLE_DATE_CELLS: readonly unknown[] = [1e308, -1e308, -1, -0.5, 2_958_466, 1e15, Number.MAX_VALUE, 'NaN', 'Infinity', '-Infinity', '0000-00-00', '2021-02-30', '9999999-01-01', '1e308'];

describe('vehicle roster: impossible values become row reasons', () => {
  it.each(IMPOSSIBLE_DATE_CELLS.map((v) => [String(v), v] as const))('注册日期 %s is a Chinese reason on its row, not an exception', async (_label, value) => {
    const bytes = await rosterWorkbook([['京A12345', '租赁', value as never, '2021-05-01', '已备案', '大众', 'LSVAA4180E2000001', '否']]);
    const result = await importRoster(bytes);
    if (!result.ok) {
      expectChineseError(result.error);
      return;
    }
    expect(result.value.rejected).toHaveLength(1);
    expect(result.value.rejected[0]?.reasons.join('')).toMatch(/注册日期/);
  });

  it('300 seeded rows of random numbers, strings and dates: every row accepted or refused with a reason, nothing thrown', async () => {
    const cell = fc.oneof(
      fc.double(), fc.integer(), fc.string({ maxLength: 40 }), fc.constantFrom(...IMPOSSIBLE_DATE_CELLS),
      fc.date({ noInvalidDate: false }), fc.constant(null), fc.constant('\u0000'), fc.constant('\uD800'),
    );
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell, cell), { minLength: 1, maxLength: 3 }), async (rows) => {
      const bytes = await rosterWorkbook(rows.map(([a, b, c, d]) => [`京A${String(Math.abs(Number(a)) % 100000).padStart(5, '0')}`, '租赁', a as never, b as never, '已备案', c as never, d as never, '否']));
      const result = await importRoster(bytes);
      if (!result.ok) expectChineseError(result.error);
      else for (const rejected of result.value.rejected) expect(rejected.reasons.join('')).toMatch(/[\u4e00-\u9fff]/);
    }), { numRuns: 300, seed: 13 });
    expectPrototypesIntact();
  }, 120_000);
});

/** The valid sample with its first sheet's XML rewritten. */
async function withSheetXml(base: Promise<Uint8Array>, rewrite: (xml: string) => string): Promise<Uint8Array> {
  const entries = unzipSync(await base);
  const name = Object.keys(entries).find((n) => n.startsWith('xl/worksheets/sheet'));
  if (name === undefined) throw new Error('no sheet');
  entries[name] = strToU8(rewrite(strFromU8(entries[name]!)));
  return zipSync(entries);
}

const MILLION_ROWS = (xml: string) => xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:H1048576"/>').replace('</sheetData>', `${Array.from({ length: 120_050 }, (_, i) => `<row r="${i + 10}"><c r="A${i + 10}" t="inlineStr"><is><t>京A${i}</t></is></c></row>`).join('')}</sheetData>`);

describe.each([
  ['vehicle roster', () => rosterWorkbook(), (b: Uint8Array) => importRoster(b)],
  ['meter workbook', () => meterWorkbook(), (b: Uint8Array) => readXlsxRows(b)],
] as const)('%s: limits first', (_name, sample, importer) => {
  it('refuses a sheet with more rows than the limit, before parsing it (its cost is measured by hostileFigures.ts)', async () => {
    const bytes = await withSheetXml(sample(), MILLION_ROWS);
    const result = await importer(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expectChineseError(result.error);
      expect(result.error.message).toMatch(/上限/);
    }
  }, 30_000);

  it('refuses a zip bomb from the directory alone (sheet XML declared at 4 GB)', async () => {
    const bytes = await sample();
    // Patch the central directory's uncompressed size of every entry to 0xF0000000.
    const patched = bytes.slice();
    for (let at = 0; at + 46 < patched.length; at++) {
      if (patched[at] === 0x50 && patched[at + 1] === 0x4b && patched[at + 2] === 0x01 && patched[at + 3] === 0x02) {
        patched.set([0x00, 0x00, 0x00, 0xf0], at + 24);
      }
    }
    const result = await importer(patched);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/压缩炸弹|上限/);
  });

  it('never fetches or expands external entities (XXE) in sheet XML', async () => {
    const bytes = await withSheetXml(sample(), (xml) => xml.replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>').replace(/<t>([^<]*)<\/t>/, '<t>&xxe;&remote;</t>'));
    const result = await importer(bytes);
    if (!result.ok) expectChineseError(result.error);
    expect(JSON.stringify(result)).not.toMatch(/root:|nologin/);
  });
});
