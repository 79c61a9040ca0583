import { liveQuery, type Subscription } from 'dexie';
import { useSyncExternalStore } from 'react';
import type { CompanyRecord } from '../../../shared/domain/company';
import { localIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import type { WorkCalendar } from '../../../shared/deadlines/calendar';
import type { KnowledgeBase, PolicyDocument } from '../../../shared/policy/knowledgeBase';
import type { Result } from '../../../shared/util/result';
import { getAllCompanyRecords } from '../../storage/companyRepository';
import { appDb } from '../../storage/database';
import type { WorkbenchDatabase } from '../../storage/db';
import { withEnergySettings } from '../../storage/energyRepository';
import { useKnowledgeBaseStore } from '../policies/KnowledgeBaseProvider';
import type { KnowledgeBaseStore } from '../policies/knowledgeBaseStore';
import { compareRows, computeCompanyDuties, documentsById, type CompanyDuties, type DutyRow } from './dutyModel';
import { loadWorkCalendar } from './workCalendarSource';
import { describeError } from '../../../shared/util/errorDescription';

/*
 * Every company's duties, computed once per change and shared by the tracker page and the
 * header's reminders: the records come from a Dexie live query (any write to a company's records
 * or tracking triggers one recomputation), the knowledge base from the policy store, the
 * calendar from the shipped holiday table, and "today" moves at local midnight.
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
    readonly companies: readonly CompanyDuties[];
    /** All companies' rows, most urgent first. */
    readonly rows: readonly DutyRow[];
  };

export interface DutyStore {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => DutySnapshot;
}

export interface DutyStoreDeps {
  readonly kbStore: KnowledgeBaseStore;
  readonly db: WorkbenchDatabase;
  readonly loadCalendar: () => Promise<Result<WorkCalendar>>;
  readonly now: () => Date;
}

const LOADING: DutySnapshot = { status: 'loading' };

async function loadRecords(db: WorkbenchDatabase): Promise<CompanyRecord[]> {
  return withEnergySettings(db, await getAllCompanyRecords(db));
}

function msUntilNextMidnight(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 5);
  return Math.max(1000, next.getTime() - now.getTime());
}

export function createDutyStore(deps: DutyStoreDeps): DutyStore {
  const listeners = new Set<() => void>();
  let snapshot: DutySnapshot = LOADING;
  let records: readonly CompanyRecord[] | null = null;
  let recordsError: string | null = null;
  let calendar: Result<WorkCalendar> | null = null;
  let today = localIsoDate(deps.now());
  let teardown: (() => void) | null = null;
  let computedFor: { kb: KnowledgeBase; records: readonly CompanyRecord[]; calendar: WorkCalendar; today: IsoDate } | null = null;

  const emit = (next: DutySnapshot) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };

  const recompute = () => {
    const kbState = deps.kbStore.getState();
    if (kbState.status === 'failed') return emit({ status: 'failed', message: `政策数据无法加载，无法计算期限：${kbState.message}` });
    if (calendar !== null && !calendar.ok) return emit({ status: 'failed', message: calendar.error.message });
    if (recordsError !== null) return emit({ status: 'failed', message: recordsError });
    if (kbState.status !== 'ready' || calendar === null || records === null) return snapshot.status === 'loading' ? undefined : emit(LOADING);
    const kb = kbState.value.kb;
    const cal = calendar.value;
    if (computedFor !== null && computedFor.kb === kb && computedFor.records === records && computedFor.calendar === cal && computedFor.today === today) return undefined;
    computedFor = { kb, records, calendar: cal, today };
    const documents = documentsById(kb);
    const companies = records.map((record) => computeCompanyDuties(kb, record, cal, today, documents));
    const rows = companies.flatMap((c) => c.rows).sort(compareRows);
    return emit({ status: 'ready', today, kb, calendar: cal, documents, companies, rows });
  };

  const start = () => {
    const unsubscribeKb = deps.kbStore.subscribe(recompute);
    void deps.kbStore.load();
    let isActive = true;
    void deps.loadCalendar().then((result) => {
      calendar = result;
      if (isActive) recompute();
    });
    const subscription: Subscription = liveQuery(() => loadRecords(deps.db)).subscribe({
      next: (value) => {
        records = value;
        recordsError = null;
        recompute();
      },
      error: (e: unknown) => {
        recordsError = describeError(e, { lead: '读取企业数据失败' }).message;
        recompute();
      },
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
      subscription.unsubscribe();
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
  };
}

const stores = new WeakMap<KnowledgeBaseStore, DutyStore>();

/** The duty store over the knowledge-base store in use (tests provide their own through context). */
export function dutyStoreFor(kbStore: KnowledgeBaseStore): DutyStore {
  let store = stores.get(kbStore);
  if (store === undefined) {
    store = createDutyStore({ kbStore, db: appDb, loadCalendar: loadWorkCalendar, now: () => new Date() });
    stores.set(kbStore, store);
  }
  return store;
}

export function useDutySnapshot(): DutySnapshot {
  const store = dutyStoreFor(useKnowledgeBaseStore());
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
