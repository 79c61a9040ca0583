/**
 * Writes fixtures/v7.json: a schema-version-7 database (one file store) as the v7 app stored it,
 * through buildFixture.ts: every row of the released v6 fixture, with each energy evidence file's
 * Blob where version 7 keeps it (documentFiles, under the evidence id; the energyAttachments row
 * keeps only the metadata). The move is written out here, not run through the app's upgrade: the
 * fixture stands for what the v7 app stores, which its upgrade test checks against.
 * Frozen: do not re-run after schema version 7 shipped, or the fixture stops standing for the
 * databases that exist. Kept for the record of how it was made:
 *   npx tsx tests/unit/storage/migrations/buildV7Fixture.ts
 */
// First: Dexie takes indexedDB from the global when it loads.
import 'fake-indexeddb/auto';
import { addRows, buildFixture } from './buildFixture';
import { readFixture } from './describeFixtureUpgrade';
import { storedRows } from './migrationFixture';

// Copied from renderer/storage/workbenchDatabase.ts, never imported: the fixture stands for what shipped.
// Version 7 declared no new table or index: the same as version 6's.
const V7_STORES = {
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
  changeLog: '++seq, companyId, [table+entityId], [companyId+table], at',
  formDrafts: 'id, companyId',
};

const v6 = storedRows(readFixture(new URL('./fixtures/v6.json', import.meta.url)));
const evidence = (v6.energyAttachments ?? []) as Record<string, unknown>[];

await buildFixture(7, V7_STORES, (db) => addRows(db, {
  ...v6,
  energyAttachments: evidence.map(({ blob: _blob, ...metadata }) => metadata),
  documentFiles: [...(v6.documentFiles ?? []), ...evidence.map(({ id, companyId, blob }) => ({ id, companyId, blob }))],
}));
