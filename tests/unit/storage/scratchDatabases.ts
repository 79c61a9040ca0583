import Dexie from 'dexie';
import { afterEach } from 'vitest';

/*
 * What the per-version schema tests share: scratch databases that are closed and deleted after
 * each test, the index names of a table, and the stores version 1 shipped with (the upgrade path
 * starts there; the fixture of record is tests/unit/storage/migrations/fixtures/v1.json).
 */

/** Version 1's stores() declaration, as released. */
export const V1_STORES = {
  companies: 'id, name, uscc, updatedAt',
  people: 'id, companyId',
  licences: 'id, companyId, kind, validTo',
  vehicles: 'id, companyId, plate, [companyId+plate]',
  stores: 'id, companyId',
  events: 'id, companyId, date, kind',
  settings: 'key',
} as const;

/** Index specs of a table as "name" strings, compound ones as "[a+b]", sorted. */
export function indexNames(db: Dexie, table: string): string[] {
  return db.table(table).schema.indexes.map((i) => i.name).sort();
}

export interface ScratchDatabases {
  /** A new database name, deleted after the test. */
  readonly freshName: () => string;
  /** Closes `db` after the test (before its database is deleted). */
  readonly track: <T extends Dexie>(db: T) => T;
}

/** Registers the clean-up; call once at the top of a test file. */
export function scratchDatabases(prefix: string): ScratchDatabases {
  const opened: Dexie[] = [];
  const names: string[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) db.close();
    for (const name of names.splice(0)) await Dexie.delete(name);
  });
  return {
    freshName: () => {
      const name = `${prefix}-${Math.random().toString(36).slice(2)}`;
      names.push(name);
      return name;
    },
    track: (db) => {
      opened.push(db);
      return db;
    },
  };
}
