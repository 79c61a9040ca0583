import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { V1_STORES, indexNames, scratchDatabases } from './scratchDatabases';

/**
 * Schema version 2 (the deadline tracker), in the pattern of migrations.test.ts: a database
 * written at version 1 keeps its data and gains the tracker's tables. Version 2 was declared after
 * version 4 existed in code, so a database already at version 4 without these tables must gain
 * them too (Dexie adds the missing tables when it finds them absent).
 */

const { freshName, track } = scratchDatabases('migration-v2-test');

const TRACKER_TABLES: Record<string, { readonly primaryKey: string; readonly indexes: readonly string[] }> = {
  dutyTracking: { primaryKey: 'id', indexes: ['companyId', 'key'] },
  dutySchedules: { primaryKey: 'id', indexes: ['companyId'] },
  dutyHistory: { primaryKey: 'id', indexes: ['at', 'companyId', 'key'] },
};

async function seedAndCheck(db: WorkbenchDatabase): Promise<void> {
  await db.table('dutyTracking').put({ id: 'c1::k', companyId: 'c1', key: 'k', isDone: true });
  await db.table('dutyHistory').bulkPut([
    { id: 'h1', companyId: 'c1', key: 'k', at: '2026-11-01T01:00:00.000Z' },
    { id: 'h2', companyId: 'c1', key: 'k', at: '2026-11-02T01:00:00.000Z' },
    { id: 'h3', companyId: 'c2', key: 'other', at: '2026-11-03T01:00:00.000Z' },
  ]);
  expect(await db.dutyHistory.where('key').equals('k').primaryKeys()).toEqual(['h1', 'h2']);
  expect(await db.dutyTracking.where('companyId').equals('c1').count()).toBe(1);
}

describe('schema version 2: the deadline tracker', () => {
  it('creates the tracker tables with their primary keys and indexes', async () => {
    const db = new WorkbenchDatabase(freshName());
    track(db);
    await db.open();
    for (const [table, spec] of Object.entries(TRACKER_TABLES)) {
      expect(db.table(table).schema.primKey.keyPath, table).toBe(spec.primaryKey);
      expect(indexNames(db, table), table).toEqual(expect.arrayContaining([...spec.indexes]));
    }
  });

  it('upgrades a version-1 database: data kept, tracker tables empty and usable', async () => {
    const name = freshName();
    const old = new Dexie(name);
    track(old);
    old.version(1).stores(V1_STORES);
    await old.table('companies').put({ id: 'c1', name: '北京顺达通汽车租赁有限公司', uscc: '', updatedAt: '2026-01-01T00:00:00.000Z' });
    await old.table('vehicles').put({ id: 'v1', companyId: 'c1', plate: '京A12345' });
    await old.table('settings').put({ key: 'window', value: { width: 1200 } });
    old.close();

    const db = new WorkbenchDatabase(name);
    track(db);
    await db.open();
    expect((await db.companies.get('c1'))?.name).toBe('北京顺达通汽车租赁有限公司');
    expect((await db.vehicles.get('v1'))?.plate).toBe('京A12345');
    expect((await db.settings.get('window'))?.value).toEqual({ width: 1200 });
    for (const table of Object.keys(TRACKER_TABLES)) expect(await db.table(table).count(), table).toBe(0);
    await seedAndCheck(db);
  });

  it('adds the tracker tables to a database already at version 4 without them', async () => {
    const name = freshName();
    const old = new Dexie(name);
    track(old);
    old.version(1).stores(V1_STORES);
    old.version(4).stores({ energyReadings: 'id, companyId, [companyId+month], siteId', energySubmissions: 'id, companyId, [companyId+month]' });
    await old.table('companies').put({ id: 'c1', name: '北京云泽数据科技有限公司', uscc: '', updatedAt: '2026-01-01T00:00:00.000Z' });
    await old.table('energyReadings').put({ id: 'r1', companyId: 'c1', month: '2026-10', siteId: null });
    old.close();

    const db = new WorkbenchDatabase(name);
    track(db);
    await db.open();
    expect((await db.companies.get('c1'))?.name).toBe('北京云泽数据科技有限公司');
    expect(await db.energyReadings.count()).toBe(1);
    await seedAndCheck(db);
  });
});
