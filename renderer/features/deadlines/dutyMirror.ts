import type { DutyRow } from './dutyModel';

/*
 * The page's side of the duty engine (dutyEngine.ts): the messages the engine sends and the mirror
 * that applies them. Kept apart from the engine so that the page's first load carries no duty
 * computation (that runs in dutyEngine.worker.ts).
 */

/** One company's rows: `upserts` are new or changed rows; `order` (final chunk only) is every row id, sorted. */
export interface CompanyPatch {
  readonly type: 'rows';
  readonly companyId: string;
  readonly upserts: readonly (readonly [number, DutyRow])[];
  readonly order: readonly number[] | null;
}

/** All computed companies' rows, most urgent first; `pending` companies are not computed yet. */
interface OrderMessage {
  readonly type: 'order';
  readonly order: Int32Array;
  readonly pending: readonly string[];
}

export type EngineMessage = CompanyPatch | OrderMessage | { readonly type: 'removed'; readonly companyId: string } | { readonly type: 'failed'; readonly message: string };

/** The page's copy of the engine's rows, built from its messages. */
export class DutyMirror {
  private readonly rowsById = new Map<number, DutyRow>();
  private readonly companyIds = new Map<string, readonly number[]>();
  private readonly companyRows = new Map<string, readonly DutyRow[]>();
  private allRows: readonly DutyRow[] = [];
  private pending: ReadonlySet<string> = new Set();
  private hasOrder = false;

  /** Applies one message; true when what the page shows changed (a company's rows or the order). */
  apply(message: EngineMessage): boolean {
    switch (message.type) {
      case 'rows': {
        for (const [id, row] of message.upserts) this.rowsById.set(id, row);
        if (message.order === null) return false;
        const keep = new Set(message.order);
        for (const id of this.companyIds.get(message.companyId) ?? []) if (!keep.has(id)) this.rowsById.delete(id);
        this.companyIds.set(message.companyId, message.order);
        this.companyRows.set(message.companyId, message.order.map((id) => this.rowsById.get(id) as DutyRow));
        return true;
      }
      case 'removed': {
        for (const id of this.companyIds.get(message.companyId) ?? []) this.rowsById.delete(id);
        this.companyIds.delete(message.companyId);
        this.companyRows.delete(message.companyId);
        return true;
      }
      case 'order': {
        const rows: DutyRow[] = new Array<DutyRow>(message.order.length);
        for (let i = 0; i < message.order.length; i++) rows[i] = this.rowsById.get(message.order[i] as number) as DutyRow;
        this.allRows = rows;
        this.pending = new Set(message.pending);
        this.hasOrder = true;
        return true;
      }
      case 'failed':
        return false;
    }
  }

  /** Whether every company listed has been computed and ordered at least once. */
  get isComplete(): boolean {
    return this.hasOrder && this.pending.size === 0;
  }

  get pendingIds(): ReadonlySet<string> {
    return this.pending;
  }

  rows(): readonly DutyRow[] {
    return this.allRows;
  }

  /** A company's rows, most urgent first; undefined until it has been computed. */
  rowsOf(companyId: string): readonly DutyRow[] | undefined {
    return this.companyRows.get(companyId);
  }
}
