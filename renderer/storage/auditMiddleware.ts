import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { changeEntryFor, companyIdOf, fieldsOf, isAuditedTable, type AuditedTable, type ChangeLogEntry, type ChangeSource } from '../../shared/history/changeLog';

/*
 * Writes the change history (shared/history/changeLog.ts) at the storage layer: every add, put
 * and delete on an audited table — from a form, an import, the tracker, a cascade — reads the
 * rows it replaces and appends one entry per real change to `changeLog`, in the SAME transaction,
 * so a change and its history entry commit or roll back together.
 *
 * The change log itself is append-only: put and delete are refused. Only a whole-store restore,
 * which goes through a connection without this middleware (see connections.ts), replaces it.
 */

export const CHANGE_LOG_TABLE = 'changeLog';

export class HistoryWriteError extends Error {
  override readonly name = 'HistoryWriteError';
}

type Row = Record<string, unknown>;

/**
 * Transactions that put deleted rows back (undoRepository.ts restoreDeletion): a row they add is
 * logged as 'restore' rather than 'create', so the history says the deletion was undone.
 */
const restoringTransactions = new WeakSet<object>();

/** Marks a Dexie transaction's IDB transaction (Dexie.currentTransaction.idbtrans) as a restore. */
export function markRestoring(trans: object): void {
  restoringTransactions.add(trans);
}

/** Says where the rows written in a transaction came from (a recognised scan): table and row in, source out. */
export type ChangeSourceResolver = (table: AuditedTable, row: Readonly<Record<string, unknown>>) => ChangeSource | null;

const sourcedTransactions = new WeakMap<object, ChangeSourceResolver>();

/**
 * Marks a Dexie transaction's IDB transaction (Dexie.currentTransaction.idbtrans) so the entries of
 * the rows it writes carry their source (issue 18: 来源：…扫描件识别, recognised and final values).
 */
export function markChangeSource(trans: object, resolver: ChangeSourceResolver): void {
  sourcedTransactions.set(trans, resolver);
}

function withSource(entry: ChangeLogEntry | null, trans: object): ChangeLogEntry | null {
  const resolver = sourcedTransactions.get(trans);
  if (entry === null || resolver === undefined || entry.after === null) return entry;
  const source = resolver(entry.table, entry.after);
  return source === null ? entry : { ...entry, source };
}

function entryFor(table: AuditedTable, entityId: string, before: Row | null, after: Row | null, at: string, isRestore: boolean): ChangeLogEntry | null {
  if (isRestore && before === null && after !== null) {
    return { at, table, entityId, companyId: companyIdOf(table, after), action: 'restore', before: null, after, changedFields: fieldsOf(after) };
  }
  return changeEntryFor(table, entityId, before, after, at);
}

function asRow(value: unknown): Row | null {
  return typeof value === 'object' && value !== null ? (value as Row) : null;
}

function keyText(key: unknown): string {
  return typeof key === 'string' ? key : JSON.stringify(key);
}

async function rowsInRange(table: DBCoreTable, req: Extract<DBCoreMutateRequest, { type: 'deleteRange' }>): Promise<{ keys: unknown[]; values: unknown[] }> {
  const { result } = await table.query({ trans: req.trans, values: true, query: { index: table.schema.primaryKey, range: req.range } });
  const values: unknown[] = result;
  return { keys: values.map((row): unknown => table.schema.primaryKey.extractKey?.(row)), values };
}

function auditedTable(down: DBCoreTable, tableName: AuditedTable, log: () => DBCoreTable, now: () => Date): DBCoreTable {
  const extractKey = down.schema.primaryKey.extractKey;

  async function append(trans: DBCoreTransaction, entries: readonly ChangeLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const result = await log().mutate({ type: 'add', trans, values: entries });
    if (result.numFailures > 0) throw result.failures[0] ?? new HistoryWriteError('修改记录写入失败');
  }

  return {
    ...down,
    async mutate(req): Promise<DBCoreMutateResponse> {
      const at = now().toISOString();
      if (req.type === 'deleteRange') {
        const { keys, values } = await rowsInRange(down, req);
        const response = await down.mutate(req);
        await append(req.trans, keys.flatMap((key, i) => changeEntryFor(tableName, keyText(key), asRow(values[i]), null, at) ?? []));
        return response;
      }
      const requestKeys: readonly unknown[] | undefined = req.keys;
      const values: readonly unknown[] = req.type === 'delete' ? [] : req.values;
      const keys: unknown[] = requestKeys ? [...requestKeys] : values.map((value): unknown => extractKey?.(value));
      const before: unknown[] = req.type === 'add' ? [] : await down.getMany({ trans: req.trans, keys });
      const response = await down.mutate(req);
      const entries: ChangeLogEntry[] = [];
      keys.forEach((key, i) => {
        if (response.failures[i] !== undefined) return;
        const results: readonly unknown[] | undefined = response.results;
        const storedKey = results?.[i] ?? key;
        const after = req.type === 'delete' ? null : asRow(values[i]);
        const entry = withSource(entryFor(tableName, keyText(storedKey), asRow(before[i]), after, at, restoringTransactions.has(req.trans)), req.trans);
        if (entry) entries.push(entry);
      });
      await append(req.trans, entries);
      return response;
    },
  };
}

function appendOnlyTable(down: DBCoreTable): DBCoreTable {
  return {
    ...down,
    mutate(req) {
      if (req.type !== 'add') return Promise.reject(new HistoryWriteError('修改记录只能追加，不能更改或删除'));
      return down.mutate(req);
    },
  };
}

export function auditMiddleware(now: () => Date = () => new Date()): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'ChangeHistory',
    // Above the vault (level 8): this layer sees and compares plaintext, and its own writes to the
    // change log pass down through the vault, which seals the personal fields in them.
    level: 9,
    create(down) {
      const log = () => down.table(CHANGE_LOG_TABLE);
      return {
        ...down,
        transaction(stores, mode, options) {
          // Any write to an audited table must be able to append to the log in the same transaction.
          const needsLog = mode === 'readwrite' && stores.some(isAuditedTable) && !stores.includes(CHANGE_LOG_TABLE);
          return down.transaction(needsLog ? [...stores, CHANGE_LOG_TABLE] : stores, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (name === CHANGE_LOG_TABLE) return appendOnlyTable(table);
          return isAuditedTable(name) ? auditedTable(table, name, log, now) : table;
        },
      };
    },
  };
}
