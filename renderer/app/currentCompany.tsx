import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Company } from '../../shared/domain/company';
import type { CompanyRecord } from '../../shared/domain/companyRecord';
import { useCompanies, useCompanyRecord } from '../storage/hooks';

/**
 * Which company the officer is working on. Every feature page reads it through
 * `useCurrentCompany()` / `useCurrentCompanyRecord()`; the header's switcher and the company
 * pages set it. The choice survives a reload (localStorage).
 */
export interface CurrentCompany {
  /** The selected company's id, or null when there is none (no companies yet). */
  readonly companyId: string | null;
  readonly company: Company | null;
  /** All companies, sorted by name; empty while loading. */
  readonly companies: readonly Company[];
  readonly isLoading: boolean;
  readonly selectCompany: (companyId: string | null) => void;
}

const STORAGE_KEY = 'workbench.currentCompanyId';

const CurrentCompanyContext = createContext<CurrentCompany | null>(null);

function readStoredId(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function CurrentCompanyProvider({ children }: { readonly children: ReactNode }) {
  const companies = useCompanies();
  const [chosenId, setChosenId] = useState<string | null>(readStoredId);

  const selectCompany = useCallback((companyId: string | null) => {
    setChosenId(companyId);
    try {
      if (companyId === null) window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, companyId);
    } catch {
      // Private mode or a full quota: the choice just does not survive a reload.
    }
  }, []);

  const value = useMemo<CurrentCompany>(() => {
    const list = companies ?? [];
    // A deleted or never-chosen company falls back to the first one, so feature pages always
    // have something to show once any company exists.
    const company = list.find((c) => c.id === chosenId) ?? list[0] ?? null;
    return { companyId: company?.id ?? null, company, companies: list, isLoading: companies === undefined, selectCompany };
  }, [companies, chosenId, selectCompany]);

  return <CurrentCompanyContext.Provider value={value}>{children}</CurrentCompanyContext.Provider>;
}

export function useCurrentCompany(): CurrentCompany {
  const value = useContext(CurrentCompanyContext);
  if (!value) throw new Error('useCurrentCompany must be used inside <CurrentCompanyProvider>');
  return value;
}

/** The selected company with all its records, live. undefined while loading, null when none. */
export function useCurrentCompanyRecord(): CompanyRecord | null | undefined {
  const { companyId, isLoading } = useCurrentCompany();
  const record = useCompanyRecord(companyId);
  return isLoading ? undefined : record;
}
