import { describe, expect, it } from 'vitest';
import { checkReadingEntry } from '../../../shared/energy/checks';
import { checkGrid, initialGridRows, type GridContext, type GridRow } from '../../../shared/energy/gridEntry';
import { defaultEnergySettings, ledgerMonth } from '../../../shared/energy/ledger';
import { COMPANY, newId, reading, store } from './helpers';

/*
 * The 12-month grid judges each changed cell with the dialog's own check, so the tests compare the
 * grid's reasons with checkReadingEntry's for the same input, and check what would be saved.
 */

const stores = [store('dc', '数据中心', '亦庄数据中心'), store('office', '办公场所', '办公区')];
const stored = [
  reading('dc', '2025-01', '电力', 700, '万kWh'),
  reading('dc', '2025-01', '电力', 520, '万kWh', { isItEquipment: true }),
  reading('dc', '2024-12', '电力', 690, '万kWh'),
];
const context = (year: number, existing = stored): GridContext => ({
  companyId: COMPANY, siteId: 'dc', year, stores, existing, settings: defaultEnergySettings(), newId, currentMonth: ledgerMonth(2026, 11),
});
const electricity = { energyType: '电力', unit: '万kWh', isItEquipment: false };
const row = (cells: string[], series = electricity): GridRow => ({ series, cells: [...cells, ...Array.from({ length: 12 - cells.length }, () => '')] });

describe('initialGridRows', () => {
  it('opens a year with the site’s rows filled from the ledger', () => {
    const rows = initialGridRows({ companyId: COMPANY, siteId: 'dc', year: 2025, existing: stored }, 'kWh');
    expect(rows.map((r) => [r.series.energyType, r.series.isItEquipment, r.series.unit])).toEqual([['电力', false, '万kWh'], ['电力', true, '万kWh']]);
    expect(rows[0]?.cells[0]).toBe('700');
    expect(rows[1]?.cells[0]).toBe('520');
    expect(rows[0]?.cells[1]).toBe('');
  });

  it('opens an empty year with the rows the site used before, and a new site with electricity', () => {
    const rows = initialGridRows({ companyId: COMPANY, siteId: 'dc', year: 2023, existing: stored }, 'kWh');
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.cells.every((c) => c === ''))).toBe(true);
    expect(initialGridRows({ companyId: COMPANY, siteId: 'office', year: 2025, existing: stored }, 'kWh').map((r) => r.series)).toEqual([{ energyType: '电力', unit: 'kWh', isItEquipment: false }]);
  });
});

describe('checkGrid', () => {
  it('refuses a bad cell with the dialog’s own reason and keeps the other months valid', () => {
    const cells = ['700', '650', '12吨', '-5', '1e308', '', '640', '1,234', '６５０', '660', '670', '680'];
    const result = checkGrid([row(cells)], context(2025));
    const dialog = (amount: string) => {
      const check = checkReadingEntry({ siteId: 'dc', month: '2025-03', energyType: '电力', amount, unit: '万kWh' }, { companyId: COMPANY, stores, existing: stored, settings: defaultEnergySettings(), newId });
      return check.status === 'refused' ? check.issues.map((i) => i.message) : [];
    };
    const statuses = result.cells[0]?.map((c) => c.status);
    expect(statuses).toEqual(['unchanged', 'valid', 'refused', 'refused', 'refused', 'empty', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid']);
    const refused = result.cells[0]?.flatMap((c) => (c.status === 'refused' ? [c.messages] : []));
    expect(refused).toEqual([dialog('12吨'), dialog('-5'), dialog('1e308')]);
    expect(refused?.[0]).toEqual(['用量：“12吨”不是数字，请只填写数值，单位另选']);
    expect(result.refusedCount).toBe(3);
    expect(result.valid.map((r) => [r.month, r.amount])).toEqual([
      ['2025-02', 650], ['2025-07', 640], ['2025-08', 1234], ['2025-09', 650], ['2025-10', 660], ['2025-11', 670], ['2025-12', 680],
    ]);
    // tce from the coefficient, as the dialog computes it.
    expect(result.valid[0]?.tce).toBeCloseTo(650 * 10_000 * 0.1229 / 1000, 6);
  });

  it('refuses months that are not over yet', () => {
    const result = checkGrid([row(Array.from({ length: 12 }, () => '600'))], context(2026, []));
    const last = result.cells[0]?.[11];
    expect(last?.status).toBe('refused');
    expect(last?.status === 'refused' ? last.messages[0] : '').toBe('月份：2026-12 尚未结束，不能录入以后月份的用量');
    expect(result.valid).toHaveLength(11);
  });

  it('corrects a stored month under its own id and coefficient, and will not silently delete one', () => {
    const corrected = checkGrid([row(['710'])], context(2025));
    expect(corrected.valid).toHaveLength(1);
    expect(corrected.valid[0]?.id).toBe(stored[0]?.id);
    const cleared = checkGrid([row([''])], context(2025));
    expect(cleared.cells[0]?.[0]?.status).toBe('refused');
    expect(cleared.valid).toHaveLength(0);
  });

  it('holds a month ten times off its neighbours for confirmation, blaming the spike only', () => {
    const result = checkGrid([row(['', '650', '6500', '640'])], context(2025));
    const flagged = result.cells[0]?.flatMap((c, i) => (c.status === 'valid' && c.outliers.length > 0 ? [i] : []));
    expect(flagged).toEqual([2]);
    expect(result.outlierCount).toBe(1);
  });

  it('refuses a second row of the same energy type, unit and IT flag', () => {
    const result = checkGrid([row(['', '650']), row(['', '', '640'])], context(2025));
    expect(result.cells[1]?.[2]?.status).toBe('refused');
    expect(result.valid.map((r) => r.month)).toEqual(['2025-02']);
  });
});
