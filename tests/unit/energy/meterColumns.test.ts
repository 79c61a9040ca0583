import { describe, expect, it } from 'vitest';
import { COMPANY_WIDE_SITE_KEY, initialMapping, suggestedCompanyWideMapping, toMapping } from '../../../shared/energy/meterColumns';
import type { SheetRows } from '../../../shared/energy/meterImport';

describe('meter import column mapping', () => {
  const sheets: SheetRows[] = [
    { name: '说明', rows: [['本表为抄表记录']] },
    { name: '抄表', rows: [['某电表导出'], ['月份', '起码', '止码', '倍率', '场所'], ['2021-01', 100, 200, 80, '数据中心']] },
  ];

  it('starts from the domain\'s suggestion: header row, meter difference with a multiplier column, site column', () => {
    const values = initialMapping(sheets, 1, 'office');
    expect(values).toMatchObject({
      headerRow: 2, monthColumn: 0, amountKind: 'meterDifference', startColumn: 1, endColumn: 2, multiplierKind: 'column', multiplierColumn: 3,
      siteKind: 'column', siteColumn: 4, unitKind: 'fixed', unitValue: 'kWh', typeKind: 'fixed', typeValue: '电力', itKind: 'none',
    });
    const built = toMapping(values);
    expect('mapping' in built && built.mapping).toEqual({
      headerRow: 2,
      month: { column: 0 },
      amount: { kind: 'meterDifference', startColumn: 1, endColumn: 2, multiplier: { kind: 'column', column: 3 } },
      unit: { kind: 'fixed', value: 'kWh' },
      energyType: { kind: 'fixed', value: '电力' },
      site: { kind: 'column', column: 4 },
      note: null,
    });
  });

  it('names the first column still to choose, and maps 企业整体 to no site', () => {
    const values = initialMapping(sheets, 0, COMPANY_WIDE_SITE_KEY);
    expect(toMapping(values)).toEqual({ missing: '月份列' });
    expect(toMapping({ ...values, monthColumn: 0 })).toEqual({ missing: '用量列' });
    const built = toMapping({ ...values, monthColumn: 0, amountColumn: 1, itKind: 'fixed' });
    expect('mapping' in built && built.mapping).toMatchObject({ site: { kind: 'fixed', value: null }, isItEquipment: { kind: 'fixed', value: true } });
  });

  it('gives the command line the dialog\'s mapping with the site fixed to 企业整体 (no sites to match a 场所 column)', () => {
    const [, meterSheet] = sheets;
    if (!meterSheet) throw new Error('fixture');
    expect(suggestedCompanyWideMapping(meterSheet)).toEqual({
      headerRow: 2,
      month: { column: 0 },
      amount: { kind: 'meterDifference', startColumn: 1, endColumn: 2, multiplier: { kind: 'column', column: 3 } },
      unit: { kind: 'fixed', value: 'kWh' },
      energyType: { kind: 'fixed', value: '电力' },
      site: { kind: 'fixed', value: null },
      note: null,
    });
    expect(suggestedCompanyWideMapping({ name: '说明', rows: [['本表为抄表记录']] })).toBeNull();
    // A month column but neither 用量 nor 起码/止码: nothing to import.
    expect(suggestedCompanyWideMapping({ name: '月份', rows: [['月份', '备注'], ['2021-01', '']] })).toBeNull();
  });
});
