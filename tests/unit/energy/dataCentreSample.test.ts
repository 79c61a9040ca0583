import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReadingEntry } from '../../../shared/energy/checks';
import { annualPue, monthlyPue } from '../../../shared/energy/pue';
import { parseWorkspaceFile } from '../../../shared/workspace/workspaceFile';

const file = path.resolve(import.meta.dirname, '../../../resources/samples/dataCentre.json');
const parsed = parseWorkspaceFile(readFileSync(file, 'utf8'));
if (!parsed.ok) throw new Error(parsed.error.message);
const [record] = parsed.value.companies;
if (!record) throw new Error('empty sample');
const readings = record.energyReadings ?? [];
const dataCentre = record.stores.find((s) => s.kind === '数据中心');
if (!dataCentre) throw new Error('no data centre');

describe('the data-centre sample opens with a full energy ledger', () => {
  it('has total and IT electricity of the data centre for every month from 2025-01 to 2026-11, and none after', () => {
    const months = (isIt: boolean) =>
      readings.filter((r) => r.siteId === dataCentre.id && r.energyType === '电力' && r.isItEquipment === isIt).map((r) => r.month).sort();
    const expected = [
      ...Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    ];
    expect(months(false)).toEqual(expected);
    expect(months(true)).toEqual(expected);
  });

  it('has a PUE a ~23,500 m² data centre plausibly shows: every month between 1.3 and 1.6, each year between 1.3 and 1.5', () => {
    for (const year of [2025, 2026]) {
      const annual = annualPue(readings, dataCentre.id, year);
      expect(annual.pue).toBeGreaterThanOrEqual(1.3);
      expect(annual.pue).toBeLessThanOrEqual(1.5);
      for (const month of monthlyPue(readings, dataCentre.id, year).filter((m) => m.pue !== null)) {
        expect(month.pue).toBeGreaterThanOrEqual(1.3);
        expect(month.pue).toBeLessThanOrEqual(1.6);
      }
    }
  });

  it('stores every reading as the entry checks would (coefficient, tce), with no outlier held back', () => {
    for (const reading of readings) {
      const others = readings.filter((r) => r.id !== reading.id);
      const check = checkReadingEntry(
        { id: reading.id, siteId: reading.siteId, month: reading.month, energyType: reading.energyType, amount: reading.amount,
          unit: reading.unit, isItEquipment: reading.isItEquipment, note: reading.note },
        { companyId: record.company.id, stores: record.stores, existing: others, settings: record.energySettings ?? { electricityBasis: "当量值", coefficients: [], densities: [], years: [] }, newId: () => 'unused' },
      );
      expect(check.status, reading.id).toBe('accepted');
      if (check.status === 'accepted') expect(check.reading).toEqual(reading);
    }
  });

  it('gives the years their denominators so intensity and target figures show', () => {
    for (const year of [2025, 2026]) {
      const figures = record.energySettings?.years.find((y) => y.year === year);
      expect(figures?.targetTce).toBeGreaterThan(0);
      expect(figures?.floorAreaSqm).toBe(record.stores.reduce((sum, s) => sum + (s.floorAreaSqm ?? 0), 0));
    }
  });
});
