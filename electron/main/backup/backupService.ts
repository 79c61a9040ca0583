import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions, WebContents } from 'electron';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BACKUP_FILE_EXTENSION, formatBackupFileName, localDay, parseBackupFileName } from '../../../shared/backup/backupFileName';
import { backupsToDelete, type RetentionPolicy } from '../../../shared/backup/retention';
import type {
  BackupSource, BackupTarget, BeginBackupResponse, FinishedBackupDto, ListBackupsResponse, PickBackupFileResponse,
  ReadBackupResponse, StoredBackupDto,
} from '../../../shared/ipc/contract';
import { MAX_BACKUP_CHUNK_BYTES } from '../../../shared/ipc/requestSchemas';
import { err, ok, type Result } from '../../../shared/util/result';
import { describeFileError } from '../atomicWrite';
import type { BackupVerifyOutcome, BackupVerifyRequest } from './backupVerifyWorker';
import { sanitizeFileName } from '../fileDialogs';

/**
 * Main's half of backups: files in <userData>/backups and 「备份到…」 files the user places.
 * The whole journey, page to file and back, is told at the top of
 * renderer/storage/backup/backupController.ts.
 *
 * The page streams an archive in chunks into a temporary file beside the target; finish flushes
 * it to disk, has a worker thread read it back and verify every checksum (backupVerifyWorker),
 * and only then renames it to its name. So a file with a backup's name is always a complete,
 * verified backup, and a 「备份到…」 over an existing file replaces it only with a good one.
 *
 * Paths never come from the page: stored backups are named by main and looked up by a name that
 * must match BACKUP_FILE_NAME_PATTERN; a file the user picked is read through a token.
 */

export interface BackupServiceDeps {
  /** <userData>/backups */
  readonly folder: string;
  /**
   * Reads the written file back and verifies it. Production: createWorkerBackupVerifier, so the
   * seconds a large backup takes never run on main's event loop.
   */
  readonly verifyBackupFile: VerifyBackupFile;
  readonly now: () => Date;
  readonly dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  readonly windowFor: (sender: WebContents) => BrowserWindow | null;
  /** Where the first 「备份到…」 dialog opens, e.g. the user's Documents folder. */
  readonly defaultDirectory: () => string;
  /** Electron's shell.openPath: resolves '' on success, else an error text. */
  readonly openPath: (folder: string) => Promise<string>;
}

export type VerifyBackupFile = (filePath: string, passphrase: string | null) => Promise<BackupVerifyOutcome>;

/** What identifies the page that owns a session: WebContents.id. */
type SenderRef = Pick<WebContents, 'id'>;

interface WriteSession {
  readonly ownerId: number;
  readonly handle: FileHandle;
  readonly tempPath: string;
  readonly targetPath: string;
  readonly isInBackupFolder: boolean;
  bytesWritten: number;
  /** Appends are chained so that two in flight still land in order. */
  queue: Promise<unknown>;
}

/** A hostile or buggy page must not hold open files without bound. */
const MAX_OPEN_SESSIONS = 4;
const MAX_PICKED_FILES = 16;
const TEMP_PREFIX = '.incoming-';

function newToken(): string {
  return randomBytes(16).toString('hex');
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

export type BackupService = ReturnType<typeof createBackupService>;

export function createBackupService(deps: BackupServiceDeps) {
  const sessions = new Map<string, WriteSession>();
  const reservedNames = new Set<string>();
  const pickedFiles = new Map<string, string>();
  let lastDirectory: string | null = null;

  const storedPath = (name: string): string | null => {
    // The pattern admits no separators or dots outside the extension; the check below is the
    // belt to that pair of braces.
    if (parseBackupFileName(name) === null) return null;
    const resolved = path.resolve(deps.folder, name);
    return path.dirname(resolved) === path.resolve(deps.folder) ? resolved : null;
  };

  const listStored = async (): Promise<StoredBackupDto[]> => {
    let names: string[];
    try {
      names = await readdir(deps.folder);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const backups: StoredBackupDto[] = [];
    for (const name of names) {
      const parsed = parseBackupFileName(name);
      if (parsed === null) continue;
      try {
        const info = await stat(path.join(deps.folder, name));
        if (!info.isFile()) continue;
        backups.push({ name, createdAt: parsed.createdAt, size: info.size, reason: parsed.reason, isAutomatic: parsed.reason === 'automatic' });
      } catch (error) {
        // Deleted between readdir and stat (e.g. by a concurrent prune): simply not listed.
        if (!isMissing(error)) throw error;
      }
    }
    return backups.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.name.localeCompare(a.name)));
  };

  const uniqueStoredName = async (reason: Parameters<typeof formatBackupFileName>[0]): Promise<string> => {
    const now = deps.now();
    for (let sequence = 0; sequence < 1000; sequence++) {
      const name = formatBackupFileName(reason, now, sequence);
      if (reservedNames.has(name)) continue;
      try {
        await stat(path.join(deps.folder, name));
      } catch (error) {
        if (isMissing(error)) return name;
        throw error;
      }
    }
    throw new Error('too many backups within one second');
  };

  const chooseLocation = async (suggestedName: string, sender: WebContents): Promise<string | null> => {
    const options: SaveDialogOptions = {
      title: '备份到…',
      buttonLabel: '保存备份',
      defaultPath: path.join(lastDirectory ?? deps.defaultDirectory(), sanitizeFileName(suggestedName)),
      filters: [{ name: '企业合规工作台备份', extensions: [BACKUP_FILE_EXTENSION] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = deps.windowFor(sender);
    const choice = window === null ? await deps.dialog.showSaveDialog(options) : await deps.dialog.showSaveDialog(window, options);
    if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return null;
    // Linux dialogs do not add the extension of the filter; the restore dialog filters on it.
    return choice.filePath.toLowerCase().endsWith(`.${BACKUP_FILE_EXTENSION}`) ? choice.filePath : `${choice.filePath}.${BACKUP_FILE_EXTENSION}`;
  };

  const ownedSession = (sessionId: string, sender: SenderRef): Result<WriteSession> => {
    const session = sessions.get(sessionId);
    if (session === undefined || session.ownerId !== sender.id) return err('backup.noSession', '备份会话不存在或已结束，请重新备份');
    return ok(session);
  };

  const discard = async (sessionId: string, session: WriteSession): Promise<void> => {
    sessions.delete(sessionId);
    reservedNames.delete(path.basename(session.targetPath));
    await session.handle.close().catch(() => undefined);
    await unlink(session.tempPath).catch(() => undefined);
  };

  return {
    folder: deps.folder,

    /** Removes temporary files a crash or a killed page left behind. Call once at start-up. */
    async removeLeftovers(): Promise<number> {
      let names: string[];
      try {
        names = await readdir(deps.folder);
      } catch (error) {
        if (isMissing(error)) return 0;
        throw error;
      }
      const leftovers = names.filter((name) => name.startsWith(TEMP_PREFIX) && name.endsWith('.tmp'));
      for (const name of leftovers) await unlink(path.join(deps.folder, name)).catch(() => undefined);
      return leftovers.length;
    },

    async begin(target: BackupTarget, sender: WebContents): Promise<Result<BeginBackupResponse>> {
      if (sessions.size >= MAX_OPEN_SESSIONS) return err('backup.busy', '已有多个备份正在进行，请稍后再试');
      let targetPath: string;
      let tempPath: string;
      const isInBackupFolder = target.kind === 'backupFolder';
      if (target.kind === 'backupFolder') {
        try {
          await mkdir(deps.folder, { recursive: true });
        } catch (error) {
          return err('backup.folderFailed', `无法创建备份文件夹：${describeFileError(error, deps.folder, 'write')}`);
        }
        const name = await uniqueStoredName(target.reason);
        reservedNames.add(name);
        targetPath = path.join(deps.folder, name);
        tempPath = path.join(deps.folder, `${TEMP_PREFIX}${newToken()}.tmp`);
      } else {
        const chosen = await chooseLocation(target.suggestedName, sender);
        if (chosen === null) return ok({ isStarted: false });
        targetPath = chosen;
        tempPath = path.join(path.dirname(chosen), `.${path.basename(chosen)}.${newToken()}.tmp`);
      }
      let handle: FileHandle;
      try {
        handle = await open(tempPath, 'wx');
      } catch (error) {
        reservedNames.delete(path.basename(targetPath));
        return err('backup.writeFailed', describeFileError(error, targetPath, 'write'));
      }
      const sessionId = newToken();
      sessions.set(sessionId, { ownerId: sender.id, handle, tempPath, targetPath, isInBackupFolder, bytesWritten: 0, queue: Promise.resolve() });
      return ok({ isStarted: true, sessionId });
    },

    async append(sessionId: string, chunk: Uint8Array, sender: SenderRef): Promise<Result<{ bytesWritten: number }>> {
      const owned = ownedSession(sessionId, sender);
      if (!owned.ok) return owned;
      const session = owned.value;
      const write = session.queue.then(async () => {
        let offset = 0;
        while (offset < chunk.length) {
          const { bytesWritten } = await session.handle.write(chunk, offset, chunk.length - offset);
          offset += bytesWritten;
        }
        session.bytesWritten += chunk.length;
      });
      session.queue = write.catch(() => undefined);
      try {
        await write;
      } catch (error) {
        await discard(sessionId, session);
        return err('backup.writeFailed', describeFileError(error, session.targetPath, 'write'));
      }
      return ok({ bytesWritten: session.bytesWritten });
    },

    async finish(sessionId: string, passphrase: string | null, sender: SenderRef): Promise<Result<FinishedBackupDto>> {
      const owned = ownedSession(sessionId, sender);
      if (!owned.ok) return owned;
      const session = owned.value;
      sessions.delete(sessionId);
      const name = path.basename(session.targetPath);
      try {
        await session.queue;
        await session.handle.sync();
        await session.handle.close();
      } catch (error) {
        await discard(sessionId, session);
        return err('backup.writeFailed', describeFileError(error, session.targetPath, 'write'));
      }
      try {
        // Read back from the file, not from what the page sent: this is the copy a restore gets.
        const verified = await deps.verifyBackupFile(session.tempPath, passphrase);
        if (!verified.ok) {
          await discard(sessionId, session);
          return err('backup.verifyFailed', `备份写入后校验失败，已删除该文件：${verified.error.message}`);
        }
        await rename(session.tempPath, session.targetPath);
        await syncFolder(path.dirname(session.targetPath));
        reservedNames.delete(name);
        if (!session.isInBackupFolder) lastDirectory = path.dirname(session.targetPath);
        const { isEncrypted, tableCount, fileCount, size } = verified.value;
        return ok({ name, path: session.targetPath, size, isInBackupFolder: session.isInBackupFolder, isEncrypted, tableCount, fileCount });
      } catch (error) {
        await discard(sessionId, session);
        return err('backup.writeFailed', describeFileError(error, session.targetPath, 'write'));
      }
    },

    async abort(sessionId: string, sender: SenderRef): Promise<Result<null>> {
      const owned = ownedSession(sessionId, sender);
      if (owned.ok) await discard(sessionId, owned.value);
      // Aborting what is already gone is not an error: the page aborts on any failure.
      return ok(null);
    },

    async list(): Promise<Result<ListBackupsResponse>> {
      try {
        return ok({ folder: deps.folder, backups: await listStored() });
      } catch (error) {
        return err('backup.listFailed', `无法读取备份文件夹：${describeFileError(error, deps.folder, 'read')}`);
      }
    },

    async pickFile(sender: WebContents): Promise<Result<PickBackupFileResponse>> {
      const options: OpenDialogOptions = {
        title: '选择备份文件',
        buttonLabel: '打开',
        defaultPath: lastDirectory ?? deps.defaultDirectory(),
        filters: [{ name: '企业合规工作台备份', extensions: [BACKUP_FILE_EXTENSION] }, { name: '所有文件', extensions: ['*'] }],
        properties: ['openFile'],
      };
      const window = deps.windowFor(sender);
      const choice = window === null ? await deps.dialog.showOpenDialog(options) : await deps.dialog.showOpenDialog(window, options);
      const filePath = choice.filePaths[0];
      if (choice.canceled || filePath === undefined) return ok({ isPicked: false });
      try {
        const info = await stat(filePath);
        if (!info.isFile()) return err('backup.notAFile', `“${path.basename(filePath)}”不是文件。`);
        if (pickedFiles.size >= MAX_PICKED_FILES) {
          const oldest = pickedFiles.keys().next().value;
          if (oldest !== undefined) pickedFiles.delete(oldest);
        }
        const token = newToken();
        pickedFiles.set(token, filePath);
        lastDirectory = path.dirname(filePath);
        return ok({ isPicked: true, token, name: path.basename(filePath), size: info.size });
      } catch (error) {
        return err('backup.readFailed', describeFileError(error, filePath, 'read'));
      }
    },

    async read(source: BackupSource, offset: number, length: number): Promise<Result<ReadBackupResponse>> {
      const filePath = source.kind === 'stored' ? storedPath(source.name) : pickedFiles.get(source.token) ?? null;
      if (filePath === null) return err('backup.unknownFile', source.kind === 'stored' ? '备份文件名不合法' : '请重新选择备份文件');
      const wanted = Math.min(length, MAX_BACKUP_CHUNK_BYTES);
      try {
        const handle = await open(filePath, 'r');
        try {
          const totalSize = (await handle.stat()).size;
          const size = Math.max(0, Math.min(wanted, totalSize - offset));
          const bytes = new Uint8Array(size);
          let done = 0;
          while (done < size) {
            const { bytesRead } = await handle.read(bytes, done, size - done, offset + done);
            if (bytesRead === 0) break;
            done += bytesRead;
          }
          return ok({ bytes: done === size ? bytes : bytes.subarray(0, done), totalSize });
        } finally {
          await handle.close();
        }
      } catch (error) {
        return err('backup.readFailed', describeFileError(error, filePath, 'read'));
      }
    },

    async prune(policy: RetentionPolicy): Promise<Result<{ deleted: string[] }>> {
      try {
        const now = deps.now();
        const automatic = (await listStored()).filter((b) => b.isAutomatic);
        const entries = automatic.map((b) => ({ name: b.name, createdAt: b.createdAt, day: parseBackupFileName(b.name)?.day ?? '' }));
        const doomed = backupsToDelete(entries, { keepLatest: Math.max(1, policy.keepLatest), keepDailyForDays: policy.keepDailyForDays }, localDay(now));
        const deleted: string[] = [];
        for (const entry of doomed) {
          // Belt and braces: the retention policy only ever sees automatic backups.
          const parsed = parseBackupFileName(entry.name);
          const filePath = storedPath(entry.name);
          if (parsed?.reason !== 'automatic' || filePath === null) continue;
          await unlink(filePath).catch((error: unknown) => {
            if (!isMissing(error)) throw error;
          });
          deleted.push(entry.name);
        }
        return ok({ deleted });
      } catch (error) {
        return err('backup.pruneFailed', `清理旧的自动备份时出错：${describeFileError(error, deps.folder, 'write')}`);
      }
    },

    async remove(name: string): Promise<Result<null>> {
      const filePath = storedPath(name);
      if (filePath === null) return err('backup.unknownFile', '备份文件名不合法');
      try {
        await unlink(filePath);
        return ok(null);
      } catch (error) {
        if (isMissing(error)) return ok(null);
        return err('backup.deleteFailed', `无法删除备份：${describeFileError(error, filePath, 'write')}`);
      }
    },

    async openFolder(): Promise<Result<{ folder: string }>> {
      try {
        await mkdir(deps.folder, { recursive: true });
      } catch (error) {
        return err('backup.folderFailed', `无法创建备份文件夹：${describeFileError(error, deps.folder, 'write')}`);
      }
      const failure = await deps.openPath(deps.folder);
      if (failure !== '') return err('backup.openFolderFailed', `无法打开备份文件夹：${failure}`);
      return ok({ folder: deps.folder });
    },

    /** Sessions still open, for tests and for aborting when the page goes away. */
    openSessionCount(): number {
      return sessions.size;
    },

    /** Drops every session of a page that went away (reload, crash), deleting their temp files. */
    async abandonSessionsOf(ownerId: number): Promise<void> {
      for (const [id, session] of [...sessions]) {
        if (session.ownerId === ownerId) await discard(id, session);
      }
    },
  };
}

/**
 * The production verifier: one worker per verification (dist-electron/backupVerifyWorker.cjs),
 * terminated once it has answered. Backups are minutes apart, so a worker's start-up (tens of
 * milliseconds, off main's thread too) is not worth a pool that would hold memory in between.
 * A worker that fails to start, throws or exits without answering is a failed verification:
 * the backup cannot be shown to be good, so it is not kept.
 */
export function createWorkerBackupVerifier(workerPath: string): VerifyBackupFile {
  return (filePath, passphrase) => new Promise<BackupVerifyOutcome>((resolve) => {
    const request: BackupVerifyRequest = { path: filePath, passphrase };
    let worker: Worker;
    try {
      worker = new Worker(workerPath, { workerData: request });
    } catch (error) {
      console.error('[backup] verification worker did not start', error);
      resolve(err('backup.verifyFailed', '无法启动校验程序，请重试'));
      return;
    }
    let isSettled = false;
    const settle = (outcome: BackupVerifyOutcome): void => {
      if (isSettled) return;
      isSettled = true;
      resolve(outcome);
      worker.terminate().catch(() => undefined);
    };
    worker.once('message', (message: unknown) => {
      settle(isVerifyOutcome(message) ? message : err('backup.verifyFailed', '校验程序返回了无法识别的结果'));
    });
    worker.once('error', (error) => {
      console.error('[backup] verification worker failed', error);
      settle(err('backup.verifyFailed', '校验程序意外出错，无法确认备份完好'));
    });
    worker.once('exit', (code) => {
      settle(err('backup.verifyFailed', `校验程序意外退出（退出码 ${code}），无法确认备份完好`));
    });
  });
}

function isVerifyOutcome(message: unknown): message is BackupVerifyOutcome {
  if (typeof message !== 'object' || message === null) return false;
  const { ok: isOk, value, error } = message as Record<string, unknown>;
  if (isOk === true) {
    const v = value as Record<string, unknown> | null;
    return typeof v === 'object' && v !== null && typeof v.isEncrypted === 'boolean' && typeof v.tableCount === 'number'
      && typeof v.fileCount === 'number' && typeof v.size === 'number';
  }
  const e = error as Record<string, unknown> | null;
  return isOk === false && typeof e === 'object' && e !== null && typeof e.code === 'string' && typeof e.message === 'string';
}

/**
 * Makes a rename durable on POSIX file systems, where the new directory entry is only on disk
 * once the directory itself is flushed. Windows cannot open a directory this way; NTFS journals
 * the rename, so there is nothing to do.
 */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Best effort, see above.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
