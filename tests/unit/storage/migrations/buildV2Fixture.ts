/**
 * Writes fixtures/v2.json: a schema-version-2 database (the deadline tracker) as the v2 app stored
 * it: the bundled sample companies and the duties an officer tracked for them (fixtureRows.ts),
 * through buildFixture.ts. Frozen: do not re-run after schema version 2 shipped, or the fixture
 * stops standing for the databases that exist. Kept for the record of how it was made:
 *   npx tsx tests/unit/storage/migrations/buildV2Fixture.ts
 */
// First: Dexie takes indexedDB from the global when it loads.
import 'fake-indexeddb/auto';
import { addRows, buildFixture } from './buildFixture';
import { mergeRows, trackingRows, workspaceRows } from './fixtureRows';

// Copied from renderer/storage/workbenchDatabase.ts, never imported: the fixture stands for what shipped.
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

await buildFixture(2, V2_STORES, (db) => addRows(db, mergeRows(workspaceRows(), trackingRows())));
