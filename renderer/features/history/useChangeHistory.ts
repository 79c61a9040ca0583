import { trackingRowId } from '../../../shared/deadlines/trackingRecords';
import type { AuditedTable, ChangeLogEntry } from '../../../shared/history/changeLog';
import { rowOf } from '../../../shared/history/fieldLabels';
import { useStoredQuery, type Repositories } from '../../storage/repositories';

/** Whose history the drawer shows. `title` is the drawer's title. */
export type HistoryScope =
  | { readonly kind: 'record'; readonly table: AuditedTable; readonly entityId: string; readonly title: string }
  /** A duty: its tracking row, its recurring schedule, and any rewrite of its append-only 操作记录. */
  | { readonly kind: 'duty'; readonly companyId: string; readonly dutyKey: string; readonly scheduleKey: string; readonly title: string }
  | { readonly kind: 'company'; readonly companyId: string; readonly title: string };

/** The company view shows this many entries, newest first, and says when there are more. */
export const COMPANY_HISTORY_LIMIT = 500;

export interface ChangeHistory {
  /** Newest first. */
  readonly entries: readonly ChangeLogEntry[];
  /** How many entries match before the limit. */
  readonly total: number;
  /** Duty key → the duty's title, as the tracker recorded it. */
  readonly dutyTitles: ReadonlyMap<string, string>;
}

function keyOf(entry: ChangeLogEntry): string {
  const row = rowOf(entry.after) ?? rowOf(entry.before);
  return typeof row?.key === 'string' ? row.key : '';
}

async function loadEntries(repositories: Repositories, scope: HistoryScope, table: AuditedTable | null): Promise<{ entries: ChangeLogEntry[]; total: number }> {
  switch (scope.kind) {
    case 'record': {
      const entries = await repositories.listRecordHistory(scope.table, scope.entityId);
      return { entries, total: entries.length };
    }
    case 'duty': {
      const trackingId = trackingRowId(scope.companyId, scope.dutyKey);
      const scheduleId = trackingRowId(scope.companyId, scope.scheduleKey);
      const keys = new Set([scope.dutyKey, scope.scheduleKey]);
      // A rewritten or deleted 操作记录 row is found by the duty key inside it: the company's
      // 操作记录 entries are read (only rewrites and deletions are logged, so they are few).
      const [tracking, schedule, rewrites] = await Promise.all([
        repositories.listRecordHistory('dutyTracking', trackingId),
        repositories.listRecordHistory('dutySchedules', scheduleId),
        repositories.listCompanyTableHistory(scope.companyId, 'dutyHistory'),
      ]);
      const entries = [...tracking, ...schedule, ...rewrites.filter((e) => keys.has(keyOf(e)))].sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0));
      return { entries, total: entries.length };
    }
    case 'company': {
      if (table === null) {
        const [entries, total] = await Promise.all([repositories.listCompanyHistory(scope.companyId, COMPANY_HISTORY_LIMIT), repositories.countCompanyHistory(scope.companyId)]);
        return { entries, total };
      }
      const [entries, total] = await Promise.all([
        repositories.listCompanyTableHistory(scope.companyId, table, COMPANY_HISTORY_LIMIT), repositories.countCompanyTableHistory(scope.companyId, table),
      ]);
      return { entries, total };
    }
  }
}

/** Titles of the duties the entries are about, from the tracker's own history (which keeps them). */
async function loadDutyTitles(repositories: Repositories, entries: readonly ChangeLogEntry[]): Promise<Map<string, string>> {
  const duties = entries.filter((e) => e.table === 'dutyTracking' || e.table === 'dutySchedules');
  const companyId = duties[0]?.companyId;
  if (companyId === undefined) return new Map();
  const keys = [...new Set(duties.map(keyOf).filter((k) => k !== ''))];
  const titles = new Map<string, string>();
  // Newest first: the title the duty has now wins.
  for (const h of await repositories.listDutyHistory(companyId, keys)) {
    if (h.dutyTitle !== '' && !titles.has(h.key)) titles.set(h.key, h.dutyTitle);
  }
  return titles;
}

function scopeDeps(scope: HistoryScope): string {
  switch (scope.kind) {
    case 'record': return `record|${scope.table}|${scope.entityId}`;
    case 'duty': return `duty|${scope.companyId}|${scope.dutyKey}|${scope.scheduleKey}`;
    case 'company': return `company|${scope.companyId}`;
  }
}

/** The scope's history, live: a change made while the drawer is open appears in it. undefined while loading. */
export function useChangeHistory(scope: HistoryScope, table: AuditedTable | null): ChangeHistory | undefined {
  // Keyed by the scope's content: callers pass an object literal, whose identity changes on each render.
  return useStoredQuery(async (repositories) => {
    const { entries, total } = await loadEntries(repositories, scope, table);
    return { entries, total, dutyTitles: await loadDutyTitles(repositories, entries) };
  }, [scopeDeps(scope), table]);
}
