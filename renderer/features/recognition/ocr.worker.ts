import type { DocumentKind } from '../../../shared/ocr/fields';
import { recognizeScanWith, type ScanRecognition } from '../../../shared/ocr/recognition';
import { failureFromError } from '../../../shared/util/errorDescription';
import type { AppError, Result } from '../../../shared/util/result';
import { loadWebModels } from './webModels';

/*
 * Scan recognition in the browser build (issue 18): onnxruntime-web (WASM) and the PaddleOCR
 * models, loaded on the first request and kept for the worker's life, and the same
 * shared/ocr/recognition.ts the desktop runs natively. One request at a time, in order.
 * Only recognitionClient.ts talks to this worker.
 */

export interface RecognizeRequest {
  readonly type: 'recognize';
  readonly id: number;
  readonly name: string;
  /** Transferred, not copied. */
  readonly bytes: Uint8Array;
  readonly kind?: DocumentKind;
}

export type RecognitionReply =
  /** The scan's own outcome (a refusal of the file is a value here too). */
  | { readonly type: 'result'; readonly id: number; readonly result: Result<ScanRecognition> }
  /** The runtime or the models could not load: no scan can be read by this worker. */
  | { readonly type: 'unusable'; readonly id: number; readonly error: AppError };

class ModelLoadError extends Error {
  constructor(readonly reason: unknown) {
    super('model load failed');
  }
}

const loadModels = async () => {
  try {
    return await loadWebModels();
  } catch (e) {
    throw new ModelLoadError(e);
  }
};

function post(reply: RecognitionReply, transfer: Transferable[] = []): void {
  (self as unknown as { postMessage(message: unknown, transfer: Transferable[]): void }).postMessage(reply, transfer);
}

async function handle(request: RecognizeRequest): Promise<void> {
  // Start fetching and compiling the runtime and models now, not after the scan is decoded: the
  // download and WASM compilation run beside the decoding (the first scan waits less). A failure
  // here is reported by the load recognizeScanWith waits for.
  loadWebModels().catch(() => undefined);
  try {
    const result = await recognizeScanWith(loadModels, request.bytes, request.name, request.kind);
    const preview = result.ok ? (result.value as { preview?: { bytes: Uint8Array } | null }).preview : null;
    post({ type: 'result', id: request.id, result }, preview ? [preview.bytes.buffer] : []);
  } catch (e) {
    if (e instanceof ModelLoadError) {
      post({ type: 'unusable', id: request.id, error: failureFromError('ocr.loadFailed', e.reason, { lead: '识别组件加载失败', reason: '无法启动识别程序' }) });
      return;
    }
    const failure = failureFromError('ocr.failed', e, { lead: `识别“${request.name}”时出错`, reason: '程序遇到了意外情况，未能读出这份扫描件' });
    post({ type: 'result', id: request.id, result: { ok: false, error: failure } });
  }
}

let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<RecognizeRequest>) => {
  const request = event.data;
  if (request.type !== 'recognize') return;
  queue = queue.then(() => handle(request));
};
