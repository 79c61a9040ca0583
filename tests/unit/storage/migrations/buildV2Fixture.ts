/**
 * Writes fixtures/v2.json: a schema-version-2 database (the deadline tracker) as the v2 app stored it.
 * Built with fake-indexeddb through a Dexie instance that declares only version 2, with the
 * stores of versions 1 to 2 copied from renderer/storage/db.ts (not imported: the fixture stands
 * for what shipped), filled with fixtureRows.ts (the bundled sample companies and what an officer
 * recorded about them; every table, fixed ids and timestamps) and dumped table by table.
 * Frozen: do not re-run after schema version 2 shipped, or the fixture stops standing for the
 * databases that exist. Kept for the record of how it was made:
 *   npx tsx tests/unit/storage/migrations/buildV2Fixture.ts
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeRows, trackingRows, workspaceRows } from './fixtureRows';
import { dumpFixture } from './migrationFixture';

const V2_STORES = {
  companies: 'id, name, uscc, updatedAt',
  people: 'id, companyId',
  licences: 'id, companyId, kind, validTo',
  vehicles: 'id, companyId, plate, [companyId+plate]',
  stores: 'id, companyId',
  events: 'id, companyId, date, kind',
  settings: 'key',
  dutyTracking: 'id, companyId, key',
  dutySchedules: 'id, companyId',
  dutyHistory: 'id, companyId, key, at',
};

const db = new Dexie('v2-fixture');
db.version(2).stores(V2_STORES);
await db.open();
const rows = mergeRows(workspaceRows(), trackingRows());
await db.transaction('rw', db.tables, async () => {
  for (const [table, tableRows] of Object.entries(rows)) await db.table(table).bulkAdd([...tableRows]);
});
const fixture = await dumpFixture(db, 2, V2_STORES);
db.close();
const empty = Object.keys(V2_STORES).filter((table) => (fixture.tables[table]?.length ?? 0) === 0);
if (empty.length > 0) throw new Error(`every table must have rows; empty: ${empty.join(', ')}`);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'v2.json');
writeFileSync(out, `${JSON.stringify(fixture, null, 1)}\n`);
console.log(`${out}: ${Object.entries(fixture.tables).map(([t, r]) => `${t} ${r.length}`).join(', ')}, ${fixture.files?.length ?? 0} files`);
