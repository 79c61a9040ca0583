import type { BackupFileInput, BackupSnapshot } from '../../../shared/backup/backupArchive';
import {
  BackupContentError, decodeSnapshot, MARK, SCHEMA_TABLE, TYPED_ARRAYS, type BinaryKind, type BlobFactory, type SchemaRow, type TableSchemaSpec, type WorkspaceData, type WorkspaceTable,
} from '../../../shared/backup/snapshotDecode';

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
 * be opened at that version and upgraded by the app's own migrations (see workspaceSnapshot.ts).
 */

export { BackupContentError, SCHEMA_TABLE };
export type { TableSchemaSpec, WorkspaceData, WorkspaceTable };

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

/** The page's Blobs and Files, as IndexedDB stores them. */
const DOM_BLOBS: BlobFactory = {
  blob: (bytes, type) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type }),
  file: (bytes, name, type, lastModified) => new File([bytes as Uint8Array<ArrayBuffer>], name, { type, lastModified }),
};

/**
 * Rebuilds the tables from a verified snapshot: markers back to Blobs, Dates and the rest.
 * Throws BackupContentError (Chinese message) for content the encoder did not write.
 */
export function decodeWorkspace(snapshot: BackupSnapshot): WorkspaceData {
  return decodeSnapshot(snapshot, DOM_BLOBS);
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
