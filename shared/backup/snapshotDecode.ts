import type { BackupFileInput, BackupSnapshot } from './backupArchive';

/*
 * The way back from a backup's JSON tables to the rows IndexedDB held: the "$cw" markers written
 * by the page's encoder (renderer/storage/backup/snapshotCodec.ts, which documents them) become
 * Dates, Maps, Sets, typed arrays and, through a factory the caller passes, Blobs and Files.
 * Shared so the restore and `cli validate` rebuild and check a backup's records the same way.
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

export interface SchemaRow {
  readonly table: string;
  readonly primaryKey: string;
  readonly indexes: readonly string[];
  readonly hasOutboundKeys: boolean;
}

export const MARK = '$cw';
export const TYPED_ARRAYS = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
  BigInt64Array, BigUint64Array, DataView,
} as const;
export type BinaryKind = 'blob' | 'file' | 'arraybuffer' | keyof typeof TYPED_ARRAYS;

/** Builds the Blob or File a marker stands for; shared/ has no DOM, so the caller supplies it. */
export interface BlobFactory {
  readonly blob: (bytes: Uint8Array, type: string) => unknown;
  readonly file: (bytes: Uint8Array, name: string, type: string, lastModified: number) => unknown;
}

/** A backup's content is refused with this message when it is not what encodeWorkspace wrote. */
export class BackupContentError extends Error {
  override readonly name = 'BackupContentError';
}

class Decoder {
  private readonly files: ReadonlyMap<string, Uint8Array>;

  private readonly blobs: BlobFactory;

  constructor(files: readonly BackupFileInput[], blobs: BlobFactory) {
    this.files = new Map(files.map((f) => [f.id, f.bytes]));
    this.blobs = blobs;
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
    if (kind === 'blob') return this.blobs.blob(bytes.slice(), type);
    if (kind === 'file') {
      const name = typeof record.name === 'string' ? record.name : '';
      const lastModified = typeof record.lastModified === 'number' ? record.lastModified : Date.now();
      return this.blobs.file(bytes.slice(), name, type, lastModified);
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
export function decodeSnapshot(snapshot: BackupSnapshot, blobs: BlobFactory): WorkspaceData {
  const decoder = new Decoder(snapshot.files, blobs);
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

