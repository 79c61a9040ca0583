import { describe, expect, it } from 'vitest';
import type { Store } from '../../../shared/domain/company';
import { defaultEnergySettings, ledgerMonth, type EnergyReading } from '../../../shared/energy/ledger';
import { buildReading, type ReadingFields } from '../../../shared/energy/readingConversion';
import type { EnergyUnit } from '../../../shared/energy/units';
import {
  ALL_SITES_KEY, COMPANY_WIDE_KEY, defaultYear, ledgerRows, orphanReadings, scopeOf, siteIdOfScope, yearOptions,
} from '../../../renderer/features/energy/energyModel';

const stores: Store[] = [
  { id: 'dc', companyId: 'c', name: '数据中心', kind: '数据中心', address: '', district: null, operatingSince: null, floorAreaSqm: null, note: '' },
  { id: 'office', companyId: 'c', name: '办公楼', kind: '公共建筑', address: '', district: null, operatingSince: null, floorAreaSqm: null, note: '' },
];

let seq = 0;
function reading(siteId: string | null, month: string, energyType: string, amount: number, unit: EnergyUnit, extra: Partial<ReadingFields> = {}): EnergyReading {
  const [y, m] = month.split('-').map(Number);
  const built = buildReading({
    id: `r${++seq}`, companyId: 'c', siteId, month: ledgerMonth(y ?? 0, m ?? 0), energyType, amount, unit, isItEquipment: false,
    documentId: null, note: '', confirmedOutlier: false, entryMethod: '手工录入', ...extra,
  }, defaultEnergySettings());
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

const readings = [
  reading('office', '2021-02', '电力', 100, 'kWh'),
  reading('dc', '2021-01', '电力', 50, '万kWh'),
  reading('dc', '2021-01', '电力', 400_000, 'kWh', { isItEquipment: true }),
  reading('dc', '2021-03', '电力', 500_000, 'kWh'),
  reading(null, '2021-01', '汽油', 1, 't'),
  reading('dc', '2021-02', '柴油', 2, 't'),
  reading('dc', '2020-12', '电力', 48, '万kWh'),
];

describe('year table rows', () => {
  it('all sites: company-wide first, then stores in their order; types in the standard order; IT after the total', () => {
    const rows = ledgerRows(readings, 2021, ALL_SITES_KEY, stores);
    expect(rows.map((r) => [r.siteId, r.energyType, r.isItEquipment])).toEqual([
      [null, '汽油', false],
      ['dc', '电力', false],
      ['dc', '电力', true],
      ['dc', '柴油', false],
      ['office', '电力', false],
    ]);
    const dcPower = rows[1];
    expect(dcPower?.months.map((m) => m?.amount ?? null).slice(0, 4)).toEqual([50, null, 500_000, null]);
    expect(dcPower?.units).toEqual(['万kWh', 'kWh']);
    // 50 万kWh and 500 000 kWh at 0.1229 kgce/kWh.
    expect(dcPower?.tce).toBe(122.9);
  });

  it('a site shows only its own rows; a year shows only its months', () => {
    expect(ledgerRows(readings, 2021, 'office', stores).map((r) => r.energyType)).toEqual(['电力']);
    expect(ledgerRows(readings, 2021, COMPANY_WIDE_KEY, stores).map((r) => r.energyType)).toEqual(['汽油']);
    expect(ledgerRows(readings, 2020, 'dc', stores).map((r) => r.months.filter(Boolean).length)).toEqual([1]);
  });

  it('scope keys map to the domain scopes and the entry form\'s site', () => {
    expect(scopeOf(ALL_SITES_KEY)).toEqual({ kind: 'company' });
    expect(scopeOf(COMPANY_WIDE_KEY)).toEqual({ kind: 'site', siteId: null });
    expect(scopeOf('dc')).toEqual({ kind: 'site', siteId: 'dc' });
    expect([ALL_SITES_KEY, COMPANY_WIDE_KEY, 'dc'].map(siteIdOfScope)).toEqual([null, null, 'dc']);
  });

  it('finds readings of a deleted site', () => {
    expect(orphanReadings(readings, stores.filter((s) => s.id !== 'office')).map((r) => r.month)).toEqual(['2021-02']);
  });
});

describe('years offered', () => {
  it('defaults to this year when it has readings or none exist, else to the latest year that has', () => {
    expect(defaultYear([], 2026)).toBe(2026);
    expect(defaultYear(readings, 2021)).toBe(2021);
    expect(defaultYear(readings, 2026)).toBe(2021);
    expect(yearOptions(readings, 2026)).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020]);
  });
});
