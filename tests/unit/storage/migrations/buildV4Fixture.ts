/**
 * Writes fixtures/v4.json: a schema-version-4 database (the energy ledger) as the v4 app stored
 * it: version 3's rows plus the data centre's readings, trainings, settings, submissions and
 * attachments (fixtureRows.ts), through buildFixture.ts. documentFiles and energyAttachments hold
 * Blobs: the dump encodes them with the backup codec (snapshotCodec.ts), bytes base64 in the
 * fixture's `files`.
 * Frozen: do not re-run after schema version 4 shipped, or the fixture stops standing for the
 * databases that exist. Kept for the record of how it was made:
 *   npx tsx tests/unit/storage/migrations/buildV4Fixture.ts
 */
// First: Dexie takes indexedDB from the global when it loads.
import 'fake-indexeddb/auto';
import { addRows, buildFixture } from './buildFixture';
import { documentRows, energyRows, mergeRows, trackingRows, workspaceRows } from './fixtureRows';

// Copied from renderer/storage/workbenchDatabase.ts, never imported: the fixture stands for what shipped.
const V4_STORES = {
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
  energyReadings: 'id, companyId, [companyId+month], siteId',
  energyTrainings: 'id, companyId, personId',
  energySettings: 'companyId',
  energySubmissions: 'id, companyId, [companyId+month]',
  energyAttachments: 'id, companyId',
};

await buildFixture(4, V4_STORES, (db) => addRows(db, mergeRows(workspaceRows(), trackingRows(), documentRows(), energyRows())));
