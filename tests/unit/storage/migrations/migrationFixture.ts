import Dexie, { type IndexableType } from 'dexie';
import { decodeWorkspace, encodeWorkspace, SCHEMA_TABLE, type WorkspaceTable } from '../../../../renderer/storage/backup/snapshotCodec';

/**
 * A database as an app of one released schema version left it: the version's `stores()`
 * declaration and every row of every table, as JSON. Built once, when the version was current,
 * by a build script beside it (e.g. buildV1Fixture.ts) and never edited afterwards: it stands for
 * the officers' databases that exist out there.
 */
export interface MigrationFixture {
  readonly schemaVersion: number;
  /** Exactly what that version passed to `this.version(n).stores(...)`, cumulated. */
  readonly stores: Readonly<Record<string, string>>;
  /**
   * Rows of every table. Values JSON cannot hold (the Blobs of documentFiles and
   * energyAttachments) are the backup codec's markers (renderer/storage/backup/snapshotCodec.ts),
   * `{ "$cw": "file", "id": "f000001", "kind": "blob", "type": "application/pdf" }`, whose bytes are
   * in `files`. Fixtures of versions without such values (v1) are plain rows.
   */
  readonly tables: Readonly<Record<string, readonly unknown[]>>;
  /** Bytes the rows' file markers point to, base64; empty, or absent (v1), when the version stores none. */
  readonly files?: readonly FixtureFile[];
}

interface FixtureFile {
  readonly id: string;
  readonly base64: string;
}

/** The fixture's rows as IndexedDB holds them: markers turned back into Blobs. */
export function storedRows(fixture: MigrationFixture): Record<string, unknown[]> {
  const decoded = decodeWorkspace({
    schemaVersion: fixture.schemaVersion,
    tables: fixture.tables,
    files: (fixture.files ?? []).map((file) => ({ id: file.id, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) })),
  });
  return Object.fromEntries(Object.entries(decoded.tables).map(([table, { rows }]) => [table, [...rows]]));
}

/**
 * Recreates the fixture in IndexedDB (fake-indexeddb in these tests) with a Dexie instance that
 * declares ONLY the fixture's version, as an installed old app would have created it.
 */
export async function materialize(fixture: MigrationFixture, name: string): Promise<void> {
  const rows = storedRows(fixture);
  const old = new Dexie(name);
  old.version(fixture.schemaVersion).stores({ ...fixture.stores });
  await old.open();
  try {
    await old.transaction('rw', old.tables, async () => {
      for (const [table, tableRows] of Object.entries(rows)) await old.table(table).bulkAdd(tableRows);
    });
  } finally {
    old.close();
  }
}

/** Rows of every table, in primary-key order. */
export async function dumpTables(db: Dexie): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) out[table.name] = await table.toArray();
  });
  return out;
}

function tableSchema(spec: string): WorkspaceTable['schema'] {
  const [primaryKey = '', ...indexes] = spec.split(',').map((part) => part.trim());
  return { primaryKey, indexes };
}

/**
 * Every table of `db` as a fixture, Blobs encoded by the backup codec (tables in name order, file
 * ids in the order the codec meets the Blobs, so the same rows always give the same JSON). The
 * codec's own schema pseudo-table is left out: `stores` carries the declaration whole.
 */
export async function dumpFixture(db: Dexie, schemaVersion: number, stores: Readonly<Record<string, string>>): Promise<MigrationFixture> {
  const rows = await dumpTables(db);
  const snapshot = await encodeWorkspace({
    schemaVersion,
    tables: Object.fromEntries(Object.entries(rows).map(([table, tableRows]) => [table, { schema: tableSchema(stores[table] ?? ''), rows: tableRows, keys: null }])),
  });
  const tables = Object.fromEntries(Object.entries(snapshot.tables).filter(([table]) => table !== SCHEMA_TABLE));
  const files = snapshot.files.map((file) => ({ id: file.id, base64: Buffer.from(file.bytes).toString('base64') }));
  return { schemaVersion, stores, tables, files };
}

/**
 * A value with every Blob replaced by its type and bytes, for toEqual: on Blobs themselves it
 * compares size and type only, so a file whose bytes changed would still pass.
 */
export async function comparable(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blob: { type: value.type, size: value.size, base64: Buffer.from(await value.arrayBuffer()).toString('base64') } };
  if (Array.isArray(value)) return Promise.all(value.map(comparable));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = await comparable(item);
  return out;
}

/** One index asked for one key: how many rows the database returns and how many should match. */
export interface IndexAnswer {
  readonly table: string;
  /** As written in `stores()`, primary keys without "++": "id", "seq", "[companyId+month]". */
  readonly index: string;
  /** The first row's value for the index; null when no row has a value IndexedDB can index. */
  readonly key: unknown;
  readonly expected: number;
  readonly actual: number;
}

function isIndexable(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && value.length > 0 && value.every(isIndexable);
}

function indexValue(row: unknown, index: string): unknown {
  const record = (row ?? {}) as Record<string, unknown>;
  return index.startsWith('[') ? index.slice(1, -1).split('+').map((field) => record[field]) : record[index];
}

/**
 * Asks every index and primary key of `stores` for the value the first row of its table has, and
 * counts the rows `rows` says should come back: an index the upgrade lost or left unfilled
 * answers with a different count, or throws.
 */
export async function askEveryIndex(db: Dexie, stores: Readonly<Record<string, string>>, rows: Readonly<Record<string, readonly unknown[]>>): Promise<IndexAnswer[]> {
  const answers: IndexAnswer[] = [];
  for (const [table, spec] of Object.entries(stores)) {
    const tableRows = rows[table] ?? [];
    for (const index of spec.split(',').map((part) => part.trim().replace(/^\+\+/, ''))) {
      const key = tableRows.map((row) => indexValue(row, index)).find(isIndexable) ?? null;
      const expected = key === null ? 0 : tableRows.filter((row) => JSON.stringify(indexValue(row, index)) === JSON.stringify(key)).length;
      const actual = key === null ? 0 : await db.table(table).where(index).equals(key as IndexableType).count();
      answers.push({ table, index, key, expected, actual });
    }
  }
  return answers;
}
