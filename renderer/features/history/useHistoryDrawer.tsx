import { useState, type ReactNode } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { ChangeHistoryDrawer } from './ChangeHistoryDrawer';
import type { HistoryScope } from './useChangeHistory';

/**
 * The change-history drawer for a list: `open` (stable, safe in thousands of rows) shows a
 * scope's history, `drawer` goes once into the list's output. Closing unmounts the drawer, so
 * revealed ID numbers are masked again next time.
 */
export function useHistoryDrawer(record?: CompanyRecord): { readonly open: (scope: HistoryScope) => void; readonly drawer: ReactNode } {
  const [scope, setScope] = useState<HistoryScope | null>(null);
  const drawer = scope === null ? null : <ChangeHistoryDrawer scope={scope} record={record} onClose={() => setScope(null)} />;
  return { open: setScope, drawer };
}
