import type { AuditedTable, ChangeLogEntry } from '../../shared/history/changeLog';
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
