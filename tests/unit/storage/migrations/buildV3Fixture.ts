/**
 * Writes fixtures/v3.json: a schema-version-3 database (the document vault) as the v3 app stored it.
 * Built with fake-indexeddb through a Dexie instance that declares only version 3, with the
 * stores of versions 1 to 3 copied from renderer/storage/db.ts (not imported: the fixture stands
 * for what shipped), filled with fixtureRows.ts (the bundled sample companies and what an officer
 * recorded about them; every table, fixed ids and timestamps) and dumped table by table.
 * documentFiles holds Blobs: the dump encodes them with the backup codec (snapshotCodec.ts),
 * bytes base64 in the fixture's `files`.
 * Frozen: do not re-run after schema version 3 shipped, or the fixture stops standing for the
 * databases that exist. Kept for the record of how it was made:
 *   npx tsx tests/unit/storage/migrations/buildV3Fixture.ts
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentRows, mergeRows, trackingRows, workspaceRows } from './fixtureRows';
import { dumpFixture } from './migrationFixture';

const V3_STORES = {
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
  documents: 'id, companyId, kind, validTo, [companyId+kind]',
  documentFiles: 'id, companyId',
  formMappings: 'id',
  checklistStates: 'id, companyId',
  packetHistory: '++seq, companyId',
};

const db = new Dexie('v3-fixture');
db.version(3).stores(V3_STORES);
await db.open();
const rows = mergeRows(workspaceRows(), trackingRows(), documentRows());
await db.transaction('rw', db.tables, async () => {
  for (const [table, tableRows] of Object.entries(rows)) await db.table(table).bulkAdd([...tableRows]);
});
const fixture = await dumpFixture(db, 3, V3_STORES);
db.close();
const empty = Object.keys(V3_STORES).filter((table) => (fixture.tables[table]?.length ?? 0) === 0);
if (empty.length > 0) throw new Error(`every table must have rows; empty: ${empty.join(', ')}`);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'v3.json');
writeFileSync(out, `${JSON.stringify(fixture, null, 1)}\n`);
console.log(`${out}: ${Object.entries(fixture.tables).map(([t, r]) => `${t} ${r.length}`).join(', ')}, ${fixture.files?.length ?? 0} files`);
