import '../../app/zodConfig';
import type { Result } from '../../../shared/util/result';
import { errFrom } from '../../../shared/util/errorDescription';
import { hexOf, inspectFileBytes, type InspectedFile } from './fileInspection';

/*
 * Reads a picked file off the page's thread: in chunks from File.stream() with progress into one
 * buffer of the file's size (the only copy), checks it and hashes it. The page then stores the
 * original File object as the Blob, so the bytes read here are dropped when the worker answers.
 */

export type FileCheckReply =
  | { readonly kind: 'progress'; readonly read: number; readonly total: number }
  | { readonly kind: 'result'; readonly result: Result<InspectedFile & { readonly sha256: string }> };

function reply(message: FileCheckReply): void {
  self.postMessage(message);
}

self.onmessage = (event: MessageEvent<File>) => {
  const file = event.data;
  void (async () => {
    try {
      const bytes = new Uint8Array(file.size);
      const reader = file.stream().getReader();
      let read = 0;
      let lastReport = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (read + value.byteLength > bytes.byteLength) throw new Error('文件在读取过程中被改动');
        bytes.set(value, read);
        read += value.byteLength;
        if (read - lastReport >= 4 * 1024 * 1024) {
          lastReport = read;
          reply({ kind: 'progress', read, total: file.size });
        }
      }
      reply({ kind: 'progress', read, total: file.size });
      const inspected = await inspectFileBytes(file.name, bytes.subarray(0, read));
      if (!inspected.ok) {
        reply({ kind: 'result', result: inspected });
        return;
      }
      const sha256 = hexOf(await crypto.subtle.digest('SHA-256', bytes.subarray(0, read)));
      reply({ kind: 'result', result: { ok: true, value: { ...inspected.value, sha256 } } });
    } catch (e) {
      reply({ kind: 'result', result: errFrom('file.unreadable', e, { lead: `无法读取文件“${file.name}”` }) });
    }
  })();
};
