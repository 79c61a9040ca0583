import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { deleteEnergyReading } from '../../../../renderer/storage/energyRepository';
import { deleteCompany } from '../../../../renderer/storage/companyRepository';
import { describeFixtureUpgrade, expectDocumentFilesOpen, expectEnergyAttachmentsOpen, readFixture, type ChangedByMigrations } from './describeFixtureUpgrade';

/**
 * A database left by the released schema version 7 (one file store), opened by the current app.
 * describeFixtureUpgrade checks every record of every table and every index; below, what is
 * version 7's own: documentFiles holds the 文件库 documents' and the energy evidence files' bytes,
 * each evidence file opens through the energy repository, and deleting the last record citing an
 * evidence file, or its company, deletes its bytes there.
 */

// No later version rewrites version-7 rows yet: every one must come through untouched.
const changedByMigrations: ChangedByMigrations = {};

const BILL = '9b3d5e7f-1a2c-4e6b-8d0f-3c5a7e9b1d01';
const BILL_READING = 'a4e1c7d2-5b3f-4a6e-9c8d-1f2e3a4b5c01';

describeFixtureUpgrade(readFixture(new URL('./fixtures/v7.json', import.meta.url)), {
  changedByMigrations,
  queries: async (db) => {
    // Five evidence files of the data centre, beside five documents' files of the other two companies.
    expect(await db.documentFiles.where('companyId').equals('sample-data-centre').count()).toBe(5);
    expect(await db.energyAttachments.where('companyId').equals('sample-data-centre').count()).toBe(5);
    expect(await db.documentFiles.count()).toBe(10);
  },
}, (upgraded) => {
  it('keeps the files: documents and evidence alike open with the bytes their records hashed', () => upgraded.check(async (db) => {
    await expectDocumentFilesOpen(db, upgraded.fixture);
    await expectEnergyAttachmentsOpen(db, upgraded.fixture);
  }));

  it('deletes an evidence file’s bytes with the last record citing it, and the rest with their company', () => upgraded.check(async (db) => {
    expect(await db.documentFiles.get(BILL)).toBeDefined();
    await deleteEnergyReading(db, BILL_READING);
    expect(await db.energyAttachments.get(BILL)).toBeUndefined();
    expect(await db.documentFiles.get(BILL)).toBeUndefined();
    expect(await db.documentFiles.count()).toBe(9);
    await deleteCompany(db, 'sample-data-centre');
    expect(await db.energyAttachments.count()).toBe(0);
    expect(await db.documentFiles.where('companyId').equals('sample-data-centre').count()).toBe(0);
    expect(await db.documentFiles.count()).toBe(5);
  }));
});
