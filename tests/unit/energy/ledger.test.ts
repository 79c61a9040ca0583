import { describe, expect, it } from 'vitest';
import {
  computeTce, defaultEnergySettings, energyReadingSchema, energySettingsSchema, isLedgerMonth, ledgerMonth, monthsOfYear, parseReadings, shiftMonth, type EnergySettings,
} from '../../../shared/energy/ledger';
import { planRecompute } from '../../../shared/energy/readingConversion';
import { reading } from './helpers';

const measuredGas = (value: number, reference: string): EnergySettings => ({
  ...defaultEnergySettings(),
  coefficients: [{ energyType: '天然气', perUnit: 'm³', value, basis: null, source: '企业实测', reference }],
});

describe('months', () => {
  it.each([['2021-01', true], ['2021-12', true], ['2021-00', false], ['2021-13', false], ['21-01', false], ['2021-1', false], ['1899-12', false]])('%s valid: %s', (text, isValid) => {
    expect(isLedgerMonth(text)).toBe(isValid);
  });

  it('shifts across years both ways', () => {
    expect(shiftMonth(ledgerMonth(2021, 1), -1)).toBe('2020-12');
    expect(shiftMonth(ledgerMonth(2021, 12), 1)).toBe('2022-01');
    expect(shiftMonth(ledgerMonth(2021, 3), -12)).toBe('2020-03');
    expect(monthsOfYear(2021)).toHaveLength(12);
    expect(monthsOfYear(2021)[11]).toBe('2021-12');
  });
});

describe('coefficient snapshots', () => {
  it('rounds tce to 1 gce', () => {
    const r = reading('s', '2021-01', '电力', 1, 'kWh');
    expect(r.tce).toBe(0.000123);
    expect(computeTce(3, r.conversion, r.coefficient)).toBe(0.000369);
  });

  it('keeps the coefficient a month was computed with when the settings change', () => {
    const old = reading('s', '2021-01', '天然气', 10_000, 'm³', {}, measuredGas(1.2, '2020 年热值单'));
    expect(old.tce).toBe(12);
    const newSettings = measuredGas(1.1, '2021 年热值单');
    // Nothing recomputes on its own: the stored month still reads 1.2.
    expect(old.coefficient).toMatchObject({ value: 1.2, reference: '2020 年热值单' });
    const plan = planRecompute([old], newSettings);
    expect(plan.failures).toEqual([]);
    expect(plan.changes[0]).toMatchObject({ tceBefore: 12, tceAfter: 11, isChanged: true });
    expect(plan.changes[0]?.updated.coefficient).toMatchObject({ value: 1.1, reference: '2021 年热值单' });
    expect(old.tce).toBe(12);
  });

  it('reports unchanged readings and readings that can no longer be computed', () => {
    const power = reading('s', '2021-01', '电力', 100, 'kWh');
    const gas = reading('s', '2021-01', '天然气', 100, 'm³', {}, measuredGas(1.2, 'x'));
    const plan = planRecompute([power, gas], defaultEnergySettings());
    expect(plan.changes.map((c) => c.isChanged)).toEqual([false]);
    expect(plan.failures).toHaveLength(1);
    expect(plan.failures[0]?.message).toContain('2021-01 天然气：“天然气”没有默认折标系数');
  });
});

describe('schemas', () => {
  it('round-trips a reading and fills defaults', () => {
    const r = reading('s', '2021-01', '电力', 100, 'kWh');
    const { isItEquipment: _a, documentId: _b, note: _c, confirmedOutlier: _d, entryMethod: _e, ...minimal } = r;
    const parsed = energyReadingSchema.parse(minimal);
    expect(parsed).toEqual({ ...r, isItEquipment: false, documentId: null, note: '', confirmedOutlier: false, entryMethod: '手工录入' });
  });

  it('refuses a negative amount and a bad month with Chinese messages', () => {
    const r = reading('s', '2021-01', '电力', 100, 'kWh');
    const result = parseReadings([r, { ...r, amount: -1 }]);
    expect(result.ok ? '' : result.error.message).toContain('第 2 条 amount 用量不能为负数');
    const month = parseReadings([{ ...r, month: '2021-1' }]);
    expect(month.ok ? '' : month.error.message).toContain('月份格式应为 YYYY-MM');
  });

  it('parses empty settings to the defaults (当量值)', () => {
    expect(energySettingsSchema.parse({})).toEqual(defaultEnergySettings());
  });
});
