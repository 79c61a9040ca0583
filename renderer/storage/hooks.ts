import type { Company } from '../../shared/domain/company';
import type { CompanyRecord } from '../../shared/domain/companyRecord';
import type { CompanyCounts } from './companyRepository';
import { useStoredQuery } from './repositories';

/**
 * Live views of the store: each re-renders when the tables it read change (also from another
 * window). `undefined` always means "still loading".
 */

export function useCompanies(): Company[] | undefined {
  return useStoredQuery((repositories) => repositories.listCompanies(), []);
}

/** null: no such company (deleted or never existed). */
export function useCompanyRecord(companyId: string | null): CompanyRecord | null | undefined {
  return useStoredQuery(async (repositories) => (companyId === null ? null : repositories.getCompanyRecord(companyId)), [companyId]);
}

export function useCompanyCounts(): ReadonlyMap<string, CompanyCounts> | undefined {
  return useStoredQuery(async (repositories) => {
    const companies = await repositories.listCompanyIds();
    const entries = await Promise.all(companies.map(async (id) => [id, await repositories.countCompanyChildren(id)] as const));
    return new Map(entries);
  }, []);
}

export function useSetting<T>(key: string): { readonly isLoaded: boolean; readonly value: T | undefined } {
  const row = useStoredQuery(async (repositories) => ({ value: await repositories.getSetting<T>(key) }), [key]);
  return { isLoaded: row !== undefined, value: row?.value };
}
