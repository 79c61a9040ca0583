import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { STORE_SCHEMA_VERSION, STORED_TABLE_LABELS } from '../../../shared/workspace/storedTables';

/*
 * `cli validate` checks a backup's records without opening the database, so it relies on the
 * store's version and table names as shared/workspace/storedTables.ts states them. A new schema
 * version or table must update them, or this fails.
 */
describe('the store as cli validate knows it', () => {
  it('has the database schema version and every table name', () => {
    const db = new WorkbenchDatabase('store-version-check');
    expect(STORE_SCHEMA_VERSION).toBe(db.verno);
    for (const table of db.tables) expect(Object.hasOwn(STORED_TABLE_LABELS, table.name), table.name).toBe(true);
  });
});
