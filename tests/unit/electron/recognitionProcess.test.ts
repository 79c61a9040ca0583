import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentKind } from '../../../shared/ocr/fields';
import type { ScanRecognition } from '../../../shared/ocr/recognition';
import { err, ok, type Result } from '../../../shared/util/result';
import { createRecognitionJobRunner, isRuntimeLoadFailure } from '../../../electron/ocr/recognitionProcess';
import type { FromRecognitionProcess } from '../../../electron/ocr/recognitionProtocol';
import { generateScan } from '../../ocr/scanGenerator';
import { buildRecognitionProcess, RECOGNITION_BUNDLE_ENV, UTILITY_PROCESS_SHIM } from './recognitionProcessBundle';

/*
 * The recognition utility process: its queue (one scan at a time, cancel) against a fake
 * recogniser, then the bundled entry in a separate Node process standing in for Electron's utility
 * process, reading generated scans with onnxruntime-node.
 */

interface Call {
  readonly name: string;
  readonly kind: DocumentKind | undefined;
  readonly finish: (result: Result<ScanRecognition>) => void;
  readonly fail: (error: Error) => void;
}

function fakeRecogniser() {
  const calls: Call[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const recognize = (_bytes: Uint8Array, name: string, kind?: DocumentKind) => new Promise<Result<ScanRecognition>>((resolve, reject) => {
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    const done = () => { running -= 1; };
    calls.push({ name, kind, finish: (result) => { done(); resolve(result); }, fail: (error) => { done(); reject(error); } });
  });
  return { recognize, calls, get mostAtOnce() { return mostAtOnce; } };
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

const madeUp = { kind: '行驶证' } as unknown as ScanRecognition;

function job(jobId: string, extra: Record<string, unknown> = {}) {
  return { type: 'recognize', jobId, name: `${jobId}.jpg`, bytes: new Uint8Array([1, 2, 3]), ...extra };
}

describe('recognition job runner', () => {
  it('reads one scan at a time, in the order they came, and says when each starts', async () => {
    const fake = fakeRecogniser();
    const posted: FromRecognitionProcess[] = [];
    const runner = createRecognitionJobRunner(fake.recognize, (m) => posted.push(m));
    runner.receive(job('a', { kind: '营业执照' }));
    runner.receive(job('b'));
    runner.receive(job('c'));
    await flush();
    expect(fake.calls.map((c) => [c.name, c.kind])).toEqual([['a.jpg', '营业执照']]);
    expect(posted).toEqual([{ type: 'started', jobId: 'a' }]);

    fake.calls[0]!.finish(ok(madeUp));
    await flush();
    expect(fake.calls.map((c) => c.name)).toEqual(['a.jpg', 'b.jpg']);
    fake.calls[1]!.finish(err('ocr.blank', '图片“b.jpg”是空白页，没有可识别的文字。请确认扫描了证件的正面。'));
    await flush();
    fake.calls[2]!.finish(ok(madeUp));
    await runner.idle();
    expect(posted).toEqual([
      { type: 'started', jobId: 'a' },
      { type: 'result', jobId: 'a', result: ok(madeUp) },
      { type: 'started', jobId: 'b' },
      { type: 'result', jobId: 'b', result: err('ocr.blank', '图片“b.jpg”是空白页，没有可识别的文字。请确认扫描了证件的正面。') },
      { type: 'started', jobId: 'c' },
      { type: 'result', jobId: 'c', result: ok(madeUp) },
    ]);
    expect(fake.mostAtOnce).toBe(1);
  });

  it('answers a cancelled waiting scan at once with 已取消识别。 and never reads it; a cancelled running one answers the same when done', async () => {
    const fake = fakeRecogniser();
    const posted: FromRecognitionProcess[] = [];
    const runner = createRecognitionJobRunner(fake.recognize, (m) => posted.push(m));
    runner.receive(job('a'));
    runner.receive(job('b'));
    runner.receive(job('c'));
    runner.receive({ type: 'cancel', jobId: 'b' });
    runner.receive({ type: 'cancel', jobId: 'a' });
    runner.receive({ type: 'cancel', jobId: 'unknown' });
    expect(posted).toEqual([{ type: 'started', jobId: 'a' }, { type: 'result', jobId: 'b', result: { ok: false, error: { code: 'ocr.cancelled', message: '已取消识别。' } } }]);

    fake.calls[0]!.finish(ok(madeUp));
    await flush();
    fake.calls[1]!.finish(ok(madeUp));
    await runner.idle();
    expect(fake.calls.map((c) => c.name)).toEqual(['a.jpg', 'c.jpg']);
    expect(posted.slice(2)).toEqual([
      { type: 'result', jobId: 'a', result: err('ocr.cancelled', '已取消识别。') },
      { type: 'started', jobId: 'c' },
      { type: 'result', jobId: 'c', result: ok(madeUp) },
    ]);
  });

  it('turns a thrown error into a Chinese error value and goes on with the next scan', async () => {
    const fake = fakeRecogniser();
    const posted: FromRecognitionProcess[] = [];
    const runner = createRecognitionJobRunner(fake.recognize, (m) => posted.push(m));
    runner.receive(job('a'));
    runner.receive(job('b'));
    fake.calls[0]!.fail(new Error('ORT session run failed'));
    await flush();
    fake.calls[1]!.finish(ok(madeUp));
    await runner.idle();
    expect(posted[1]).toEqual({ type: 'result', jobId: 'a', result: err('ocr.failed', '识别“a.jpg”时出错，请重试。如果问题持续，请重新启动应用。') });
    expect(posted[3]).toEqual({ type: 'result', jobId: 'b', result: ok(madeUp) });
  });

  it('drops malformed messages', async () => {
    const fake = fakeRecogniser();
    const posted: FromRecognitionProcess[] = [];
    const runner = createRecognitionJobRunner(fake.recognize, (m) => posted.push(m));
    for (const junk of [null, 'recognize', { type: 'recognize' }, job(''), job('x', { bytes: [1, 2] }), job('y', { kind: '护照' }), { type: 'stop', jobId: 'a' }]) {
      runner.receive(junk);
    }
    await runner.idle();
    expect(fake.calls).toEqual([]);
    expect(posted).toEqual([]);
  });
});

describe('a runtime that cannot load', () => {
  it('is told apart from a failure while reading a scan', () => {
    const missing = Object.assign(new Error("Cannot find module '../bin/napi-v6/darwin/x64/onnxruntime_binding.node'"), { code: 'MODULE_NOT_FOUND' });
    const dlopen = Object.assign(new Error('libonnxruntime.so.1: cannot open shared object file'), { code: 'ERR_DLOPEN_FAILED' });
    expect(isRuntimeLoadFailure(missing)).toBe(true);
    expect(isRuntimeLoadFailure(dlopen)).toBe(true);
    expect(isRuntimeLoadFailure(new Error('Non-zero status code returned while running Conv node'))).toBe(false);
    expect(isRuntimeLoadFailure(null)).toBe(false);
  });
});

describe('the bundled recognition process with onnxruntime-node', () => {
  let dir: string;
  let child: ChildProcess;
  const answers: FromRecognitionProcess[] = [];
  const waiters: (() => void)[] = [];

  const answerFor = (jobId: string): Promise<Result<ScanRecognition>> => new Promise((resolve) => {
    const look = (): void => {
      const found = answers.find((a) => a.type === 'result' && a.jobId === jobId);
      if (found?.type === 'result') resolve(found.result);
      else waiters.push(look);
    };
    look();
  });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'recognition-process-'));
    const bundle = await buildRecognitionProcess(dir);
    const shim = path.join(dir, 'utilityProcessShim.cjs');
    await writeFile(shim, UTILITY_PROCESS_SHIM);
    child = fork(shim, [bundle], { serialization: 'advanced', env: { ...process.env, ...RECOGNITION_BUNDLE_ENV }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (message) => {
      answers.push(message as FromRecognitionProcess);
      for (const wake of waiters.splice(0)) wake();
    });
  });

  afterAll(async () => {
    child.disconnect();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a generated 行驶证, refuses a text file in Chinese, and answers a scan cancelled while waiting with 已取消识别。', async () => {
    const vehicle = generateScan('行驶证', 31, { dpi: 200, angle: 2 });
    const licence = generateScan('营业执照', 32, { dpi: 200 });
    child.send({ type: 'recognize', jobId: 'vehicle', name: '行驶证.jpg', bytes: vehicle.jpeg, kind: '行驶证' });
    child.send({ type: 'recognize', jobId: 'text', name: '说明.txt', bytes: new TextEncoder().encode('这不是图片') });
    child.send({ type: 'recognize', jobId: 'licence', name: '营业执照.jpg', bytes: licence.jpeg });
    child.send({ type: 'cancel', jobId: 'licence' });

    const read = await answerFor('vehicle');
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.kind).toBe('行驶证');
    const values = Object.fromEntries(read.value.fields.map((f) => [f.field, f.value]));
    for (const field of ['号牌号码', '使用性质', '注册日期', '发证日期']) expect(values[field], field).toBe(vehicle.truth[field]);

    const refused = await answerFor('text');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('ocr.notImage');
      expect(refused.error.message).toContain('说明.txt');
    }
    await expect(answerFor('licence')).resolves.toEqual(err('ocr.cancelled', '已取消识别。'));
    // The cancelled scan was never read: no 'started' for it.
    expect(answers.filter((a) => a.type === 'started').map((a) => a.jobId)).toEqual(['vehicle', 'text']);
  });
});
