import { companySchema } from '../../../shared/domain/company';
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readBackupArchive } from '../../../shared/backup/backupArchive';
import { formatBackupFileName } from '../../../shared/backup/backupFileName';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import type { BackupReason, StoredBackupDto } from '../../../shared/ipc/contract';
import { BackupController } from '../../../renderer/storage/backup/backupController';
import { createBackupScheduler } from '../../../renderer/storage/backup/backupScheduler';
import { createChangeTracker, PENDING_CHANGES_KEY } from '../../../renderer/storage/backup/changeTracker';
import { workspaceSnapshotsOf } from '../../../renderer/storage/backup/snapshotAccess';
import { PlatformError, type DesktopBackups, type Platform } from '../../../renderer/platform/platform';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';

/*
 * The page's backup controller against fake-indexeddb and a fake main process that keeps files
 * in memory and, like the real one, verifies each archive before naming it.
 */

const crypto = webCryptoPort(globalThis.crypto);

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

function fakeMain(clock: () => Date) {
  const files = new Map<string, { bytes: Uint8Array; reason: BackupReason; createdAt: string }>();
  const sessions = new Map<string, { chunks: Uint8Array[]; reason: BackupReason }>();
  let quitListener: ((id: string) => void) | null = null;
  let failNextFinish = false;
  let seq = 0;
  const mocks = {
    begin: vi.fn<DesktopBackups['begin']>((target) => {
      const id = String(++seq).padStart(32, '0');
      sessions.set(id, { chunks: [], reason: target.kind === 'backupFolder' ? target.reason : 'manual' });
      return Promise.resolve({ isStarted: true as const, sessionId: id });
    }),
    append: vi.fn<DesktopBackups['append']>((sessionId, chunk) => {
      sessions.get(sessionId)?.chunks.push(chunk.slice());
      return Promise.resolve();
    }),
    finish: vi.fn<DesktopBackups['finish']>(async (sessionId, passphrase) => {
      const session = sessions.get(sessionId);
      sessions.delete(sessionId);
      if (!session) throw new PlatformError('backup.noSession', '备份会话不存在或已结束，请重新备份');
      if (failNextFinish) {
        failNextFinish = false;
        throw new PlatformError('backup.writeFailed', '磁盘空间不足，未能保存“备份”。');
      }
      const bytes = Buffer.concat(session.chunks);
      const verified = await readBackupArchive(bytes, { passphrase: passphrase ?? undefined }, crypto);
      if (!verified.ok) throw new PlatformError('backup.verifyFailed', `备份写入后校验失败，已删除该文件：${verified.error.message}`);
      const name = formatBackupFileName(session.reason, clock(), files.size);
      files.set(name, { bytes, reason: session.reason, createdAt: clock().toISOString() });
      return { name, path: `/data/backups/${name}`, size: bytes.length, isInBackupFolder: true, isEncrypted: verified.value.manifest.encryption !== null, tableCount: 0, fileCount: 0 };
    }),
    abort: vi.fn<DesktopBackups['abort']>(() => Promise.resolve()),
    list: vi.fn<DesktopBackups['list']>(() => {
      const list: StoredBackupDto[] = [...files].map(([name, f]) => ({ name, createdAt: f.createdAt, size: f.bytes.length, reason: f.reason, isAutomatic: f.reason === 'automatic' }));
      return Promise.resolve({ folder: '/data/backups', backups: list.reverse() });
    }),
    pickFile: vi.fn<DesktopBackups['pickFile']>(() => Promise.resolve({ isPicked: false as const })),
    read: vi.fn<DesktopBackups['read']>((source, offset, length) => {
      const file = source.kind === 'stored' ? files.get(source.name) : undefined;
      if (!file) return Promise.reject(new PlatformError('backup.unknownFile', '备份文件名不合法'));
      return Promise.resolve({ bytes: file.bytes.slice(offset, offset + length), totalSize: file.bytes.length });
    }),
    prune: vi.fn<DesktopBackups['prune']>(() => Promise.resolve([])),
    remove: vi.fn<DesktopBackups['remove']>((name) => {
      files.delete(name);
      return Promise.resolve();
    }),
    openFolder: vi.fn<DesktopBackups['openFolder']>(() => Promise.resolve()),
    setPendingChanges: vi.fn<DesktopBackups['setPendingChanges']>(() => Promise.resolve()),
    reportQuitBackup: vi.fn<DesktopBackups['reportQuitBackup']>(() => Promise.resolve()),
    onBackupRequested: vi.fn<DesktopBackups['onBackupRequested']>((listener) => {
      quitListener = listener;
      return () => {
        quitListener = null;
      };
    }),
  };
  const backups: DesktopBackups = mocks;
  return {
    backups, mocks, files,
    requestQuitBackup: (id: string) => quitListener?.(id),
    failNextFinish: () => {
      failNextFinish = true;
    },
  };
}

let db: WorkbenchDatabase;
let storage: MemoryStorage;
let now = new Date(2026, 10, 26, 9, 0, 0);
const controllers: BackupController[] = [];

beforeEach(async () => {
  db = new WorkbenchDatabase(`controller-test-${Math.random().toString(36).slice(2)}`);
  await db.open();
  storage = new MemoryStorage();
  now = new Date(2026, 10, 26, 9, 0, 0);
});

afterEach(async () => {
  for (const c of controllers.splice(0)) c.dispose();
  db.close();
  await Dexie.delete(db.name);
});

function controllerWith(platform: Platform): BackupController {
  const controller = new BackupController({
    snapshots: workspaceSnapshotsOf(db, (name) => new WorkbenchDatabase(name)), platform, storage, appVersion: '0.1.0', now: () => now,
  });
  controllers.push(controller);
  return controller;
}

function desktop() {
  const main = fakeMain(() => now);
  const saveFile = vi.fn(() => Promise.resolve(true));
  const platform: Platform = { kind: 'electron', saveFile, openFiles: () => Promise.resolve([]), backups: main.backups };
  return { main, controller: controllerWith(platform) };
}

async function addCompany(id: string, name: string): Promise<void> {
  await db.companies.put(companySchema.parse({ id, name, createdAt: now.toISOString(), updatedAt: now.toISOString() }));
}

describe('BackupController on the desktop', () => {
  it('backs up on schedule only when something changed, then prunes with the settings', async () => {
    const { main, controller } = desktop();
    await controller.start();
    expect(main.mocks.setPendingChanges).toHaveBeenLastCalledWith(false);

    await addCompany('c1', '北京甲公司');
    await vi.waitFor(() => expect(controller.getState().hasPendingChanges).toBe(true));
    expect(main.mocks.setPendingChanges).toHaveBeenLastCalledWith(true);
    expect(storage.getItem(PENDING_CHANGES_KEY)).toBe('1');

    await controller.runScheduledCheck();
    expect([...main.files.keys()]).toEqual(['workbench-backup-20261126-090000-auto.cwbackup']);
    expect(main.mocks.prune).toHaveBeenCalledWith({ keepLatest: 20, keepDailyForDays: 30 });
    expect(controller.getState().hasPendingChanges).toBe(false);
    expect(main.mocks.setPendingChanges).toHaveBeenLastCalledWith(false);
    expect(controller.getState().lastBackup?.name).toBe('workbench-backup-20261126-090000-auto.cwbackup');

    // Nothing changed since: no new backup, even when the interval has passed.
    now = new Date(2026, 10, 26, 10, 0, 0);
    await controller.runScheduledCheck();
    expect(main.files.size).toBe(1);

    // A change, but the interval (30 minutes by default) has not passed since the last attempt.
    await addCompany('c2', '北京乙公司');
    await vi.waitFor(() => expect(controller.getState().hasPendingChanges).toBe(true));
    now = new Date(2026, 10, 26, 9, 20, 0);
    await controller.runScheduledCheck();
    expect(main.files.size).toBe(1);
    now = new Date(2026, 10, 26, 9, 31, 0);
    await controller.runScheduledCheck();
    expect(main.files.size).toBe(2);
  });

  it('reports a failed automatic backup and keeps the changes pending', async () => {
    const { main, controller } = desktop();
    await controller.start();
    await addCompany('c1', '北京甲公司');
    await vi.waitFor(() => expect(controller.getState().hasPendingChanges).toBe(true));
    main.failNextFinish();
    await expect(controller.runScheduledCheck()).rejects.toThrow('磁盘空间不足');
    expect(controller.getState().lastAutomaticError).toBe('磁盘空间不足，未能保存“备份”。');
    expect(controller.getState().hasPendingChanges).toBe(true);
    expect(main.mocks.abort).toHaveBeenCalled();
  });

  it('backs up when main asks at quit, then answers with the request id', async () => {
    const { main, controller } = desktop();
    await controller.start();
    await addCompany('c1', '北京甲公司');
    await vi.waitFor(() => expect(controller.getState().hasPendingChanges).toBe(true));
    main.requestQuitBackup('q'.repeat(32));
    await vi.waitFor(() => expect(main.mocks.reportQuitBackup).toHaveBeenCalledWith('q'.repeat(32), true));
    expect(main.files.size).toBe(1);
  });

  it('restores from a stored backup after backing up the current state, and an encrypted one asks for its passphrase', async () => {
    const { main, controller } = desktop();
    await controller.start();
    await addCompany('c1', '北京甲公司');
    await db.settings.put({ key: 'scan', value: { bytes: new Uint8Array([1, 2, 3, 250]) } });
    controller.setPassphrase('会话中的备份密码');
    const outcome = await controller.backupNow();
    expect(outcome?.isEncrypted).toBe(true);
    const backupName = outcome?.name ?? '';

    await db.companies.clear();
    await addCompany('c9', '北京后来的公司');
    now = new Date(2026, 10, 26, 9, 5, 0);

    // The passphrase is only in memory: after "a restart" it is gone and must be typed in.
    controller.setPassphrase(null);
    const loaded = await controller.loadStored(backupName);
    if (loaded.kind !== 'needsPassphrase') throw new Error(`expected a passphrase prompt, got ${loaded.kind}`);
    expect(loaded.message).toBe('该备份已加密，请输入备份密码');
    const wrong = await controller.verifyAgain(loaded.sourceName, loaded.bytes, '错误');
    if (wrong.kind !== 'needsPassphrase') throw new Error('expected another prompt');
    expect(wrong.message).toBe('备份密码不正确');
    const right = await controller.verifyAgain(wrong.sourceName, wrong.bytes, '会话中的备份密码');
    if (right.kind !== 'verified') throw new Error('expected a verified backup');
    expect(right.restore.verified.summary.records).toBeGreaterThanOrEqual(2);

    const { undoBackup } = await controller.restore(right.restore);
    expect(undoBackup.name).toBe('workbench-backup-20261126-090500-1-pre-restore.cwbackup');
    expect([...main.files.values()].map((f) => f.reason)).toEqual(['manual', 'beforeRestore']);
    expect((await db.companies.toArray()).map((c) => c.name)).toEqual(['北京甲公司']);
    expect((await db.settings.get('scan'))?.value).toEqual({ bytes: new Uint8Array([1, 2, 3, 250]) });

    // The undo backup holds the state before the restore.
    const undo = await controller.loadStored(undoBackup.name);
    if (undo.kind !== 'verified') throw new Error('undo backup not readable');
    expect(undo.restore.verified.workspace.tables.companies?.rows).toMatchObject([{ id: 'c9', name: '北京后来的公司' }]);
  });

  it('runs one operation at a time', async () => {
    const { controller } = desktop();
    await controller.start();
    const first = controller.backupNow();
    await expect(controller.backupNow()).rejects.toThrow('另一项备份或恢复正在进行，请等它完成后再试');
    await first;
  });
});

describe('BackupController in the browser', () => {
  it('downloads a verified backup, and restoring downloads the current state first', async () => {
    const downloads: { name: string; blob: Blob }[] = [];
    const platform: Platform = {
      kind: 'browser',
      saveFile: vi.fn((name: string, data: Uint8Array | string | Blob) => {
        downloads.push({ name, blob: data as Blob });
        return Promise.resolve(true);
      }),
      openFiles: vi.fn(async () => [{ name: '备份.cwbackup', bytes: new Uint8Array(await (downloads[0]?.blob.arrayBuffer() ?? Promise.resolve(new ArrayBuffer(0)))) }]),
    };
    const controller = controllerWith(platform);
    await controller.start();
    expect(controller.getState().isDesktop).toBe(false);
    await addCompany('c1', '北京甲公司');
    const outcome = await controller.backupTo();
    expect(outcome).toMatchObject({ name: '企业合规工作台备份-20261126-090000.cwbackup', location: '浏览器下载', isEncrypted: false });
    expect(downloads[0]?.blob).toBeInstanceOf(Blob);

    await addCompany('c2', '北京乙公司');
    const loaded = await controller.loadFromFile();
    if (loaded?.kind !== 'verified') throw new Error('not verified');
    await controller.restore(loaded.restore);
    expect(downloads.map((d) => d.name)).toEqual(['企业合规工作台备份-20261126-090000.cwbackup', '恢复前备份-20261126-090000.cwbackup']);
    expect((await db.companies.toArray()).map((c) => c.id)).toEqual(['c1']);
  });
});

describe('change tracking and the schedule', () => {
  it('counts committed writes of its own database only, and remembers pending changes across a restart', async () => {
    const store = new MemoryStorage();
    const tracker = createChangeTracker(db.name, store);
    const other = new Dexie(`${db.name}-restore-scratch`);
    other.version(1).stores({ t: 'id' });
    await other.table('t').add({ id: 1 });
    other.close();
    await Dexie.delete(other.name);
    expect(tracker.hasPendingChanges()).toBe(false);

    await addCompany('c1', '北京甲公司');
    await vi.waitFor(() => expect(tracker.hasPendingChanges()).toBe(true));
    const seen = tracker.changeCount();
    await addCompany('c2', '北京乙公司');
    await vi.waitFor(() => expect(tracker.changeCount()).toBe(seen + 1));
    // A backup read before the second write does not hold it.
    tracker.markBackedUp(seen);
    expect(tracker.hasPendingChanges()).toBe(true);
    expect(createChangeTracker(db.name, store).hasPendingChanges()).toBe(true);
    tracker.markBackedUp(tracker.changeCount());
    expect(tracker.hasPendingChanges()).toBe(false);
    expect(store.getItem(PENDING_CHANGES_KEY)).toBeNull();
    tracker.dispose();
  });

  it('checks once a minute and backs up when due, also after the clock jumped back', async () => {
    vi.useFakeTimers();
    try {
      let clock = 1_000_000;
      let last: number | null = null;
      const runBackup = vi.fn(() => Promise.resolve());
      const scheduler = createBackupScheduler({
        intervalMinutes: () => 30, hasPendingChanges: () => true, lastAttemptAt: () => last,
        recordAttempt: (at) => {
          last = at;
        },
        runBackup, now: () => clock,
      });
      scheduler.start();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(runBackup).toHaveBeenCalledTimes(1);
      clock += 29 * 60_000;
      await vi.advanceTimersByTimeAsync(60_000);
      expect(runBackup).toHaveBeenCalledTimes(1);
      clock += 60_000;
      await vi.advanceTimersByTimeAsync(60_000);
      expect(runBackup).toHaveBeenCalledTimes(2);
      clock -= 24 * 60 * 60_000;
      await vi.advanceTimersByTimeAsync(60_000);
      expect(runBackup).toHaveBeenCalledTimes(3);
      scheduler.stop();
      await vi.advanceTimersByTimeAsync(10 * 60 * 60_000);
      expect(runBackup).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
