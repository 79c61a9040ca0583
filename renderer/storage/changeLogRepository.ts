import Dexie from 'dexie';
import type { AuditedTable, ChangeLogEntry } from '../../shared/history/changeLog';
import { markChangeSource, type ChangeSourceResolver } from './auditMiddleware';
import type { WorkbenchDatabase } from './workbenchDatabase';

/*
 * Reading the change history (written by auditMiddleware.ts). Read-only on purpose: there is no
 * function here, or anywhere, that edits or deletes an entry.
 */

/** One record's history, newest first. */
export async function listRecordHistory(db: WorkbenchDatabase, table: AuditedTable, entityId: string): Promise<ChangeLogEntry[]> {
  const entries = await db.changeLog.where('[table+entityId]').equals([table, entityId]).toArray();
  return entries.reverse();
}

/** A company's history across all its records, newest first, at most `limit` entries. */
export async function listCompanyHistory(db: WorkbenchDatabase, companyId: string, limit = 500): Promise<ChangeLogEntry[]> {
  return db.changeLog.where('companyId').equals(companyId).reverse().limit(limit).toArray();
}

export async function countCompanyHistory(db: WorkbenchDatabase, companyId: string): Promise<number> {
  return db.changeLog.where('companyId').equals(companyId).count();
}

/** A company's history of one kind of record (say, every 操作记录 rewrite), newest first. */
export async function listCompanyTableHistory(db: WorkbenchDatabase, companyId: string, table: AuditedTable, limit = Infinity): Promise<ChangeLogEntry[]> {
  return db.changeLog.where('[companyId+table]').equals([companyId, table]).reverse().limit(limit).toArray();
}

export async function countCompanyTableHistory(db: WorkbenchDatabase, companyId: string, table: AuditedTable): Promise<number> {
  return db.changeLog.where('[companyId+table]').equals([companyId, table]).count();
}

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
