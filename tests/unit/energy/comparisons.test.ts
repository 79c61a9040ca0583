import { describe, expect, it } from 'vitest';
import {
  changePercent, chartSeries, COMPANY_SCOPE, companyIntensity, intensity, monthlyTotals, monthOverMonth, siteScope, targetProgress,
  yearOverYear, yearTotal,
} from '../../../shared/energy/comparisons';
import { reading } from './helpers';

// 100 000 kWh = 12.29 tce; 1 t 柴油 = 1.4571 tce.
const readings = [
  reading('dc', '2020-12', '电力', 100_000, 'kWh'),
  reading('dc', '2020-01', '电力', 50_000, 'kWh'),
  reading('dc', '2021-01', '电力', 100_000, 'kWh'),
  reading('dc', '2021-01', '电力', 80_000, 'kWh', { isItEquipment: true }),
  reading('dc', '2021-02', '电力', 200_000, 'kWh'),
  reading('dc', '2021-02', '电力', 150_000, 'kWh', { isItEquipment: true }),
  reading('office', '2021-02', '柴油', 1, 't'),
  reading(null, '2021-03', '电力', 100_000, 'kWh'),
];

describe('monthly totals', () => {
  it('sum tce per month without the IT sub-meter, null where nothing was entered', () => {
    const totals = monthlyTotals(readings, 2021, COMPANY_SCOPE);
    expect(totals.map((t) => t.tce)).toEqual([12.29, 26.0371, 12.29, null, null, null, null, null, null, null, null, null]);
    expect(totals[1]?.byType).toEqual({ 电力: 24.58, 柴油: 1.4571 });
    expect(totals[1]?.entryCount).toBe(2);
  });

  it('per site, and for company-wide entries (site null)', () => {
    expect(monthlyTotals(readings, 2021, siteScope('dc')).map((t) => t.tce).slice(0, 3)).toEqual([12.29, 24.58, null]);
    expect(monthlyTotals(readings, 2021, siteScope(null)).map((t) => t.tce).slice(0, 3)).toEqual([null, null, 12.29]);
    expect(yearTotal(readings, 2021, COMPANY_SCOPE)).toBe(50.6171);
  });
});

describe('comparisons', () => {
  it('month over month compares January with the previous December', () => {
    const mom = monthOverMonth(readings, 2021, siteScope('dc'));
    expect(mom[0]).toMatchObject({ month: '2021-01', compareMonth: '2020-12', tce: 12.29, compareTce: 12.29, change: 0, changePercent: 0 });
    expect(mom[1]).toMatchObject({ compareMonth: '2021-01', change: 12.29, changePercent: 100 });
    expect(mom[2]).toMatchObject({ tce: null, change: null, changePercent: null });
  });

  it('year over year compares with the same month a year earlier', () => {
    const yoy = yearOverYear(readings, 2021, siteScope('dc'));
    expect(yoy[0]).toMatchObject({ compareMonth: '2020-01', tce: 12.29, compareTce: 6.145, changePercent: 100 });
    expect(yoy[1]).toMatchObject({ compareTce: null, changePercent: null });
  });

  it('changePercent has nothing to say against zero or a missing month', () => {
    expect(changePercent(10, 0)).toBeNull();
    expect(changePercent(null, 5)).toBeNull();
    expect(changePercent(5, 10)).toBe(-50);
  });

  it('running total against the target', () => {
    const progress = targetProgress(readings, 2021, 100, COMPANY_SCOPE);
    expect(progress.months.map((m) => m.cumulativeTce).slice(0, 4)).toEqual([12.29, 38.3271, 50.6171, 50.6171]);
    expect(progress).toMatchObject({ totalTce: 50.6171, remainingTce: 49.3829, isOverTarget: false });
    expect(progress.shareOfTarget).toBeCloseTo(0.506171, 9);
    expect(targetProgress(readings, 2021, 40, COMPANY_SCOPE).isOverTarget).toBe(true);
    expect(targetProgress(readings, 2021, null, COMPANY_SCOPE)).toMatchObject({ shareOfTarget: null, remainingTce: null, isOverTarget: false });
  });

  it('intensity per 万元 of revenue and per m² of floor area', () => {
    const result = companyIntensity(readings, 2021, { year: 2021, targetTce: null, revenueWanYuan: 1000, floorAreaSqm: 5000, note: '' });
    expect(result.tcePerWanYuan).toBeCloseTo(0.0506171, 12);
    expect(result.kgcePerSqm).toBeCloseTo(10.12342, 9);
    const site = intensity(readings, 2021, siteScope('dc'), { revenueWanYuan: null, floorAreaSqm: 1000 });
    expect(site).toMatchObject({ totalTce: 36.87, tcePerWanYuan: null });
    expect(site.kgcePerSqm).toBeCloseTo(36.87, 9);
    expect(companyIntensity(readings, 2021, null)).toMatchObject({ tcePerWanYuan: null, kgcePerSqm: null });
  });

  it('chart series: bars, last year, PUE only for a data centre', () => {
    const series = chartSeries(readings, 2021, siteScope('dc'), { isDataCentre: true, targetTce: 50 });
    expect(series.labels[0]).toBe('1月');
    expect(series.tce.slice(0, 3)).toEqual([12.29, 24.58, null]);
    expect(series.lastYearTce[0]).toBe(6.145);
    expect(series.lastYearTce[11]).toBe(12.29);
    expect(series.pue?.[0]).toBe(1.25);
    expect(series.pue?.[1]).toBeCloseTo(4 / 3, 12);
    expect(series.pue?.[2]).toBeNull();
    expect(chartSeries(readings, 2021, COMPANY_SCOPE, { isDataCentre: true }).pue).toBeNull();
  });
});
