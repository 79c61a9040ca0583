import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TableRows } from './fixtureRows';
import { dumpFixture } from './migrationFixture';

/*
 * What every build script from version 2 on (buildVNFixture.ts) does around its own stores and
 * rows. A script calls it once, while its version is current; the fixture it writes is frozen from
 * the day the version ships. buildV1Fixture.ts predates this file and writes v1.json its own way
 * (no `files`), so it stays as it was.
 */

type Stores = Readonly<Record<string, string>>;

/** A Dexie on fake-indexeddb that declares only `version`, as the installed app of that version did; not opened yet. */
export function declaringOnly(name: string, version: number, stores: Stores): Dexie {
  const db = new Dexie(name);
  db.version(version).stores({ ...stores });
  return db;
}

/** Adds `rows` table by table in one transaction, through whatever middleware `db` uses. */
export async function addRows(db: Dexie, rows: TableRows): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const [table, tableRows] of Object.entries(rows)) await db.table(table).bulkAdd([...tableRows]);
  });
}

/**
 * Writes fixtures/v{version}.json: `fill` puts the version's rows into an open, empty database
 * that declares only `version` with `stores` (the caller's literal copy of what shipped). It may
 * close that connection and hand back another one on the same database (e.g. with the version's
 * middleware) to be dumped instead. Fails, writing nothing, when a table has no rows: every table
 * of a fixture must have some, or the upgrade of that table goes untested.
 */
export async function buildFixture(version: number, stores: Stores, fill: (db: Dexie) => Promise<Dexie | void>): Promise<void> {
  const empty = declaringOnly(`v${version}-fixture`, version, stores);
  await empty.open();
  const db = (await fill(empty)) ?? empty;
  const fixture = await dumpFixture(db, version, stores);
  db.close();
  empty.close();
  const unfilled = Object.keys(stores).filter((table) => (fixture.tables[table]?.length ?? 0) === 0);
  if (unfilled.length > 0) throw new Error(`every table must have rows; empty: ${unfilled.join(', ')}`);
  const out = path.join(import.meta.dirname, 'fixtures', `v${version}.json`);
  writeFileSync(out, `${JSON.stringify(fixture, null, 1)}\n`);
  console.log(`${out}: ${Object.entries(fixture.tables).map(([t, r]) => `${t} ${r.length}`).join(', ')}, ${fixture.files?.length ?? 0} files`);
}
