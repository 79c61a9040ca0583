import '../../app/zodConfig';
import { buildWorkCalendar, parseHolidayTable, type WorkCalendar } from '../../../shared/deadlines/calendar';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import type { KnowledgeBase } from '../../../shared/policy/knowledgeBase';
import { describeError } from '../../../shared/util/errorDescription';
import { chunkPatch, DutyEngine, type EngineMessage } from './dutyEngine';

/** What the page sends the duty worker (see dutyStore.ts). */
export type DutyWorkerRequest =
  | { readonly type: 'context'; readonly kb: KnowledgeBase; readonly holidays: unknown; readonly today: IsoDate }
  | { readonly type: 'companies'; readonly ids: readonly string[] }
  | { readonly type: 'record'; readonly record: CompanyRecord }
  | { readonly type: 'priority'; readonly companyId: string | null };

/*
 * Computes the tracker's duties off the page's thread: one company per task (the page's current
 * company first), each company's changed rows posted as soon as it is computed, the global order
 * at most every ORDER_EVERY_MS while companies are still waiting and once when all are done.
 */

const ORDER_EVERY_MS = 400;
const engine = new DutyEngine();
let calendar: { readonly holidays: unknown; readonly calendar: WorkCalendar } | null = null;
let isScheduled = false;
let lastOrderAt = 0;

const post = (message: EngineMessage) => {
  if (message.type === 'order') self.postMessage(message, { transfer: [message.order.buffer] });
  else self.postMessage(message);
};

function postOrder(): void {
  lastOrderAt = performance.now();
  post({ type: 'order', order: engine.order(), pending: engine.pendingIds() });
}

function tick(): void {
  isScheduled = false;
  try {
    const patch = engine.step();
    if (patch !== null) for (const chunk of chunkPatch(patch)) post(chunk);
    if (engine.hasWork) {
      if (engine.needsOrder && performance.now() - lastOrderAt >= ORDER_EVERY_MS) postOrder();
      schedule();
    } else if (engine.needsOrder) {
      postOrder();
    }
  } catch (e) {
    post({ type: 'failed', message: describeError(e).message });
  }
}

function schedule(): void {
  if (isScheduled) return;
  isScheduled = true;
  setTimeout(tick, 0);
}

self.onmessage = (event: MessageEvent<DutyWorkerRequest>) => {
  const request = event.data;
  try {
    switch (request.type) {
      case 'context': {
        if (calendar === null || calendar.holidays !== request.holidays) {
          const table = parseHolidayTable(request.holidays);
          if (!table.ok) throw new Error(table.error.message);
          calendar = { holidays: request.holidays, calendar: buildWorkCalendar(table.value) };
        }
        engine.setContext({ kb: request.kb, calendar: calendar.calendar, today: request.today });
        break;
      }
      case 'companies':
        for (const companyId of engine.setCompanies(request.ids)) post({ type: 'removed', companyId });
        break;
      case 'record':
        engine.setRecord(request.record);
        break;
      case 'priority':
        engine.setPriority(request.companyId);
        break;
    }
  } catch (e) {
    post({ type: 'failed', message: describeError(e).message });
    return;
  }
  schedule();
};
