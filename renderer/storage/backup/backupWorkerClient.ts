import type { BackupProgress } from '../../../shared/backup/backupArchive';
import type { Result } from '../../../shared/util/result';
import { runReadJob, runWriteJob, type VerifiedBackup, type WriteJobOptions, type WrittenArchive } from './archiveJobs';
import type { BackupWorkerMessage, BackupWorkerRequest } from './backupWorker';
import type { WorkspaceData } from './snapshotCodec';

/**
 * Runs an archive job in backupWorker.ts, or on this thread where there are no workers (unit
 * tests) or the worker cannot start. Progress and chunks arrive through the callbacks.
 */
function runInWorker<T>(
  request: BackupWorkerRequest,
  transfer: Transferable[],
  handlers: {
    readonly onProgress: (progress: BackupProgress) => void;
    readonly onChunk?: (chunk: Uint8Array) => void;
    readonly pick: (message: BackupWorkerMessage) => T | undefined;
    readonly inline: () => Promise<T>;
  },
): Promise<T> {
  if (typeof Worker === 'undefined') return handlers.inline();
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(new URL('./backupWorker.ts', import.meta.url), { type: 'module' });
    let hasHeardBack = false;
    worker.onmessage = (event: MessageEvent<BackupWorkerMessage>) => {
      hasHeardBack = true;
      const message = event.data;
      if (message.type === 'progress') handlers.onProgress(message.progress);
      else if (message.type === 'chunk') handlers.onChunk?.(message.chunk);
      else if (message.type === 'failed') {
        worker.terminate();
        reject(new Error(message.message));
      } else {
        const result = handlers.pick(message);
        if (result !== undefined) {
          worker.terminate();
          resolve(result);
        }
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      // A worker that cannot start (blocked by policy, out of memory) must not stop the backup;
      // one that failed half-way cannot be resumed here.
      if (hasHeardBack) reject(new Error(`备份后台任务出错：${event.message}`));
      else handlers.inline().then(resolve, reject);
    };
    worker.postMessage(request, transfer);
  });
}

/** Builds the archive of `workspace`; chunks are handed to `onChunk` in order as they are made. */
export function writeArchive(
  workspace: WorkspaceData,
  options: WriteJobOptions,
  onChunk: (chunk: Uint8Array) => void,
  onProgress: (progress: BackupProgress) => void,
): Promise<WrittenArchive> {
  return runInWorker<WrittenArchive>({ type: 'write', workspace, options }, [], {
    onProgress,
    onChunk,
    pick: (message) => (message.type === 'written' ? message.result : undefined),
    inline: () => runWriteJob(workspace, options, onChunk, onProgress),
  });
}

/**
 * Verifies an archive completely and rebuilds its tables. Takes ownership of `bytes`: its buffer
 * is moved to the worker, not copied (a backup may be hundreds of megabytes).
 */
export function verifyArchive(
  bytes: Uint8Array,
  passphrase: string | null,
  onProgress: (progress: BackupProgress) => void,
): Promise<{ readonly result: Result<VerifiedBackup>; readonly bytes: Uint8Array | null }> {
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
  return runInWorker({ type: 'read', bytes: owned, passphrase }, [owned.buffer as ArrayBuffer], {
    onProgress,
    pick: (message) => (message.type === 'verified' ? { result: message.result, bytes: message.bytes } : undefined),
    inline: async () => {
      const result = await runReadJob(owned, passphrase, onProgress);
      return { result, bytes: result.ok ? null : owned };
    },
  });
}
