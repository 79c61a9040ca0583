import type { EnergySettings } from '../../../shared/energy/ledger';
import type { EnergyAttachment } from '../../storage/records';
import { useStoredQuery } from '../../storage/repositories';

/*
 * Live views of the energy tables the company record does not carry (settings, attachment
 * names). The readings, trainings and submissions come with the record (COMPANY_CHILD_TABLES).
 * `undefined` means "still loading".
 */

export function useEnergySettings(companyId: string): EnergySettings | undefined {
  return useStoredQuery((repositories) => repositories.getEnergySettings(companyId), [companyId]);
}

export type AttachmentInfo = Omit<EnergyAttachment, 'blob'>;

export function useAttachmentInfo(ids: readonly (string | null)[]): ReadonlyMap<string, AttachmentInfo> | undefined {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))].sort();
  const key = wanted.join('|');
  return useStoredQuery((repositories) => repositories.describeEnergyAttachments(key === '' ? [] : key.split('|')), [key]);
}
