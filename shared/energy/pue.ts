import { baseAmount, monthsOfYear, type EnergyReading, type LedgerMonth } from './ledger';

/*
 * PUE (电能使用效率) of a data centre = total facility electricity ÷ IT equipment electricity.
 * Both come from the ledger's 电力 readings of the site: the facility total is the non-IT
 * readings (the bill or main meter), the IT energy is the reading flagged isItEquipment (the
 * UPS/PDU sub-meter). Other energy types (diesel for generator tests …) are not part of this
 * electricity ratio; `hasOtherEnergy` tells the UI to say so.
 */

export type PueIssue = 'noData' | 'noItReading' | 'noTotalReading' | 'itExceedsTotal';

export interface MonthlyPue {
  readonly month: LedgerMonth;
  readonly totalKwh: number | null;
  readonly itKwh: number | null;
  /** null when either side is missing or IT is 0. */
  readonly pue: number | null;
  readonly issue: PueIssue | null;
}

export interface AnnualPue {
  readonly year: number;
  /** Sums over the months that have both a total and an IT reading above 0. */
  readonly totalKwh: number;
  readonly itKwh: number;
  /** Σ total ÷ Σ IT over those months: a year's PUE is not the mean of its months'. */
  readonly pue: number | null;
  readonly monthsCounted: readonly LedgerMonth[];
  /** Months with one side only; left out of both sums so they do not skew the ratio. */
  readonly monthsIncomplete: readonly LedgerMonth[];
  readonly hasOtherEnergy: boolean;
}

export const PUE_ISSUE_MESSAGES: Readonly<Record<PueIssue, string>> = {
  noData: '本月未录入电力',
  noItReading: '本月未录入 IT 设备用电，无法计算 PUE',
  noTotalReading: '本月未录入数据中心总用电，无法计算 PUE',
  itExceedsTotal: 'IT 设备用电大于总用电（PUE 小于 1），请核对两块电表的读数',
};

/** PUE from sums; null when there is no IT energy. */
export function pueFromSums(totalKwh: number, itKwh: number): number | null {
  return itKwh > 0 ? totalKwh / itKwh : null;
}

function kwhOf(readings: readonly EnergyReading[]): number | null {
  if (readings.length === 0) return null;
  return readings.reduce((sum, r) => sum + baseAmount(r), 0);
}

/** The site's 电力 readings that PUE uses, in kWh (conversion.toUnit is kWh for every electricity unit). */
function electricity(readings: readonly EnergyReading[], siteId: string): EnergyReading[] {
  return readings.filter((r) => r.siteId === siteId && r.energyType === '电力' && r.conversion.toUnit === 'kWh');
}

export function monthlyPue(readings: readonly EnergyReading[], siteId: string, year: number): MonthlyPue[] {
  const power = electricity(readings, siteId);
  return monthsOfYear(year).map((month) => {
    const ofMonth = power.filter((r) => r.month === month);
    const totalKwh = kwhOf(ofMonth.filter((r) => !r.isItEquipment));
    const itKwh = kwhOf(ofMonth.filter((r) => r.isItEquipment));
    let issue: PueIssue | null = null;
    if (totalKwh === null && itKwh === null) issue = 'noData';
    else if (itKwh === null) issue = 'noItReading';
    else if (totalKwh === null) issue = 'noTotalReading';
    else if (itKwh > totalKwh) issue = 'itExceedsTotal';
    const pue = totalKwh !== null && itKwh !== null ? pueFromSums(totalKwh, itKwh) : null;
    return { month, totalKwh, itKwh, pue, issue };
  });
}

export function annualPue(readings: readonly EnergyReading[], siteId: string, year: number): AnnualPue {
  const months = monthlyPue(readings, siteId, year);
  const counted = months.filter((m) => m.totalKwh !== null && m.itKwh !== null && m.totalKwh > 0 && m.itKwh > 0);
  const incomplete = months.filter((m) => (m.totalKwh === null) !== (m.itKwh === null));
  const totalKwh = counted.reduce((sum, m) => sum + (m.totalKwh ?? 0), 0);
  const itKwh = counted.reduce((sum, m) => sum + (m.itKwh ?? 0), 0);
  const yearPrefix = `${String(year).padStart(4, '0')}-`;
  return {
    year,
    totalKwh,
    itKwh,
    pue: pueFromSums(totalKwh, itKwh),
    monthsCounted: counted.map((m) => m.month),
    monthsIncomplete: incomplete.map((m) => m.month),
    hasOtherEnergy: readings.some((r) => r.siteId === siteId && r.month.startsWith(yearPrefix) && r.energyType !== '电力'),
  };
}
