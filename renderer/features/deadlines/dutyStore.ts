import { useEffect, useSyncExternalStore } from 'react';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { localIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import type { WorkCalendar } from '../../../shared/deadlines/calendar';
import type { KnowledgeBase, PolicyDocument } from '../../../shared/policy/knowledgeBase';
import type { Result } from '../../../shared/util/result';
import { appRepositories, type Repositories } from '../../storage/repositories';
import { useKnowledgeBaseStore } from '../policies/KnowledgeBaseProvider';
import type { KnowledgeBaseStore } from '../policies/knowledgeBaseStore';
import type { DutyEngine, drainEngine } from './dutyEngine';
import { DutyMirror, type EngineMessage } from './dutyMirror';
import type { DutyWorkerRequest } from './dutyEngine.worker';
import type { CompanyDuties, DutyRow } from './dutyModel';
import { loadedHolidayTable, loadWorkCalendar } from './workCalendarSource';
import { describeError } from '../../../shared/util/errorDescription';

/*
 * Every company's duties, shared by the tracker page and the header's reminders. Each company's
 * record comes from its own Dexie live query, so a write re-reads only the company it touched;
 * the duties are computed incrementally in dutyEngine.worker.ts (see dutyEngine.ts), which
 * recomputes only the companies whose records changed and sends back the rows that changed. The
 * knowledge base comes from the policy store, the calendar from the shipped holiday table, and
 * "today" moves at local midnight. Where there are no workers (unit tests) the same engine runs
 * on this thread.
 */

export type DutySnapshot =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly message: string }
  | {
    readonly status: 'ready';
    readonly today: IsoDate;
    readonly kb: KnowledgeBase;
    readonly calendar: WorkCalendar;
    readonly documents: ReadonlyMap<string, PolicyDocument>;
    /** The companies computed so far, in the company list's order (by name). */
    readonly companies: readonly CompanyDuties[];
    /** All computed companies' rows, most urgent first. */
    readonly rows: readonly DutyRow[];
    /** Companies whose duties are still being computed (their rows are missing from `rows`). */
    readonly pendingCompanyIds: ReadonlySet<string>;
  };

interface DutyStore {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => DutySnapshot;
  /** Computes this company first (the page's current company). */
  readonly prioritize: (companyId: string | null) => void;
}

/** Where the duties are computed: a worker, or this thread. */
interface DutyEngineHost {
  readonly setContext: (kb: KnowledgeBase, calendar: WorkCalendar, today: IsoDate) => void;
  readonly setCompanies: (ids: readonly string[]) => void;
  readonly setRecord: (record: CompanyRecord) => void;
  readonly setPriority: (companyId: string | null) => void;
  readonly close: () => void;
}

interface DutyStoreDeps {
  readonly kbStore: KnowledgeBaseStore;
  readonly repositories: Repositories;
  readonly loadCalendar: () => Promise<Result<WorkCalendar>>;
  readonly now: () => Date;
  /** The company computed first until the page says otherwise (the current company kept across reloads). */
  readonly initialPriority?: string | null;
  /** Defaults to a worker where there are workers and a fetched holiday table, else the engine on this thread. */
  readonly createHost?: (onMessage: (message: EngineMessage) => void) => DutyEngineHost;
}

const LOADING: DutySnapshot = { status: 'loading' };

/**
 * The engine on this thread; work is batched to the end of the current task. The engine's module
 * is loaded on first use (calls made meanwhile are replayed in order), so the page's first load
 * carries no duty computation: in the app the engine runs in the worker.
 */
function inlineEngineHost(onMessage: (message: EngineMessage) => void): DutyEngineHost {
  let loaded: { readonly engine: DutyEngine; readonly drainEngine: typeof drainEngine } | null = null;
  const waiting: ((engine: DutyEngine) => void)[] = [];
  let isQueued = false;
  let isClosed = false;
  const drain = () => {
    if (isQueued || loaded === null) return;
    isQueued = true;
    const { engine, drainEngine } = loaded;
    queueMicrotask(() => {
      isQueued = false;
      if (isClosed) return;
      try {
        drainEngine(engine, onMessage);
      } catch (e) {
        onMessage({ type: 'failed', message: describeError(e).message });
      }
    });
  };
  const withEngine = (run: (engine: DutyEngine) => void) => {
    if (loaded === null) waiting.push(run);
    else run(loaded.engine);
  };
  import('./dutyEngine').then((module) => {
    loaded = { engine: new module.DutyEngine(), drainEngine: module.drainEngine };
    for (const run of waiting.splice(0)) run(loaded.engine);
    drain();
  }, (e: unknown) => onMessage({ type: 'failed', message: describeError(e).message }));
  return {
    setContext: (kb, calendar, today) => withEngine((engine) => {
      engine.setContext({ kb, calendar, today });
      drain();
    }),
    setCompanies: (ids) => withEngine((engine) => {
      for (const companyId of engine.setCompanies(ids)) onMessage({ type: 'removed', companyId });
      drain();
    }),
    setRecord: (record) => withEngine((engine) => {
      engine.setRecord(record);
      drain();
    }),
    setPriority: (companyId) => withEngine((engine) => engine.setPriority(companyId)),
    close: () => {
      isClosed = true;
    },
  };
}

/** The engine in dutyEngine.worker.ts; the worker builds its calendar from the fetched holiday table. */
function workerEngineHost(onMessage: (message: EngineMessage) => void, holidays: unknown): DutyEngineHost {
  const worker = new Worker(new URL('./dutyEngine.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<EngineMessage>) => onMessage(event.data);
  worker.onerror = (event) => onMessage({ type: 'failed', message: event.message || '期限计算进程出错' });
  const send = (request: DutyWorkerRequest) => worker.postMessage(request);
  return {
    setContext: (kb, _calendar, today) => send({ type: 'context', kb, holidays, today }),
    setCompanies: (ids) => send({ type: 'companies', ids }),
    setRecord: (record) => send({ type: 'record', record }),
    setPriority: (companyId) => send({ type: 'priority', companyId }),
    close: () => worker.terminate(),
  };
}

async function loadRecord(repositories: Repositories, companyId: string): Promise<CompanyRecord | null> {
  const record = await repositories.getCompanyRecord(companyId);
  return record === null ? null : ((await repositories.withEnergySettings([record]))[0] ?? null);
}

function msUntilNextMidnight(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 5);
  return Math.max(1000, next.getTime() - now.getTime());
}

function createDutyStore(deps: DutyStoreDeps): DutyStore {
  const listeners = new Set<() => void>();
  let snapshot: DutySnapshot = LOADING;
  let companyIds: readonly string[] | null = null;
  let recordsError: string | null = null;
  let engineError: string | null = null;
  let calendar: Result<WorkCalendar> | null = null;
  let today = localIsoDate(deps.now());
  let teardown: (() => void) | null = null;
  let host: DutyEngineHost | null = null;
  let mirror = new DutyMirror();
  let priority: string | null = deps.initialPriority ?? null;
  let sentContext: { kb: KnowledgeBase; calendar: WorkCalendar; today: IsoDate } | null = null;
  let documents: { kb: KnowledgeBase; byId: ReadonlyMap<string, PolicyDocument> } | null = null;
  const records = new Map<string, CompanyRecord>();
  let companies: readonly CompanyDuties[] = [];
  let isCompaniesStale = true;

  const emit = (next: DutySnapshot) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };

  const recompute = () => {
    const kbState = deps.kbStore.getState();
    if (kbState.status === 'failed') return emit({ status: 'failed', message: `政策数据无法加载，无法计算期限：${kbState.message}` });
    if (calendar !== null && !calendar.ok) return emit({ status: 'failed', message: calendar.error.message });
    if (recordsError !== null) return emit({ status: 'failed', message: recordsError });
    if (engineError !== null) return emit({ status: 'failed', message: `期限无法计算：${engineError}` });
    if (kbState.status !== 'ready' || calendar === null || companyIds === null || host === null) return snapshot.status === 'loading' ? undefined : emit(LOADING);
    const kb = kbState.value.kb;
    const cal = calendar.value;
    if (sentContext === null || sentContext.kb !== kb || sentContext.calendar !== cal || sentContext.today !== today) {
      sentContext = { kb, calendar: cal, today };
      host.setContext(kb, cal, today);
    }
    if (documents === null || documents.kb !== kb) documents = { kb, byId: new Map(kb.documents.map((d) => [d.id, d])) };
    if (isCompaniesStale) {
      isCompaniesStale = false;
      const list: CompanyDuties[] = [];
      for (const id of companyIds) {
        const rows = mirror.rowsOf(id);
        const record = records.get(id);
        if (rows !== undefined && record !== undefined) list.push({ record, rows });
      }
      companies = list;
    }
    const pendingCompanyIds = new Set(companyIds.filter((id) => mirror.rowsOf(id) === undefined || mirror.pendingIds.has(id) || !records.has(id)));
    if (!mirror.isComplete && pendingCompanyIds.size === 0 && companyIds.length > 0) pendingCompanyIds.add(companyIds[0] as string);
    return emit({ status: 'ready', today, kb, calendar: cal, documents: documents.byId, companies, rows: mirror.rows(), pendingCompanyIds });
  };

  const onEngineMessage = (message: EngineMessage) => {
    if (message.type === 'failed') {
      engineError = message.message;
      recompute();
      return;
    }
    if (mirror.apply(message)) {
      isCompaniesStale = true;
      recompute();
    }
  };

  const start = () => {
    let isActive = true;
    const holidays = loadedHolidayTable;
    const makeHost = deps.createHost ?? ((onMessage: (message: EngineMessage) => void) => {
      const table = holidays();
      return typeof Worker === 'undefined' || table === null ? inlineEngineHost(onMessage) : workerEngineHost(onMessage, table);
    });
    mirror = new DutyMirror();
    sentContext = null;
    engineError = null;
    isCompaniesStale = true;
    const unsubscribeKb = deps.kbStore.subscribe(recompute);
    void deps.kbStore.load();
    void deps.loadCalendar().then((result) => {
      calendar = result;
      if (!isActive) return;
      // The worker builds its calendar from the fetched table, so it starts once that is loaded.
      host = makeHost(onEngineMessage);
      host.setPriority(priority);
      if (companyIds !== null) host.setCompanies(companyIds);
      for (const record of records.values()) host.setRecord(record);
      recompute();
    });
    /** Company id -> the function that stops watching its record. */
    const recordSubscriptions = new Map<string, () => void>();
    const fail = (e: unknown) => {
      recordsError = describeError(e, { lead: '读取企业数据失败' }).message;
      recompute();
    };
    const watchCompany = (id: string) => {
      recordSubscriptions.set(id, deps.repositories.watch(() => loadRecord(deps.repositories, id), {
        next: (record) => {
          if (record === null) return;
          records.set(id, record);
          isCompaniesStale = true;
          host?.setRecord(record);
          recompute();
        },
        error: fail,
      }));
    };
    const stopWatchingCompanies = deps.repositories.watch(() => deps.repositories.listCompanies(), {
      next: (list) => {
        const ids = list.map((c) => c.id);
        if (companyIds !== null && ids.length === companyIds.length && ids.every((id, i) => companyIds?.[i] === id)) return;
        companyIds = ids;
        recordsError = null;
        const keep = new Set(ids);
        for (const [id, stopWatching] of recordSubscriptions) {
          if (keep.has(id)) continue;
          stopWatching();
          recordSubscriptions.delete(id);
          records.delete(id);
        }
        host?.setCompanies(ids);
        // The page's current company is read first, so its rows are shown first.
        const order = priority !== null && keep.has(priority) ? [priority, ...ids.filter((id) => id !== priority)] : ids;
        for (const id of order) if (!recordSubscriptions.has(id)) watchCompany(id);
        isCompaniesStale = true;
        recompute();
      },
      error: fail,
    });
    let timer: ReturnType<typeof setTimeout>;
    const armMidnight = () => {
      timer = setTimeout(() => {
        today = localIsoDate(deps.now());
        recompute();
        armMidnight();
      }, msUntilNextMidnight(deps.now()));
    };
    armMidnight();
    recompute();
    teardown = () => {
      isActive = false;
      unsubscribeKb();
      stopWatchingCompanies();
      for (const stopWatching of recordSubscriptions.values()) stopWatching();
      recordSubscriptions.clear();
      records.clear();
      companyIds = null;
      host?.close();
      host = null;
      clearTimeout(timer);
    };
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (teardown === null) start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && teardown !== null) {
          teardown();
          teardown = null;
        }
      };
    },
    getSnapshot: () => snapshot,
    prioritize(companyId) {
      if (companyId === priority) return;
      priority = companyId;
      host?.setPriority(companyId);
    },
  };
}

/** The current company remembered by currentCompany.tsx (same key), read before the page has mounted. */
function storedCurrentCompanyId(): string | null {
  try {
    return window.localStorage.getItem('workbench.currentCompanyId');
  } catch {
    return null;
  }
}

const stores = new WeakMap<KnowledgeBaseStore, DutyStore>();

/** The duty store over the knowledge-base store in use (tests provide their own through context). */
function dutyStoreFor(kbStore: KnowledgeBaseStore): DutyStore {
  let store = stores.get(kbStore);
  if (store === undefined) {
    store = createDutyStore({ kbStore, repositories: appRepositories, loadCalendar: loadWorkCalendar, now: () => new Date(), initialPriority: storedCurrentCompanyId() });
    stores.set(kbStore, store);
  }
  return store;
}

/** Has the store compute this company first (the tracker's current company). */
export function usePrioritizedCompany(companyId: string | null): void {
  const store = dutyStoreFor(useKnowledgeBaseStore());
  useEffect(() => store.prioritize(companyId), [store, companyId]);
}

export function useDutySnapshot(): DutySnapshot {
  const store = dutyStoreFor(useKnowledgeBaseStore());
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
