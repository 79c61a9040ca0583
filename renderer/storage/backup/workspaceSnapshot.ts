import Dexie, { type Table } from 'dexie';
import { checkStoredTables } from '../../../shared/workspace/storedTables';
import { BackupContentError, type TableSchemaSpec, type WorkspaceData, type WorkspaceTable } from './snapshotCodec';

/*
 * The workspace as one snapshot, for backups: reads every table of a Dexie database and replaces
 * every table, generically over `db.tables`: tables added by later schema versions are backed up
 * and restored without changes here.
 */

function schemaOf(table: Table): TableSchemaSpec {
  return { primaryKey: table.schema.primKey.src, indexes: table.schema.indexes.map((index) => index.src) };
}

function hasOutboundKeys(table: Table): boolean {
  const keyPath = table.schema.primKey.keyPath;
  return keyPath === null || keyPath === undefined || keyPath === '';
}

/**
 * The whole database as one consistent picture: every table is read in ONE read transaction, so
 * a change saved meanwhile is either entirely in the backup or entirely not.
 */
export async function readWorkspace(db: Dexie): Promise<WorkspaceData> {
  if (!db.isOpen()) await db.open();
  return db.transaction('r', db.tables, async () => {
    const tables: Record<string, WorkspaceTable> = {};
    for (const table of db.tables) {
      const rows = await table.toArray();
      // Both in primary-key order within the same transaction, so they line up.
      const keys = hasOutboundKeys(table) ? await table.toCollection().primaryKeys() : null;
      tables[table.name] = { schema: schemaOf(table), rows, keys };
    }
    return { schemaVersion: db.verno, tables };
  });
}

export interface RestoreProgress {
  readonly done: number;
  readonly total: number;
}

/** Rows per bulkAdd: progress moves, and each request stays small. */
const RESTORE_CHUNK = 500;

/**
 * Everything a restore must hold before it may write: the database's schema version, tables the
 * database declares, and every record passing the same schemas and record checks as a workspace
 * import (shared/workspace/storedTables.ts). Throws BackupContentError naming the table and the
 * record; nothing is written by this function.
 */
export function checkWorkspaceData(data: WorkspaceData, db: Dexie): void {
  if (data.schemaVersion !== db.verno) {
    throw new BackupContentError(`备份的数据库版本（${data.schemaVersion}）与当前版本（${db.verno}）不一致，需先升级`);
  }
  const known = new Set(db.tables.map((t) => t.name));
  for (const name of Object.keys(data.tables)) {
    if (!known.has(name)) throw new BackupContentError(`备份中的数据表“${name}”在当前版本中不存在`);
  }
  const checked = checkStoredTables(Object.fromEntries(Object.entries(data.tables).map(([name, table]) => [name, table.rows])));
  if (!checked.ok) throw new BackupContentError(checked.error.message);
}

/**
 * Replaces the content of EVERY table with `data`, in ONE read-write transaction over all tables:
 * if anything fails or the page is closed before the commit, IndexedDB rolls the whole
 * transaction back and the store is exactly as it was. `data` must be at the database's schema
 * version (see upgradeWorkspace).
 */
export async function replaceWorkspace(db: Dexie, data: WorkspaceData, onProgress?: (progress: RestoreProgress) => void): Promise<void> {
  if (!db.isOpen()) await db.open();
  checkWorkspaceData(data, db);
  const total = Object.values(data.tables).reduce((n, t) => n + t.rows.length, 0);
  let done = 0;
  onProgress?.({ done, total });
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
    for (const [name, content] of Object.entries(data.tables)) {
      const table = db.table(name);
      const isOutbound = hasOutboundKeys(table);
      if (isOutbound !== (content.keys !== null)) throw new BackupContentError(`备份中数据表“${name}”的主键方式与当前版本不一致`);
      for (let i = 0; i < content.rows.length; i += RESTORE_CHUNK) {
        const rows = content.rows.slice(i, i + RESTORE_CHUNK);
        if (content.keys === null) await table.bulkAdd(rows);
        else await table.bulkAdd(rows, content.keys.slice(i, i + RESTORE_CHUNK) as never[]);
        done += rows.length;
        onProgress?.({ done, total });
      }
    }
  });
}

/**
 * Brings tables read at an older schema version up to the current one with the app's own
 * migrations: they are written into a scratch database declared at their version (schemas from
 * the backup), which is then opened with the current database class, so Dexie runs exactly the
 * upgrade functions an installed app would run. The scratch database is deleted afterwards.
 */
async function upgradeWorkspace(
  data: WorkspaceData,
  openCurrent: (name: string) => Dexie,
  scratchName: string,
): Promise<WorkspaceData> {
  const stores: Record<string, string> = {};
  for (const [name, table] of Object.entries(data.tables)) {
    if (table.schema.primaryKey === '' && table.keys === null) {
      throw new BackupContentError('该备份来自旧版本，但缺少数据库结构信息，无法升级');
    }
    stores[name] = [table.schema.primaryKey, ...table.schema.indexes].join(',');
  }
  await Dexie.delete(scratchName);
  try {
    const old = new Dexie(scratchName);
    old.version(data.schemaVersion).stores(stores);
    await old.open();
    try {
      await old.transaction('rw', old.tables, async () => {
        for (const [name, content] of Object.entries(data.tables)) {
          const table = old.table(name);
          if (content.keys === null) await table.bulkAdd([...content.rows]);
          else await table.bulkAdd([...content.rows], [...content.keys] as never[]);
        }
      });
    } finally {
      old.close();
    }
    const current = openCurrent(scratchName);
    try {
      await current.open();
      return await readWorkspace(current);
    } finally {
      current.close();
    }
  } finally {
    await Dexie.delete(scratchName);
  }
}

/**
 * The tables of a verified backup at `db`'s schema version: as they are when the versions match,
 * upgraded when the backup is older, refused when it comes from a newer app.
 */
export async function atCurrentVersion(
  data: WorkspaceData,
  db: Dexie,
  openCurrent: (name: string) => Dexie,
): Promise<WorkspaceData> {
  if (!db.isOpen()) await db.open();
  if (data.schemaVersion > db.verno) {
    throw new BackupContentError(`该备份来自更新版本的应用（数据库版本 ${data.schemaVersion}，当前为 ${db.verno}），请先升级应用`);
  }
  if (data.schemaVersion === db.verno) return data;
  return upgradeWorkspace(data, openCurrent, `${db.name}-restore-scratch`);
}
