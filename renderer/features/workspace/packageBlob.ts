import type { WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { writeWorkspacePackage, type PackageProgress, type WrittenPackage } from '../../../shared/workspace/workspacePackage';
import { ok, type Result } from '../../../shared/util/result';

/** Zip output gathered into Blobs of about this size, so the package never sits in one array. */
const BLOB_PART_BYTES = 16 * 1024 * 1024;
/** Progress is reported every this many bytes (and at the end), not for every 64 KB chunk. */
const PROGRESS_STEP_BYTES = 2 * 1024 * 1024;

async function* chunksOf(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/**
 * The workspace package as a Blob, from the workspace, each document's file and each energy
 * evidence file. Shared by the export worker and its main-thread fallback.
 */
export async function buildPackageBlob(
  workspace: WorkspaceFile,
  files: ReadonlyMap<string, Blob>,
  onProgress?: (progress: PackageProgress) => void,
  evidence: ReadonlyMap<string, Blob> = new Map(),
): Promise<Result<{ readonly blob: Blob; readonly written: WrittenPackage }>> {
  const parts: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pending.length === 0) return;
    // Chunks come from fflate and Blob streams, each over its own ArrayBuffer.
    parts.push(new Blob(pending as Uint8Array<ArrayBuffer>[]));
    pending = [];
    pendingBytes = 0;
  };
  let reported = -Infinity;
  const written = await writeWorkspacePackage(
    workspace,
    (document) => {
      const file = files.get(document.id);
      return file ? chunksOf(file) : null;
    },
    (chunk) => {
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= BLOB_PART_BYTES) flush();
    },
    (progress) => {
      if (progress.doneBytes - reported < PROGRESS_STEP_BYTES && progress.doneBytes < progress.totalBytes) return;
      reported = progress.doneBytes;
      onProgress?.(progress);
    },
    (attachment) => {
      const file = evidence.get(attachment.id);
      return file ? chunksOf(file) : null;
    },
  );
  if (!written.ok) return written;
  flush();
  return ok({ blob: new Blob(parts, { type: 'application/zip' }), written: written.value });
}
