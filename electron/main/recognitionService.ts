import type { ForkOptions, UtilityProcess } from 'electron';
import type { RecognizeScanRequest } from '../../shared/ipc/contract';
import type { ScanRecognition } from '../../shared/ocr/recognition';
import { err, ok, type Result } from '../../shared/util/result';
import { cancelledResult, type FromRecognitionProcess, type ToRecognitionProcess } from '../ocr/recognitionProtocol';

/*
 * Scan recognition for the page (issue 18). Main never runs a model: it hands each scan to the
 * recognition utility process (electron/ocr/recognitionProcess.ts, onnxruntime-node), started on
 * the first scan and kept, so the models load once. The process reads one scan at a time and
 * queues the rest; main only keeps each job's promise until its answer comes.
 *
 * - Cancel answers at once with 'ocr.cancelled'; the process drops the job from its queue, or, if
 *   it is being read, throws its answer away when done.
 * - When the process dies (a native crash, out of memory), the scan it was reading gets a Chinese
 *   error and the scans still waiting go to a new process. If the process dies before it read
 *   anything, there is no point in restarting it in a loop: the waiting scans fail too.
 * - A page that goes away (reload, crash) has its jobs cancelled; at quit the process is stopped.
 * - With the models loaded the process holds about 500 MB (npm run bench -- --only 桌面), so it is
 *   ended after IDLE_STOP_MS with nothing to read; the next scan starts a new one (the models load
 *   again in about half a second).
 */

/** The part of Electron's UtilityProcess this service uses (a fake one in tests). */
export interface RecognitionChild {
  postMessage(message: ToRecognitionProcess): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export interface RecognitionServiceDeps {
  /** Starts a recognition process; production: utilityProcess.fork of dist-electron/recognitionProcess.cjs. */
  readonly fork: () => RecognitionChild;
  /** How long an idle process is kept (default IDLE_STOP_MS). */
  readonly idleStopMs?: number;
}

/** An idle process is ended after five minutes: an officer reading a batch keeps it, a forgotten one frees its memory. */
export const IDLE_STOP_MS = 5 * 60 * 1000;

export interface RecognitionService {
  /** Never rejects: every failure is an error value with a Chinese message. */
  recognize(request: RecognizeScanRequest, ownerId: number): Promise<Result<ScanRecognition>>;
  /** Cancels a waiting or running job of that page; unknown or finished jobs are ignored. */
  cancel(jobId: string, ownerId: number): Result<null>;
  /** Cancels every job of a page that went away. */
  cancelAllOf(ownerId: number): void;
  /** Cancels everything and ends the process (at quit). */
  stop(): void;
  /** Jobs waiting or running, for tests. */
  readonly pendingCount: number;
}

interface PendingJob {
  readonly request: RecognizeScanRequest;
  readonly ownerId: number;
  readonly resolve: (result: Result<ScanRecognition>) => void;
  /** The process the job was posted to; null while none could be started. */
  child: RecognitionChild | null;
  isStarted: boolean;
}

const PROCESS_CRASHED_CODE = 'ocr.processCrashed';
const PROCESS_START_FAILED_CODE = 'ocr.processStartFailed';

function crashedResult(name: string): Result<never> {
  return err(PROCESS_CRASHED_CODE, `识别“${name}”时识别进程意外退出，请重试。如果同一份扫描件反复出现此问题，请换一份更清晰的扫描件。`);
}

function startFailedResult(): Result<never> {
  return err(PROCESS_START_FAILED_CODE, '识别进程无法启动，请重试。如果问题持续，请重新启动应用。');
}

/** Jobs are keyed by page and the page's own id, so two pages can never cancel each other's. */
function jobKey(ownerId: number, jobId: string): string {
  return `${ownerId}-${jobId}`;
}

function isResult(value: unknown): value is Result<ScanRecognition> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (r.ok === true) return typeof r.value === 'object' && r.value !== null;
  const e = r.error as Record<string, unknown> | null | undefined;
  return r.ok === false && typeof e === 'object' && e !== null && typeof e.code === 'string' && typeof e.message === 'string';
}

function parseProcessMessage(message: unknown): FromRecognitionProcess | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (typeof m.jobId !== 'string') return null;
  if (m.type === 'started') return { type: 'started', jobId: m.jobId };
  if (m.type === 'result' && isResult(m.result)) return { type: 'result', jobId: m.jobId, result: m.result };
  return null;
}

export function createRecognitionService(deps: RecognitionServiceDeps): RecognitionService {
  const pending = new Map<string, PendingJob>();
  let child: RecognitionChild | null = null;
  /** Whether the current process has begun any job: a process that dies before that is not restarted for the waiting jobs. */
  let hasChildStartedAJob = false;
  const idleStopMs = deps.idleStopMs ?? IDLE_STOP_MS;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;

  const clearIdleTimer = (): void => {
    if (idleTimer !== null) clearTimeout(idleTimer);
    idleTimer = null;
  };

  /** Ends the process, which then exits without counting as a crash (onExit ignores a process that is no longer `child`). */
  const endChild = (): void => {
    clearIdleTimer();
    const running = child;
    child = null;
    if (running === null) return;
    try {
      running.kill();
    } catch (error) {
      console.warn('[recognition] process not stopped', error);
    }
  };

  const settle = (key: string, result: Result<ScanRecognition>): void => {
    const job = pending.get(key);
    if (job === undefined) return;
    pending.delete(key);
    job.resolve(result);
    if (pending.size === 0 && child !== null) {
      clearIdleTimer();
      idleTimer = setTimeout(() => {
        idleTimer = null;
        if (pending.size === 0) endChild();
      }, idleStopMs);
    }
  };

  const post = (key: string, job: PendingJob, target: RecognitionChild): void => {
    const { jobId: _pageJobId, ...scan } = job.request;
    job.child = target;
    job.isStarted = false;
    try {
      target.postMessage({ type: 'recognize', jobId: key, ...scan });
    } catch (error) {
      console.error('[recognition] could not hand a scan to the process', error);
      settle(key, startFailedResult());
    }
  };

  const onExit = (exited: RecognitionChild, code: number): void => {
    if (exited !== child) return; // a process we stopped ourselves
    child = null;
    const madeProgress = hasChildStartedAJob;
    hasChildStartedAJob = false;
    console.error(`[recognition] process exited unexpectedly (code ${code})`);
    const waiting: [string, PendingJob][] = [];
    for (const [key, job] of [...pending]) {
      if (job.child !== exited) continue;
      if (job.isStarted) settle(key, crashedResult(job.request.name));
      else if (madeProgress) waiting.push([key, job]);
      else settle(key, startFailedResult());
    }
    if (waiting.length === 0) return;
    const next = ensureChild();
    for (const [key, job] of waiting) {
      if (next === null) settle(key, startFailedResult());
      else post(key, job, next);
    }
  };

  const onMessage = (from: RecognitionChild, message: unknown): void => {
    if (from !== child) return;
    const parsed = parseProcessMessage(message);
    if (parsed === null) {
      console.warn('[recognition] dropped a malformed message from the process');
      return;
    }
    const job = pending.get(parsed.jobId);
    if (job === undefined || job.child !== from) return; // cancelled meanwhile
    if (parsed.type === 'started') {
      job.isStarted = true;
      hasChildStartedAJob = true;
    } else {
      settle(parsed.jobId, parsed.result);
    }
  };

  function ensureChild(): RecognitionChild | null {
    if (child !== null) return child;
    let started: RecognitionChild;
    try {
      started = deps.fork();
    } catch (error) {
      console.error('[recognition] process did not start', error);
      return null;
    }
    child = started;
    hasChildStartedAJob = false;
    started.onMessage((message) => onMessage(started, message));
    started.onExit((code) => onExit(started, code));
    return started;
  }

  const cancelKey = (key: string): void => {
    const job = pending.get(key);
    if (job === undefined) return;
    settle(key, cancelledResult());
    if (job.child !== null && job.child === child) {
      try {
        child.postMessage({ type: 'cancel', jobId: key });
      } catch (error) {
        console.warn('[recognition] cancel not delivered', error);
      }
    }
  };

  return {
    recognize(request, ownerId) {
      const key = jobKey(ownerId, request.jobId);
      if (pending.has(key)) return Promise.resolve(err('ocr.duplicateJob', `“${request.name}”的识别任务编号与一项进行中的任务重复，未开始识别。`));
      clearIdleTimer();
      return new Promise((resolve) => {
        const job: PendingJob = { request, ownerId, resolve, child: null, isStarted: false };
        pending.set(key, job);
        const target = ensureChild();
        if (target === null) settle(key, startFailedResult());
        else post(key, job, target);
      });
    },
    cancel(jobId, ownerId) {
      cancelKey(jobKey(ownerId, jobId));
      return ok(null);
    },
    cancelAllOf(ownerId) {
      for (const [key, job] of [...pending]) {
        if (job.ownerId === ownerId) cancelKey(key);
      }
    },
    stop() {
      for (const key of [...pending.keys()]) settle(key, cancelledResult());
      endChild();
    },
    get pendingCount() {
      return pending.size;
    },
  };
}

/**
 * Starts the recognition utility process from its bundle (inside app.asar when packaged; its
 * native runtime and models are unpacked beside it, see electron-builder.yml).
 */
export function forkRecognitionProcess(
  utility: { fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcess },
  entryPath: string,
): RecognitionChild {
  const started = utility.fork(entryPath, [], { serviceName: 'Scan recognition', stdio: 'inherit' });
  return {
    postMessage: (message) => started.postMessage(message),
    onMessage: (listener) => {
      started.on('message', listener);
    },
    onExit: (listener) => {
      started.on('exit', listener);
    },
    kill: () => {
      started.kill();
    },
  };
}
