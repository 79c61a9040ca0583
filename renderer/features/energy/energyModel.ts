import type { Store } from '../../../shared/domain/company';
import { compareEnergyTypes } from '../../../shared/energy/energyTypes';
import { COMPANY_SCOPE, siteScope, type LedgerScope } from '../../../shared/energy/comparisons';
import { COMPANY_WIDE_SITE_KEY } from '../../../shared/energy/meterColumns';
import { isLedgerMonth, monthsOfYear, type EnergyReading, type LedgerMonth } from '../../../shared/energy/ledger';

/*
 * View helpers of the energy page: which scope is shown, the rows of the year table, number
 * formats. Pure, so the table layout is tested without rendering.
 */

/** The page's site selector value: 'all' (every site summed), 'company' (企业整体, siteId null) or a store id. */
export type ScopeKey = string;
export const ALL_SITES_KEY = 'all';
export const COMPANY_WIDE_KEY = COMPANY_WIDE_SITE_KEY;
export const COMPANY_WIDE_LABEL = '企业整体（未分场所）';

export function scopeOf(key: ScopeKey): LedgerScope {
  if (key === ALL_SITES_KEY) return COMPANY_SCOPE;
  return siteScope(key === COMPANY_WIDE_KEY ? null : key);
}

/** The site a new entry defaults to under this scope: null (company-wide) or a store id. */
export function siteIdOfScope(key: ScopeKey): string | null {
  return key === ALL_SITES_KEY || key === COMPANY_WIDE_KEY ? null : key;
}

export function siteLabel(siteId: string | null, stores: readonly Store[]): string {
  if (siteId === null) return COMPANY_WIDE_LABEL;
  const store = stores.find((s) => s.id === siteId);
  return store ? `${store.name}（${store.kind}）` : `已删除的场所（编号 ${siteId}）`;
}

export function scopeLabel(key: ScopeKey, stores: readonly Store[]): string {
  return key === ALL_SITES_KEY ? '全部场所合计' : siteLabel(siteIdOfScope(key), stores);
}

export function isDataCentreSite(siteId: string | null, stores: readonly Store[]): boolean {
  return siteId !== null && stores.some((s) => s.id === siteId && s.kind === '数据中心');
}

/** One row of the year table: a site's energy type (and, for a data centre, its IT sub-meter). */
export interface LedgerRow {
  readonly key: string;
  readonly siteId: string | null;
  readonly energyType: string;
  readonly isItEquipment: boolean;
  /** Reading of each month, January first; null where none was entered. */
  readonly months: readonly (EnergyReading | null)[];
  /** Σ tce of the row's readings; IT rows are not part of 综合能耗 but their own sum is shown. */
  readonly tce: number;
  /** Units used in the row (a row may mix kWh and 万kWh across months). */
  readonly units: readonly string[];
}

function inScope(reading: EnergyReading, key: ScopeKey): boolean {
  return key === ALL_SITES_KEY || reading.siteId === siteIdOfScope(key);
}

/** Rows of a year in this scope, ordered by site (company-wide first), type and IT flag. */
export function ledgerRows(readings: readonly EnergyReading[], year: number, key: ScopeKey, stores: readonly Store[]): LedgerRow[] {
  const months = monthsOfYear(year);
  const prefix = `${year}-`;
  const ofYear = readings.filter((r) => r.month.startsWith(prefix) && inScope(r, key));
  const groups = new Map<string, EnergyReading[]>();
  for (const r of ofYear) {
    const groupKey = JSON.stringify([r.siteId, r.energyType, r.isItEquipment]);
    groups.set(groupKey, [...(groups.get(groupKey) ?? []), r]);
  }
  const siteOrder = (siteId: string | null) => (siteId === null ? -1 : stores.findIndex((s) => s.id === siteId) === -1 ? stores.length : stores.findIndex((s) => s.id === siteId));
  return [...groups.entries()]
    .map(([groupKey, list]): LedgerRow => {
      const first = list[0];
      if (!first) throw new Error('empty ledger group');
      return {
        key: groupKey,
        siteId: first.siteId,
        energyType: first.energyType,
        isItEquipment: first.isItEquipment,
        months: months.map((m) => list.find((r) => r.month === m) ?? null),
        tce: Math.round(list.reduce((sum, r) => sum + r.tce, 0) * 1_000_000) / 1_000_000,
        units: [...new Set(list.map((r) => r.unit))],
      };
    })
    .sort((a, b) =>
      siteOrder(a.siteId) - siteOrder(b.siteId) ||
      compareEnergyTypes(a.energyType, b.energyType) ||
      Number(a.isItEquipment) - Number(b.isItEquipment),
    );
}

/** Readings pointing at a store that no longer exists (deleted after they were entered). */
export function orphanReadings(readings: readonly EnergyReading[], stores: readonly Store[]): EnergyReading[] {
  return readings.filter((r) => r.siteId !== null && !stores.some((s) => s.id === r.siteId));
}

/** Years to offer: five back from this year, and every year that has readings. */
export function yearOptions(readings: readonly EnergyReading[], currentYear: number): number[] {
  const years = new Set<number>();
  for (let y = currentYear - 5; y <= currentYear; y++) years.add(y);
  for (const r of readings) years.add(Number(r.month.slice(0, 4)));
  return [...years].sort((a, b) => b - a);
}

/** This year if it has readings, else the latest year that has, else this year. */
export function defaultYear(readings: readonly EnergyReading[], currentYear: number): number {
  const years = readings.map((r) => Number(r.month.slice(0, 4)));
  if (years.includes(currentYear) || years.length === 0) return currentYear;
  return Math.max(...years.filter((y) => y <= currentYear), Math.min(...years));
}

export function currentLedgerMonth(today: string): LedgerMonth {
  const month = today.slice(0, 7);
  if (!isLedgerMonth(month)) throw new Error(`不是有效的日期：${today}`);
  return month;
}

export function formatTce(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('zh-CN', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
}

export function formatAmount(value: number): string {
  return value.toLocaleString('zh-CN', { maximumFractionDigits: 3 });
}

export function formatPercent(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return `${value > 0 ? '+' : ''}${value.toFixed(digits)}%`;
}

export function formatPue(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

/** "1月" … "12月" for a ledger month. */
export function monthLabel(month: string): string {
  return `${Number(month.slice(5, 7))}月`;
}
