import type { Result } from '../../../shared/util/result';
import { err } from '../../../shared/util/result';
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
      resolve(err('file.unreadable', `无法检查文件“${file.name}”：${event.message || '文件过大或已损坏'}`));
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
    return err('file.unreadable', `无法读取文件“${file.name}”：${e instanceof Error ? e.message : String(e)}`);
  }
}
