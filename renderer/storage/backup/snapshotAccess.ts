import type Dexie from 'dexie';
import type { WorkspaceData } from './snapshotCodec';
import { getSetting, putSetting } from '../companyRepository';
import { rawDb } from '../connections';
import { WorkbenchDatabase } from '../workbenchDatabase';
import type { RestoreProgress } from './workspaceSnapshot';

/**
 * The store a backup is read from and restored into, as the backup pipeline
 * (backupController.ts) sees it: the raw connection, so sealed personal fields
 * stay sealed in the backup and the change log is replaced wholesale on restore. The snapshot
 * code itself (workspaceSnapshot.ts, its codec and checks) loads at the first backup or restore,
 * not with the app shell that owns the backup schedule.
 */
export interface WorkspaceSnapshots {
  /** The database's name: the change tracker's key, and the prefix of the upgrade's scratch database. */
  readonly name: string;
  /** The schema version this app's database is at. */
  readonly schemaVersion: number;
  readonly read: () => Promise<WorkspaceData>;
  /** A verified backup's tables at this schema version (see atCurrentVersion). */
  readonly atCurrentVersion: (data: WorkspaceData) => Promise<WorkspaceData>;
  /** Rejects with BackupContentError naming the first table and record that would not be accepted. */
  readonly check: (data: WorkspaceData) => Promise<void>;
  readonly replace: (data: WorkspaceData, onProgress?: (progress: RestoreProgress) => void) => Promise<void>;
  readonly getSetting: (key: string) => Promise<unknown>;
  readonly putSetting: (key: string, value: unknown) => Promise<void>;
}

/** `openCurrent` opens a database of another name with this app's schema (for upgrading older backups). */
export function workspaceSnapshotsOf(db: WorkbenchDatabase, openCurrent: (name: string) => Dexie): WorkspaceSnapshots {
  const snapshot = () => import('./workspaceSnapshot');
  return {
    name: db.name,
    get schemaVersion() { return db.verno; },
    read: async () => (await snapshot()).readWorkspace(db),
    atCurrentVersion: async (data) => (await snapshot()).atCurrentVersion(data, db, openCurrent),
    check: async (data) => (await snapshot()).checkWorkspaceData(data, db),
    replace: async (data, onProgress) => (await snapshot()).replaceWorkspace(db, data, onProgress),
    getSetting: (key) => getSetting<unknown>(db, key),
    putSetting: (key, value) => putSetting(db, key, value),
  };
}

/** The page's store as backups read and restore it: a backup carries sealed personal data sealed, with the keyring that opens it. */
export const appWorkspaceSnapshots: WorkspaceSnapshots = workspaceSnapshotsOf(rawDb, (name) => new WorkbenchDatabase(name));
