import Dexie from 'dexie';

/**
 * A database as an app of one released schema version left it: the version's `stores()`
 * declaration and every row of every table, as plain JSON. Built once, when the version was
 * current, by a build script beside it (e.g. buildV1Fixture.ts) and never edited afterwards: it
 * stands for the officers' databases that exist out there.
 */
export interface MigrationFixture {
  readonly schemaVersion: number;
  /** Exactly what that version passed to `this.version(n).stores(...)`, cumulated. */
  readonly stores: Readonly<Record<string, string>>;
  readonly tables: Readonly<Record<string, readonly unknown[]>>;
}

/**
 * Recreates the fixture in IndexedDB (fake-indexeddb in these tests) with a Dexie instance that
 * declares ONLY the fixture's version, as an installed old app would have created it.
 */
export async function materialize(fixture: MigrationFixture, name: string): Promise<void> {
  const old = new Dexie(name);
  old.version(fixture.schemaVersion).stores({ ...fixture.stores });
  await old.open();
  try {
    await old.transaction('rw', old.tables, async () => {
      for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkAdd([...rows]);
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
