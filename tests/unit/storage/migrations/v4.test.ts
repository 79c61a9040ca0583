import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { describeFixtureUpgrade, EVIDENCE_MOVED_BY_V7, expectDocumentFilesOpen, expectEnergyAttachmentsOpen, readFixture } from './describeFixtureUpgrade';

/**
 * A database left by the released schema version 4 (the energy ledger), opened by the current
 * app. describeFixtureUpgrade checks every record of every table (its documentFiles and
 * energyAttachments Blobs, encoded in the fixture with the backup codec, by their bytes) and every
 * index; below, what is version 4's own: the ledger's queries and both kinds of files opening with
 * the bytes they were hashed with.
 */

// Version 7 (one file store) moved each energy evidence file's Blob into documentFiles; every
// other version-4 row must come through untouched.
const { changedByMigrations, addedByMigrations } = EVIDENCE_MOVED_BY_V7;

describeFixtureUpgrade(readFixture(new URL('./fixtures/v4.json', import.meta.url)), {
  changedByMigrations,
  addedByMigrations,
  queries: async (db) => {
    expect(await db.energyReadings.where('[companyId+month]').equals(['sample-data-centre', '2026-09']).count()).toBe(4);
    expect(await db.energyReadings.where('siteId').equals('sample-data-centre-site-yizhuang').count()).toBe(5);
    expect((await db.energySubmissions.where('[companyId+month]').equals(['sample-data-centre', '2026-09']).first())?.submittedOn).toBe('2026-10-09');
    expect((await db.energyTrainings.where('personId').equals('sample-data-centre-person-wu').first())?.hours).toBe(16);
    expect((await db.energySettings.get('sample-data-centre'))?.submissionDay?.dayOfMonth).toBe(10);
    expect(await db.energyAttachments.where('companyId').equals('sample-data-centre').count()).toBe(4);
    expect(await db.documents.where('[companyId+kind]').equals(['sample-pharmacy', '营业执照']).count()).toBe(1);
  },
}, (upgraded) => {
  it('keeps the files: each stored Blob opens with the bytes its record hashed', () => upgraded.check(async (db) => {
    await expectDocumentFilesOpen(db, upgraded.fixture);
    await expectEnergyAttachmentsOpen(db, upgraded.fixture);
  }));
});
