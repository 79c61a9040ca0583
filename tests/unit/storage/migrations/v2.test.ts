import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { trackingStateFromRecords } from '../../../../shared/deadlines/trackingRecords';
import { WorkbenchDatabase } from '../../../../renderer/storage/db';
import { askEveryIndex, comparable, dumpTables, materialize, storedRows, type MigrationFixture } from './migrationFixture';

/**
 * A database left by the released schema version 2 (the deadline tracker), opened by the current
 * app: every record of every table is still there, unchanged except for what a later migration
 * is meant to change (listed in `changedByMigrations` below), and every index answers queries.
 */

const fixture = JSON.parse(readFileSync(new URL('./fixtures/v2.json', import.meta.url), 'utf8')) as MigrationFixture;

/**
 * What later versions do to version-2 rows, per table: a function giving the row expected after
 * all migrations. Add an entry when a migration rewrites or moves version-2 data; a table
 * dropped on purpose maps to null. Nothing listed: the rows must come through untouched.
 */
const changedByMigrations: Readonly<Record<string, ((row: Record<string, unknown>) => Record<string, unknown>) | null>> = {};

/** The fixture's rows as they should read after all migrations; dropped tables left out. */
function expectedTables(): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [table, rows] of Object.entries(storedRows(fixture))) {
    const change = changedByMigrations[table];
    if (change !== null) out[table] = rows.map((row) => (change ? change(row as Record<string, unknown>) : row));
  }
  return out;
}

let name = '';
afterEach(async () => {
  await Dexie.delete(name);
});

async function openUpgraded(): Promise<WorkbenchDatabase> {
  name = `migration-fixture-v2-${Math.random().toString(36).slice(2)}`;
  await materialize(fixture, name);
  const db = new WorkbenchDatabase(name);
  await db.open();
  return db;
}

describe('schema version 2 fixture, upgraded to the current version', () => {
  it('has rows in every table version 2 declared', () => {
    expect(Object.keys(fixture.tables).sort()).toEqual(Object.keys(fixture.stores).sort());
    for (const [table, rows] of Object.entries(fixture.tables)) expect(rows.length, table).toBeGreaterThan(0);
  });

  it('keeps every record of every table', async () => {
    const db = await openUpgraded();
    try {
      expect(db.verno).toBeGreaterThanOrEqual(fixture.schemaVersion);
      const current = await dumpTables(db);
      const expected = expectedTables();
      for (const table of Object.keys(fixture.tables)) {
        const rows = expected[table];
        if (rows === undefined) {
          expect(current[table], `${table} was dropped on purpose`).toBeUndefined();
          continue;
        }
        // comparable(): Blobs by their bytes, which toEqual alone does not look at.
        expect(await comparable(current[table]), `table ${table}`).toEqual(await comparable(rows));
      }
      // Tables added after version 2 start empty: no migration invents records.
      for (const table of Object.keys(current).filter((t) => !(t in fixture.tables))) {
        expect(current[table], `new table ${table}`).toEqual([]);
      }
    } finally {
      db.close();
    }
  });

  it('answers queries through every index version 2 declared', async () => {
    const db = await openUpgraded();
    try {
      const answers = await askEveryIndex(db, fixture.stores, expectedTables());
      for (const answer of answers) {
        expect(answer.key, `${answer.table} ${answer.index}: a row to ask for`).not.toBeNull();
        expect(answer.actual, `${answer.table} ${answer.index} = ${JSON.stringify(answer.key)}`).toBe(answer.expected);
      }
      const convertKey = 'car-rental-opinions/convert-non-operating-vehicles:conversion-deadline|sample-car-rental-vehicle-01|fixed';
      const history = await db.dutyHistory.where('key').equals(convertKey).sortBy('at');
      expect(history.map((h) => h.action)).toEqual(['markDone', 'undoDone', 'markDone']);
      expect((await db.dutyTracking.where('key').equals(convertKey).first())?.doneOn).toBe('2026-11-20');
      expect(await db.dutyHistory.where('at').between('2026-01-01', '2027-01-01').count()).toBe(5);
      // The tracker's own reading of a company's rows still works on the upgraded store.
      const state = trackingStateFromRecords(
        await db.dutyTracking.where('companyId').equals('sample-data-centre').toArray(),
        await db.dutySchedules.where('companyId').equals('sample-data-centre').toArray(),
      );
      expect(state.schedules['energy-saving-plan/monthly-energy-data:monthly-report|sample-data-centre']).toEqual({ monthsAfterPeriodStart: 1, dayOfMonth: 10 });
      expect(state.duties['energy-saving-plan/monthly-energy-data:monthly-report|sample-data-centre|2026-10']?.isDone).toBe(true);
    } finally {
      db.close();
    }
  });
});
