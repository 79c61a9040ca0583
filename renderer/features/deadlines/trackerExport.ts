import type { IsoDate } from '../../../shared/domain/isoDate';
import type { WorkCalendar } from '../../../shared/deadlines/calendar';
import { buildIcsCalendar, calendarEventsFromDuties } from '../../../shared/export/icsCalendar';
import {
  buildTrackerWorkbook, trackerRowsFromDuties, type TrackerCompany, type TrackerRow, type TrackerWorkbookInput,
} from '../../../shared/export/trackerWorkbook';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { ok, type Result } from '../../../shared/util/result';
import type { DutyRow } from './dutyModel';
import type { TrackerWorkbookWorkerMessage } from './trackerWorkbook.worker';

/*
 * The exports of the tracker: the Excel 跟踪表 (rows prepared here in slices so the window keeps
 * painting, the workbook built in a Web Worker) and the .ics calendar.
 */

export interface ExportScope {
  readonly record: CompanyRecord;
  readonly rows: readonly DutyRow[];
}

type ExportPhase = 'rows' | 'workbook';

export interface ExportProgress {
  readonly phase: ExportPhase;
  readonly done: number;
  readonly total: number;
}

const SLICE = 2000;
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Explanations are built on first read: 20,000 of them are sliced so the page keeps painting. */
async function prepareCompanies(scopes: readonly ExportScope[], onProgress: (p: ExportProgress) => void): Promise<TrackerCompany[]> {
  const total = scopes.reduce((n, s) => n + s.rows.length, 0);
  let done = 0;
  const companies: TrackerCompany[] = [];
  for (const scope of scopes) {
    const rows: TrackerRow[] = [];
    for (let i = 0; i < scope.rows.length; i += SLICE) {
      rows.push(...trackerRowsFromDuties(scope.rows.slice(i, i + SLICE).map((r) => r.duty)));
      done += Math.min(SLICE, scope.rows.length - i);
      onProgress({ phase: 'rows', done, total });
      await nextTurn();
    }
    companies.push({ companyId: scope.record.company.id, companyName: scope.record.company.name, uscc: scope.record.company.uscc, rows });
  }
  return companies;
}

function buildInWorker(input: TrackerWorkbookInput): Promise<Uint8Array> {
  if (typeof Worker === 'undefined') return buildTrackerWorkbook(input);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./trackerWorkbook.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<TrackerWorkbookWorkerMessage>) => {
      worker.terminate();
      if (event.data.type === 'done') resolve(event.data.bytes);
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      // A worker that cannot start must not stop the export: build here instead.
      buildTrackerWorkbook(input).then(resolve, reject);
    };
    worker.postMessage(input);
  });
}

/** The 跟踪表 as .xlsx bytes: a summary sheet and one sheet per company. */
export async function buildTrackerFile(
  scopes: readonly ExportScope[], calendar: WorkCalendar, today: IsoDate, onProgress: (p: ExportProgress) => void,
): Promise<Uint8Array> {
  const companies = await prepareCompanies(scopes, onProgress);
  const rows = companies.reduce((n, c) => n + c.rows.length, 0);
  onProgress({ phase: 'workbook', done: 0, total: rows });
  const bytes = await buildInWorker({ companies, today, publishedThroughYear: calendar.publishedThroughYear });
  onProgress({ phase: 'workbook', done: rows, total: rows });
  return bytes;
}

/**
 * The open, dated duties as calendar events with a reminder `reminderDaysBefore` days ahead; a
 * Chinese refusal when there is none (an empty calendar is not a valid .ics).
 */
export function buildCalendarFile(scopes: readonly ExportScope[], reminderDaysBefore: number | null, now: Date): Result<{ readonly text: string; readonly events: number }> {
  const events = scopes.flatMap((s) => calendarEventsFromDuties({ id: s.record.company.id, name: s.record.company.name }, s.rows.map((r) => r.duty), reminderDaysBefore));
  const only = scopes.length === 1 ? scopes[0] : undefined;
  const name = only === undefined ? '企业合规事项' : `${only.record.company.name} 合规事项`;
  const built = buildIcsCalendar(events, { calendarName: name, stamp: now });
  return built.ok ? ok({ text: built.value, events: events.length }) : built;
}

/** `合规事项跟踪表-北京顺达通汽车租赁有限公司-20261126.xlsx`; characters Windows forbids are replaced. */
export function exportFileName(kind: '跟踪表' | '日历', scopeName: string, today: IsoDate, extension: 'xlsx' | 'ics'): string {
  const safe = scopeName.replace(/[\\/:*?"<>|]/g, '_').slice(0, 60);
  return `合规事项${kind}-${safe}-${today.replaceAll('-', '')}.${extension}`;
}
