import { readBackupArchive, writeBackupArchive, type BackupManifest, type BackupProgress } from '../../../shared/backup/backupArchive';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { err, ok, type Result } from '../../../shared/util/result';
import { BackupContentError, decodeWorkspace, encodeWorkspace, summarizeSnapshot, type WorkspaceData, type WorkspaceSummary } from './snapshotCodec';

/*
 * The heavy half of backup and restore: building the archive (checksums, deflate, encryption)
 * and verifying one. Runs in backupWorker.ts so the window never freezes; the same functions run
 * on the page's thread where there are no workers (unit tests).
 */

export interface WriteJobOptions {
  readonly createdAt: string;
  readonly appVersion: string;
  readonly passphrase: string | null;
}

export interface WrittenArchive {
  readonly summary: WorkspaceSummary;
  readonly isEncrypted: boolean;
}

export interface VerifiedBackup {
  readonly manifest: BackupManifest;
  readonly workspace: WorkspaceData;
  readonly summary: WorkspaceSummary;
}

const crypto = (): ReturnType<typeof webCryptoPort> => webCryptoPort(globalThis.crypto);

export async function runWriteJob(
  workspace: WorkspaceData,
  options: WriteJobOptions,
  onChunk: (chunk: Uint8Array) => void,
  onProgress: (progress: BackupProgress) => void,
): Promise<WrittenArchive> {
  onProgress({ done: 0, total: 1, stage: '正在读取文件' });
  const snapshot = await encodeWorkspace(workspace);
  const { manifest } = await writeBackupArchive(
    snapshot,
    { createdAt: options.createdAt, appVersion: options.appVersion, passphrase: options.passphrase ?? undefined, onProgress },
    crypto(),
    onChunk,
  );
  return { summary: summarizeSnapshot(snapshot), isEncrypted: manifest.encryption !== null };
}

/** Verifies every checksum, then rebuilds the tables; nothing is written anywhere. */
export async function runReadJob(
  bytes: Uint8Array,
  passphrase: string | null,
  onProgress: (progress: BackupProgress) => void,
): Promise<Result<VerifiedBackup>> {
  const read = await readBackupArchive(bytes, { passphrase: passphrase ?? undefined, onProgress }, crypto());
  if (!read.ok) return read;
  try {
    const workspace = decodeWorkspace(read.value.snapshot);
    return ok({ manifest: read.value.manifest, workspace, summary: summarizeSnapshot(read.value.snapshot) });
  } catch (error) {
    if (error instanceof BackupContentError) return err('backup.content', `备份内容无法识别：${error.message}`);
    throw error;
  }
}
