import type { Result } from '../../../shared/util/result';
import { errFrom } from '../../../shared/util/errorDescription';
import type { FileCheckReply } from './fileCheck.worker';
import { checkFileSize, hexOf, inspectFileBytes, type InspectedFile } from './fileInspection';

export type CheckedFile = InspectedFile & { readonly sha256: string };

/**
 * Checks a picked file before it is stored, in a worker with read progress (a 100 MB scan does
 * not freeze the window). Without workers (jsdom tests) it reads on this thread. Never rejects.
 */
export function checkPickedFile(file: File, onProgress?: (read: number, total: number) => void): Promise<Result<CheckedFile>> {
  const sized = checkFileSize(file.name, file.size);
  if (!sized.ok) return Promise.resolve(sized);
  if (typeof Worker === 'undefined') return checkOnThisThread(file);
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./fileCheck.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<FileCheckReply>) => {
      const message = event.data;
      if (message.kind === 'progress') {
        onProgress?.(message.read, message.total);
        return;
      }
      worker.terminate();
      resolve(message.result);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      resolve(errFrom('file.unreadable', event.message, { lead: `无法检查文件“${file.name}”`, reason: '文件过大或已损坏' }));
    };
    worker.postMessage(file);
  });
}

async function checkOnThisThread(file: File): Promise<Result<CheckedFile>> {
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const inspected = await inspectFileBytes(file.name, bytes);
    if (!inspected.ok) return inspected;
    return { ok: true, value: { ...inspected.value, sha256: hexOf(await crypto.subtle.digest('SHA-256', bytes)) } };
  } catch (e) {
    return errFrom('file.unreadable', e, { lead: `无法读取文件“${file.name}”` });
  }
}
