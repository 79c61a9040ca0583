import Dexie, { type Table } from 'dexie';
import { markRestoring } from './auditMiddleware';
import { companyOwnedTables, type ChildKind } from './companyRepository';
import type { WorkbenchDatabase } from './workbenchDatabase';

/*
 * Deleting with 撤销 (issue 17, point 10). A deletion reads every row it is about to remove, and
 * every reference it is about to clear, in the SAME transaction as the delete, and hands that
 * snapshot back. Undo writes the snapshot back in ONE transaction: if any row cannot be put back
 * exactly (its id was taken again, its company is gone, the vault is locked), nothing is written
 * and the officer is told why, so an undo never half-restores. The snapshot lives in memory only,
 * for as long as the 撤销 message is shown; the change log keeps both the deletion and the restore.
 */

/** A reference field a deletion set to null, so undo can point it back. */
interface ClearedReference {
  readonly table: string;
  readonly id: string;
  readonly field: string;
  readonly value: string;
}

/** A document id a deletion took out of a checklist material's documentIds. */
interface ClearedChecklistLink {
  readonly stateId: string;
  readonly materialKey: string;
  readonly documentId: string;
}

export interface DeletionSnapshot {
  /** What was deleted, in Chinese, for the message (企业“…”, 车辆 京A12345). */
  readonly label: string;
  /** The company the rows belong to; a child restore needs it to still exist. */
  readonly companyId: string;
  /** True when the company itself was deleted (its row is among `rows`). */
  readonly isCompany: boolean;
  /** Every deleted row, by table, exactly as read through the app's connection. */
  readonly rows: ReadonlyArray<{ readonly table: string; readonly rows: readonly unknown[] }>;
  readonly clearedReferences: readonly ClearedReference[];
  readonly clearedChecklistLinks: readonly ClearedChecklistLink[];
}

export class UndoError extends Error {
  override readonly name = 'UndoError';
}

function tableOf(db: WorkbenchDatabase, name: string): Table<Record<string, unknown>, unknown> {
  return db.table(name);
}

/** Deletes a company and everything it owns (as deleteCompany does), returning what it deleted. */
export async function deleteCompanyForUndo(db: WorkbenchDatabase, companyId: string): Promise<DeletionSnapshot> {
  const owned = companyOwnedTables(db);
  return db.transaction('rw', [db.companies, ...owned], async () => {
    const company = await db.companies.get(companyId);
    if (!company) throw new UndoError('该企业已不存在，可能已被删除');
    const rows: { table: string; rows: unknown[] }[] = [{ table: 'companies', rows: [company] }];
    for (const table of owned) {
      const found = await table.where('companyId').equals(companyId).toArray();
      if (found.length > 0) rows.push({ table: table.name, rows: found });
      await table.where('companyId').equals(companyId).delete();
    }
    await db.companies.delete(companyId);
    return { label: `企业“${company.name}”`, companyId, isCompany: true, rows, clearedReferences: [], clearedChecklistLinks: [] };
  });
}

/** The reference fields that point at a child of each kind: deleting it clears them. */
const REFERENCES_TO: Readonly<Partial<Record<ChildKind, ReadonlyArray<{ table: ChildKind; field: string }>>>> = {
  stores: [
    { table: 'people', field: 'storeId' },
    { table: 'people', field: 'practiceStoreId' },
    { table: 'licences', field: 'storeId' },
  ],
};

/**
 * Deletes one child record (as deleteChild does: events about it and, for a store, the people
 * and licences placed there lose the reference) and returns what it deleted and cleared.
 */
export async function deleteChildForUndo(db: WorkbenchDatabase, table: ChildKind, id: string, label: string): Promise<DeletionSnapshot> {
  const references = [{ table: 'events' as ChildKind, field: 'subjectId' }, ...(REFERENCES_TO[table] ?? [])];
  const tables = [...new Set(['companies', table, ...references.map((r) => r.table)])].map((name) => tableOf(db, name));
  return db.transaction('rw', tables, async () => {
    const entity = await tableOf(db, table).get(id);
    if (!entity) throw new UndoError(`${label}已不存在，可能已被删除`);
    const companyId = String(entity.companyId);
    const cleared: ClearedReference[] = [];
    for (const ref of references) {
      const pointing = await tableOf(db, ref.table).where('companyId').equals(companyId).filter((row) => row[ref.field] === id).toArray();
      for (const row of pointing) {
        cleared.push({ table: ref.table, id: String(row.id), field: ref.field, value: id });
        await tableOf(db, ref.table).update(row.id, { [ref.field]: null });
      }
    }
    await tableOf(db, table).delete(id);
    await touchCompany(db, companyId);
    return { label, companyId, isCompany: false, rows: [{ table, rows: [entity] }], clearedReferences: cleared, clearedChecklistLinks: [] };
  });
}

/** Deletes a document with its file and checklist links (as deleteDocument does), returning them. */
export async function deleteDocumentForUndo(db: WorkbenchDatabase, id: string, label: string): Promise<DeletionSnapshot> {
  return db.transaction('rw', [db.documents, db.documentFiles, db.checklistStates], async () => {
    const document = await db.documents.get(id);
    if (!document) throw new UndoError(`${label}已不存在，可能已被删除`);
    const file = await db.documentFiles.get(id);
    const links: ClearedChecklistLink[] = [];
    const states = await db.checklistStates.where('companyId').equals(document.companyId).toArray();
    for (const state of states) {
      const keys = Object.entries(state.materials).filter(([, m]) => m.documentIds.includes(id)).map(([k]) => k);
      if (keys.length === 0) continue;
      for (const materialKey of keys) links.push({ stateId: state.id, materialKey, documentId: id });
      const materials = Object.fromEntries(Object.entries(state.materials).map(([k, m]) => [k, { ...m, documentIds: m.documentIds.filter((d) => d !== id) }]));
      await db.checklistStates.put({ ...state, materials });
    }
    await db.documents.delete(id);
    await db.documentFiles.delete(id);
    const rows = [{ table: 'documents', rows: [document] }, ...(file ? [{ table: 'documentFiles', rows: [file] }] : [])];
    return { label, companyId: document.companyId, isCompany: false, rows, clearedReferences: [], clearedChecklistLinks: links };
  });
}

async function touchCompany(db: WorkbenchDatabase, companyId: string): Promise<void> {
  const updated = await db.companies.update(companyId, { updatedAt: new Date().toISOString() });
  if (updated === 0) throw new UndoError('所属企业已不存在，可能已被删除');
}

function primaryKeyOf(table: Table, row: unknown): unknown {
  const keyPath = table.schema.primKey.keyPath;
  if (typeof keyPath !== 'string') throw new UndoError('内部错误：复合主键的表不能撤销删除');
  return (row as Record<string, unknown>)[keyPath];
}

/**
 * Puts back everything a deletion removed, in one transaction, logged in the change history as
 * 撤销删除. Refuses (writing nothing) when any deleted row's id is in use again or, for a child,
 * when its company no longer exists. References cleared by the deletion are pointed back only
 * where they are still empty, so an edit made in between is not overwritten.
 */
export async function restoreDeletion(db: WorkbenchDatabase, snapshot: DeletionSnapshot): Promise<void> {
  const names = new Set<string>(['companies', ...snapshot.rows.map((r) => r.table), ...snapshot.clearedReferences.map((r) => r.table)]);
  if (snapshot.clearedChecklistLinks.length > 0) names.add('checklistStates');
  const tables = [...names].map((name) => tableOf(db, name));
  await db.transaction('rw', tables, async () => {
    const trans = Dexie.currentTransaction;
    if (trans) markRestoring(trans.idbtrans);
    if (!snapshot.isCompany && !(await db.companies.get(snapshot.companyId))) {
      throw new UndoError(`无法撤销：${snapshot.label}所属的企业已被删除`);
    }
    for (const { table, rows } of snapshot.rows) {
      const target = tableOf(db, table);
      const keys = rows.map((row) => primaryKeyOf(target, row));
      const existing = await target.bulkGet(keys);
      if (existing.some((row) => row !== undefined)) throw new UndoError(`无法撤销：${snapshot.label}已被重新创建或导入`);
    }
    // bulkAdd, not bulkPut: a row that appeared meanwhile aborts the whole restore instead of being overwritten.
    for (const { table, rows } of snapshot.rows) await tableOf(db, table).bulkAdd(rows as Record<string, unknown>[]);
    for (const ref of snapshot.clearedReferences) {
      const row = await tableOf(db, ref.table).get(ref.id);
      if (row && (row[ref.field] === null || row[ref.field] === undefined)) await tableOf(db, ref.table).update(ref.id, { [ref.field]: ref.value });
    }
    for (const link of snapshot.clearedChecklistLinks) {
      const state = await db.checklistStates.get(link.stateId);
      const material = state?.materials[link.materialKey];
      if (!state || !material || material.documentIds.includes(link.documentId)) continue;
      await db.checklistStates.put({ ...state, materials: { ...state.materials, [link.materialKey]: { ...material, documentIds: [...material.documentIds, link.documentId] } } });
    }
    if (!snapshot.isCompany) await touchCompany(db, snapshot.companyId);
  });
}
