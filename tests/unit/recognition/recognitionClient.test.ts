import { afterEach, describe, expect, it } from 'vitest';
import type { ScanRecognition } from '../../../shared/ocr/recognition';
import { err, ok, type Result } from '../../../shared/util/result';
import { browserPlatform, setPlatform, type Platform, type RecognitionRequest } from '../../../renderer/platform/platform';
import { createRecognitionClient, recognizeScans, type RecognitionProgress, type WorkerFactory } from '../../../renderer/features/recognition/recognitionClient';
import type { RecognitionReply, RecognizeRequest } from '../../../renderer/features/recognition/ocr.worker';

/*
 * The page's recognition client without a real worker (the real one runs in the e2e spec
 * recognitionWorker.spec.ts): its queue, progress, cancel and what a crashed or unusable worker
 * gives, with a fake worker the test answers by hand.
 */

function recognition(name: string): ScanRecognition {
  return {
    kind: '营业执照', detectedKind: '营业执照', page: { width: 10, height: 10, rotation: 0, skewDegrees: 0, lines: [] },
    image: { width: 10, height: 10 }, preview: null, fields: [{ field: '名称', value: name, raw: name, confidence: 0.99, status: 'ok', problem: null, box: null }],
    notes: [], seconds: { load: 0, recognition: 0 },
  };
}

interface FakeWorker {
  readonly requests: RecognizeRequest[];
  readonly transfers: Transferable[][];
  isTerminated: boolean;
  reply(reply: RecognitionReply): void;
  crash(reason: string): void;
}

function fakeWorkers(): { factory: WorkerFactory; workers: FakeWorker[] } {
  const workers: FakeWorker[] = [];
  const factory: WorkerFactory = ({ onReply, onCrash }) => {
    const worker: FakeWorker = {
      requests: [], transfers: [], isTerminated: false,
      reply: (r) => onReply(r),
      crash: (reason) => onCrash(reason),
    };
    workers.push(worker);
    return {
      post: (request, transfer) => {
        // As postMessage does: the transferred buffers move (the sender's copies are detached).
        worker.requests.push(structuredClone(request, { transfer }));
        worker.transfers.push(transfer);
      },
      terminate: () => {
        worker.isTerminated = true;
      },
    };
  };
  return { factory, workers };
}

/** Lets the client's awaits run (each scan is sent after the previous one's answer). */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const scan = (name: string) => ({ name, bytes: new Uint8Array([1, 2, 3, name.length]) });

function answer(worker: FakeWorker, index: number, result?: Result<ScanRecognition>): void {
  const request = worker.requests[index];
  if (request === undefined) throw new Error(`no request ${index} yet (sent: ${worker.requests.length})`);
  worker.reply({ type: 'result', id: request.id, result: result ?? ok(recognition(request.name)) });
}

const codes = (results: readonly Result<ScanRecognition>[]) => results.map((r) => (r.ok ? `ok:${r.value.fields[0]?.value ?? ''}` : r.error.code));

describe('recognizeScans over a worker', () => {
  it('starts no worker before the first call, then reads one scan at a time in order with progress after each', async () => {
    const { factory, workers } = fakeWorkers();
    const client = createRecognitionClient(factory);
    expect(workers).toHaveLength(0);
    const progress: RecognitionProgress[] = [];
    const scans = [scan('甲.jpg'), scan('乙.jpg'), scan('丙.jpg')];
    const running = client.recognizeScans(scans, { kind: '营业执照', onProgress: (p) => progress.push(p) });
    await flush();
    expect(workers).toHaveLength(1);
    const worker = workers[0]!;
    expect(worker.requests.map((r) => r.name)).toEqual(['甲.jpg']);
    expect(worker.requests[0]?.kind).toBe('营业执照');
    answer(worker, 0);
    await flush();
    expect(worker.requests.map((r) => r.name)).toEqual(['甲.jpg', '乙.jpg']);
    answer(worker, 1, err('ocr.notImage', '文件“乙.jpg”不是图片。'));
    await flush();
    answer(worker, 2);
    expect(codes(await running)).toEqual(['ok:甲.jpg', 'ocr.notImage', 'ok:丙.jpg']);
    expect(progress).toEqual([
      { done: 0, total: 3, current: '甲.jpg' },
      { done: 1, total: 3, current: '乙.jpg' },
      { done: 2, total: 3, current: '丙.jpg' },
      { done: 3, total: 3, current: null },
    ]);
    // The models stay loaded: the next call uses the same worker.
    const again = client.recognizeScans([scan('丁.jpg')]);
    await flush();
    answer(worker, 3);
    expect(codes(await again)).toEqual(['ok:丁.jpg']);
    expect(workers).toHaveLength(1);
    expect(worker.isTerminated).toBe(false);
  });

  it('transfers a copy of the bytes, so the caller keeps its own to show or store the file', async () => {
    const { factory, workers } = fakeWorkers();
    const client = createRecognitionClient(factory);
    const input = scan('甲.jpg');
    const running = client.recognizeScans([input]);
    await flush();
    const worker = workers[0]!;
    const sent = worker.requests[0]!.bytes;
    expect([...sent]).toEqual([...input.bytes]);
    expect(worker.transfers[0]).toHaveLength(1);
    expect((worker.transfers[0]?.[0] as ArrayBuffer).byteLength).toBe(0); // moved, not cloned
    answer(worker, 0);
    await running;
    expect([...input.bytes]).toEqual([1, 2, 3, 5]);
  });

  it('on cancel answers at once: the scan being read and those not yet read come back cancelled, and the worker is kept', async () => {
    const { factory, workers } = fakeWorkers();
    const client = createRecognitionClient(factory);
    const controller = new AbortController();
    const progress: RecognitionProgress[] = [];
    const running = client.recognizeScans([scan('甲.jpg'), scan('乙.jpg'), scan('丙.jpg')], { signal: controller.signal, onProgress: (p) => progress.push(p) });
    await flush();
    const worker = workers[0]!;
    answer(worker, 0);
    await flush();
    controller.abort();
    const results = await running;
    expect(codes(results)).toEqual(['ok:甲.jpg', 'ocr.cancelled', 'ocr.cancelled']);
    expect(results[1]).toEqual(err('ocr.cancelled', '已取消识别。'));
    expect(worker.requests).toHaveLength(2);
    expect(progress.at(-1)).toEqual({ done: 1, total: 3, current: '乙.jpg' });
    // The worker's late answer for the cancelled scan is dropped; the next call goes to the same worker.
    answer(worker, 1);
    const next = client.recognizeScans([scan('丁.jpg')]);
    await flush();
    answer(worker, 2);
    expect(codes(await next)).toEqual(['ok:丁.jpg']);
    expect(worker.isTerminated).toBe(false);
  });

  it('with a signal already aborted starts nothing and cancels every scan', async () => {
    const { factory, workers } = fakeWorkers();
    const controller = new AbortController();
    controller.abort();
    const results = await createRecognitionClient(factory).recognizeScans([scan('甲.jpg'), scan('乙.jpg')], { signal: controller.signal });
    expect(codes(results)).toEqual(['ocr.cancelled', 'ocr.cancelled']);
    expect(workers).toHaveLength(0);
  });

  it('a worker that dies before answering fails every remaining scan as a load failure, and the next call starts a fresh worker', async () => {
    const { factory, workers } = fakeWorkers();
    const client = createRecognitionClient(factory);
    const running = client.recognizeScans([scan('甲.jpg'), scan('乙.jpg')]);
    await flush();
    workers[0]!.crash('组件文件缺失');
    const results = await running;
    expect(codes(results)).toEqual(['ocr.loadFailed', 'ocr.loadFailed']);
    expect(results[0]?.ok === false && results[0].error.message).toMatch(/^识别组件加载失败：组件文件缺失/);
    expect(workers[0]!.isTerminated).toBe(true);
    const next = client.recognizeScans([scan('丙.jpg')]);
    await flush();
    expect(workers).toHaveLength(2);
    answer(workers[1]!, 0);
    expect(codes(await next)).toEqual(['ok:丙.jpg']);
  });

  it('a worker that dies mid-batch keeps what was read and says the rest must be read again', async () => {
    const { factory, workers } = fakeWorkers();
    const running = createRecognitionClient(factory).recognizeScans([scan('甲.jpg'), scan('乙.jpg'), scan('丙.jpg')]);
    await flush();
    answer(workers[0]!, 0);
    await flush();
    workers[0]!.crash('内存不足');
    const results = await running;
    expect(codes(results)).toEqual(['ok:甲.jpg', 'ocr.workerCrashed', 'ocr.workerCrashed']);
    expect(results[2]?.ok === false && results[2].error.message).toMatch(/识别程序意外停止（内存不足）/);
  });

  it('a worker whose models cannot load gives its Chinese error for every remaining scan and is replaced on the next call', async () => {
    const { factory, workers } = fakeWorkers();
    const client = createRecognitionClient(factory);
    const running = client.recognizeScans([scan('甲.jpg'), scan('乙.jpg')]);
    await flush();
    const failure = { code: 'ocr.loadFailed', message: '识别组件加载失败：无法读取文字识别模型。' };
    workers[0]!.reply({ type: 'unusable', id: workers[0]!.requests[0]!.id, error: failure });
    const results = await running;
    expect(results).toEqual([{ ok: false, error: failure }, { ok: false, error: failure }]);
    expect(workers[0]!.isTerminated).toBe(true);
    void client.recognizeScans([scan('丙.jpg')]);
    await flush();
    expect(workers).toHaveLength(2);
  });

  it('a worker that cannot even be created fails the scans instead of rejecting', async () => {
    const client = createRecognitionClient(() => {
      throw new Error('Refused to create a worker: Content Security Policy');
    });
    const results = await client.recognizeScans([scan('甲.jpg'), scan('乙.jpg')]);
    expect(codes(results)).toEqual(['ocr.loadFailed', 'ocr.loadFailed']);
    expect(results[0]?.ok === false && results[0].error.message).toMatch(/^识别组件加载失败/);
  });

  it('a throwing progress callback does not stop the batch', async () => {
    const { factory, workers } = fakeWorkers();
    const running = createRecognitionClient(factory).recognizeScans([scan('甲.jpg')], { onProgress: () => { throw new Error('boom'); } });
    await flush();
    answer(workers[0]!, 0);
    expect(codes(await running)).toEqual(['ok:甲.jpg']);
  });

  it('returns an empty list for no scans', async () => {
    const { factory, workers } = fakeWorkers();
    expect(await createRecognitionClient(factory).recognizeScans([])).toEqual([]);
    expect(workers).toHaveLength(0);
  });
});

describe('recognizeScans on the desktop', () => {
  afterEach(() => setPlatform(browserPlatform));

  it('goes to main\'s recogniser one scan at a time, and cancel reaches the job being read', async () => {
    const requests: RecognitionRequest[] = [];
    const cancels: string[] = [];
    const waiting: ((r: Result<ScanRecognition>) => void)[] = [];
    const desktop: Platform = {
      ...browserPlatform,
      kind: 'electron',
      recognizer: {
        recognize: (request) => {
          requests.push(request);
          return new Promise((resolve) => waiting.push(resolve));
        },
        cancel: (jobId) => {
          cancels.push(jobId);
          waiting.at(-1)?.(err('ocr.cancelled', '已取消识别。'));
          return Promise.resolve();
        },
      },
    };
    setPlatform(desktop);
    const controller = new AbortController();
    const running = recognizeScans([scan('甲.jpg'), scan('乙.jpg'), scan('丙.jpg')], { kind: '行驶证', signal: controller.signal });
    await flush();
    expect(requests.map((r) => [r.name, r.kind])).toEqual([['甲.jpg', '行驶证']]);
    waiting[0]?.(ok(recognition('甲.jpg')));
    await flush();
    expect(requests).toHaveLength(2);
    controller.abort();
    const results = await running;
    expect(codes(results)).toEqual(['ok:甲.jpg', 'ocr.cancelled', 'ocr.cancelled']);
    expect(cancels).toEqual([requests[1]?.jobId]);
    expect(requests[1]?.jobId).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
  });
});
