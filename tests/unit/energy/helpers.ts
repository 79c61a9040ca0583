import type { Store } from '../../../shared/domain/company';
import { defaultEnergySettings, ledgerMonth, type EnergyReading, type EnergySettings } from '../../../shared/energy/ledger';
import { buildReading, type ReadingFields } from '../../../shared/energy/readingConversion';
import type { EnergyUnit } from '../../../shared/energy/units';

export const COMPANY = 'c-1';

export function store(id: string, kind: Store['kind'], name = id, floorAreaSqm: number | null = null): Store {
  return { id, companyId: COMPANY, name, kind, address: '', district: null, operatingSince: null, floorAreaSqm, note: '' };
}

let counter = 0;

/** A stored reading built the way the app builds it (coefficient snapshot and tce included). */
export function reading(
  siteId: string | null,
  month: string,
  energyType: string,
  amount: number,
  unit: EnergyUnit,
  extra: Partial<ReadingFields> = {},
  settings: EnergySettings = defaultEnergySettings(),
): EnergyReading {
  counter++;
  const [y, m] = month.split('-').map(Number);
  const fields: ReadingFields = {
    id: `r-${counter}`, companyId: COMPANY, siteId, month: ledgerMonth(y ?? 0, m ?? 0), energyType, amount, unit,
    isItEquipment: false, documentId: null, note: '', confirmedOutlier: false, entryMethod: '手工录入', ...extra,
  };
  const built = buildReading(fields, settings);
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

let ids = 0;
export const newId = (): string => `new-${++ids}`;
