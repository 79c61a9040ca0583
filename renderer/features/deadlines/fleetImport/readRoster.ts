import { readRosterWorkbook, type RosterReadProgress, type RosterWorkbook } from '../../../../shared/fleet/rosterWorkbook';
import type { Result } from '../../../../shared/util/result';
import { errFrom } from '../../../../shared/util/errorDescription';
import type { RosterReaderMessage } from './rosterReader.worker';

/**
 * Reads a roster in a Web Worker where the page has workers, on this thread otherwise (jsdom
 * tests). Resolves with a Chinese error, never rejects.
 */
export function readRoster(bytes: Uint8Array, onProgress: (progress: RosterReadProgress) => void): Promise<Result<RosterWorkbook>> {
  const here = (): Promise<Result<RosterWorkbook>> => readRosterWorkbook(bytes, onProgress).catch((e: unknown) => errFrom('roster.failed', e, { lead: '读取文件失败' }));
  if (typeof Worker === 'undefined') return here();
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./rosterReader.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<RosterReaderMessage>) => {
      if (event.data.type === 'progress') {
        onProgress(event.data.progress);
        return;
      }
      worker.terminate();
      resolve(event.data.result);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      // A worker that cannot start (blocked by policy) must not stop the import.
      void here().then(resolve);
    };
    const copy = bytes.slice();
    worker.postMessage(copy.buffer, [copy.buffer]);
  });
}
