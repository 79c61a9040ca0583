import { useEffect, useState } from 'react';
import { buildWorkCalendar, parseHolidayTable, type WorkCalendar } from '../../../shared/deadlines/calendar';
import { err, ok, type Result } from '../../../shared/util/result';
import { errFrom } from '../../../shared/util/errorDescription';

/*
 * The working-day calendar of the page: the shipped holiday table (resources/holidays, Vite's
 * public folder) fetched once per session and validated. Tests put a calendar in directly.
 */

let loading: Promise<Result<WorkCalendar>> | null = null;
let loaded: Result<WorkCalendar> | null = null;
/** The fetched table as JSON, for the duty worker to build its own calendar (null when a test provided one). */
let loadedTable: unknown = null;

async function fetchCalendar(): Promise<Result<WorkCalendar>> {
  try {
    const response = await fetch('./holidays/cn-holidays.json');
    if (!response.ok) return err('holidays.fetch', `无法读取节假日数据 holidays/cn-holidays.json（HTTP ${response.status}），安装可能不完整`);
    const json: unknown = await response.json();
    const table = parseHolidayTable(json);
    if (table.ok) loadedTable = json;
    return table.ok ? ok(buildWorkCalendar(table.value)) : table;
  } catch (e) {
    return errFrom('holidays.fetch', e, { lead: '无法读取节假日数据' });
  }
}

/** Loads the calendar once; later calls share the result. */
export function loadWorkCalendar(): Promise<Result<WorkCalendar>> {
  loading ??= fetchCalendar().then((result) => {
    loaded = result;
    return result;
  });
  return loading;
}

/** The holiday table the loaded calendar was built from, as fetched (null if none was fetched). */
export function loadedHolidayTable(): unknown {
  return loadedTable;
}

/** For tests: use this calendar instead of fetching one. */
export function provideWorkCalendar(calendar: WorkCalendar): void {
  loadedTable = null;
  loaded = ok(calendar);
  loading = Promise.resolve(loaded);
}

export type WorkCalendarState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'ready'; readonly calendar: WorkCalendar };

function stateOf(result: Result<WorkCalendar> | null): WorkCalendarState {
  if (result === null) return { status: 'loading' };
  return result.ok ? { status: 'ready', calendar: result.value } : { status: 'failed', message: result.error.message };
}

export function useWorkCalendar(): WorkCalendarState {
  const [state, setState] = useState<WorkCalendarState>(() => stateOf(loaded));
  useEffect(() => {
    let isCurrent = true;
    void loadWorkCalendar().then((result) => {
      if (isCurrent) setState(stateOf(result));
    });
    return () => {
      isCurrent = false;
    };
  }, []);
  return state;
}
