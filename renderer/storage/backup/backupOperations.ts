import type { BackupProgress } from '../../../shared/backup/backupArchive';
import { BACKUP_FILE_EXTENSION } from '../../../shared/backup/backupFileName';
import type { BackupSource, BackupTarget } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/util/result';
import type { DesktopBackups, FileFilter } from '../../platform/platform';
import type { VerifiedBackup } from './archiveJobs';
import { verifyArchive, writeArchive } from './backupWorkerClient';
import type { WorkspaceData, WorkspaceSummary } from './snapshotCodec';
import type { WorkspaceSnapshots } from './snapshotAccess';

/*
 * The steps of backing up and restoring, free of React: read → archive (worker) → stream to main
 * or to a download; load → verify (worker) → upgrade → replace in one transaction.
 */

export const BACKUP_FILE_FILTERS: readonly FileFilter[] = [{ name: '企业合规工作台备份', extensions: [BACKUP_FILE_EXTENSION] }];

export interface OperationProgress {
  /** Chinese, shown above the bar. */
  readonly stage: string;
  /** 0–100, or null while the amount of work is unknown. */
  readonly percent: number | null;
}

export type ProgressListener = (progress: OperationProgress) => void;

/** Where a backup goes: main's folder or a 「备份到…」 file (desktop), or a download (browser). */
export type BackupDestination = BackupTarget | { readonly kind: 'download'; readonly fileName: string };

export interface BackupOutcome {
  /** File name, and where it is: a full path on the desktop, "下载" in the browser. */
  readonly name: string;
  readonly location: string;
  readonly size: number;
  readonly isEncrypted: boolean;
  readonly summary: WorkspaceSummary;
}

export interface CreateBackupParams {
  readonly snapshots: WorkspaceSnapshots;
  readonly destination: BackupDestination;
  readonly passphrase: string | null;
  readonly appVersion: string;
  readonly now: Date;
  readonly backups: DesktopBackups | undefined;
  readonly download: (fileName: string, blob: Blob) => Promise<boolean>;
  readonly onProgress: ProgressListener;
  /** Called right before the tables are read, so the caller knows which changes the backup holds. */
  readonly onSnapshot?: () => void;
}

/** Bytes per IPC message to main: large enough to be fast, small enough to keep memory low. */
const SEND_BATCH_BYTES = 8 * 1024 * 1024;
/** Bytes per read of a backup file from main. */
const READ_CHUNK_BYTES = 32 * 1024 * 1024;

function percentOf(progress: BackupProgress): number | null {
  return progress.total > 0 ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : null;
}

/**
 * Sends chunks to main in order, batched. push() never blocks the worker's messages; the sends
 * are chained, and the first failure is kept and thrown by close().
 */
function createChunkSender(send: (chunk: Uint8Array) => Promise<void>) {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let chain: Promise<void> = Promise.resolve();
  let failure: Error | null = null;
  const flush = () => {
    if (pendingBytes === 0) return;
    const batch = new Uint8Array(pendingBytes);
    let offset = 0;
    for (const part of pending) {
      batch.set(part, offset);
      offset += part.length;
    }
    pending = [];
    pendingBytes = 0;
    chain = chain.then(() => (failure === null ? send(batch) : undefined)).catch((error: unknown) => {
      failure ??= error instanceof Error ? error : new Error(String(error));
    });
  };
  return {
    push(chunk: Uint8Array) {
      if (failure !== null) return;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= SEND_BATCH_BYTES) flush();
    },
    async close() {
      flush();
      await chain;
      if (failure !== null) throw failure;
    },
  };
}

/** Takes a backup of every table and document. Resolves null when the user cancels the save dialog. */
export async function createBackup(params: CreateBackupParams): Promise<BackupOutcome | null> {
  const { destination, onProgress } = params;
  const options = { createdAt: params.now.toISOString(), appVersion: params.appVersion, passphrase: params.passphrase };
  const onArchiveProgress = (p: BackupProgress) => onProgress({ stage: p.stage, percent: percentOf(p) });

  if (destination.kind === 'download') {
    onProgress({ stage: '正在读取数据', percent: null });
    params.onSnapshot?.();
    const workspace = await params.snapshots.read();
    const parts: Uint8Array[] = [];
    const written = await writeArchive(workspace, options, (chunk) => parts.push(chunk), onArchiveProgress);
    const blob = new Blob(parts as BlobPart[], { type: 'application/octet-stream' });
    parts.length = 0;
    // The browser cannot read a download back, so the archive is verified before it is offered.
    onProgress({ stage: '正在校验备份', percent: null });
    const check = await verifyArchive(new Uint8Array(await blob.arrayBuffer()), params.passphrase, onArchiveProgress);
    if (!check.result.ok) throw new Error(`备份校验失败，未保存：${check.result.error.message}`);
    const isSaved = await params.download(destination.fileName, blob);
    if (!isSaved) return null;
    return { name: destination.fileName, location: '浏览器下载', size: blob.size, isEncrypted: written.isEncrypted, summary: written.summary };
  }

  const backups = params.backups;
  if (backups === undefined) throw new Error('当前环境不支持备份到文件夹');
  const session = await backups.begin(destination);
  if (!session.isStarted) return null;
  try {
    onProgress({ stage: '正在读取数据', percent: null });
    params.onSnapshot?.();
    const workspace = await params.snapshots.read();
    const sender = createChunkSender((chunk) => backups.append(session.sessionId, chunk));
    const written = await writeArchive(workspace, options, (chunk) => sender.push(chunk), onArchiveProgress);
    onProgress({ stage: '正在写入磁盘', percent: null });
    await sender.close();
    onProgress({ stage: '正在读回并校验备份文件', percent: null });
    const finished = await backups.finish(session.sessionId, params.passphrase);
    return { name: finished.name, location: finished.path, size: finished.size, isEncrypted: finished.isEncrypted, summary: written.summary };
  } catch (error) {
    await backups.abort(session.sessionId).catch(() => undefined);
    throw error;
  }
}

/** Reads a backup file main holds (stored or picked), in chunks with progress. */
export async function loadBackupFromMain(backups: DesktopBackups, source: BackupSource, onProgress: ProgressListener): Promise<Uint8Array> {
  onProgress({ stage: '正在读取备份文件', percent: 0 });
  const first = await backups.read(source, 0, READ_CHUNK_BYTES);
  if (first.bytes.length === first.totalSize) return first.bytes;
  const bytes = new Uint8Array(first.totalSize);
  bytes.set(first.bytes, 0);
  let offset = first.bytes.length;
  while (offset < first.totalSize) {
    const next = await backups.read(source, offset, READ_CHUNK_BYTES);
    if (next.bytes.length === 0) throw new Error('备份文件在读取过程中变短了，请重试');
    bytes.set(next.bytes.subarray(0, Math.min(next.bytes.length, first.totalSize - offset)), offset);
    offset += next.bytes.length;
    onProgress({ stage: '正在读取备份文件', percent: Math.floor((offset / first.totalSize) * 100) });
  }
  return bytes;
}

export interface VerifyOutcome {
  readonly result: Result<VerifiedBackup>;
  /** Handed back when verification failed, so a retry (another passphrase) needs no reload. */
  readonly bytes: Uint8Array | null;
}

/** Checks every checksum of the archive before anything is touched. Takes ownership of `bytes`. */
export async function verifyBackup(bytes: Uint8Array, passphrase: string | null, onProgress: ProgressListener): Promise<VerifyOutcome> {
  onProgress({ stage: '正在校验备份', percent: 0 });
  return verifyArchive(bytes, passphrase, (p) => onProgress({ stage: p.stage, percent: percentOf(p) }));
}

/**
 * A verified backup made ready to write, before the officer is asked to confirm: upgraded to the
 * current schema first if it is older, then every record checked exactly as a workspace import
 * checks it (checkWorkspaceData). Throws BackupContentError naming the table and the record;
 * nothing is written to the store (an upgrade works in a scratch database).
 */
export async function prepareRestoreData(
  snapshots: WorkspaceSnapshots,
  verified: VerifiedBackup,
  onProgress: ProgressListener,
): Promise<WorkspaceData> {
  if (verified.workspace.schemaVersion !== snapshots.schemaVersion) onProgress({ stage: '正在升级备份的数据结构', percent: null });
  const data = await snapshots.atCurrentVersion(verified.workspace);
  onProgress({ stage: '正在逐条检查备份中的记录', percent: null });
  await snapshots.check(data);
  return data;
}

/**
 * Replaces the whole workspace with prepared data (see prepareRestoreData), in ONE transaction
 * over every table (see replaceWorkspace, which checks every record once more first).
 */
export async function restorePreparedData(snapshots: WorkspaceSnapshots, data: WorkspaceData, onProgress: ProgressListener): Promise<void> {
  await snapshots.replace(data, (p) => onProgress({
    stage: `正在写入数据（${p.done} / ${p.total} 条记录）`,
    percent: p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100,
  }));
}
