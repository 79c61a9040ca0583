import type { DocumentKind } from '../../../shared/ocr/fields';
import type { ScanRecognition } from '../../../shared/ocr/recognition';
import { failureFromError } from '../../../shared/util/errorDescription';
import { err, type AppError, type Result } from '../../../shared/util/result';
import { platform, type DesktopRecognizer } from '../../platform/platform';
import type { RecognitionReply, RecognizeRequest } from './ocr.worker';

/*
 * The one way the page recognises scans (issue 18), on both runtimes. On the desktop the scans go
 * to main, which reads them natively (platform.recognizer); in the browser build they go to a Web
 * Worker with onnxruntime-web, created on the first call, so nothing of the runtime or the models
 * loads with the page. Scans are read one at a time, in order, with progress after each.
 */

export interface ScanInput {
  readonly name: string;
  /** Left as is: the recogniser gets its own copy (transferred to the worker, not cloned again). */
  readonly bytes: Uint8Array;
}

export interface RecognitionProgress {
  /** Scans finished (read or refused). */
  readonly done: number;
  readonly total: number;
  /** The scan being read now; null when none is. */
  readonly current: string | null;
}

export interface RecognizeOptions {
  readonly kind?: DocumentKind;
  readonly onProgress?: (p: RecognitionProgress) => void;
  readonly signal?: AbortSignal;
}

/** One Result per scan, same order. After cancel, the scans not yet read come back as err('ocr.cancelled', '已取消识别。'). Never rejects. */
export function recognizeScans(scans: readonly ScanInput[], options: RecognizeOptions = {}): Promise<Result<ScanRecognition>[]> {
  const recognizer = platform.kind === 'electron' ? platform.recognizer : undefined;
  if (recognizer !== undefined) return runBatch(scans, options, desktopReader(recognizer));
  browserClient ??= createRecognitionClient(createBrowserWorker);
  return browserClient.recognizeScans(scans, options);
}

const cancelled = (): Result<never> => err('ocr.cancelled', '已取消识别。');

/** How one scan went: its result, and for a failure of the runtime itself, the error every later scan gets. */
interface Outcome {
  readonly result: Result<ScanRecognition>;
  readonly stopsBatch: AppError | null;
}

type ScanReader = (scan: ScanInput, kind: DocumentKind | undefined, signal: AbortSignal | undefined) => Promise<Outcome>;

async function runBatch(scans: readonly ScanInput[], options: RecognizeOptions, read: ScanReader): Promise<Result<ScanRecognition>[]> {
  const { kind, onProgress, signal } = options;
  const total = scans.length;
  const report = (done: number) => {
    try {
      onProgress?.({ done, total, current: scans[done]?.name ?? null });
    } catch {
      // A failing progress callback must not stop the batch or reject.
    }
  };
  // A function, not the property read once: the signal is aborted while a scan is being read.
  const isAborted = () => signal?.aborted === true;
  const results: Result<ScanRecognition>[] = [];
  if (total > 0) report(0);
  for (const scan of scans) {
    if (isAborted()) break;
    const outcome = await read(scan, kind, signal);
    results.push(outcome.result);
    if (outcome.stopsBatch !== null) {
      const failure: Result<never> = { ok: false, error: outcome.stopsBatch };
      while (results.length < total) results.push(failure);
      return results;
    }
    if (!isAborted()) report(results.length);
  }
  while (results.length < total) results.push(cancelled());
  return results;
}

// ——— Desktop: main's native recogniser ———

let nextJobId = 1;

function desktopReader(recognizer: DesktopRecognizer): ScanReader {
  return (scan, kind, signal) => {
    if (signal?.aborted === true) return Promise.resolve({ result: cancelled(), stopsBatch: null });
    const jobId = `scan-${Date.now().toString(36)}-${nextJobId++}`;
    return new Promise<Outcome>((resolve) => {
      // Answers at once; main drops the job (waiting or running) on its own time.
      const onAbort = () => {
        resolve({ result: cancelled(), stopsBatch: null });
        recognizer.cancel(jobId).catch(() => undefined);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      recognizer.recognize({ name: scan.name, bytes: scan.bytes, jobId, ...(kind === undefined ? {} : { kind }) }).then(
        (result) => resolve({ result, stopsBatch: null }),
        (e: unknown) => resolve({ result: { ok: false, error: failureFromError('ocr.failed', e, { lead: `识别“${scan.name}”时出错` }) }, stopsBatch: null }),
      ).finally(() => signal?.removeEventListener('abort', onAbort));
    });
  };
}

// ——— Browser: a Web Worker with onnxruntime-web ———

/** The page's end of a recognition worker. */
interface WorkerPort {
  post(request: RecognizeRequest, transfer: Transferable[]): void;
  terminate(): void;
}

/** Starts a worker that calls `onReply` with its messages and `onCrash` when it dies or cannot start. */
export type WorkerFactory = (handlers: { readonly onReply: (reply: RecognitionReply) => void; readonly onCrash: (reason: string) => void }) => WorkerPort;

const createBrowserWorker: WorkerFactory = ({ onReply, onCrash }) => {
  const worker = new Worker(new URL('./ocr.worker.ts', import.meta.url), { type: 'module', name: 'recognition' });
  worker.onmessage = (event: MessageEvent<RecognitionReply>) => onReply(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    onCrash(event.message || '内存不足或组件文件缺失');
  };
  worker.onmessageerror = () => onCrash('识别结果无法传回页面');
  return { post: (request, transfer) => worker.postMessage(request, transfer), terminate: () => worker.terminate() };
};

let browserClient: { recognizeScans: typeof recognizeScans } | null = null;

/**
 * A client over workers made by `createWorker` (the browser build's real worker, or a fake in
 * tests). One worker at a time, started on the first scan and kept (the models stay loaded);
 * after a crash or a failed model load it is dropped and the next call starts a new one.
 */
export function createRecognitionClient(createWorker: WorkerFactory): { recognizeScans: typeof recognizeScans } {
  let port: WorkerPort | null = null;
  /** Whether the current worker has answered once (its runtime and models are known to load). */
  let hasAnswered = false;
  let nextId = 1;
  const pending = new Map<number, (outcome: Outcome) => void>();

  const drop = (failure: AppError) => {
    port?.terminate();
    port = null;
    const waiting = [...pending.values()];
    pending.clear();
    for (const settle of waiting) settle({ result: { ok: false, error: failure }, stopsBatch: failure });
  };

  const crashed = (reason: string): AppError =>
    hasAnswered
      ? { code: 'ocr.workerCrashed', message: `识别程序意外停止（${reason}），未识别的扫描件请重新识别。` }
      : { code: 'ocr.loadFailed', message: `识别组件加载失败：${reason}。请刷新页面后重试。` };

  const start = (): WorkerPort => {
    if (port !== null) return port;
    hasAnswered = false;
    let started: WorkerPort | null = null;
    const isCurrent = () => started !== null && port === started;
    started = createWorker({
      onReply: (reply) => {
        if (!isCurrent()) return;
        if (reply.type === 'unusable') {
          drop(reply.error);
          return;
        }
        hasAnswered = true;
        const settle = pending.get(reply.id);
        pending.delete(reply.id);
        settle?.({ result: reply.result, stopsBatch: null });
      },
      onCrash: (reason) => {
        if (isCurrent()) drop(crashed(reason));
      },
    });
    port = started;
    return started;
  };

  const read: ScanReader = (scan, kind, signal) =>
    new Promise<Outcome>((resolve) => {
      const id = nextId++;
      const onAbort = () => {
        // The worker finishes the scan it is on (its models stay loaded); its answer is dropped.
        pending.delete(id);
        resolve({ result: cancelled(), stopsBatch: null });
      };
      pending.set(id, (outcome) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      // The worker gets its own copy, transferred: the caller keeps its bytes (to show or store the file).
      const bytes = scan.bytes.slice();
      const request: RecognizeRequest = { type: 'recognize', id, name: scan.name, bytes, ...(kind === undefined ? {} : { kind }) };
      try {
        start().post(request, [bytes.buffer]);
      } catch (e) {
        drop(failureFromError('ocr.loadFailed', e, { lead: '识别组件加载失败', reason: '无法启动识别程序' }));
      }
    });

  return { recognizeScans: (scans, options = {}) => runBatch(scans, options, read) };
}
