import { companyEventSchema, companySchema, licenceSchema, personSchema, storeSchema, vehicleSchema, type Company, type CompanyEvent, type Licence, type Person, type Store, type Vehicle } from '../../shared/domain/company';
import type { CompanyRecord } from '../../shared/domain/companyRecord';
import type { Table } from 'dexie';
import { COMPANY_CHILD_TABLES, type WorkbenchDatabase } from './workbenchDatabase';
import { newId } from './newId';

/**
 * Reads and writes of the company workspace. Every multi-table change runs in one Dexie
 * transaction, so a failure half-way leaves the store exactly as it was.
 */

export type CompanyInput = Omit<Company, 'id' | 'createdAt' | 'updatedAt'>;
export type ChildKind = (typeof COMPANY_CHILD_TABLES)[number];

/** A blank company with every field at its schema default. */
export function blankCompanyInput(name = ''): CompanyInput {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = companySchema.parse({ id: 'x', name: name || 'x', createdAt: '', updatedAt: '' });
  return { ...rest, name };
}

export async function listCompanies(db: WorkbenchDatabase): Promise<Company[]> {
  const companies = await db.companies.toArray();
  return companies.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The company table plus every table in COMPANY_CHILD_TABLES, for whole-record transactions. */
function recordTables(db: WorkbenchDatabase): Table[] {
  return [db.companies, ...COMPANY_CHILD_TABLES.map((t) => db[t])] as Table[];
}

/**
 * Reads every child table listed in COMPANY_CHILD_TABLES under the CompanyRecord key of the
 * same name, so a table added there by a later schema version is read, exported, imported and
 * cascaded without touching this file.
 */
/** Every company's id, without reading the companies. */
export async function listCompanyIds(db: WorkbenchDatabase): Promise<string[]> {
  return db.companies.toCollection().primaryKeys();
}

export async function getCompanyRecord(db: WorkbenchDatabase, companyId: string): Promise<CompanyRecord | null> {
  return db.transaction('r', recordTables(db), async () => {
    const company = await db.companies.get(companyId);
    if (!company) return null;
    const parts = await Promise.all(
      COMPANY_CHILD_TABLES.map(async (table) => [table, await db[table].where('companyId').equals(companyId).toArray()] as const),
    );
    // Each table holds the entity type of the record key with its name (see COMPANY_CHILD_TABLES).
    return { company, ...Object.fromEntries(parts) } as unknown as CompanyRecord;
  });
}

export async function getAllCompanyRecords(db: WorkbenchDatabase): Promise<CompanyRecord[]> {
  const companies = await listCompanies(db);
  const records: CompanyRecord[] = [];
  for (const company of companies) {
    const record = await getCompanyRecord(db, company.id);
    if (record) records.push(record);
  }
  return records;
}

export interface CompanyCounts {
  readonly people: number;
  readonly licences: number;
  readonly vehicles: number;
  readonly stores: number;
  readonly events: number;
}

export async function countCompanyChildren(db: WorkbenchDatabase, companyId: string): Promise<CompanyCounts> {
  const [people, licences, vehicles, stores, events] = await Promise.all([
    db.people.where('companyId').equals(companyId).count(),
    db.licences.where('companyId').equals(companyId).count(),
    db.vehicles.where('companyId').equals(companyId).count(),
    db.stores.where('companyId').equals(companyId).count(),
    db.events.where('companyId').equals(companyId).count(),
  ]);
  return { people, licences, vehicles, stores, events };
}

/** Creates a company; the input is validated by the domain schema so nothing malformed is stored. */
export async function createCompany(db: WorkbenchDatabase, input: CompanyInput, now = new Date()): Promise<Company> {
  const stamp = now.toISOString();
  const company = companySchema.parse({ ...input, id: newId(), createdAt: stamp, updatedAt: stamp });
  await db.companies.add(company);
  return company;
}

export async function updateCompany(db: WorkbenchDatabase, company: Company, now = new Date()): Promise<Company> {
  const next = companySchema.parse({ ...company, updatedAt: now.toISOString() });
  await db.transaction('rw', db.companies, async () => {
    if (!(await db.companies.get(company.id))) throw new Error(`企业 ${company.name} 已不存在，可能已被删除`);
    await db.companies.put(next);
  });
  return next;
}

/** A value a user gave to a knowledge-base question; see Company.answers. */
export type CompanyAnswer = boolean | number | string;

/**
 * Saves the user's answer to one knowledge-base question (company.answers[key]); null removes it.
 * Reads and writes the stored row in one transaction, so an answer never overwrites another
 * field edited meanwhile (the page's copy of the company may be a moment old).
 */
export async function saveCompanyAnswer(
  db: WorkbenchDatabase, companyId: string, key: string, value: CompanyAnswer | null, now = new Date(),
): Promise<void> {
  await db.transaction('rw', db.companies, async () => {
    const company = await db.companies.get(companyId);
    if (!company) throw new Error('企业已不存在，可能已被删除');
    const answers = { ...company.answers };
    if (value === null) delete answers[key];
    else answers[key] = value;
    await db.companies.put(companySchema.parse({ ...company, answers, updatedAt: now.toISOString() }));
  });
}

/**
 * Records that the officer overturned (or restored) a presumption for one company: the key goes
 * into company.overturnedPresumptions with the moment it was overturned, so the decision is kept
 * with the company and travels in workspace exports and backups. Read and written in one
 * transaction, like saveCompanyAnswer, so no concurrent edit of the company is lost.
 */
export async function setPresumptionOverturned(
  db: WorkbenchDatabase, companyId: string, keys: readonly string[], isOverturned: boolean, now = new Date(),
): Promise<void> {
  await db.transaction('rw', db.companies, async () => {
    const company = await db.companies.get(companyId);
    if (!company) throw new Error('企业已不存在，可能已被删除');
    const overturned = { ...(company.overturnedPresumptions ?? {}) };
    for (const key of keys) {
      if (isOverturned) overturned[key] = now.toISOString();
      else delete overturned[key];
    }
    await db.companies.put(companySchema.parse({ ...company, overturnedPresumptions: overturned, updatedAt: now.toISOString() }));
  });
}

/**
 * Every table other than companies whose primary key or an index is `companyId`: the rows a
 * company owns. Found from the schema, so a table a later version adds (deadline tracking,
 * documents, energy settings and files) is cascaded without being listed here.
 */
export function companyOwnedTables(db: WorkbenchDatabase): Table[] {
  return db.tables.filter(
    (t) =>
      t.name !== 'companies' &&
      !KEPT_ON_COMPANY_DELETE.has(t.name) &&
      (t.schema.primKey.keyPath === 'companyId' || t.schema.indexes.some((i) => i.keyPath === 'companyId')),
  );
}

/**
 * Tables keyed by companyId that must outlive the company. Add a table here deliberately;
 * everything else is cascaded. The change log stays: it records the deletion itself, and it is
 * append-only (auditMiddleware.ts refuses to delete from it).
 */
const KEPT_ON_COMPANY_DELETE: ReadonlySet<string> = new Set<string>(['changeLog']);

/** Deletes a company and everything it owns (every companyOwnedTables row), in one transaction. */
export async function deleteCompany(db: WorkbenchDatabase, companyId: string): Promise<void> {
  const owned = companyOwnedTables(db);
  await db.transaction('rw', [db.companies, ...owned], async () => {
    for (const table of owned) await table.where('companyId').equals(companyId).delete();
    await db.companies.delete(companyId);
  });
}

async function deleteChildrenOf(db: WorkbenchDatabase, companyId: string): Promise<void> {
  for (const table of COMPANY_CHILD_TABLES) {
    await db[table].where('companyId').equals(companyId).delete();
  }
}

/** Marks the owning company as changed, so lists sorted by updatedAt and exports see it. */
async function touchCompany(db: WorkbenchDatabase, companyId: string): Promise<void> {
  const updated = await db.companies.update(companyId, { updatedAt: new Date().toISOString() });
  if (updated === 0) throw new Error('所属企业已不存在，可能已被删除');
}

type ChildInput<T extends { id: string; companyId: string }> = Omit<T, 'id'> & { id?: string };

async function saveChild<T extends { id: string; companyId: string }>(
  db: WorkbenchDatabase,
  table: ChildKind,
  schema: { parse(value: unknown): T },
  input: ChildInput<T>,
): Promise<T> {
  const entity = schema.parse({ ...input, id: input.id ?? newId() });
  await db.transaction('rw', [db.companies, db[table]], async () => {
    await touchCompany(db, entity.companyId);
    // The table type is a union over the child tables; the schema guarantees the entity matches it.
    await (db[table] as unknown as { put(value: T): Promise<unknown> }).put(entity);
  });
  return entity;
}

export const savePerson = (db: WorkbenchDatabase, input: ChildInput<Person>) => saveChild(db, 'people', personSchema, input);
export const saveLicence = (db: WorkbenchDatabase, input: ChildInput<Licence>) => saveChild(db, 'licences', licenceSchema, input);
export const saveVehicle = (db: WorkbenchDatabase, input: ChildInput<Vehicle>) => saveChild(db, 'vehicles', vehicleSchema, input);
export const saveStore = (db: WorkbenchDatabase, input: ChildInput<Store>) => saveChild(db, 'stores', storeSchema, input);
export const saveEvent = (db: WorkbenchDatabase, input: ChildInput<CompanyEvent>) => saveChild(db, 'events', companyEventSchema, input);

/**
 * Deletes one child record and clears references to it (a person's store, an event's subject),
 * so nothing points at a record that no longer exists.
 */
export async function deleteChild(db: WorkbenchDatabase, table: ChildKind, id: string): Promise<void> {
  await db.transaction('rw', recordTables(db), async () => {
    const entity = await db[table].get(id);
    if (!entity) return;
    await db[table].delete(id);
    await db.events.where('companyId').equals(entity.companyId).filter((e) => e.subjectId === id).modify({ subjectId: null });
    if (table === 'stores') {
      await db.people.where('companyId').equals(entity.companyId).filter((p) => p.storeId === id).modify({ storeId: null });
      await db.people.where('companyId').equals(entity.companyId).filter((p) => p.practiceStoreId === id).modify({ practiceStoreId: null });
      await db.licences.where('companyId').equals(entity.companyId).filter((l) => l.storeId === id).modify({ storeId: null });
    }
    await touchCompany(db, entity.companyId);
  });
}

export type ImportConflictMode = 'merge' | 'replace';

export interface ImportProgress {
  readonly done: number;
  readonly total: number;
}

export interface ImportSummary {
  readonly companies: number;
  readonly added: number;
  readonly replaced: number;
  readonly merged: number;
}

/** Rows per bulkPut: small enough that progress moves, large enough to be fast. */
const IMPORT_CHUNK = 500;

/**
 * Writes validated company records in ONE transaction: any failure (quota, a constraint, a bug)
 * aborts the whole import and leaves the store untouched.
 * - replace: a company with the same id loses its stored records and gets the file's.
 * - merge: the file's records are written over stored ones with the same id; others are kept.
 */
export async function importCompanyRecords(
  db: WorkbenchDatabase,
  records: readonly CompanyRecord[],
  mode: ImportConflictMode,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const childRows = (record: CompanyRecord, table: ChildKind): readonly unknown[] =>
    (record as unknown as Partial<Record<ChildKind, readonly unknown[]>>)[table] ?? [];
  const total = records.reduce((n, r) => n + 1 + COMPANY_CHILD_TABLES.reduce((m, t) => m + childRows(r, t).length, 0), 0);
  let done = 0;
  const advance = (rows: number) => {
    done += rows;
    onProgress?.({ done, total });
  };
  let added = 0;
  let replaced = 0;
  let merged = 0;
  await db.transaction('rw', recordTables(db), async () => {
    for (const record of records) {
      const existing = await db.companies.get(record.company.id);
      if (!existing) added++;
      else if (mode === 'replace') {
        replaced++;
        await deleteChildrenOf(db, record.company.id);
      } else merged++;
      await db.companies.put(record.company);
      advance(1);
      for (const table of COMPANY_CHILD_TABLES) {
        // Rows were validated by the workspace schema of their record key, which matches the table.
        const target = db[table] as unknown as Table<unknown>;
        await putInChunks(childRows(record, table), (chunk) => target.bulkPut(chunk), advance);
      }
    }
  });
  return { companies: records.length, added, replaced, merged };
}

async function putInChunks<T>(rows: readonly T[], put: (chunk: T[]) => Promise<unknown>, advance: (n: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
    const chunk = rows.slice(i, i + IMPORT_CHUNK);
    await put(chunk);
    advance(chunk.length);
  }
}

/** Ids among `companyIds` that are already stored, for the merge/replace question. */
export async function findStoredCompanies(db: WorkbenchDatabase, companyIds: readonly string[]): Promise<Company[]> {
  const found = await db.companies.bulkGet([...companyIds]);
  return found.filter((c): c is Company => c !== undefined);
}

export async function getSetting<T>(db: WorkbenchDatabase, key: string): Promise<T | undefined> {
  const row = await db.settings.get(key);
  return row?.value as T | undefined;
}

export async function putSetting(db: WorkbenchDatabase, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}
