import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { listPacketHistory, recordPacket } from '../../../../renderer/storage/documentRepository';
import { describeFixtureUpgrade, expectDocumentFilesOpen, readFixture, type ChangedByMigrations } from './describeFixtureUpgrade';

/**
 * A database left by the released schema version 3 (the document vault), opened by the current
 * app. describeFixtureUpgrade checks every record of every table (its documentFiles Blobs, encoded
 * in the fixture with the backup codec, by their bytes) and every index; below, what is version
 * 3's own: the vault's queries, its files opening with the bytes they were hashed with, and packet
 * numbering going on after the stored packets.
 */

// No later version rewrites version-3 rows yet: every one must come through untouched.
const changedByMigrations: ChangedByMigrations = {};

describeFixtureUpgrade(readFixture(new URL('./fixtures/v3.json', import.meta.url)), {
  changedByMigrations,
  queries: async (db) => {
    expect(await db.documents.where('[companyId+kind]').equals(['sample-pharmacy', '药品经营许可证']).count()).toBe(1);
    expect(await db.documents.where('validTo').below('2032-01-01').count()).toBe(2);
    expect(await db.documentFiles.where('companyId').equals('sample-car-rental').count()).toBe(1);
    const checklist = await db.checklistStates.where('companyId').equals('sample-pharmacy').first();
    expect(checklist?.materials['licences-and-ids']?.documentIds).toHaveLength(3);
    expect(await db.formMappings.count()).toBe(1);
    expect((await listPacketHistory(db, 'sample-pharmacy')).map((p) => p.seq)).toEqual([2, 1]);
  },
}, (upgraded) => {
  it('keeps the files: each stored Blob opens with the bytes its record hashed', () => upgraded.check(async (db) => {
    await expectDocumentFilesOpen(db, upgraded.fixture);
  }));

  it('numbers the next packet after the stored ones', () => upgraded.check(async (db) => {
    await recordPacket(db, {
      companyId: 'sample-pharmacy', itemId: 'pharmacy-designation/designation-application', itemTitle: '申请医疗保障定点', builtAt: '2026-11-27T02:00:00.000Z',
      fileName: '材料包（3）.pdf', pageCount: 5, size: 52_000, parts: [], skipped: [], missingMaterials: [],
    });
    expect((await listPacketHistory(db, 'sample-pharmacy')).map((p) => p.seq)).toEqual([3, 2, 1]);
  }));
});
