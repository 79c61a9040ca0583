/**
 * Writes fixtures/v1.json: a schema-version-1 database (the company workspace) as the v1 app
 * stored it. Built with fake-indexeddb through a Dexie instance that declares only version 1,
 * from the bench generator's realistic records and the bundled sample companies' kinds of
 * values (Chinese names, nulls, open-ended contracts, subject links), then dumped table by table.
 * Frozen: do not re-run after schema version 1 shipped, or the fixture stops standing for the
 * databases that exist. Kept for the record of how it was made:
 *   npx tsx tests/unit/storage/migrations/buildV1Fixture.ts
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from '../../../bench/companyGenerator';
import { dumpTables, type MigrationFixture } from './migrationFixture';

const V1_STORES = {
  companies: 'id, name, uscc, updatedAt',
  people: 'id, companyId',
  licences: 'id, companyId, kind, validTo',
  vehicles: 'id, companyId, plate, [companyId+plate]',
  stores: 'id, companyId',
  events: 'id, companyId, date, kind',
  settings: 'key',
};

const db = new Dexie('v1-fixture');
db.version(1).stores(V1_STORES);
await db.open();
const records = generateWorkspace(20211115, { companies: 8, vehiclesPerRentalCompany: 12 });
await db.transaction('rw', db.tables, async () => {
  for (const record of records) {
    await db.table('companies').add(record.company);
    for (const table of ['people', 'licences', 'vehicles', 'stores', 'events'] as const) await db.table(table).bulkAdd([...record[table]]);
  }
  await db.table('settings').bulkAdd([
    { key: 'backup.settings', value: { intervalMinutes: 30, keepLatest: 20, keepDailyForDays: 30 } },
    { key: 'reminders.leadDays', value: [30, 7, 1] },
    { key: 'ui.lastExportFolder', value: '我的文档/合规资料' },
  ]);
});
const fixture: MigrationFixture = { schemaVersion: 1, stores: V1_STORES, tables: await dumpTables(db) };
db.close();
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'v1.json');
writeFileSync(out, `${JSON.stringify(fixture, null, 1)}\n`);
console.log(`${out}: ${Object.entries(fixture.tables).map(([t, rows]) => `${t} ${rows.length}`).join(', ')}`);
