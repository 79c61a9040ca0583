import { compareEnergyTypes } from './energyTypes';
import { monthsOfYear, shiftMonth, type EnergyReading, type EnergyYearFigures, type LedgerMonth } from './ledger';
import { monthlyPue } from './pue';

/*
 * Totals and comparisons of the ledger in 吨标准煤 (综合能耗). IT-equipment readings are a
 * sub-meter of a data centre's electricity and are never added (see ledger.ts). A month with no
 * entry is `null`, not 0, so "not entered yet" never reads as "used nothing".
 */

export type LedgerScope = { readonly kind: 'company' } | { readonly kind: 'site'; readonly siteId: string | null };

export const COMPANY_SCOPE: LedgerScope = { kind: 'company' };

export function siteScope(siteId: string | null): LedgerScope {
  return { kind: 'site', siteId };
}

/** Counted in 综合能耗 for this scope. */
export function isCounted(reading: EnergyReading, scope: LedgerScope): boolean {
  if (reading.isItEquipment) return false;
  return scope.kind === 'company' || reading.siteId === scope.siteId;
}

/** Sums of tce rounded to 1 gce so that 0.1 + 0.2 shows as 0.3. */
export function roundTce(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}

export interface MonthlyTotal {
  readonly month: LedgerMonth;
  /** null: no reading entered for the month in this scope. */
  readonly tce: number | null;
  readonly byType: Readonly<Record<string, number>>;
  readonly entryCount: number;
}

function monthTotal(readings: readonly EnergyReading[], month: LedgerMonth, scope: LedgerScope): MonthlyTotal {
  const ofMonth = readings.filter((r) => r.month === month && isCounted(r, scope));
  const byType: Record<string, number> = {};
  for (const r of [...ofMonth].sort((a, b) => compareEnergyTypes(a.energyType, b.energyType))) {
    byType[r.energyType] = roundTce((byType[r.energyType] ?? 0) + r.tce);
  }
  return {
    month,
    tce: ofMonth.length === 0 ? null : roundTce(ofMonth.reduce((sum, r) => sum + r.tce, 0)),
    byType,
    entryCount: ofMonth.length,
  };
}

export function monthlyTotals(readings: readonly EnergyReading[], year: number, scope: LedgerScope): MonthlyTotal[] {
  return monthsOfYear(year).map((month) => monthTotal(readings, month, scope));
}

export function yearTotal(readings: readonly EnergyReading[], year: number, scope: LedgerScope): number {
  return roundTce(monthlyTotals(readings, year, scope).reduce((sum, m) => sum + (m.tce ?? 0), 0));
}

/** Change from `before` to `after` in percent; null when there is nothing to compare with. */
export function changePercent(after: number | null, before: number | null): number | null {
  if (after === null || before === null || before === 0) return null;
  return ((after - before) / before) * 100;
}

export interface PeriodComparison {
  readonly month: LedgerMonth;
  readonly tce: number | null;
  readonly compareMonth: LedgerMonth;
  readonly compareTce: number | null;
  readonly change: number | null;
  readonly changePercent: number | null;
}

function compare(readings: readonly EnergyReading[], year: number, scope: LedgerScope, offset: number): PeriodComparison[] {
  return monthlyTotals(readings, year, scope).map((current) => {
    const compareMonth = shiftMonth(current.month, offset);
    const other = monthTotal(readings, compareMonth, scope).tce;
    return {
      month: current.month,
      tce: current.tce,
      compareMonth,
      compareTce: other,
      change: current.tce !== null && other !== null ? roundTce(current.tce - other) : null,
      changePercent: changePercent(current.tce, other),
    };
  });
}

/** 环比: each month against the month before (January against the previous December). */
export function monthOverMonth(readings: readonly EnergyReading[], year: number, scope: LedgerScope): PeriodComparison[] {
  return compare(readings, year, scope, -1);
}

/** 同比: each month against the same month of the previous year. */
export function yearOverYear(readings: readonly EnergyReading[], year: number, scope: LedgerScope): PeriodComparison[] {
  return compare(readings, year, scope, -12);
}

export interface TargetProgress {
  readonly year: number;
  readonly targetTce: number | null;
  readonly months: readonly { readonly month: LedgerMonth; readonly tce: number | null; readonly cumulativeTce: number; readonly shareOfTarget: number | null }[];
  readonly totalTce: number;
  /** totalTce ÷ target, 1 = 100 %. */
  readonly shareOfTarget: number | null;
  readonly remainingTce: number | null;
  readonly isOverTarget: boolean;
}

/** The year's running total against the target the company set (年度能耗总量目标). */
export function targetProgress(readings: readonly EnergyReading[], year: number, targetTce: number | null, scope: LedgerScope): TargetProgress {
  let cumulative = 0;
  const months = monthlyTotals(readings, year, scope).map((m) => {
    cumulative = roundTce(cumulative + (m.tce ?? 0));
    return { month: m.month, tce: m.tce, cumulativeTce: cumulative, shareOfTarget: targetTce ? cumulative / targetTce : null };
  });
  return {
    year,
    targetTce,
    months,
    totalTce: cumulative,
    shareOfTarget: targetTce ? cumulative / targetTce : null,
    remainingTce: targetTce ? roundTce(targetTce - cumulative) : null,
    isOverTarget: targetTce !== null && cumulative > targetTce,
  };
}

export interface Intensity {
  readonly year: number;
  readonly totalTce: number;
  readonly revenueWanYuan: number | null;
  /** 万元营业收入综合能耗, tce/万元. */
  readonly tcePerWanYuan: number | null;
  readonly floorAreaSqm: number | null;
  /** 单位建筑面积综合能耗, kgce/m². */
  readonly kgcePerSqm: number | null;
}

/**
 * Intensity of a year. Revenue comes from the company's figures for the year; floor area from
 * those figures for the company scope, or from the store for a site (pass it in).
 */
export function intensity(
  readings: readonly EnergyReading[],
  year: number,
  scope: LedgerScope,
  denominators: { readonly revenueWanYuan: number | null; readonly floorAreaSqm: number | null },
): Intensity {
  const totalTce = yearTotal(readings, year, scope);
  const { revenueWanYuan, floorAreaSqm } = denominators;
  return {
    year,
    totalTce,
    revenueWanYuan,
    tcePerWanYuan: revenueWanYuan ? totalTce / revenueWanYuan : null,
    floorAreaSqm,
    kgcePerSqm: floorAreaSqm ? (totalTce * 1000) / floorAreaSqm : null,
  };
}

export function companyIntensity(readings: readonly EnergyReading[], year: number, figures: EnergyYearFigures | null): Intensity {
  return intensity(readings, year, COMPANY_SCOPE, { revenueWanYuan: figures?.revenueWanYuan ?? null, floorAreaSqm: figures?.floorAreaSqm ?? null });
}

/** Data for the UI's chart of a year: monthly tce bars, last year's bars, PUE line for a data centre. */
export interface ChartSeries {
  readonly year: number;
  readonly labels: readonly string[];
  readonly months: readonly LedgerMonth[];
  readonly tce: readonly (number | null)[];
  readonly lastYearTce: readonly (number | null)[];
  readonly cumulativeTce: readonly number[];
  readonly targetTce: number | null;
  /** Only for a data-centre site: monthly PUE (null where it cannot be computed). */
  readonly pue: readonly (number | null)[] | null;
}

export function chartSeries(
  readings: readonly EnergyReading[],
  year: number,
  scope: LedgerScope,
  options: { readonly targetTce?: number | null; readonly isDataCentre?: boolean } = {},
): ChartSeries {
  const totals = monthlyTotals(readings, year, scope);
  const lastYear = monthlyTotals(readings, year - 1, scope);
  const progress = targetProgress(readings, year, options.targetTce ?? null, scope);
  const pue = options.isDataCentre && scope.kind === 'site' && scope.siteId !== null
    ? monthlyPue(readings, scope.siteId, year).map((m) => m.pue)
    : null;
  return {
    year,
    labels: totals.map((_, i) => `${i + 1}月`),
    months: totals.map((m) => m.month),
    tce: totals.map((m) => m.tce),
    lastYearTce: lastYear.map((m) => m.tce),
    cumulativeTce: progress.months.map((m) => m.cumulativeTce),
    targetTce: options.targetTce ?? null,
    pue,
  };
}
