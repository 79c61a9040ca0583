import { describe, expect, it, vi } from 'vitest';
import type { RecognizeScanRequest } from '../../../shared/ipc/contract';
import type { ScanRecognition } from '../../../shared/ocr/recognition';
import { err, ok, type Result } from '../../../shared/util/result';
import { createIpcHandlers, type IpcHandlerDeps } from '../../../electron/main/ipcHandlers';
import { createRecognitionService, forkRecognitionProcess, IDLE_STOP_MS, type RecognitionChild } from '../../../electron/main/recognitionService';
import type { ToRecognitionProcess } from '../../../electron/ocr/recognitionProtocol';

/*
 * Main's side of desktop recognition against a fake utility process: when the process starts,
 * what it is sent, cancel, a crash in the middle of a batch, and quitting. The real process entry
 * (with onnxruntime-node) is tested in recognitionProcess.test.ts.
 */

class FakeChild implements RecognitionChild {
  readonly posted: ToRecognitionProcess[] = [];
  isKilled = false;
  private messageListeners: ((message: unknown) => void)[] = [];
  private exitListeners: ((code: number) => void)[] = [];

  postMessage(message: ToRecognitionProcess): void {
    this.posted.push(message);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number) => void): void {
    this.exitListeners.push(listener);
  }
  kill(): void {
    this.isKilled = true;
  }
  /** A message from the process: a FromRecognitionProcess, or junk. */
  send(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }
  exit(code: number): void {
    for (const listener of this.exitListeners) listener(code);
  }
  /** The process-side ids of the scans posted to it, in order. */
  get jobIds(): string[] {
    return this.posted.filter((m) => m.type === 'recognize').map((m) => m.jobId);
  }
}

function setUp(options: { failFork?: boolean } = {}) {
  const children: FakeChild[] = [];
  const fork = vi.fn(() => {
    if (options.failFork === true) throw new Error('spawn EACCES');
    const child = new FakeChild();
    children.push(child);
    return child;
  });
  const service = createRecognitionService({ fork });
  return { service, fork, children };
}

const PAGE = 1;

function request(jobId: string, name = `${jobId}.jpg`): RecognizeScanRequest {
  return { jobId, name, bytes: new Uint8Array([0xff, 0xd8, 0xff, jobId.length]) };
}

/** A made-up recognition: only its identity matters to main, which passes it on untouched. */
function recognition(kind: ScanRecognition['kind']): ScanRecognition {
  return {
    kind, detectedKind: kind, fields: [], notes: [],
    page: { width: 100, height: 50, rotation: 0, skewDegrees: 0, lines: [] },
    seconds: { load: 0, recognition: 0 },
  } as unknown as ScanRecognition;
}

/** Lets already-settled promises' reactions run; no timers involved. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function track(promise: Promise<Result<ScanRecognition>>): { readonly value: Result<ScanRecognition> | undefined } {
  const state: { value: Result<ScanRecognition> | undefined } = { value: undefined };
  void promise.then((result) => (state.value = result));
  return state;
}

describe('recognition service', () => {
  it('starts no process before the first scan, then one process for every scan, in order', async () => {
    const { service, fork, children } = setUp();
    expect(fork).not.toHaveBeenCalled();

    const first = service.recognize({ ...request('a'), kind: '营业执照' }, PAGE);
    const second = service.recognize(request('b'), PAGE);
    expect(fork).toHaveBeenCalledTimes(1);
    const child = children[0]!;
    expect(child.posted).toEqual([
      { type: 'recognize', jobId: '1-a', name: 'a.jpg', bytes: request('a').bytes, kind: '营业执照' },
      { type: 'recognize', jobId: '1-b', name: 'b.jpg', bytes: request('b').bytes },
    ]);

    child.send({ type: 'started', jobId: '1-a' });
    child.send({ type: 'result', jobId: '1-a', result: ok(recognition('营业执照')) });
    child.send({ type: 'started', jobId: '1-b' });
    child.send({ type: 'result', jobId: '1-b', result: err('ocr.blank', '图片“b.jpg”是空白页，没有可识别的文字。请确认扫描了证件的正面。') });
    await expect(first).resolves.toEqual(ok(recognition('营业执照')));
    await expect(second).resolves.toEqual(err('ocr.blank', '图片“b.jpg”是空白页，没有可识别的文字。请确认扫描了证件的正面。'));

    const third = service.recognize(request('c'), PAGE);
    child.send({ type: 'result', jobId: '1-c', result: ok(recognition('行驶证')) });
    await expect(third).resolves.toMatchObject({ ok: true, value: { kind: '行驶证' } });
    expect(fork).toHaveBeenCalledTimes(1);
    expect(service.pendingCount).toBe(0);
  });

  it('answers a cancelled scan at once with 已取消识别。, tells the process, and ignores its late answer', async () => {
    const { service, children } = setUp();
    const running = track(service.recognize(request('a'), PAGE));
    const waiting = track(service.recognize(request('b'), PAGE));
    const child = children[0]!;
    child.send({ type: 'started', jobId: '1-a' });

    expect(service.cancel('b', PAGE)).toEqual(ok(null));
    expect(service.cancel('a', PAGE)).toEqual(ok(null));
    await flush();
    expect(waiting.value).toEqual(err('ocr.cancelled', '已取消识别。'));
    expect(running.value).toEqual(err('ocr.cancelled', '已取消识别。'));
    expect(child.posted.filter((m) => m.type === 'cancel')).toEqual([{ type: 'cancel', jobId: '1-b' }, { type: 'cancel', jobId: '1-a' }]);

    child.send({ type: 'result', jobId: '1-a', result: ok(recognition('营业执照')) });
    await flush();
    expect(running.value).toEqual(err('ocr.cancelled', '已取消识别。'));
    // Cancelling again, or a job nobody knows, is not an error.
    expect(service.cancel('a', PAGE)).toEqual(ok(null));
    expect(service.cancel('never-sent', PAGE)).toEqual(ok(null));
    expect(service.pendingCount).toBe(0);
  });

  it('keeps pages apart: the same job id on two pages, and a page that goes away loses only its own jobs', async () => {
    const { service, children } = setUp();
    const mine = track(service.recognize(request('a'), 1));
    const theirs = track(service.recognize(request('a'), 2));
    expect(children[0]!.jobIds).toEqual(['1-a', '2-a']);

    service.cancel('a', 3);
    service.cancelAllOf(1);
    await flush();
    expect(mine.value).toEqual(err('ocr.cancelled', '已取消识别。'));
    expect(theirs.value).toBeUndefined();
    children[0]!.send({ type: 'result', jobId: '2-a', result: ok(recognition('行驶证')) });
    await flush();
    expect(theirs.value).toMatchObject({ ok: true, value: { kind: '行驶证' } });
  });

  it('refuses a second job under an id that is still pending', async () => {
    const { service, children } = setUp();
    void service.recognize(request('a'), PAGE);
    const duplicate = await service.recognize(request('a', '另一份.jpg'), PAGE);
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'ocr.duplicateJob' } });
    if (!duplicate.ok) expect(duplicate.error.message).toContain('另一份.jpg');
    expect(children[0]!.jobIds).toEqual(['1-a']);
  });

  it('after a crash, fails the scan being read with a Chinese message and hands the waiting ones to a new process', async () => {
    const { service, fork, children } = setUp();
    const read = track(service.recognize(request('a', '行驶证-1.jpg'), PAGE));
    const done = track(service.recognize(request('b'), PAGE));
    const waiting = [track(service.recognize(request('c'), PAGE)), track(service.recognize(request('d'), PAGE))];
    const first = children[0]!;
    first.send({ type: 'started', jobId: '1-b' });
    first.send({ type: 'result', jobId: '1-b', result: ok(recognition('行驶证')) });
    first.send({ type: 'started', jobId: '1-a' });
    first.exit(134);
    await flush();

    expect(done.value).toMatchObject({ ok: true });
    expect(read.value).toEqual(err('ocr.processCrashed', '识别“行驶证-1.jpg”时识别进程意外退出，请重试。如果同一份扫描件反复出现此问题，请换一份更清晰的扫描件。'));
    expect(waiting.map((w) => w.value)).toEqual([undefined, undefined]);
    expect(fork).toHaveBeenCalledTimes(2);
    const second = children[1]!;
    expect(second.jobIds).toEqual(['1-c', '1-d']);

    // The old process is gone for good: anything it still says is ignored.
    first.send({ type: 'result', jobId: '1-c', result: ok(recognition('营业执照')) });
    second.send({ type: 'started', jobId: '1-c' });
    second.send({ type: 'result', jobId: '1-c', result: ok(recognition('行驶证')) });
    second.send({ type: 'started', jobId: '1-d' });
    second.send({ type: 'result', jobId: '1-d', result: ok(recognition('行驶证')) });
    await flush();
    expect(waiting.map((w) => w.value)).toEqual([ok(recognition('行驶证')), ok(recognition('行驶证'))]);
    expect(service.pendingCount).toBe(0);
  });

  it('does not restart in a loop a process that dies before reading anything, and tries again on the next scan', async () => {
    const { service, fork, children } = setUp();
    const results = [track(service.recognize(request('a'), PAGE)), track(service.recognize(request('b'), PAGE))];
    children[0]!.exit(1);
    await flush();
    for (const result of results) {
      expect(result.value).toEqual(err('ocr.processStartFailed', '识别进程无法启动，请重试。如果问题持续，请重新启动应用。'));
    }
    expect(fork).toHaveBeenCalledTimes(1);

    const retry = track(service.recognize(request('c'), PAGE));
    expect(fork).toHaveBeenCalledTimes(2);
    children[1]!.send({ type: 'started', jobId: '1-c' });
    children[1]!.send({ type: 'result', jobId: '1-c', result: ok(recognition('营业执照')) });
    await flush();
    expect(retry.value).toMatchObject({ ok: true });
  });

  it('says in Chinese when the process cannot be started at all', async () => {
    const { service } = setUp({ failFork: true });
    await expect(service.recognize(request('a'), PAGE)).resolves.toEqual(err('ocr.processStartFailed', '识别进程无法启动，请重试。如果问题持续，请重新启动应用。'));
    expect(service.pendingCount).toBe(0);
  });

  it('drops messages it does not understand', async () => {
    const { service, children } = setUp();
    const job = track(service.recognize(request('a'), PAGE));
    const child = children[0]!;
    for (const junk of [null, 'result', { type: 'result', jobId: '1-a' }, { type: 'result', jobId: '1-a', result: { ok: false, error: { code: 1 } } }, { type: 'other', jobId: '1-a' }]) {
      child.send(junk);
    }
    await flush();
    expect(job.value).toBeUndefined();
    child.send({ type: 'result', jobId: '1-a', result: ok(recognition('身份证')) });
    await flush();
    expect(job.value).toMatchObject({ ok: true, value: { kind: '身份证' } });
  });

  it('at quit, answers what is pending, ends the process, and does not restart it when it exits', async () => {
    const { service, fork, children } = setUp();
    const job = track(service.recognize(request('a'), PAGE));
    children[0]!.send({ type: 'started', jobId: '1-a' });
    service.stop();
    await flush();
    expect(job.value).toEqual(err('ocr.cancelled', '已取消识别。'));
    expect(children[0]!.isKilled).toBe(true);
    children[0]!.exit(0);
    expect(fork).toHaveBeenCalledTimes(1);
  });
});

describe('an idle recognition process', () => {
  it('is ended after IDLE_STOP_MS with nothing to read, kept while scans come, and started again for the next scan', async () => {
    vi.useFakeTimers();
    try {
      const { service, children } = setUp();
      const first = track(service.recognize(request('a'), PAGE));
      const child = children[0];
      if (child === undefined) throw new Error('no process');
      child.send({ type: 'started', jobId: '1-a' });
      child.send({ type: 'result', jobId: '1-a', result: ok(recognition('营业执照')) });
      await flush();
      expect(first.value?.ok).toBe(true);

      // A scan just before the limit keeps the process, and the clock starts again after it.
      vi.advanceTimersByTime(IDLE_STOP_MS - 1);
      const second = track(service.recognize(request('b'), PAGE));
      vi.advanceTimersByTime(IDLE_STOP_MS);
      expect(child.isKilled).toBe(false);
      child.send({ type: 'result', jobId: '1-b', result: ok(recognition('行驶证')) });
      await flush();
      expect(second.value?.ok).toBe(true);
      vi.advanceTimersByTime(IDLE_STOP_MS - 1);
      expect(child.isKilled).toBe(false);
      vi.advanceTimersByTime(1);
      expect(child.isKilled).toBe(true);

      // Its exit is not a crash, and the next scan goes to a new process.
      child.exit(0);
      const third = track(service.recognize(request('c'), PAGE));
      expect(children).toHaveLength(2);
      expect(children[1]?.jobIds).toEqual(['1-c']);
      await flush();
      expect(third.value).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('forkRecognitionProcess', () => {
  it('forks the bundled entry as a utility process and adapts its events', () => {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const utility = {
      postMessage: vi.fn(),
      kill: vi.fn(() => true),
      on: vi.fn((event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener)),
    };
    const fork = vi.fn(() => utility);
    const child = forkRecognitionProcess({ fork } as unknown as Parameters<typeof forkRecognitionProcess>[0], '/app/dist-electron/recognitionProcess.cjs');
    expect(fork).toHaveBeenCalledWith('/app/dist-electron/recognitionProcess.cjs', [], expect.objectContaining({ serviceName: expect.any(String) as unknown }));

    const messages: unknown[] = [];
    const exits: number[] = [];
    child.onMessage((m) => messages.push(m));
    child.onExit((code) => exits.push(code));
    listeners.get('message')?.({ type: 'started', jobId: 'x' });
    listeners.get('exit')?.(9);
    expect(messages).toEqual([{ type: 'started', jobId: 'x' }]);
    expect(exits).toEqual([9]);
    child.postMessage({ type: 'cancel', jobId: 'x' });
    expect(utility.postMessage).toHaveBeenCalledWith({ type: 'cancel', jobId: 'x' });
    child.kill();
    expect(utility.kill).toHaveBeenCalled();
  });
});

describe('ocr IPC handlers', () => {
  it('hand the request to the service under the asking page', async () => {
    const service = {
      recognize: vi.fn(() => Promise.resolve(ok(recognition('行驶证')))),
      cancel: vi.fn(() => ok(null)),
    };
    const handlers = createIpcHandlers({ recognition: service } as unknown as IpcHandlerDeps);
    const sender = { id: 7 } as unknown as Parameters<typeof handlers['ocr:recognize']>[1]['sender'];
    await expect(handlers['ocr:recognize'](request('a'), { sender })).resolves.toMatchObject({ ok: true, value: { kind: '行驶证' } });
    expect(service.recognize).toHaveBeenCalledWith(request('a'), 7);
    await expect(handlers['ocr:cancel']({ jobId: 'a' }, { sender })).resolves.toEqual(ok(null));
    expect(service.cancel).toHaveBeenCalledWith('a', 7);
  });
});
