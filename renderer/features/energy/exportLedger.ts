import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { buildEnergyWorkbook } from '../../../shared/energy/energyWorkbook';
import type { EnergySettings } from '../../../shared/energy/ledger';
import { platform } from '../../platform/platform';

/** `2026-11-26 10:30` in local time, as the workbook's 生成时间. */
function localTimestamp(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** File name that says what it is, and that it is the company's own ledger. */
function ledgerFileName(companyName: string, year: number): string {
  return `${companyName}-${year}年能源消费台账（企业内部台账）.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
}

/**
 * The year's ledger as .xlsx (sheets per site with formulas, 汇总, trainings), saved where the
 * user chooses. Resolves false when they cancel; throws with the domain's Chinese message when
 * there is nothing to export.
 */
export async function exportLedgerWorkbook(record: CompanyRecord, settings: EnergySettings, year: number, now = new Date()): Promise<boolean> {
  const built = await buildEnergyWorkbook({
    company: record.company,
    stores: record.stores,
    people: record.people,
    readings: record.energyReadings ?? [],
    trainings: record.energyTrainings ?? [],
    settings,
    year,
    generatedAt: localTimestamp(now),
  });
  if (!built.ok) throw new Error(built.error.message);
  return platform.saveFile(ledgerFileName(record.company.name, year), built.value, [{ name: 'Excel 工作簿', extensions: ['xlsx'] }]);
}
