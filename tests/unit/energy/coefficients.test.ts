import { describe, expect, it } from 'vitest';
import {
  coefficientFromHeatingValue, GBT_2589_2020, KJ_PER_KGCE, resolveCoefficient, resolveConversion, standardCoefficients,
} from '../../../shared/energy/coefficients';
import { computeTce, defaultEnergySettings, type EnergySettings } from '../../../shared/energy/ledger';
import { parseEnergyUnit, type EnergyUnit } from '../../../shared/energy/units';

/*
 * The defaults against GB/T 2589-2020 附录 A 表 A.1, one row per coefficient: if a value in the
 * shipped JSON changes, or a row is added without a test, this fails.
 */
const STANDARD_ROWS: readonly { energyType: string; perUnit: string; value: number; basis: string | null; kcal: number | null; row: string }[] = [
  { energyType: '电力', perUnit: 'kWh', value: 0.1229, basis: '当量值', kcal: 860, row: '电力（当量值）' },
  { energyType: '热力', perUnit: 'MJ', value: 0.03412, basis: '当量值', kcal: null, row: '热力（当量值）' },
  { energyType: '外购蒸汽', perUnit: 'MJ', value: 0.03412, basis: '当量值', kcal: null, row: '热力（当量值）' },
  { energyType: '汽油', perUnit: 'kg', value: 1.4714, basis: null, kcal: 10300, row: '汽油' },
  { energyType: '柴油', perUnit: 'kg', value: 1.4571, basis: null, kcal: 10200, row: '柴油' },
  { energyType: '原煤', perUnit: 'kg', value: 0.7143, basis: null, kcal: 5000, row: '原煤' },
];

describe('GB/T 2589-2020 default coefficients', () => {
  it('ships exactly the rows the tests know, each citing the standard and its table row', () => {
    expect(GBT_2589_2020.standard.code).toBe('GB/T 2589-2020');
    expect(GBT_2589_2020.tableRef).toBe('附录 A 表 A.1');
    expect(standardCoefficients()).toHaveLength(STANDARD_ROWS.length);
    for (const row of STANDARD_ROWS) {
      const entry = standardCoefficients().find((e) => e.energyType === row.energyType && e.perUnit === row.perUnit);
      expect(entry, row.energyType).toBeDefined();
      expect(entry?.value).toBe(row.value);
      expect(entry?.basis).toBe(row.basis);
      expect(entry?.reference).toContain('GB/T 2589-2020 附录 A 表 A.1');
      expect(entry?.reference).toContain(row.row);
    }
  });

  it.each(STANDARD_ROWS.filter((r) => r.kcal !== null))('$energyType: $value kgce = heat value ÷ 7 000 kcal/kgce to 4 decimals', (row) => {
    expect(Math.round(((row.kcal ?? 0) / 7000) * 10_000) / 10_000).toBe(row.value);
  });

  it('heat 当量值 is 1 MJ ÷ 29 307 kJ/kgce to 5 decimals', () => {
    expect(KJ_PER_KGCE).toBe(29_307);
    expect(Math.round((1000 / KJ_PER_KGCE) * 100_000) / 100_000).toBe(0.03412);
  });

  it('natural gas, 电力等价值 and steam by mass have no default and say why', () => {
    const withoutDefault = GBT_2589_2020.withoutDefault.map((w) => `${w.energyType}/${w.basis ?? ''}/${w.perUnit}`);
    expect(withoutDefault).toEqual(['电力/等价值/kWh', '天然气//m³', '外购蒸汽//kg']);
  });

  it('derives a coefficient from a measured 低位发热量', () => {
    expect(coefficientFromHeatingValue(29_307)).toBe(1);
    expect(coefficientFromHeatingValue(34_500)).toBe(1.1772);
    expect(() => coefficientFromHeatingValue(0)).toThrow('低位发热量');
    expect(() => coefficientFromHeatingValue(Number.NaN)).toThrow('低位发热量');
  });
});

describe('resolveConversion: units to the coefficient unit, then tce', () => {
  const settings: EnergySettings = {
    ...defaultEnergySettings(),
    coefficients: [{ energyType: '天然气', perUnit: 'm³', value: 1.1772, basis: null, source: '企业实测', reference: '热值单 34 500 kJ/m³' }],
    densities: [{ energyType: '柴油', kgPerL: 0.84, reference: '油品检验单' }],
  };
  const rows: readonly { energyType: string; amount: number; unit: EnergyUnit; factor: number; coefficient: number; tce: number }[] = [
    { energyType: '电力', amount: 10_000, unit: 'kWh', factor: 1, coefficient: 0.1229, tce: 1.229 },
    { energyType: '电力', amount: 1, unit: '万kWh', factor: 10_000, coefficient: 0.1229, tce: 1.229 },
    { energyType: '电力', amount: 10, unit: 'MWh', factor: 1000, coefficient: 0.1229, tce: 1.229 },
    { energyType: '热力', amount: 1000, unit: 'GJ', factor: 1000, coefficient: 0.03412, tce: 34.12 },
    { energyType: '热力', amount: 1000, unit: 'MJ', factor: 1, coefficient: 0.03412, tce: 0.03412 },
    { energyType: '外购蒸汽', amount: 100, unit: 'GJ', factor: 1000, coefficient: 0.03412, tce: 3.412 },
    { energyType: '汽油', amount: 1, unit: 't', factor: 1000, coefficient: 1.4714, tce: 1.4714 },
    { energyType: '柴油', amount: 1, unit: 't', factor: 1000, coefficient: 1.4571, tce: 1.4571 },
    { energyType: '柴油', amount: 1000, unit: 'L', factor: 0.84, coefficient: 1.4571, tce: 1.223964 },
    { energyType: '原煤', amount: 2, unit: 't', factor: 1000, coefficient: 0.7143, tce: 1.4286 },
    { energyType: '原煤', amount: 500, unit: 'kg', factor: 1, coefficient: 0.7143, tce: 0.35715 },
    { energyType: '天然气', amount: 1, unit: '万m³', factor: 10_000, coefficient: 1.1772, tce: 11.772 },
    { energyType: '天然气', amount: 5000, unit: 'm³', factor: 1, coefficient: 1.1772, tce: 5.886 },
  ];
  it.each(rows)('$amount $unit $energyType → $tce tce', (row) => {
    const resolved = resolveConversion(row.energyType, row.unit, settings);
    if (!resolved.ok) throw new Error(resolved.error.message);
    expect(resolved.value.conversion.factor).toBe(row.factor);
    expect(resolved.value.coefficient.value).toBe(row.coefficient);
    expect(computeTce(row.amount, resolved.value.conversion, resolved.value.coefficient)).toBeCloseTo(row.tce, 9);
  });

  it('records where the coefficient came from', () => {
    const power = resolveConversion('电力', '万kWh', settings);
    const gas = resolveConversion('天然气', 'm³', settings);
    if (!power.ok || !gas.ok) throw new Error('resolve failed');
    expect(power.value.coefficient).toMatchObject({ source: 'GB/T 2589-2020', basis: '当量值', unit: 'kgce/kWh' });
    expect(power.value.conversion.reference).toBe('1 万kWh = 10,000 kWh');
    expect(gas.value.coefficient).toMatchObject({ source: '企业实测', reference: '热值单 34 500 kJ/m³' });
  });

  it('refuses natural gas without a company coefficient, naming what to enter', () => {
    const result = resolveConversion('天然气', 'm³', defaultEnergySettings());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('energy.noCoefficient');
      expect(result.error.message).toContain('企业实测折标系数（kgce/m³）');
    }
  });

  it('refuses litres without a density and steam by mass without a coefficient', () => {
    const litres = resolveConversion('汽油', 'L', defaultEnergySettings());
    expect(litres.ok ? '' : litres.error.message).toContain('密度（kg/L）');
    const steam = resolveConversion('外购蒸汽', 't', defaultEnergySettings());
    expect(steam.ok ? '' : steam.error.message).toContain('kgce/kg');
  });

  it('refuses a unit that does not fit the energy type', () => {
    const result = resolveConversion('电力', 'm³', defaultEnergySettings());
    expect(result.ok ? '' : result.error.message).toBe('电力的单位应为 kWh、万kWh、MWh，不能用 m³');
  });

  it('uses the 当量值 by default and ignores an override of it; 等价值 needs the company value', () => {
    const withOverride: EnergySettings = {
      ...defaultEnergySettings(),
      coefficients: [{ energyType: '电力', perUnit: 'kWh', value: 0.3, basis: '等价值', source: '其他依据', reference: '主管部门公布的当年供电标准煤耗' }],
    };
    const equivalent = resolveCoefficient('电力', 'kWh', withOverride);
    expect(equivalent.ok && equivalent.value.value).toBe(0.1229);
    const equal = resolveCoefficient('电力', 'kWh', { ...withOverride, electricityBasis: '等价值' });
    expect(equal.ok && equal.value).toMatchObject({ value: 0.3, basis: '等价值', source: '其他依据' });
    const missing = resolveCoefficient('电力', 'kWh', { ...defaultEnergySettings(), electricityBasis: '等价值' });
    expect(missing.ok ? '' : missing.error.message).toContain('电力等价值折标系数');
  });

  it('accepts a company energy type once it has a coefficient', () => {
    const lpg: EnergySettings = { ...defaultEnergySettings(), coefficients: [{ energyType: '液化石油气', perUnit: 'kg', value: 1.7143, basis: null, source: '其他依据', reference: '供应商热值' }] };
    const result = resolveConversion('液化石油气', 't', lpg);
    expect(result.ok && computeTce(2, result.value.conversion, result.value.coefficient)).toBe(3.4286);
    expect(resolveConversion('液化石油气', 't', defaultEnergySettings()).ok).toBe(false);
  });
});

describe('parseEnergyUnit', () => {
  it.each([
    ['kWh', 'kWh'], ['千瓦时', 'kWh'], ['度', 'kWh'], ['kW·h', 'kWh'], ['万千瓦时', '万kWh'], ['万kWh', '万kWh'], ['MWh', 'MWh'],
    ['GJ', 'GJ'], ['吉焦', 'GJ'], ['百万千焦', 'GJ'], ['MJ', 'MJ'], ['m3', 'm³'], ['立方米', 'm³'], ['万立方米', '万m³'],
    ['吨', 't'], ['t', 't'], ['公斤', 'kg'], ['升', 'L'], [' kwh ', 'kWh'],
  ])('%s → %s', (text, unit) => {
    expect(parseEnergyUnit(text)).toBe(unit);
  });

  it.each(['Nm³', '桶', '', 'kcal'])('refuses %s', (text) => {
    expect(parseEnergyUnit(text)).toBeNull();
  });
});
