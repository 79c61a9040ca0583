import { useLiveQuery } from 'dexie-react-hooks';
import type { Company } from '../../shared/domain/company';
import type { CompanyRecord } from '../../shared/domain/companyRecord';
import { countCompanyChildren, getCompanyRecord, getSetting, listCompanies, listCompanyIds, type CompanyCounts } from './companyRepository';
import { appDb } from './connections';

/**
 * Live views of the store the app shell needs from its first screen: each re-renders when the
 * tables it read change (also from another window). `undefined` always means "still loading".
 * They read through companyRepository.ts directly rather than repositories.ts, which binds every
 * repository and would bring them all into the first load; features use useStoredQuery().
 */

export function useCompanies(): Company[] | undefined {
  return useLiveQuery(() => listCompanies(appDb), []);
}

/** null: no such company (deleted or never existed). */
export function useCompanyRecord(companyId: string | null): CompanyRecord | null | undefined {
  return useLiveQuery(async () => (companyId === null ? null : getCompanyRecord(appDb, companyId)), [companyId]);
}

export function useCompanyCounts(): ReadonlyMap<string, CompanyCounts> | undefined {
  return useLiveQuery(async () => {
    const companies = await listCompanyIds(appDb);
    const entries = await Promise.all(companies.map(async (id) => [id, await countCompanyChildren(appDb, id)] as const));
    return new Map(entries);
  }, []);
}

export function useSetting<T>(key: string): { readonly isLoaded: boolean; readonly value: T | undefined } {
  const row = useLiveQuery(async () => ({ value: await getSetting<T>(appDb, key) }), [key]);
  return { isLoaded: row !== undefined, value: row?.value };
}
