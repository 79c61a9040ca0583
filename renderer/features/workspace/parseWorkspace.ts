import type { WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { err, type Result } from '../../../shared/util/result';
import { decodeWorkspaceBytes } from './workspaceCodec';

/**
 * Validates a workspace file in a worker when the platform has workers (the page), on this
 * thread otherwise (jsdom tests). Resolves with a Chinese error, never rejects.
 */
export function parseWorkspaceBytes(bytes: Uint8Array): Promise<Result<WorkspaceFile>> {
  if (typeof Worker === 'undefined') return Promise.resolve(decodeWorkspaceBytes(bytes));
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./parseWorkspace.worker.ts', import.meta.url), { type: 'module' });
    const finish = (result: Result<WorkspaceFile>) => {
      worker.terminate();
      resolve(result);
    };
    worker.onmessage = (event: MessageEvent<Result<WorkspaceFile>>) => finish(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      // A worker that cannot start (e.g. blocked by policy) must not stop the import.
      finish(safeDecode(bytes));
    };
    const copy = bytes.slice();
    worker.postMessage(copy.buffer, [copy.buffer]);
  });
}

function safeDecode(bytes: Uint8Array): Result<WorkspaceFile> {
  try {
    return decodeWorkspaceBytes(bytes);
  } catch (e) {
    return err('workspace.parseFailed', `读取工作区文件失败：${e instanceof Error ? e.message : String(e)}`);
  }
}
