import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { deleteCompany } from '../../../../renderer/storage/companyRepository';
import { getFormDrafts, saveFormDraft } from '../../../../renderer/storage/documentRepository';
import { describeFixtureUpgrade, EVIDENCE_MOVED_BY_V7, expectDocumentFilesOpen, expectEnergyAttachmentsOpen, readFixture } from './describeFixtureUpgrade';

/**
 * A database left by the released schema version 6 (form drafts), opened by the current app.
 * describeFixtureUpgrade checks every record of every table and every index; below, what is
 * version 6's own: the drafts read the way the 表单 tab and the packet read them, written on, and
 * deleted with their company.
 */

// Version 7 (one file store) moved each energy evidence file's Blob into documentFiles; every
// other version-6 row must come through untouched.
const { changedByMigrations, addedByMigrations } = EVIDENCE_MOVED_BY_V7;

describeFixtureUpgrade(readFixture(new URL('./fixtures/v6.json', import.meta.url)), {
  changedByMigrations,
  addedByMigrations,
  queries: async (db) => {
    const drafts = await getFormDrafts(db, 'sample-pharmacy');
    expect(drafts['pharmacy-designation-application']?.informationSystem).toBe('已安装医保结算系统，进销存与医保接口联调完成');
    expect(await db.formDrafts.where('companyId').equals('sample-car-rental').count()).toBe(1);
    expect(await db.changeLog.where('companyId').equals('sample-pharmacy').count()).toBe(3);
  },
}, (upgraded) => {
  it('keeps the files: each stored Blob opens with the bytes its record hashed', () => upgraded.check(async (db) => {
    await expectDocumentFilesOpen(db, upgraded.fixture);
    await expectEnergyAttachmentsOpen(db, upgraded.fixture);
  }));

  it('goes on writing drafts field by field, and drops them with their company', () => upgraded.check(async (db) => {
    const before = await getFormDrafts(db, 'sample-pharmacy');
    await saveFormDraft(db, 'sample-pharmacy', 'pharmacy-designation-application', { ...before['pharmacy-designation-application'], floorArea: '' , contactPerson: '王敏' });
    const after = await getFormDrafts(db, 'sample-pharmacy');
    expect(after['pharmacy-designation-application']).toEqual({ informationSystem: '已安装医保结算系统，进销存与医保接口联调完成', contactPerson: '王敏' });
    await deleteCompany(db, 'sample-pharmacy');
    expect(await db.formDrafts.where('companyId').equals('sample-pharmacy').count()).toBe(0);
    expect(await db.formDrafts.count()).toBe(1);
  }));
});
