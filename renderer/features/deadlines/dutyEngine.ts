import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import type { WorkCalendar } from '../../../shared/deadlines/calendar';
import type { KnowledgeBase, PolicyDocument } from '../../../shared/policy/knowledgeBase';
import { compareRows, computeCompanyDuties, documentsById, type DutyRow } from './dutyModel';
import type { CompanyPatch, EngineMessage } from './dutyMirror';

/*
 * The tracker's duties, kept up to date incrementally (the engine runs in dutyEngine.worker.ts,
 * or on the page's thread where there are no workers, e.g. unit tests):
 *
 * - DutyEngine holds every company's record and its computed, sorted rows. A new record (a write
 *   to that company) recomputes that company only; a new knowledge base, calendar or day
 *   recomputes all. One company is computed per step, the page's current company first, so the
 *   worker stays responsive to newer records between companies.
 * - Each computed company goes out as a patch: only the rows whose content changed (a row is
 *   compared field by field with its previous version), plus the company's order as numeric row ids.
 *   The global order (all companies, most urgent first) goes out as one Int32Array of ids.
 * - DutyMirror applies those messages on the page's side, so the page receives a few changed
 *   rows after a write instead of every company's rows.
 *
 * Rows, their order and counts are exactly those of computing every company and sorting all rows
 * with compareRows (ties keep the companies' order, as the stable sort of the concatenation did):
 * tests/unit/deadlines/dutyEngine.test.ts checks this after sequences of writes.
 */

export interface EngineContext {
  readonly kb: KnowledgeBase;
  readonly calendar: WorkCalendar;
  readonly today: IsoDate;
}

export type { CompanyPatch, EngineMessage } from './dutyMirror';
export { DutyMirror } from './dutyMirror';

/** Rows per patch message: each message is deserialised on the page in one task. */
const PATCH_CHUNK_ROWS = 800;

interface CompanyEntry {
  record: CompanyRecord;
  ids: number[];
  rows: DutyRow[];
  rowsById: Map<number, DutyRow>;
}

/** Deep equality of plain data (what structured clone carries: objects, arrays, primitives). */
function isSameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!isSameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const key of keys) if (!(key in y) || !isSameData(x[key], y[key])) return false;
  return true;
}

export class DutyEngine {
  private context: EngineContext | null = null;
  private documents: ReadonlyMap<string, PolicyDocument> = new Map();
  private readonly entries = new Map<string, CompanyEntry>();
  /** Records waiting to be computed, by company id (a newer record replaces an older one). */
  private readonly pending = new Map<string, CompanyRecord>();
  private companyOrder: readonly string[] = [];
  private priority: string | null = null;
  private readonly idsByKey = new Map<string, number>();
  private nextId = 1;
  private isOrderDirty = false;

  setContext(context: EngineContext): void {
    const previous = this.context;
    if (previous !== null && previous.kb === context.kb && previous.calendar === context.calendar && previous.today === context.today) return;
    this.context = context;
    if (previous === null || previous.kb !== context.kb) this.documents = documentsById(context.kb);
    for (const [id, entry] of this.entries) if (!this.pending.has(id)) this.pending.set(id, entry.record);
  }

  /** The companies there are, in the page's order (by name); any other company is dropped. */
  setCompanies(ids: readonly string[]): string[] {
    this.companyOrder = [...ids];
    const keep = new Set(ids);
    const removed: string[] = [];
    for (const id of [...this.entries.keys(), ...this.pending.keys()]) {
      if (keep.has(id)) continue;
      if (this.entries.delete(id)) removed.push(id);
      this.pending.delete(id);
    }
    this.isOrderDirty = true;
    return removed;
  }

  setRecord(record: CompanyRecord): void {
    this.pending.set(record.company.id, record);
  }

  setPriority(companyId: string | null): void {
    this.priority = companyId;
  }

  /** Companies whose latest record is not computed yet (only those the page lists). */
  pendingIds(): string[] {
    const listed = new Set(this.companyOrder);
    return [...this.pending.keys()].filter((id) => listed.has(id));
  }

  get hasWork(): boolean {
    return this.context !== null && this.pending.size > 0;
  }

  get needsOrder(): boolean {
    return this.isOrderDirty;
  }

  /** Computes one company (the priority one first); null when there is nothing to do. */
  step(): CompanyPatch | null {
    const context = this.context;
    if (context === null || this.pending.size === 0) return null;
    const id = this.priority !== null && this.pending.has(this.priority) ? this.priority : (this.pending.keys().next().value as string);
    const record = this.pending.get(id) as CompanyRecord;
    this.pending.delete(id);
    const rows = [...computeCompanyDuties(context.kb, record, context.calendar, context.today, this.documents).rows].sort(compareRows);
    const previous = this.entries.get(id);
    const rowsById = new Map<number, DutyRow>();
    const ids: number[] = [];
    const upserts: (readonly [number, DutyRow])[] = [];
    for (const row of rows) {
      const key = `${id}::${row.duty.key}`;
      let rowId = this.idsByKey.get(key);
      if (rowId === undefined) {
        rowId = this.nextId++;
        this.idsByKey.set(key, rowId);
      }
      ids.push(rowId);
      rowsById.set(rowId, row);
      const before = previous?.rowsById.get(rowId);
      if (before === undefined || !isSameData(before, row)) upserts.push([rowId, row]);
    }
    this.entries.set(id, { record, ids, rows, rowsById });
    this.isOrderDirty = true;
    return { type: 'rows', companyId: id, upserts, order: ids };
  }

  /** Every computed company's row ids, most urgent first; ties keep the companies' order. */
  order(): Int32Array {
    this.isOrderDirty = false;
    let lists: { ids: number[]; rows: DutyRow[] }[] = [];
    for (const id of this.companyOrder) {
      const entry = this.entries.get(id);
      if (entry !== undefined && entry.ids.length > 0) lists.push({ ids: entry.ids, rows: entry.rows });
    }
    if (lists.length === 0) return new Int32Array(0);
    // Bottom-up merge of adjacent lists, the left one first on ties: stable, n·log(companies) comparisons.
    while (lists.length > 1) {
      const next: typeof lists = [];
      for (let i = 0; i < lists.length; i += 2) {
        const a = lists[i] as { ids: number[]; rows: DutyRow[] };
        const b = lists[i + 1];
        if (b === undefined) {
          next.push(a);
          continue;
        }
        const ids: number[] = [];
        const rows: DutyRow[] = [];
        let x = 0;
        let y = 0;
        while (x < a.rows.length && y < b.rows.length) {
          if (compareRows(b.rows[y] as DutyRow, a.rows[x] as DutyRow) < 0) {
            ids.push(b.ids[y] as number);
            rows.push(b.rows[y++] as DutyRow);
          } else {
            ids.push(a.ids[x] as number);
            rows.push(a.rows[x++] as DutyRow);
          }
        }
        for (; x < a.rows.length; x++) {
          ids.push(a.ids[x] as number);
          rows.push(a.rows[x] as DutyRow);
        }
        for (; y < b.rows.length; y++) {
          ids.push(b.ids[y] as number);
          rows.push(b.rows[y] as DutyRow);
        }
        next.push({ ids, rows });
      }
      lists = next;
    }
    return Int32Array.from((lists[0] as { ids: number[] }).ids);
  }
}

/** A patch cut into messages of at most PATCH_CHUNK_ROWS rows; only the last carries the order. */
export function chunkPatch(patch: CompanyPatch): CompanyPatch[] {
  if (patch.upserts.length <= PATCH_CHUNK_ROWS) return [patch];
  const chunks: CompanyPatch[] = [];
  for (let i = 0; i < patch.upserts.length; i += PATCH_CHUNK_ROWS) {
    const isLast = i + PATCH_CHUNK_ROWS >= patch.upserts.length;
    chunks.push({ type: 'rows', companyId: patch.companyId, upserts: patch.upserts.slice(i, i + PATCH_CHUNK_ROWS), order: isLast ? patch.order : null });
  }
  return chunks;
}

/** Runs the engine to completion on this thread, handing each message to `emit`. */
export function drainEngine(engine: DutyEngine, emit: (message: EngineMessage) => void): void {
  for (let patch = engine.step(); patch !== null; patch = engine.step()) emit(patch);
  if (engine.needsOrder) emit({ type: 'order', order: engine.order(), pending: engine.pendingIds() });
}
