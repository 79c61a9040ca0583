/**
 * Writes fixtures/v6.json: a schema-version-6 database (form drafts) as the v6 app stored it,
 * through buildFixture.ts: every row of the released v5 fixture as it stood (its change log
 * included, as the v5 storage layer wrote it), plus the form drafts of fixtureRows.ts.
 * Frozen: do not re-run after schema version 6 shipped, or the fixture stops standing for the
 * databases that exist. Kept for the record of how it was made:
 *   npx tsx tests/unit/storage/migrations/buildV6Fixture.ts
 */
// First: Dexie takes indexedDB from the global when it loads.
import 'fake-indexeddb/auto';
import { addRows, buildFixture } from './buildFixture';
import { readFixture } from './describeFixtureUpgrade';
import { formDraftRows, mergeRows } from './fixtureRows';
import { storedRows } from './migrationFixture';

// Copied from renderer/storage/workbenchDatabase.ts, never imported: the fixture stands for what shipped.
const V6_STORES = {
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

const v5 = readFixture(new URL('./fixtures/v5.json', import.meta.url));

await buildFixture(6, V6_STORES, (db) => addRows(db, mergeRows(storedRows(v5), formDraftRows())));
