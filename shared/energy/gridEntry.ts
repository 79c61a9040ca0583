import type { Store } from '../domain/company';
import { checkReadingEntry, findBlamedOutliers, READING_FIELD_LABELS, type OutlierFlag } from './checks';
import { compareEnergyTypes } from './energyTypes';
import { computeTce, monthsOfYear, type EnergyReading, type EnergySettings, type LedgerMonth } from './ledger';
import { readGridCell } from './gridPaste';

/*
 * The 12-month entry grid of one site and year: one row per energy type, IT flag and unit, one
 * cell per month. Every changed cell goes through the dialog's own check (checkReadingEntry), and
 * the changed months together through the import's outlier rule (findBlamedOutliers), so the grid
 * refuses what the dialog refuses with the same Chinese words. Nothing here stores anything.
 */

export interface GridSeries {
  readonly energyType: string;
  readonly unit: string;
  readonly isItEquipment: boolean;
}

export interface GridRow {
  readonly series: GridSeries;
  /** Twelve texts, January to December, as typed or pasted. */
  readonly cells: readonly string[];
}

export interface GridContext {
  readonly companyId: string;
  /** null: 企业整体（未分场所）. */
  readonly siteId: string | null;
  readonly year: number;
  readonly stores: readonly Store[];
  /** The company's stored readings (all years: neighbours may lie in the next or previous year). */
  readonly existing: readonly EnergyReading[];
  readonly settings: EnergySettings;
  readonly newId: () => string;
  readonly currentMonth: LedgerMonth;
}

export type GridCellCheck =
  | { readonly status: 'empty' }
  | { readonly status: 'unchanged'; readonly stored: EnergyReading }
  | { readonly status: 'refused'; readonly messages: readonly string[] }
  /** A valid new or corrected month; `outliers` non-empty means it waits for the officer's confirmation. */
  | { readonly status: 'valid'; readonly reading: EnergyReading; readonly outliers: readonly OutlierFlag[]; readonly stored: EnergyReading | null };

export interface GridCheck {
  /** Same shape as the rows: [row][month index]. */
  readonly cells: readonly (readonly GridCellCheck[])[];
  /** Valid changed months, in row and month order. */
  readonly valid: readonly EnergyReading[];
  readonly refusedCount: number;
  readonly outlierCount: number;
}

export function seriesKey(s: GridSeries): string {
  return JSON.stringify([s.energyType, s.isItEquipment, s.unit]);
}

export function seriesLabel(s: GridSeries): string {
  return `${s.energyType}${s.isItEquipment ? '（IT 设备）' : ''}（${s.unit}）`;
}

function storedOf(context: Pick<GridContext, 'companyId' | 'siteId' | 'existing'>, series: GridSeries, month: string): EnergyReading | null {
  return context.existing.find((r) =>
    r.companyId === context.companyId && r.siteId === context.siteId && r.month === month &&
    r.energyType === series.energyType && r.isItEquipment === series.isItEquipment && r.unit === series.unit,
  ) ?? null;
}

/** The text a stored month shows in the grid: its amount as a plain number, so a copy back to Excel stays a number. */
function storedCellText(reading: EnergyReading | null): string {
  return reading ? String(reading.amount) : '';
}

/**
 * The rows a site's grid opens with: every energy type, IT flag and unit the site has in the year,
 * else those it used in any year (latest unit first), else electricity in `defaultUnit`; each row
 * filled with the stored months.
 */
export function initialGridRows(context: Pick<GridContext, 'companyId' | 'siteId' | 'year' | 'existing'>, defaultUnit: string): GridRow[] {
  const ofSite = context.existing.filter((r) => r.companyId === context.companyId && r.siteId === context.siteId);
  const ofYear = ofSite.filter((r) => r.month.startsWith(`${context.year}-`));
  const source = ofYear.length > 0 ? ofYear : [...ofSite].sort((a, b) => b.month.localeCompare(a.month));
  const series = new Map<string, GridSeries>();
  for (const r of source) {
    const s = { energyType: r.energyType, unit: r.unit, isItEquipment: r.isItEquipment };
    // From other years only one unit per energy type: the latest one used.
    const isTaken = ofYear.length === 0 && [...series.values()].some((t) => t.energyType === s.energyType && t.isItEquipment === s.isItEquipment);
    if (!isTaken && !series.has(seriesKey(s))) series.set(seriesKey(s), s);
  }
  const list = series.size > 0 ? [...series.values()] : [{ energyType: '电力', unit: defaultUnit, isItEquipment: false }];
  list.sort((a, b) => compareEnergyTypes(a.energyType, b.energyType) || Number(a.isItEquipment) - Number(b.isItEquipment) || a.unit.localeCompare(b.unit));
  return list.map((s) => ({ series: s, cells: monthsOfYear(context.year).map((m) => storedCellText(storedOf(context, s, m))) }));
}

/** Checks every cell of the grid against the ledger; see the file comment. */
export function checkGrid(rows: readonly GridRow[], context: GridContext): GridCheck {
  const months = monthsOfYear(context.year);
  const seen = new Set<string>();
  const cells: GridCellCheck[][] = rows.map((row) => {
    const key = seriesKey(row.series);
    const isRepeated = seen.has(key);
    seen.add(key);
    return months.map((month, i): GridCellCheck => {
      const text = (row.cells[i] ?? '').trim();
      const stored = storedOf(context, row.series, month);
      const value = readGridCell(text);
      if (value.kind === 'empty') {
        if (!stored) return { status: 'empty' };
        return { status: 'refused', messages: [`${READING_FIELD_LABELS.amount}：该月已有记录（${stored.amount} ${stored.unit}），清空不会删除；如需删除，请在月度台账中打开该月记录删除`] };
      }
      if (stored && value.kind === 'number' && value.value === stored.amount) return { status: 'unchanged', stored };
      if (isRepeated) return { status: 'refused', messages: [`${READING_FIELD_LABELS.energyType}：${seriesLabel(row.series)}在表中已有一行，请在那一行填写`] };
      const check = checkReadingEntry(
        {
          id: stored?.id ?? null,
          siteId: context.siteId,
          month,
          energyType: row.series.energyType,
          amount: text,
          unit: row.series.unit,
          isItEquipment: row.series.isItEquipment,
          documentId: stored?.documentId ?? null,
          note: stored?.note ?? '',
        },
        {
          companyId: context.companyId, stores: context.stores, existing: context.existing, settings: context.settings, newId: context.newId,
          entryMethod: stored?.entryMethod ?? '手工录入', currentMonth: context.currentMonth,
        },
      );
      if (check.status === 'refused') return { status: 'refused', messages: check.issues.map((issue) => issue.message) };
      // A correction keeps the coefficient the month was computed with, as in the dialog.
      const reading = stored && stored.energyType === check.reading.energyType && stored.unit === check.reading.unit
        ? { ...check.reading, conversion: stored.conversion, coefficient: stored.coefficient, tce: computeTce(check.reading.amount, stored.conversion, stored.coefficient) }
        : check.reading;
      return { status: 'valid', reading, outliers: [], stored };
    });
  });

  // The changed months are judged together, as an import is: a one-month spike flags that month only.
  const candidates = cells.flat().flatMap((c) => (c.status === 'valid' ? [c.reading] : []));
  const flags = findBlamedOutliers(candidates, context.existing);
  const judged = cells.map((row) => row.map((c): GridCellCheck => (c.status === 'valid' ? { ...c, outliers: flags.get(c.reading.id) ?? [] } : c)));
  const flat = judged.flat();
  return {
    cells: judged,
    valid: flat.flatMap((c) => (c.status === 'valid' ? [c.reading] : [])),
    refusedCount: flat.filter((c) => c.status === 'refused').length,
    outlierCount: flat.filter((c) => c.status === 'valid' && c.outliers.length > 0).length,
  };
}
