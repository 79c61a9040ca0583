import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { V1_STORES, indexNames, scratchDatabases } from './scratchDatabases';

/**
 * One `describe` per schema version, oldest first. A new version adds a block that (1) opens a
 * database at the previous version with data in it, (2) opens WorkbenchDatabase over it and
 * (3) checks the upgrade kept and transformed the data and created the new tables/indexes.
 */

const { freshName, track } = scratchDatabases('migrations-test');

describe('schema version 1: the company workspace', () => {
  it('creates the workspace tables with their primary keys and indexes', async () => {
    const db = track(new WorkbenchDatabase(freshName()));
    await db.open();
    const expected: Record<string, { readonly primaryKey: string; readonly indexes: readonly string[] }> = {
      companies: { primaryKey: 'id', indexes: ['name', 'updatedAt', 'uscc'] },
      people: { primaryKey: 'id', indexes: ['companyId'] },
      licences: { primaryKey: 'id', indexes: ['companyId', 'kind', 'validTo'] },
      vehicles: { primaryKey: 'id', indexes: ['[companyId+plate]', 'companyId', 'plate'] },
      stores: { primaryKey: 'id', indexes: ['companyId'] },
      events: { primaryKey: 'id', indexes: ['companyId', 'date', 'kind'] },
      settings: { primaryKey: 'key', indexes: [] },
    };
    for (const [table, spec] of Object.entries(expected)) {
      expect(db.table(table).schema.primKey.keyPath, table).toBe(spec.primaryKey);
      // Later versions may add indexes; version 1's must all still be there.
      expect(indexNames(db, table), table).toEqual(expect.arrayContaining([...spec.indexes]));
    }
  });

  it('reads data written by a version-1 database (the upgrade path starts here)', async () => {
    const name = freshName();
    const v1 = track(new Dexie(name));
    v1.version(1).stores(V1_STORES);
    await v1.table('companies').put({ id: 'c1', name: '北京示例有限公司', uscc: '', updatedAt: '2026-01-01T00:00:00.000Z' });
    await v1.table('vehicles').put({ id: 'v1', companyId: 'c1', plate: '京A12345' });
    v1.close();

    const db = track(new WorkbenchDatabase(name));
    await db.open();
    expect((await db.companies.get('c1'))?.name).toBe('北京示例有限公司');
    expect(await db.vehicles.where('[companyId+plate]').equals(['c1', '京A12345']).count()).toBe(1);
  });
});
