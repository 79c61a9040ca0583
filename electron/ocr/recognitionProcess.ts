import os from 'node:os';
import type { ParentPort } from 'electron';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/ocr/fields';
import type { ScanRecognition } from '../../shared/ocr/recognition';
import { err, type Result } from '../../shared/util/result';
import { cancelledResult, type FromRecognitionProcess, type RecognizeJobMessage, type ToRecognitionProcess } from './recognitionProtocol';
import { recognizeScan } from './recognizeScan';

/*
 * The desktop's recognition process (issue 18): an Electron utility process that main starts on
 * first use (electron/main/recognitionService.ts), bundled as dist-electron/recognitionProcess.cjs.
 * It runs onnxruntime-node off main and off the window; the models load with the first scan and
 * stay for the life of the process. Scans are read one at a time in the order they came; the
 * others wait in a queue. Nothing of a scan is kept once its answer is posted. The messages are
 * in ./recognitionProtocol.ts.
 */

export type RecognizeOne = (bytes: Uint8Array, name: string, kind?: DocumentKind) => Promise<Result<ScanRecognition>>;

function isToRecognitionProcess(message: unknown): message is ToRecognitionProcess {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  if (typeof m.jobId !== 'string' || m.jobId === '') return false;
  if (m.type === 'cancel') return true;
  return m.type === 'recognize' && typeof m.name === 'string' && m.bytes instanceof Uint8Array
    && (m.kind === undefined || (DOCUMENT_KINDS as readonly unknown[]).includes(m.kind));
}

export interface RecognitionJobRunner {
  /** One message from main; anything malformed is dropped (main is the only sender). */
  receive(message: unknown): void;
  /** Resolves once the queue is empty and nothing runs (for tests and the bench). */
  idle(): Promise<void>;
}

/**
 * The queue and its loop, apart from the parent port so that tests and the bench drive it
 * directly. `recognize` never needs to be reentrant: at most one call runs at a time.
 */
export function createRecognitionJobRunner(recognize: RecognizeOne, post: (message: FromRecognitionProcess) => void): RecognitionJobRunner {
  const queue: RecognizeJobMessage[] = [];
  let isLooping = false;
  let runningJobId: string | null = null;
  let isRunningCancelled = false;
  let idleWaiters: (() => void)[] = [];

  const runNext = async (): Promise<void> => {
    isLooping = true;
    while (queue.length > 0) {
      // Only the queue holds the scan; once shifted, this loop's `job` is the last reference and
      // goes when the iteration ends.
      const job = queue.shift();
      if (job === undefined) break;
      runningJobId = job.jobId;
      isRunningCancelled = false;
      post({ type: 'started', jobId: job.jobId });
      let result: Result<ScanRecognition>;
      try {
        result = await recognize(job.bytes, job.name, job.kind);
      } catch (error) {
        console.error('[recognition] failed', error);
        result = err('ocr.failed', `识别“${job.name}”时出错，请重试。如果问题持续，请重新启动应用。`);
      }
      const wasCancelled = isRunningCancelled;
      runningJobId = null;
      post({ type: 'result', jobId: job.jobId, result: wasCancelled ? cancelledResult() : result });
    }
    isLooping = false;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  return {
    receive(message) {
      if (!isToRecognitionProcess(message)) {
        console.warn('[recognition] dropped a malformed message');
        return;
      }
      if (message.type === 'cancel') {
        const at = queue.findIndex((job) => job.jobId === message.jobId);
        if (at >= 0) {
          queue.splice(at, 1);
          post({ type: 'result', jobId: message.jobId, result: cancelledResult() });
        } else if (runningJobId === message.jobId) {
          // An inference cannot be stopped half-way; its answer is replaced when it ends.
          isRunningCancelled = true;
        }
        return;
      }
      queue.push(message);
      if (!isLooping) void runNext();
    },
    idle() {
      if (!isLooping) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}

/** onnxruntime's threads: every core up to four (more gains little on these small models). */
export function recognitionThreads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/** onnxruntime-node's native binary is missing or does not load on this machine (no build for it, a damaged install). */
export function isRuntimeLoadFailure(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_DLOPEN_FAILED' || (typeof message === 'string' && message.includes('onnxruntime_binding'));
}

/** recognizeScan on onnxruntime-node, saying so in Chinese when the runtime itself cannot load. */
export async function recognizeNatively(bytes: Uint8Array, name: string, kind: DocumentKind | undefined, threads: number): Promise<Result<ScanRecognition>> {
  try {
    return await recognizeScan(bytes, name, kind, { threads });
  } catch (error) {
    if (!isRuntimeLoadFailure(error)) throw error;
    console.error('[recognition] runtime not loaded', error);
    return err('ocr.runtimeUnavailable', `这台电脑上无法加载识别引擎（onnxruntime，${process.platform} ${process.arch}），不能识别“${name}”。其余功能不受影响，请手动填写。`);
  }
}

// In the utility process Electron defines process.parentPort; imported anywhere else (tests, the
// bench) this module only exports.
const parentPort = (process as { parentPort?: ParentPort }).parentPort;
if (parentPort !== undefined) {
  const threads = recognitionThreads();
  const runner = createRecognitionJobRunner(
    (bytes, name, kind) => recognizeNatively(bytes, name, kind, threads),
    (message) => parentPort.postMessage(message),
  );
  parentPort.on('message', (event) => runner.receive(event.data));
}
