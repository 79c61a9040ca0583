import '../../app/zodConfig';
import { toHex, webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { errFrom } from '../../../shared/util/errorDescription';
import { decodeWorkspaceImport } from './workspaceCodec';
import type { ParseReply } from './parseWorkspace';

/*
 * Parses a workspace file, or unpacks and verifies a workspace package, off the page's thread, so
 * a 100 MB file does not freeze the window. Files come back as Blobs: cloning one to the page does
 * not copy its bytes into the page's memory.
 */

const port = webCryptoPort(globalThis.crypto);

function reply(message: ParseReply): void {
  self.postMessage(message);
}

self.onmessage = (event: MessageEvent<ArrayBuffer>) => {
  void (async () => {
    try {
      const result = await decodeWorkspaceImport(new Uint8Array(event.data), {
        sha256Hex: async (bytes) => toHex(await port.sha256(bytes)),
        onProgress: (progress) => reply({ kind: 'progress', progress }),
      });
      reply({ kind: 'result', result });
    } catch (e) {
      reply({ kind: 'result', result: errFrom('workspace.parseFailed', e, { lead: '读取工作区文件失败' }) });
    }
  })();
};
