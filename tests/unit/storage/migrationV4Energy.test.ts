import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { V1_STORES, indexNames, scratchDatabases } from './scratchDatabases';

/**
 * Schema version 4 (the energy ledger), in the pattern of migrations.test.ts: a database written
 * at the version before it, opened by WorkbenchDatabase, keeps its data and gains the new tables
 * and indexes. Version 4 only adds tables, so the upgrade has no data to transform.
 */

const { freshName, track } = scratchDatabases('migration-v4-test');

describe('schema version 4: the energy ledger', () => {
  it('creates the energy tables with their primary keys and indexes', async () => {
    const db = new WorkbenchDatabase(freshName());
    track(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    const expected: Record<string, { readonly primaryKey: string; readonly indexes: readonly string[] }> = {
      energyReadings: { primaryKey: 'id', indexes: ['[companyId+month]', 'companyId', 'siteId'] },
      energyTrainings: { primaryKey: 'id', indexes: ['companyId', 'personId'] },
      energySettings: { primaryKey: 'companyId', indexes: [] },
      energySubmissions: { primaryKey: 'id', indexes: ['[companyId+month]', 'companyId'] },
      energyAttachments: { primaryKey: 'id', indexes: ['companyId'] },
    };
    for (const [table, spec] of Object.entries(expected)) {
      expect(db.table(table).schema.primKey.keyPath, table).toBe(spec.primaryKey);
      expect(indexNames(db, table), table).toEqual(expect.arrayContaining([...spec.indexes]));
    }
  });

  it('upgrades a database written before version 4: data kept, energy tables empty and usable', async () => {
    const name = freshName();
    const old = new Dexie(name);
    track(old);
    old.version(1).stores(V1_STORES);
    await old.table('companies').put({ id: 'c1', name: '北京示例数据有限公司', uscc: '', updatedAt: '2026-01-01T00:00:00.000Z' });
    await old.table('stores').put({ id: 's1', companyId: 'c1', name: '亦庄数据中心', kind: '数据中心' });
    await old.table('settings').put({ key: 'window', value: { width: 1200 } });
    old.close();

    const db = new WorkbenchDatabase(name);
    track(db);
    await db.open();
    expect((await db.companies.get('c1'))?.name).toBe('北京示例数据有限公司');
    expect((await db.stores.get('s1'))?.kind).toBe('数据中心');
    expect((await db.settings.get('window'))?.value).toEqual({ width: 1200 });
    for (const table of ['energyReadings', 'energyTrainings', 'energySettings', 'energySubmissions', 'energyAttachments']) {
      expect(await db.table(table).count(), table).toBe(0);
    }

    // The compound index answers the ledger's main question: this company's readings of a month.
    await db.table('energyReadings').bulkPut([
      { id: 'r1', companyId: 'c1', siteId: 's1', month: '2021-10' },
      { id: 'r2', companyId: 'c1', siteId: 's1', month: '2021-11' },
      { id: 'r3', companyId: 'c2', siteId: null, month: '2021-10' },
    ]);
    expect(await db.energyReadings.where('[companyId+month]').equals(['c1', '2021-10']).primaryKeys()).toEqual(['r1']);
    expect(await db.energyReadings.where('siteId').equals('s1').count()).toBe(2);
    await db.table('energySubmissions').put({ id: 'x1', companyId: 'c1', month: '2021-10', submittedOn: '2021-11-08', receiptDocumentId: null, note: '' });
    expect(await db.energySubmissions.where('[companyId+month]').equals(['c1', '2021-10']).count()).toBe(1);
  });
});
