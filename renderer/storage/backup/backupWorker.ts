import type { BackupProgress } from '../../../shared/backup/backupArchive';
import type { Result } from '../../../shared/util/result';
import { runReadJob, runWriteJob, type VerifiedBackup, type WriteJobOptions, type WrittenArchive } from './archiveJobs';
import type { WorkspaceData } from './snapshotCodec';

/** Messages to the backup worker. */
export type BackupWorkerRequest =
  | { readonly type: 'write'; readonly workspace: WorkspaceData; readonly options: WriteJobOptions }
  | { readonly type: 'read'; readonly bytes: Uint8Array; readonly passphrase: string | null };

/** Messages from the backup worker. */
export type BackupWorkerMessage =
  | { readonly type: 'progress'; readonly progress: BackupProgress }
  | { readonly type: 'chunk'; readonly chunk: Uint8Array }
  | { readonly type: 'written'; readonly result: WrittenArchive }
  /** `bytes` comes back when verification failed, for a retry with another passphrase. */
  | { readonly type: 'verified'; readonly result: Result<VerifiedBackup>; readonly bytes: Uint8Array | null }
  | { readonly type: 'failed'; readonly message: string };

const post = (message: BackupWorkerMessage, transfer: Transferable[] = []): void => {
  self.postMessage(message, { transfer });
};

self.onmessage = (event: MessageEvent<BackupWorkerRequest>) => {
  const request = event.data;
  const onProgress = (progress: BackupProgress) => post({ type: 'progress', progress });
  const job = request.type === 'write'
    ? runWriteJob(request.workspace, request.options, (chunk) => {
      // A copy we own, so it can be transferred without detaching anything fflate still uses.
      const copy = chunk.slice();
      post({ type: 'chunk', chunk: copy }, [copy.buffer]);
    }, onProgress).then((result) => post({ type: 'written', result }))
    : runReadJob(request.bytes, request.passphrase, onProgress).then((result) => {
      if (result.ok) post({ type: 'verified', result, bytes: null });
      else post({ type: 'verified', result, bytes: request.bytes }, [request.bytes.buffer as ArrayBuffer]);
    });
  job.catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
};
