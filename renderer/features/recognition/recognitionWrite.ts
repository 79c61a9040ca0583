import Dexie from 'dexie';
import type { AuditedTable } from '../../../shared/history/changeLog';
import { markChangeSource, type ChangeSourceResolver } from '../../storage/auditMiddleware';
import type { WorkbenchDatabase } from '../../storage/workbenchDatabase';

/**
 * Runs a write (a repository call) in a transaction over `tables` whose change-history entries
 * carry the recognised scan's source: the repository's own transaction joins this one, so the
 * rows, their entries and the source note commit or roll back together. `documentFiles` (not
 * audited itself) may join, for a document stored with its file beside the facts.
 */
export async function writeWithSource<T>(db: WorkbenchDatabase, tables: readonly (AuditedTable | 'documentFiles')[], resolver: ChangeSourceResolver, write: () => Promise<T>): Promise<T> {
  return db.transaction('rw', tables.map((t) => db.table(t)), async () => {
    const trans = Dexie.currentTransaction;
    if (trans) markChangeSource(trans.idbtrans, resolver);
    return write();
  });
}
