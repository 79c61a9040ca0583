import type { BackupFileInput, BackupSnapshot } from '../../../shared/backup/backupArchive';

/*
 * Turns what IndexedDB holds into a BackupSnapshot (JSON tables + file bytes) and back, for ANY
 * table: the workspace gains tables with every schema version, and a backup must carry them
 * without this module knowing them. Values JSON cannot hold become markers under the reserved
 * key "$cw":
 *
 *   Blob / File / ArrayBuffer / typed array  →  { "$cw": "file", "id": "f000001", "kind": "blob", "type": "application/pdf" }
 *                                               (the bytes go into files/<id> of the archive)
 *   Date                                     →  { "$cw": "date", "iso": "2026-11-26T02:30:00.000Z" }
 *   undefined, NaN, ±Infinity, BigInt        →  { "$cw": "undefined" } / { "$cw": "number", "value": "NaN" } / { "$cw": "bigint", ... }
 *   Map, Set                                 →  { "$cw": "map", "entries": [...] } / { "$cw": "set", "values": [...] }
 *   a stored object that itself has "$cw"    →  { "$cw": "object", "value": {...} }   (so no stored value is ever misread)
 *
 * A table whose keys are out-of-line (no keyPath) stores [{ key, value }] pairs instead of rows.
 * The tables' Dexie schemas travel in a pseudo-table, so a backup of an older schema version can
 * be opened at that version and upgraded by the app's own migrations (see workspaceStore.ts).
 */

/** The Dexie schema of one table: primary key and index specs as written in `stores()`. */
export interface TableSchemaSpec {
  /** e.g. "id", "++id", "[companyId+plate]", or "" for out-of-line keys. */
  readonly primaryKey: string;
  readonly indexes: readonly string[];
}

/** One table as IndexedDB returns it (Blobs and all). */
export interface WorkspaceTable {
  readonly schema: TableSchemaSpec;
  readonly rows: readonly unknown[];
  /** Keys of a table with out-of-line keys, aligned with rows; null when keys are in the rows. */
  readonly keys: readonly unknown[] | null;
}

export interface WorkspaceData {
  /** The Dexie schema version the tables were read at. */
  readonly schemaVersion: number;
  readonly tables: Readonly<Record<string, WorkspaceTable>>;
}

/** Name of the pseudo-table carrying the schemas; '$' cannot start a Dexie table we declare. */
export const SCHEMA_TABLE = '$schema';

interface SchemaRow {
  readonly table: string;
  readonly primaryKey: string;
  readonly indexes: readonly string[];
  readonly hasOutboundKeys: boolean;
}

const MARK = '$cw';
const TYPED_ARRAYS = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
  BigInt64Array, BigUint64Array, DataView,
} as const;
type BinaryKind = 'blob' | 'file' | 'arraybuffer' | keyof typeof TYPED_ARRAYS;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

class Encoder {
  readonly files: BackupFileInput[] = [];
  private readonly pendingBlobs: { readonly id: string; readonly blob: Blob }[] = [];

  private nextId(): string {
    return `f${String(this.files.length + this.pendingBlobs.length + 1).padStart(6, '0')}`;
  }

  private binary(kind: BinaryKind, bytes: Uint8Array): Record<string, unknown> {
    const id = this.nextId();
    // A copy: the view may share its buffer with other values.
    this.files.push({ id, bytes: bytes.slice() });
    return { [MARK]: 'file', id, kind };
  }

  encode(value: unknown): unknown {
    if (value === undefined) return { [MARK]: 'undefined' };
    if (typeof value === 'number') return Number.isFinite(value) ? value : { [MARK]: 'number', value: String(value) };
    if (typeof value === 'bigint') return { [MARK]: 'bigint', value: value.toString() };
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.encode(item));
    if (value instanceof Date) return { [MARK]: 'date', iso: Number.isNaN(value.getTime()) ? null : value.toISOString() };
    if (typeof Blob !== 'undefined' && value instanceof Blob) {
      const id = this.nextId();
      this.pendingBlobs.push({ id, blob: value });
      const isFile = typeof File !== 'undefined' && value instanceof File;
      return isFile
        ? { [MARK]: 'file', id, kind: 'file', type: value.type, name: value.name, lastModified: value.lastModified }
        : { [MARK]: 'file', id, kind: 'blob', type: value.type };
    }
    if (value instanceof ArrayBuffer) return this.binary('arraybuffer', new Uint8Array(value));
    if (ArrayBuffer.isView(value)) {
      const kind = (Object.keys(TYPED_ARRAYS) as (keyof typeof TYPED_ARRAYS)[]).find((name) => value instanceof TYPED_ARRAYS[name]) ?? 'Uint8Array';
      return this.binary(kind, new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    }
    if (value instanceof Map) return { [MARK]: 'map', entries: [...value].map(([k, v]) => [this.encode(k), this.encode(v)]) };
    if (value instanceof Set) return { [MARK]: 'set', values: [...value].map((v) => this.encode(v)) };
    const source = isPlainObject(value) ? value : { ...value };
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(source)) out[key] = this.encode(item);
    return Object.prototype.hasOwnProperty.call(source, MARK) ? { [MARK]: 'object', value: out } : out;
  }

  /** Reads the Blobs' bytes; IndexedDB Blobs are snapshots, so reading them later is consistent. */
  async readBlobs(onBytes?: (bytes: number) => void): Promise<void> {
    for (const { id, blob } of this.pendingBlobs.splice(0)) {
      this.files.push({ id, bytes: new Uint8Array(await blob.arrayBuffer()) });
      onBytes?.(blob.size);
    }
    this.files.sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}

export async function encodeWorkspace(data: WorkspaceData, onBlobBytes?: (bytes: number) => void): Promise<BackupSnapshot> {
  const encoder = new Encoder();
  const tables: Record<string, unknown[]> = {};
  const schemaRows: SchemaRow[] = [];
  for (const name of Object.keys(data.tables).sort()) {
    if (name === SCHEMA_TABLE) throw new Error(`数据表名“${SCHEMA_TABLE}”为备份保留，无法备份`);
    const table = data.tables[name];
    if (table === undefined) continue;
    const keys = table.keys;
    tables[name] = keys === null
      ? table.rows.map((row) => encoder.encode(row))
      : table.rows.map((row, i) => ({ key: encoder.encode(keys[i]), value: encoder.encode(row) }));
    schemaRows.push({ table: name, primaryKey: table.schema.primaryKey, indexes: [...table.schema.indexes], hasOutboundKeys: keys !== null });
  }
  tables[SCHEMA_TABLE] = schemaRows;
  await encoder.readBlobs(onBlobBytes);
  return { schemaVersion: data.schemaVersion, tables, files: encoder.files };
}

/** A backup's content is refused with this message when it is not what encodeWorkspace wrote. */
export class BackupContentError extends Error {
  override readonly name = 'BackupContentError';
}

class Decoder {
  private readonly files: ReadonlyMap<string, Uint8Array>;

  constructor(files: readonly BackupFileInput[]) {
    this.files = new Map(files.map((f) => [f.id, f.bytes]));
  }

  private bytesOf(id: unknown): Uint8Array {
    const bytes = typeof id === 'string' ? this.files.get(id) : undefined;
    if (bytes === undefined) throw new BackupContentError(`备份中缺少文件 ${String(id)}`);
    return bytes;
  }

  decode(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.decode(item));
    const record = value as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(record, MARK)) return this.plainObject(record);
    switch (record[MARK]) {
      case 'undefined':
        return undefined;
      case 'number':
        return Number(record.value);
      case 'bigint':
        if (typeof record.value !== 'string' || !/^-?\d{1,400}$/.test(record.value)) throw new BackupContentError('备份中有损坏的数据（大整数）');
        return BigInt(record.value);
      case 'date':
        return typeof record.iso === 'string' ? new Date(record.iso) : new Date(Number.NaN);
      case 'map':
        if (!Array.isArray(record.entries) || !record.entries.every((e) => Array.isArray(e) && e.length === 2)) throw new BackupContentError('备份中有损坏的数据（映射表）');
        return new Map((record.entries as [unknown, unknown][]).map(([k, v]) => [this.decode(k), this.decode(v)]));
      case 'set':
        if (!Array.isArray(record.values)) throw new BackupContentError('备份中有损坏的数据（集合）');
        return new Set((record.values as unknown[]).map((v) => this.decode(v)));
      case 'object':
        if (typeof record.value !== 'object' || record.value === null || Array.isArray(record.value)) throw new BackupContentError('备份中有损坏的数据（对象标记无内容）');
        return this.plainObject(record.value as Record<string, unknown>);
      case 'file':
        return this.binary(record);
      default:
        throw new BackupContentError(`备份中有无法识别的数据（${String(record[MARK])}）`);
    }
  }

  /**
   * JSON.parse keeps "__proto__" as an own key; assigning it would swap the prototype of the
   * rebuilt row and hide the key from every check after. Such a backup was not written by us.
   */
  private plainObject(record: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) {
      if (key === '__proto__') throw new BackupContentError('备份中有不允许的字段名“__proto__”，备份可能已被篡改');
      out[key] = this.decode(item);
    }
    return out;
  }

  private binary(record: Record<string, unknown>): unknown {
    const bytes = this.bytesOf(record.id);
    const kind = record.kind as BinaryKind;
    const type = typeof record.type === 'string' ? record.type : '';
    if (kind === 'blob') return new Blob([bytes.slice().buffer], { type });
    if (kind === 'file') {
      const name = typeof record.name === 'string' ? record.name : '';
      const lastModified = typeof record.lastModified === 'number' ? record.lastModified : Date.now();
      return new File([bytes.slice().buffer], name, { type, lastModified });
    }
    const buffer = bytes.slice().buffer;
    if (kind === 'arraybuffer') return buffer;
    const View = TYPED_ARRAYS[kind] as (new (buffer: ArrayBuffer) => unknown) | undefined;
    if (View === undefined) throw new BackupContentError(`备份中有无法识别的二进制数据类型（${String(kind)}）`);
    return new View(buffer);
  }
}

function parseSchemaRows(rows: readonly unknown[] | undefined): Map<string, SchemaRow> | null {
  if (rows === undefined) return null;
  const map = new Map<string, SchemaRow>();
  for (const row of rows) {
    const r = row as Partial<SchemaRow> | null;
    if (typeof r?.table !== 'string' || typeof r.primaryKey !== 'string' || !Array.isArray(r.indexes) || typeof r.hasOutboundKeys !== 'boolean') {
      throw new BackupContentError('备份中的数据库结构信息已损坏');
    }
    map.set(r.table, { table: r.table, primaryKey: r.primaryKey, indexes: r.indexes.map(String), hasOutboundKeys: r.hasOutboundKeys });
  }
  return map;
}

/**
 * Rebuilds the tables from a verified snapshot: markers back to Blobs, Dates and the rest.
 * Throws BackupContentError (Chinese message) for content this module did not write.
 */
export function decodeWorkspace(snapshot: BackupSnapshot): WorkspaceData {
  const decoder = new Decoder(snapshot.files);
  const schemas = parseSchemaRows(snapshot.tables[SCHEMA_TABLE]);
  const tables: Record<string, WorkspaceTable> = {};
  for (const [name, rows] of Object.entries(snapshot.tables)) {
    if (name === SCHEMA_TABLE) continue;
    const schema = schemas?.get(name);
    if (schema?.hasOutboundKeys === true) {
      const pairs = rows as readonly { key?: unknown; value?: unknown }[];
      tables[name] = {
        schema: { primaryKey: schema.primaryKey, indexes: schema.indexes },
        rows: pairs.map((pair) => decoder.decode(pair.value)),
        keys: pairs.map((pair) => decoder.decode(pair.key)),
      };
    } else {
      tables[name] = {
        schema: { primaryKey: schema?.primaryKey ?? '', indexes: schema?.indexes ?? [] },
        rows: rows.map((row) => decoder.decode(row)),
        keys: null,
      };
    }
  }
  return { schemaVersion: snapshot.schemaVersion, tables };
}

/** Whether the snapshot carries table schemas (needed to upgrade an older backup). */
export function hasSchemas(snapshot: BackupSnapshot): boolean {
  return snapshot.tables[SCHEMA_TABLE] !== undefined;
}

export interface WorkspaceSummary {
  /** Rows per table, tables in name order. */
  readonly tables: readonly { readonly name: string; readonly rows: number }[];
  readonly records: number;
  readonly fileCount: number;
  readonly fileBytes: number;
}

export function summarizeSnapshot(snapshot: BackupSnapshot): WorkspaceSummary {
  const tables = Object.entries(snapshot.tables)
    .filter(([name]) => name !== SCHEMA_TABLE)
    .map(([name, rows]) => ({ name, rows: rows.length }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    tables,
    records: tables.reduce((n, t) => n + t.rows, 0),
    fileCount: snapshot.files.length,
    fileBytes: snapshot.files.reduce((n, f) => n + f.bytes.length, 0),
  };
}
