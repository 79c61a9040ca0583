import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../../../renderer/storage/db';
import { dumpTables, materialize, type MigrationFixture } from './migrationFixture';

/**
 * A database left by the released schema version 1, opened by the current app: every record of
 * every table is still there, unchanged except for what a later migration is meant to change
 * (listed in `changedByMigrations` below), and the indexes answer queries.
 */

const fixture = JSON.parse(readFileSync(new URL('./fixtures/v1.json', import.meta.url), 'utf8')) as MigrationFixture;

/**
 * What later versions do to version-1 rows, per table: a function giving the row expected after
 * all migrations. Add an entry when a migration rewrites or moves version-1 data; a table
 * dropped on purpose maps to null. Nothing listed: the rows must come through untouched.
 */
const changedByMigrations: Readonly<Record<string, ((row: Record<string, unknown>) => Record<string, unknown>) | null>> = {};

let name = '';
afterEach(async () => {
  await Dexie.delete(name);
});

describe('schema version 1 fixture, upgraded to the current version', () => {
  it('keeps every record of every table', async () => {
    name = `migration-fixture-v1-${Math.random().toString(36).slice(2)}`;
    await materialize(fixture, name);
    const db = new WorkbenchDatabase(name);
    await db.open();
    try {
      expect(db.verno).toBeGreaterThanOrEqual(fixture.schemaVersion);
      const current = await dumpTables(db);
      for (const [table, rows] of Object.entries(fixture.tables)) {
        const change = changedByMigrations[table];
        if (change === null) {
          expect(current[table], `${table} was dropped on purpose`).toBeUndefined();
          continue;
        }
        const expected = rows.map((row) => (change ? change(row as Record<string, unknown>) : row));
        expect(current[table], `table ${table}`).toEqual(expected);
      }
      // Tables added after version 1 start empty: no migration invents records.
      for (const table of Object.keys(current).filter((t) => !(t in fixture.tables))) {
        expect(current[table], `new table ${table}`).toEqual([]);
      }
    } finally {
      db.close();
    }
  });

  it('answers queries through the indexes version 1 declared', async () => {
    name = `migration-fixture-v1-${Math.random().toString(36).slice(2)}`;
    await materialize(fixture, name);
    const db = new WorkbenchDatabase(name);
    await db.open();
    try {
      const vehicles = fixture.tables.vehicles as readonly { companyId: string; plate: string }[];
      const first = vehicles[0];
      expect(first).toBeDefined();
      expect(await db.vehicles.where('[companyId+plate]').equals([first?.companyId ?? '', first?.plate ?? '']).count()).toBe(1);
      const people = fixture.tables.people as readonly { companyId: string }[];
      const companyId = people[0]?.companyId ?? '';
      expect(await db.people.where('companyId').equals(companyId).count()).toBe(people.filter((p) => p.companyId === companyId).length);
      const companies = fixture.tables.companies as readonly { name: string }[];
      expect(await db.companies.where('name').equals(companies[0]?.name ?? '').count()).toBe(1);
      expect((await db.settings.get('ui.lastExportFolder'))?.value).toBe('我的文档/合规资料');
    } finally {
      db.close();
    }
  });
});
