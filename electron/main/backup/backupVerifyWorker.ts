import { webcrypto } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { readBackupArchive } from '../../../shared/backup/backupArchive';
import { type CryptoPort, webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { err, ok, type Result } from '../../../shared/util/result';
import { describeFileError } from '../atomicWrite';

/**
 * The worker that reads a just-written backup back from disk and verifies it
 * (dist-electron/backupVerifyWorker.cjs, started by createWorkerBackupVerifier in backupService).
 *
 * Unzipping and parsing a 500 MB archive takes over a second of synchronous work; on main's
 * thread that would freeze IPC, menus, the tray and every window for as long. Here it blocks
 * only this thread. The worker reads the file itself, so the bytes never cross threads, and
 * posts back a few numbers: the restored snapshot (hundreds of MB) stays here and is dropped
 * with the worker.
 */

export interface BackupVerifyRequest {
  readonly path: string;
  readonly passphrase: string | null;
}

/** What finish() reports about a verified backup. */
export interface VerifiedBackupSummary {
  readonly isEncrypted: boolean;
  readonly tableCount: number;
  readonly fileCount: number;
  /** Bytes of the file as read back. */
  readonly size: number;
}

export type BackupVerifyOutcome = Result<VerifiedBackupSummary>;

/** Reads and fully verifies the backup at `filePath`. Never throws: every failure is a Chinese error. */
export async function verifyBackupFile(filePath: string, passphrase: string | null, crypto: CryptoPort): Promise<BackupVerifyOutcome> {
  let written: Buffer;
  try {
    written = await readFile(filePath);
  } catch (error) {
    return err('backup.readFailed', describeFileError(error, filePath, 'read'));
  }
  try {
    const verified = await readBackupArchive(
      new Uint8Array(written.buffer, written.byteOffset, written.byteLength), { passphrase: passphrase ?? undefined }, crypto,
    );
    if (!verified.ok) return verified;
    const { manifest, snapshot } = verified.value;
    return ok({
      isEncrypted: manifest.encryption !== null, tableCount: Object.keys(snapshot.tables).length,
      fileCount: snapshot.files.length, size: written.byteLength,
    });
  } catch (error) {
    // E.g. out of memory for an archive far larger than this machine can hold.
    return err('backup.verifyError', `校验时出错（${error instanceof Error ? error.name : '未知错误'}）`);
  }
}

function isVerifyRequest(data: unknown): data is BackupVerifyRequest {
  if (typeof data !== 'object' || data === null) return false;
  const { path, passphrase } = data as Record<string, unknown>;
  return typeof path === 'string' && path !== '' && (passphrase === null || typeof passphrase === 'string');
}

// Only as a worker started with a request. Imported anywhere else (main's thread, a test
// runner's own worker) it does nothing; a worker started without a request exits without a
// message, which the caller reports as a failed verification.
if (parentPort !== null && isVerifyRequest(workerData)) {
  const port = parentPort;
  const request = workerData;
  void verifyBackupFile(request.path, request.passphrase, webCryptoPort(webcrypto)).then((outcome) => port.postMessage(outcome));
}
