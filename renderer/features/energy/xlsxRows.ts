import { readXlsxRows, type SheetRows } from '../../../shared/energy/meterImport';
import { errFrom } from '../../../shared/util/errorDescription';
import type { Result } from '../../../shared/util/result';

/**
 * The sheets of an .xlsx as plain rows, read in a worker when the platform has workers (the
 * page) and on this thread otherwise (jsdom tests). Resolves with a Chinese error, never rejects.
 */
export function readSheets(bytes: Uint8Array): Promise<Result<SheetRows[]>> {
  if (typeof Worker === 'undefined') return onThisThread(bytes);
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./xlsxRows.worker.ts', import.meta.url), { type: 'module' });
    const finish = (result: Result<SheetRows[]>) => {
      worker.terminate();
      resolve(result);
    };
    worker.onmessage = (event: MessageEvent<Result<SheetRows[]>>) => finish(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      // A worker that cannot start must not stop the import: read here instead.
      void onThisThread(bytes).then(finish);
    };
    const copy = bytes.slice();
    worker.postMessage(copy.buffer, [copy.buffer]);
  });
}

async function onThisThread(bytes: Uint8Array): Promise<Result<SheetRows[]>> {
  try {
    return await readXlsxRows(bytes);
  } catch (e) {
    return errFrom('import.failed', e, { lead: '读取表格失败' });
  }
}
