import { useEffect, useRef, useState } from 'react';
import type { Result } from '../../../shared/util/result';
import { err } from '../../../shared/util/result';
import type { WorkerJob, WorkerReply, WorkerRequest } from './packetWorker';

/*
 * The page's side of packetWorker.ts: one long-lived worker (so the font loads once), jobs by id,
 * progress callbacks and cancel. Resolves with a Chinese error, never rejects.
 */

export interface JobProgress {
  readonly done: number;
  readonly total: number;
  readonly message: string;
}

export interface RunningJob<T> {
  readonly promise: Promise<Result<T>>;
  readonly cancel: () => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (result: Result<unknown>) => void; onProgress?: ((p: JobProgress) => void) | undefined }>();

function fontUrl(): string {
  return new URL('./fonts/NotoSansCJKsc-Regular.otf', document.baseURI).href;
}

function getWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./packetWorker.ts', import.meta.url), { type: 'module' });
  created.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const entry = pending.get(reply.id);
    if (!entry) return;
    if (reply.kind === 'progress') entry.onProgress?.({ done: reply.done, total: reply.total, message: reply.message });
    else {
      pending.delete(reply.id);
      entry.resolve(reply.result);
    }
  };
  created.onerror = (event) => {
    event.preventDefault();
    // A crashed worker (out of memory on a huge file) fails every job it held; the next job starts a new one.
    for (const [, entry] of pending) entry.resolve(err('worker.crashed', `PDF 处理程序意外停止：${event.message || '内存不足或文件异常'}。请重试，或减少文件后再试。`));
    pending.clear();
    created.terminate();
    worker = null;
  };
  worker = created;
  return created;
}

export function runPdfJob<T>(job: WorkerJob, onProgress?: (progress: JobProgress) => void, transfer: Transferable[] = []): RunningJob<T> {
  const id = nextId++;
  const promise = new Promise<Result<T>>((resolve) => {
    pending.set(id, { resolve: resolve as (result: Result<unknown>) => void, onProgress });
    const request: WorkerRequest = { kind: 'run', id, fontUrl: fontUrl(), job };
    getWorker().postMessage(request, transfer);
  });
  return { promise, cancel: () => worker?.postMessage({ kind: 'cancel', id } satisfies WorkerRequest) };
}

/** How long typing pauses before a check runs: each check subsets the font in the worker. */
const CHECK_DELAY_MS = 300;

/**
 * Runs a check in the worker whenever `key` changes (after typing pauses) and returns its latest
 * value; null while none has finished, when `job` is null, or when the check failed (a check
 * that cannot run must not block the officer: building reports its own errors).
 */
export function usePdfCheck<T>(job: WorkerJob | null, key: string): T | null {
  const [result, setResult] = useState<{ key: string; value: T } | null>(null);
  const jobRef = useRef(job);
  // Declared before the check's effect, so it runs first: the check sends the job of this render.
  useEffect(() => {
    jobRef.current = job;
  });
  const hasJob = job !== null;
  useEffect(() => {
    const current = jobRef.current;
    if (!hasJob || current === null) return undefined;
    let isStale = false;
    const timer = setTimeout(() => {
      void runPdfJob<T>(current).promise.then((r) => {
        if (!isStale) setResult(r.ok ? { key, value: r.value } : null);
      });
    }, CHECK_DELAY_MS);
    return () => {
      isStale = true;
      clearTimeout(timer);
    };
  }, [key, hasJob]);
  return hasJob ? (result?.value ?? null) : null;
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

/** A number that changes when `value` is replaced by another object (a saved record), for check keys. */
export function identityKey(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) {
    id = nextObjectId++;
    objectIds.set(value, id);
  }
  return id;
}
