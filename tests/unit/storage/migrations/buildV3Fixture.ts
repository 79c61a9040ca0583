/**
 * Writes fixtures/v3.json: a schema-version-3 database (the document vault) as the v3 app stored
 * it: version 2's rows plus documents with their files, a form mapping, checklists and packets
 * (fixtureRows.ts), through buildFixture.ts. documentFiles holds Blobs: the dump encodes them with
 * the backup codec (snapshotCodec.ts), bytes base64 in the fixture's `files`.
 * Frozen: do not re-run after schema version 3 shipped, or the fixture stops standing for the
 * databases that exist. Kept for the record of how it was made:
 *   npx tsx tests/unit/storage/migrations/buildV3Fixture.ts
 */
// First: Dexie takes indexedDB from the global when it loads.
import 'fake-indexeddb/auto';
import { addRows, buildFixture } from './buildFixture';
import { documentRows, mergeRows, trackingRows, workspaceRows } from './fixtureRows';

// Copied from renderer/storage/workbenchDatabase.ts, never imported: the fixture stands for what shipped.
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

await buildFixture(3, V3_STORES, (db) => addRows(db, mergeRows(workspaceRows(), trackingRows(), documentRows())));
