import type { WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import type { PackageProgress } from '../../../shared/workspace/workspacePackage';
import type { Result } from '../../../shared/util/result';
import { errFrom } from '../../../shared/util/errorDescription';
import { buildPackageBlob } from './packageBlob';

export interface ExportRequest {
  readonly workspace: WorkspaceFile;
  /** Document id -> the file's own (opened) bytes. */
  readonly files: ReadonlyMap<string, Blob>;
  /** Energy evidence file id -> the file's own (opened) bytes. */
  readonly evidence: ReadonlyMap<string, Blob>;
}

export type ExportReply =
  | { readonly kind: 'progress'; readonly progress: PackageProgress }
  | { readonly kind: 'result'; readonly result: Result<Blob> };

export interface PackageExport {
  /** The package, or a Chinese error; null when cancelled. Never rejects. */
  readonly done: Promise<Result<Blob> | null>;
  readonly cancel: () => void;
}

/**
 * Builds the workspace package in a worker when the platform has workers (the page), on this
 * thread otherwise (jsdom tests), with progress over the bytes written.
 */
export function exportWorkspacePackage(request: ExportRequest, onProgress?: (progress: PackageProgress) => void): PackageExport {
  if (typeof Worker === 'undefined') {
    let isCancelled = false;
    const done = buildHere(request, onProgress).then((result) => (isCancelled ? null : result));
    return { done, cancel: () => { isCancelled = true; } };
  }
  const worker = new Worker(new URL('./exportPackage.worker.ts', import.meta.url), { type: 'module' });
  let settle: (result: Result<Blob> | null) => void = () => undefined;
  const done = new Promise<Result<Blob> | null>((resolve) => {
    settle = (result) => {
      worker.terminate();
      resolve(result);
    };
  });
  worker.onmessage = (event: MessageEvent<ExportReply>) => {
    if (event.data.kind === 'progress') onProgress?.(event.data.progress);
    else settle(event.data.result);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle(errFrom('package.workerFailed', event.message || '后台任务无法运行', { lead: '生成工作区包失败' }));
  };
  worker.postMessage(request);
  return { done, cancel: () => settle(null) };
}

async function buildHere(request: ExportRequest, onProgress?: (progress: PackageProgress) => void): Promise<Result<Blob>> {
  try {
    const built = await buildPackageBlob(request.workspace, request.files, onProgress, request.evidence);
    return built.ok ? { ok: true, value: built.value.blob } : built;
  } catch (e) {
    return errFrom('package.buildFailed', e, { lead: '生成工作区包失败' });
  }
}
