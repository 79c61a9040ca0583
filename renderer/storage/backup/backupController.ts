import type { ListBackupsResponse } from '../../../shared/ipc/contract';
import type { AppError } from '../../../shared/util/result';
import type { Platform } from '../../platform/platform';
import type { WorkspaceSnapshots } from './snapshotAccess';
import type { VerifiedBackup } from './archiveJobs';
import type { WorkspaceData } from './snapshotCodec';
import { createBackupScheduler, type BackupScheduler } from './backupScheduler';
import type { BackupDestination, BackupOutcome, OperationProgress } from './backupOperations';
import { DEFAULT_BACKUP_SETTINGS, loadBackupSettings, saveBackupSettings, type BackupSettings } from './backupSettings';
import { createChangeTracker, type ChangeTracker, type KeyValueStorage } from './changeTracker';
import { describeError, describeFailure } from '../../../shared/util/errorDescription';

/**
 * The backup and restore work (snapshot, archive, zip, verification) is loaded at the first backup
 * or restore, not with the app shell: the controller itself only tracks changes and the schedule.
 */
const loadOperations = () => import('./backupOperations');

/**
 * The page's backup service: automatic backups (desktop), 「立即备份」, 「备份到…」 and
 * 「从备份恢复」, one at a time. React reads its state through subscribe/getState.
 *
 * How a backup travels (start here). The pipeline lives in two folders, one per runtime:
 * renderer/storage/backup/ (the page: everything below without a folder name) and
 * electron/main/backup/ (main); the archive format both read is shared/backup/, and the screens
 * on top are renderer/features/backup/ (BackupProvider mounts this controller; BackupSection
 * and RestoreFlow only call it).
 *
 *   page → file
 *   1. this controller decides when (backupScheduler.ts while changeTracker.ts says something
 *      changed, or the officer's button) and runs backupOperations.createBackup, loaded at the
 *      first backup;
 *   2. the snapshot: every table read in ONE read transaction of the raw connection
 *      (snapshotAccess.ts), sealed fields still sealed (workspaceSnapshot.ts, encoded by
 *      snapshotCodec.ts);
 *   3. the archive: backupWorkerClient.ts → backupWorker.ts → archiveJobs.ts, off the window,
 *      zip with a checksum per entry and, with a passphrase, encryption
 *      (shared/backup/backupArchive.ts);
 *   4. desktop: the archive goes to main in 8 MB chunks over IPC (platform.backups), where
 *      electron/main/backup/backupService.ts writes a temporary file, flushes it, has a worker
 *      thread read it back and verify every checksum (electron/main/backup/backupVerifyWorker.ts),
 *      renames it into place and applies the retention policy (shared/backup/retention.ts);
 *      electron/main/backup/quitBackupGuard.ts holds quitting until the page's backup at quit is
 *      done. Browser: the archive is verified in the worker, then downloaded.
 *
 *   file → page
 *   5. the bytes come back (desktop: from main in 32 MB chunks; browser: the picked file) and
 *      are verified in the worker (checksums, decryption), step 3 in reverse;
 *   6. backupOperations.prepareRestoreData brings an older backup to this schema in a scratch
 *      database with the app's own migrations and checks every record as an import would,
 *      before the officer is asked (renderer/features/backup/RestoreFlow.tsx);
 *   7. confirmed: a backup of the current state first ('beforeRestore'), then every table
 *      replaced in ONE transaction (workspaceSnapshot.ts), then a reload that says what happened
 *      (restoreNotice.ts, shown by BackupProvider).
 */

interface RunningOperation {
  /** Chinese title of the progress dialog. */
  readonly title: string;
  readonly progress: OperationProgress;
  /** Scheduled backups run without a dialog; everything the user started shows one. */
  readonly isVisible: boolean;
}

export interface BackupState {
  readonly isDesktop: boolean;
  readonly settings: BackupSettings;
  readonly hasPendingChanges: boolean;
  readonly operation: RunningOperation | null;
  /** ISO time and name of the last successful backup of any kind. */
  readonly lastBackup: { readonly at: string; readonly name: string } | null;
  /** Chinese message of the last failed automatic backup, cleared by the next success. */
  readonly lastAutomaticError: string | null;
  readonly hasPassphrase: boolean;
}

/** A backup loaded and verified, waiting for the user to confirm the restore. */
export interface PreparedRestore {
  readonly sourceName: string;
  readonly verified: VerifiedBackup;
  /** The tables at the current schema version, every record checked (prepareRestoreData). */
  readonly data: WorkspaceData;
}

export type LoadedBackup =
  | { readonly kind: 'verified'; readonly restore: PreparedRestore }
  /** Encrypted and the passphrase is missing or wrong: ask, then call verifyAgain. */
  | { readonly kind: 'needsPassphrase'; readonly sourceName: string; readonly bytes: Uint8Array; readonly message: string }
  | { readonly kind: 'failed'; readonly sourceName: string; readonly message: string; readonly technical?: string | null };

export interface BackupControllerDeps {
  /** The store backed up and restored. */
  readonly snapshots: WorkspaceSnapshots;
  readonly platform: Platform;
  readonly storage: KeyValueStorage | null;
  readonly appVersion: string;
  readonly now: () => Date;
}

const LAST_BACKUP_KEY = 'cw.backup.lastBackup';
const LAST_ATTEMPT_KEY = 'cw.backup.lastAutomaticAttemptAt';

class BusyError extends Error {
  override readonly name = 'BusyError';
  constructor() {
    super('另一项备份或恢复正在进行，请等它完成后再试');
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 企业合规工作台备份-20261126-103000.cwbackup, in local time. */
function downloadFileName(prefix: string, time: Date): string {
  const stamp = `${time.getFullYear()}${pad(time.getMonth() + 1)}${pad(time.getDate())}-${pad(time.getHours())}${pad(time.getMinutes())}${pad(time.getSeconds())}`;
  return `${prefix}-${stamp}.cwbackup`;
}

export class BackupController {
  private state: BackupState;
  private readonly listeners = new Set<() => void>();
  private tracker: ChangeTracker | null = null;
  private scheduler: BackupScheduler | null = null;
  /** Bumped by dispose(), so a start() still awaiting something stops there (React StrictMode). */
  private generation = 0;
  private readonly cleanups: (() => void)[] = [];
  private busy: Promise<unknown> | null = null;
  // The optional whole-archive passphrase lives in this field only, for one session, and is never
  // written anywhere (not to IndexedDB, not to localStorage, not to main). Personal data needs no
  // passphrase to stay protected in automatic backups: with encryption at rest on, backups carry
  // it sealed (see renderer/storage/vaultOperations.ts).
  private passphrase: string | null = null;

  constructor(private readonly deps: BackupControllerDeps) {
    this.state = {
      isDesktop: deps.platform.backups !== undefined,
      settings: DEFAULT_BACKUP_SETTINGS,
      hasPendingChanges: false,
      operation: null,
      lastBackup: this.readLastBackup(),
      lastAutomaticError: null,
      hasPassphrase: false,
    };
  }

  getState = (): BackupState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(patch: Partial<BackupState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Starts change tracking and, on the desktop, the schedule and the backup at quit. */
  async start(): Promise<void> {
    const generation = ++this.generation;
    const backups = this.deps.platform.backups;
    const tracker = createChangeTracker(this.deps.snapshots.name, this.deps.storage);
    this.tracker = tracker;
    this.cleanups.push(() => tracker.dispose());
    this.cleanups.push(tracker.subscribe(() => {
      const hasPendingChanges = tracker.hasPendingChanges();
      if (hasPendingChanges !== this.state.hasPendingChanges) {
        this.update({ hasPendingChanges });
        backups?.setPendingChanges(hasPendingChanges).catch((error: unknown) => console.warn('[backup] main not told about changes', error));
      }
    }));
    this.update({ hasPendingChanges: tracker.hasPendingChanges() });
    const settings = await loadBackupSettings(this.deps.snapshots);
    if (generation !== this.generation) return;
    this.update({ settings });
    if (backups === undefined) return;
    await backups.setPendingChanges(tracker.hasPendingChanges());
    if (generation !== this.generation) return;
    this.scheduler = createBackupScheduler({
      intervalMinutes: () => this.state.settings.intervalMinutes,
      hasPendingChanges: () => tracker.hasPendingChanges() && this.busy === null,
      lastAttemptAt: () => {
        const stored = Number(this.deps.storage?.getItem(LAST_ATTEMPT_KEY) ?? Number.NaN);
        return Number.isFinite(stored) ? stored : null;
      },
      recordAttempt: (at) => this.deps.storage?.setItem(LAST_ATTEMPT_KEY, String(at)),
      runBackup: () => this.runAutomatic(false).then(() => undefined),
      now: () => this.deps.now().getTime(),
    });
    this.scheduler.start();
    this.cleanups.push(() => this.scheduler?.stop());
    this.cleanups.push(backups.onBackupRequested((requestId) => {
      void this.answerQuitRequest(requestId);
    }));
  }

  dispose(): void {
    this.generation += 1;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.tracker = null;
    this.scheduler = null;
  }

  /** Runs one operation at a time; the progress shows under `title`. */
  private async exclusive<T>(title: string, isVisible: boolean, work: (progress: (p: OperationProgress) => void) => Promise<T>): Promise<T> {
    if (this.busy !== null) throw new BusyError();
    const setProgress = (progress: OperationProgress) => this.update({ operation: { title, progress, isVisible } });
    setProgress({ stage: '正在准备', percent: null });
    const run = work(setProgress);
    this.busy = run;
    try {
      return await run;
    } finally {
      this.busy = null;
      this.update({ operation: null });
    }
  }

  private async waitUntilIdle(): Promise<void> {
    while (this.busy !== null) await this.busy.catch(() => undefined);
  }

  private async backUp(destination: BackupDestination, title: string, isVisible: boolean): Promise<BackupOutcome | null> {
    return this.exclusive(title, isVisible, async (onProgress) => {
      let countAtSnapshot = -1;
      const { createBackup, BACKUP_FILE_FILTERS } = await loadOperations();
      const outcome = await createBackup({
        snapshots: this.deps.snapshots,
        destination,
        passphrase: this.passphrase,
        appVersion: this.deps.appVersion,
        now: this.deps.now(),
        backups: this.deps.platform.backups,
        download: (fileName, blob) => this.deps.platform.saveFile(fileName, blob, BACKUP_FILE_FILTERS),
        onProgress,
        onSnapshot: () => {
          countAtSnapshot = this.tracker?.changeCount() ?? -1;
        },
      });
      if (outcome !== null) {
        this.tracker?.markBackedUp(countAtSnapshot);
        this.recordLastBackup(outcome.name);
      }
      return outcome;
    });
  }

  private async runAutomatic(isVisible: boolean): Promise<BackupOutcome | null> {
    const backups = this.deps.platform.backups;
    if (backups === undefined) return null;
    let outcome: BackupOutcome | null;
    try {
      outcome = await this.backUp({ kind: 'backupFolder', reason: 'automatic' }, isVisible ? '正在退出前备份' : '自动备份', isVisible);
    } catch (error) {
      if (error instanceof BusyError) return null;
      this.update({ lastAutomaticError: describeError(error).message });
      throw error;
    }
    this.update({ lastAutomaticError: null });
    const { keepLatest, keepDailyForDays } = this.state.settings;
    // Old backups left over are harmless; the new one is written and verified either way.
    await backups.prune({ keepLatest, keepDailyForDays }).catch((error: unknown) => console.warn('[backup] old automatic backups not pruned', error));
    return outcome;
  }

  private async answerQuitRequest(requestId: string): Promise<void> {
    const backups = this.deps.platform.backups;
    if (backups === undefined) return;
    let isBackedUp = false;
    try {
      await this.waitUntilIdle();
      if (this.tracker?.hasPendingChanges() ?? true) await this.runAutomatic(true);
      isBackedUp = true;
    } catch (error) {
      console.error('[backup] backup before quitting failed', error);
    }
    await backups.reportQuitBackup(requestId, isBackedUp).catch((error: unknown) => console.warn('[backup] quit answer not delivered', error));
  }

  /** 「立即备份」 (desktop): a manual backup into the backup folder. */
  backupNow(): Promise<BackupOutcome | null> {
    return this.backUp({ kind: 'backupFolder', reason: 'manual' }, '正在备份', true);
  }

  /** 「备份到…」: a save dialog on the desktop, a download in the browser. */
  backupTo(): Promise<BackupOutcome | null> {
    const fileName = downloadFileName('企业合规工作台备份', this.deps.now());
    const destination: BackupDestination = this.deps.platform.backups === undefined
      ? { kind: 'download', fileName }
      : { kind: 'chooseLocation', suggestedName: fileName };
    return this.backUp(destination, '正在备份', true);
  }

  async listStoredBackups(): Promise<ListBackupsResponse | null> {
    return (await this.deps.platform.backups?.list()) ?? null;
  }

  async deleteStoredBackup(name: string): Promise<void> {
    await this.deps.platform.backups?.remove(name);
  }

  async openBackupFolder(): Promise<void> {
    await this.deps.platform.backups?.openFolder();
  }

  /** Loads and verifies a backup main keeps. */
  loadStored(name: string): Promise<LoadedBackup> {
    const backups = this.deps.platform.backups;
    if (backups === undefined) return Promise.resolve({ kind: 'failed', sourceName: name, message: '当前环境没有备份文件夹' });
    return this.exclusive('正在读取备份', true, async (onProgress) => {
      const bytes = await (await loadOperations()).loadBackupFromMain(backups, { kind: 'stored', name }, onProgress);
      return this.verifyLoaded(name, bytes, onProgress);
    });
  }

  /** Lets the user choose a backup file and verifies it; null when they cancel. */
  async loadFromFile(): Promise<LoadedBackup | null> {
    const backups = this.deps.platform.backups;
    if (backups !== undefined) {
      const picked = await backups.pickFile();
      if (!picked.isPicked) return null;
      return this.exclusive('正在读取备份', true, async (onProgress) => {
        const bytes = await (await loadOperations()).loadBackupFromMain(backups, { kind: 'picked', token: picked.token }, onProgress);
        return this.verifyLoaded(picked.name, bytes, onProgress);
      });
    }
    const { BACKUP_FILE_FILTERS } = await loadOperations();
    const files = await this.deps.platform.openFiles([...BACKUP_FILE_FILTERS, { name: '所有文件', extensions: ['*'] }]);
    const file = files[0];
    if (file === undefined) return null;
    return this.exclusive('正在读取备份', true, (onProgress) => this.verifyLoaded(file.name, file.bytes, onProgress));
  }

  /** After a passphrase prompt. */
  verifyAgain(sourceName: string, bytes: Uint8Array, passphrase: string): Promise<LoadedBackup> {
    return this.exclusive('正在校验备份', true, (onProgress) => this.verifyLoaded(sourceName, bytes, onProgress, passphrase));
  }

  private async verifyLoaded(sourceName: string, bytes: Uint8Array, onProgress: (p: OperationProgress) => void, passphrase = this.passphrase): Promise<LoadedBackup> {
    const { verifyBackup, prepareRestoreData } = await loadOperations();
    const { result, bytes: returned } = await verifyBackup(bytes, passphrase, onProgress);
    if (!result.ok) return this.toLoaded(sourceName, result.error, returned);
    // Every record is checked before the officer is asked to confirm: a backup that would write
    // a record a workspace import refuses is refused here, naming the table and the record.
    try {
      const data = await prepareRestoreData(this.deps.snapshots, result.value, onProgress);
      return { kind: 'verified', restore: { sourceName, verified: result.value, data } };
    } catch (error) {
      if (error instanceof (await import('./snapshotCodec')).BackupContentError) return { kind: 'failed', sourceName, message: error.message };
      throw error;
    }
  }

  private toLoaded(sourceName: string, error: AppError, bytes: Uint8Array | null): LoadedBackup {
    const isPassphraseProblem = error.code === 'backup.needsPassphrase' || error.code === 'backup.wrongPassphrase';
    if (isPassphraseProblem && bytes !== null) return { kind: 'needsPassphrase', sourceName, bytes, message: error.message };
    const described = describeFailure(error);
    return { kind: 'failed', sourceName, message: described.message, technical: described.technical };
  }

  /**
   * Restores a verified backup: first backs up the current state (so the restore can be undone;
   * a failure there stops the restore), then replaces every table in one transaction.
   */
  async restore(prepared: PreparedRestore): Promise<{ readonly undoBackup: BackupOutcome }> {
    const backups = this.deps.platform.backups;
    const undoDestination: BackupDestination = backups === undefined
      ? { kind: 'download', fileName: downloadFileName('恢复前备份', this.deps.now()) }
      : { kind: 'backupFolder', reason: 'beforeRestore' };
    const undoBackup = await this.backUp(undoDestination, '正在备份当前数据（以便撤销恢复）', true);
    if (undoBackup === null) throw new Error('未能先备份当前数据，恢复已取消，现有数据没有任何改动');
    const { restorePreparedData } = await loadOperations();
    await this.exclusive('正在从备份恢复', true, (onProgress) =>
      restorePreparedData(this.deps.snapshots, prepared.data, onProgress));
    return { undoBackup };
  }

  async saveSettings(settings: BackupSettings): Promise<void> {
    this.update({ settings: await saveBackupSettings(this.deps.snapshots, settings) });
  }

  /** Session-only (see the TODO on `passphrase`); null or '' turns encryption off. */
  setPassphrase(passphrase: string | null): void {
    this.passphrase = passphrase === null || passphrase === '' ? null : passphrase;
    this.update({ hasPassphrase: this.passphrase !== null });
  }

  /** For tests: one scheduler check now. */
  runScheduledCheck(): Promise<void> {
    return this.scheduler?.check() ?? Promise.resolve();
  }

  private readLastBackup(): BackupState['lastBackup'] {
    try {
      const parsed: unknown = JSON.parse(this.deps.storage?.getItem(LAST_BACKUP_KEY) ?? 'null');
      const value = parsed as { at?: unknown; name?: unknown } | null;
      return typeof value?.at === 'string' && typeof value.name === 'string' ? { at: value.at, name: value.name } : null;
    } catch {
      return null;
    }
  }

  private recordLastBackup(name: string): void {
    const lastBackup = { at: this.deps.now().toISOString(), name };
    try {
      this.deps.storage?.setItem(LAST_BACKUP_KEY, JSON.stringify(lastBackup));
    } catch {
      // Only the 「上次备份」 line depends on it.
    }
    this.update({ lastBackup });
  }
}
