import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { updateCompany } from '../../../../renderer/storage/companyRepository';
import { createAppDatabase } from '../../../../renderer/storage/workbenchDatabase';
import { describeFixtureUpgrade, EVIDENCE_MOVED_BY_V7, expectDocumentFilesOpen, expectEnergyAttachmentsOpen, readFixture } from './describeFixtureUpgrade';

/**
 * A database left by the released schema version 5 (the change history), opened by the current
 * app. describeFixtureUpgrade checks every record of every table (its documentFiles and
 * energyAttachments Blobs, encoded in the fixture with the backup codec, by their bytes) and every
 * index; below, what is version 5's own: queries of the change log the v5 storage layer itself
 * wrote, the files, and the app's connection logging on after the stored entries.
 */

// Version 7 (one file store) moved each energy evidence file's Blob into documentFiles; every
// other version-5 row must come through untouched.
const { changedByMigrations, addedByMigrations } = EVIDENCE_MOVED_BY_V7;

describeFixtureUpgrade(readFixture(new URL('./fixtures/v5.json', import.meta.url)), {
  changedByMigrations,
  addedByMigrations,
  queries: async (db) => {
    const vehicleHistory = await db.changeLog.where('[table+entityId]').equals(['vehicles', 'sample-car-rental-vehicle-01']).toArray();
    expect(vehicleHistory.map((e) => [e.action, e.changedFields])).toEqual([['update', ['usageNature', 'note']]]);
    expect((await db.changeLog.where('companyId').equals('sample-pharmacy').toArray()).map((e) => e.table)).toEqual(['companies', 'people', 'documents']);
    expect(await db.changeLog.where('at').between('2026-11-26T02:00:00.000Z', '2026-11-26T03:00:00.000Z').count()).toBe(5);
    expect((await db.changeLog.where('[table+entityId]').equals(['events', 'sample-car-rental-event-timeshare-2']).first())?.action).toBe('delete');
    expect(await db.documents.where('[companyId+kind]').equals(['sample-pharmacy', '劳动合同']).count()).toBe(1);
    expect(await db.energyReadings.where('[companyId+month]').equals(['sample-data-centre', '2026-10']).count()).toBe(3);
  },
}, (upgraded) => {
  it('keeps the files: each stored Blob opens with the bytes its record hashed', () => upgraded.check(async (db) => {
    await expectDocumentFilesOpen(db, upgraded.fixture);
    await expectEnergyAttachmentsOpen(db, upgraded.fixture);
  }));

  it('goes on logging changes after the stored entries, through the app\'s own connection', async () => {
    const plain = await upgraded.open();
    plain.close();
    const vault = {
      isEnabled: () => false, fieldCipher: () => null,
      sealFile: (file: Blob) => Promise.resolve(file), openFile: (stored: Blob) => Promise.resolve(stored),
    };
    const db = createAppDatabase(vault, plain.name, () => new Date('2026-11-27T01:00:00.000Z'));
    await db.open();
    try {
      const stored = upgraded.fixture.tables.changeLog ?? [];
      const company = await db.companies.get('sample-pharmacy');
      if (!company) throw new Error('company missing');
      await updateCompany(db, { ...company, email: 'yibao@kangning.example.com' }, new Date('2026-11-27T01:00:00.000Z'));
      const history = await db.changeLog.where('[table+entityId]').equals(['companies', 'sample-pharmacy']).toArray();
      expect(history.map((e) => [e.seq, e.changedFields])).toEqual([[1, ['contactPhone']], [stored.length + 1, ['email']]]);
      expect(await db.changeLog.count()).toBe(stored.length + 1);
    } finally {
      db.close();
    }
  });
});
