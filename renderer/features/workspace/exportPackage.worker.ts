import '../../app/zodConfig';
import { errFrom } from '../../../shared/util/errorDescription';
import { buildPackageBlob } from './packageBlob';
import type { ExportReply, ExportRequest } from './exportPackage';

/** Builds the workspace package off the page's thread: reading and zipping 1 GB of scans takes a while. */

function reply(message: ExportReply): void {
  self.postMessage(message);
}

self.onmessage = (event: MessageEvent<ExportRequest>) => {
  void (async () => {
    try {
      const built = await buildPackageBlob(event.data.workspace, event.data.files, (progress) => reply({ kind: 'progress', progress }), event.data.evidence);
      reply({ kind: 'result', result: built.ok ? { ok: true, value: built.value.blob } : built });
    } catch (e) {
      reply({ kind: 'result', result: errFrom('package.buildFailed', e, { lead: '生成工作区包失败' }) });
    }
  })();
};
