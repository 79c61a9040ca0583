/*
 * The change history (issue 6): every change to a company's facts, documents and duties, as one
 * append-only entry with when, what, and the record before and after. Entries are written by the
 * storage layer (renderer/storage/auditMiddleware.ts) for every write to an audited table, so no
 * feature can forget to log, and they cannot be edited or deleted through the app.
 */

/** 'restore': a deleted row put back by 撤销 (renderer/storage/undoRepository.ts). */
export type ChangeAction = 'create' | 'update' | 'delete' | 'restore';

/** The tables whose rows are a company's facts, documents or duties, with what one row is called. */
export const AUDITED_TABLES = {
  companies: '企业信息',
  people: '人员',
  licences: '证照',
  vehicles: '车辆',
  stores: '门店/场所',
  events: '经营事件',
  documents: '材料',
  dutyTracking: '事项办理',
  dutySchedules: '报送日设定',
  dutyHistory: '办理记录',
  energyReadings: '能耗数据',
  energyTrainings: '能源培训',
  energySubmissions: '能耗报送',
  energySettings: '能源设置',
} as const;
export type AuditedTable = keyof typeof AUDITED_TABLES;

export function isAuditedTable(name: string): name is AuditedTable {
  return Object.hasOwn(AUDITED_TABLES, name);
}

/**
 * Tables whose rows are themselves history: a new row is not news (the duty tracker already shows
 * it), but changing or deleting one is, so only those are logged.
 */
const APPEND_ONLY_TABLES: ReadonlySet<AuditedTable> = new Set(['dutyHistory']);

export interface ChangeLogEntry {
  /** Auto-incremented: the order changes were made in. */
  readonly seq?: number;
  /** ISO timestamp. */
  readonly at: string;
  readonly companyId: string;
  readonly table: AuditedTable;
  readonly entityId: string;
  readonly action: ChangeAction;
  /** The stored row before the change; null for a create. */
  readonly before: Readonly<Record<string, unknown>> | null;
  /** The stored row after the change; null for a delete. */
  readonly after: Readonly<Record<string, unknown>> | null;
  /** Top-level fields that differ, in field order; every field for a create or delete. */
  readonly changedFields: readonly string[];
  /** Where the written values came from, when not typed (a recognised scan, issue 18). */
  readonly source?: ChangeSource;
}

/** One recognised field: what was read and, where the officer changed it, what was stored. */
export interface ChangeSourceField {
  readonly label: string;
  readonly recognised: string | null;
  /** null: stored as recognised. */
  readonly final: string | null;
  /** The record has no field for it (shown, not saved). */
  readonly isNotSaved?: boolean;
  /** Not changed by the officer: stored in the record's own terms (类型 as one of its options). */
  readonly isConverted?: boolean;
}

/** 来源：营业执照扫描件“x.jpg”识别, with the recognised and final value per field. */
export interface ChangeSource {
  readonly text: string;
  readonly fields: readonly ChangeSourceField[];
}

/** Bookkeeping fields that change on every save and say nothing by themselves. */
const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(['updatedAt', 'addedAt', 'createdAt']);

/** Deep equality for stored rows (plain JSON-like values, Dates, typed arrays and Blobs by identity). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  const protoA = Object.getPrototypeOf(a) as unknown;
  if (protoA !== Object.getPrototypeOf(b)) return false;
  if (protoA !== Object.prototype && protoA !== null) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The top-level fields whose values differ, ignoring bookkeeping timestamps. */
function changedFieldsOf(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.filter((field) => !BOOKKEEPING_FIELDS.has(field) && !sameValue(before[field], after[field]));
}

/** Every meaningful field of a created or deleted row. */
export function fieldsOf(row: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(row).filter((field) => !BOOKKEEPING_FIELDS.has(field) && row[field] !== undefined);
}

/**
 * The company a row belongs to: the row's own id for companies, companyId everywhere else
 * (energySettings is keyed by it).
 */
export function companyIdOf(table: AuditedTable, row: Readonly<Record<string, unknown>>): string {
  const value = table === 'companies' ? row.id : row.companyId;
  return typeof value === 'string' ? value : '';
}

/**
 * The entry for one write, or null when nothing a person would call a change happened (a save
 * that only moved updatedAt, a put of identical values, a new append-only history row).
 */
export function changeEntryFor(
  table: AuditedTable,
  entityId: string,
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
  at: string,
): ChangeLogEntry | null {
  if (before === null && after === null) return null;
  if (before === null) {
    if (APPEND_ONLY_TABLES.has(table)) return null;
    return { at, table, entityId, companyId: companyIdOf(table, after ?? {}), action: 'create', before: null, after, changedFields: fieldsOf(after ?? {}) };
  }
  if (after === null) {
    return { at, table, entityId, companyId: companyIdOf(table, before), action: 'delete', before, after: null, changedFields: fieldsOf(before) };
  }
  const changedFields = changedFieldsOf(before, after);
  if (changedFields.length === 0) return null;
  return { at, table, entityId, companyId: companyIdOf(table, after) || companyIdOf(table, before), action: 'update', before, after, changedFields };
}
