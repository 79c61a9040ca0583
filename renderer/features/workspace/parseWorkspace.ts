import { toHex, webCryptoPort } from '../../../shared/crypto/cryptoPort';
import type { PackageProgress } from '../../../shared/workspace/workspacePackage';
import type { Result } from '../../../shared/util/result';
import { errFrom } from '../../../shared/util/errorDescription';
import { decodeWorkspaceImport, type DecodedWorkspace } from './workspaceCodec';

export type ParseReply =
  | { readonly kind: 'progress'; readonly progress: PackageProgress }
  | { readonly kind: 'result'; readonly result: Result<DecodedWorkspace> };

/**
 * Validates a workspace file or package in a worker when the platform has workers (the page), on
 * this thread otherwise (jsdom tests). `onProgress` reports the package's files as they are
 * verified. Resolves with a Chinese error, never rejects.
 */
export function parseWorkspaceBytes(bytes: Uint8Array, onProgress?: (progress: PackageProgress) => void): Promise<Result<DecodedWorkspace>> {
  if (typeof Worker === 'undefined') return decodeHere(bytes, onProgress);
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./parseWorkspace.worker.ts', import.meta.url), { type: 'module' });
    const finish = (result: Result<DecodedWorkspace>) => {
      worker.terminate();
      resolve(result);
    };
    worker.onmessage = (event: MessageEvent<ParseReply>) => {
      if (event.data.kind === 'progress') onProgress?.(event.data.progress);
      else finish(event.data.result);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // A worker that cannot start (e.g. blocked by policy) must not stop the import.
      worker.terminate();
      void decodeHere(bytes, onProgress).then(resolve);
    };
    const copy = bytes.slice();
    worker.postMessage(copy.buffer, [copy.buffer]);
  });
}

async function decodeHere(bytes: Uint8Array, onProgress?: (progress: PackageProgress) => void): Promise<Result<DecodedWorkspace>> {
  const port = webCryptoPort(globalThis.crypto);
  try {
    return await decodeWorkspaceImport(bytes, { sha256Hex: async (b) => toHex(await port.sha256(b)), onProgress });
  } catch (e) {
    return errFrom('workspace.parseFailed', e, { lead: '读取工作区文件失败' });
  }
}
