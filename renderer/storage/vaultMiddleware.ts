import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import {
  SEALED_BLOB_TABLES, SEALED_BLOB_TYPE, SEALED_FIELDS, VaultError, openRow, sealRow, type FieldCipher,
} from '../../shared/vault/vaultCrypto';
import { CHANGE_LOG_TABLE } from './auditMiddleware';

/*
 * Seals personal fields on their way into IndexedDB and opens them on the way out (see
 * shared/vault/vaultCrypto.ts), so every repository, hook and export works with plaintext while
 * the disk holds ciphertext. Files are sealed by their repositories before the transaction (WebCrypto
 * is asynchronous); this layer refuses an unsealed file while encryption is on, so a code path that
 * forgot to seal fails loudly instead of leaking.
 */

/** What the middleware needs to know about the vault, synchronously, on every request. */
export interface VaultState {
  /** Encryption is on for this store (a keyring exists). */
  isEnabled(): boolean;
  /** The field cipher while unlocked, else null. */
  fieldCipher(): FieldCipher | null;
}

export class VaultLockedError extends VaultError {
  constructor() {
    super('个人信息加密已开启但尚未解锁，无法保存。请先输入恢复口令解锁');
  }
}

type Row = Readonly<Record<string, unknown>>;

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null;
}

function isSealedBlob(value: unknown): boolean {
  return typeof Blob !== 'undefined' && value instanceof Blob && value.type === SEALED_BLOB_TYPE;
}

/** The versionchange transaction of a schema upgrade (DBCore's transaction is IndexedDB's own). */
function isUpgrade(trans: unknown): boolean {
  return typeof trans === 'object' && trans !== null && (trans as { mode?: unknown }).mode === 'versionchange';
}

function vaultTable(down: DBCoreTable, name: string, state: VaultState): DBCoreTable {
  const sealsFields = Object.hasOwn(SEALED_FIELDS, name) || name === CHANGE_LOG_TABLE;
  const blobField = SEALED_BLOB_TABLES[name];

  const open = (value: unknown): unknown => {
    const cipher = state.fieldCipher();
    return cipher && isRow(value) ? openRow(name, value, cipher) : value;
  };

  const wrapCursor = (cursor: DBCoreCursor): DBCoreCursor => {
    let openedFor: unknown = undefined;
    let opened: unknown = undefined;
    return Object.create(cursor, {
      value: {
        get() {
          const raw = cursor.value as unknown;
          if (raw !== openedFor) {
            openedFor = raw;
            opened = open(raw);
          }
          return opened;
        },
      },
    }) as DBCoreCursor;
  };

  return {
    ...down,
    mutate(req) {
      if ((req.type !== 'add' && req.type !== 'put') || !state.isEnabled()) return down.mutate(req);
      // A schema upgrade moves rows exactly as stored, sealed or not, and needs no key (version 7
      // moves the evidence files' Blobs while the store may be locked: workbenchDatabase.ts).
      if (isUpgrade(req.trans)) return down.mutate(req);
      const cipher = state.fieldCipher();
      if (!cipher) return Promise.reject(new VaultLockedError());
      if (blobField !== undefined && req.values.some((value) => isRow(value) && !isSealedBlob(value[blobField]))) {
        return Promise.reject(new VaultError('个人信息加密已开启，文件须加密后才能保存（内部错误：有文件未经加密）'));
      }
      if (!sealsFields) return down.mutate(req);
      const values: readonly unknown[] = req.values;
      return down.mutate({ ...req, values: values.map((value) => (isRow(value) ? sealRow(name, value, cipher) : value)) });
    },
    get: (req) => down.get(req).then(open),
    getMany: (req) => down.getMany(req).then((values: unknown[]) => values.map(open)),
    query: (req) => down.query(req).then((response) => (req.values ? { ...response, result: response.result.map(open) } : response)),
    openCursor: (req) => down.openCursor(req).then((cursor) => (cursor && req.values ? wrapCursor(cursor) : cursor)),
  };
}

export function vaultMiddleware(state: VaultState): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'PersonalDataVault',
    level: 8,
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          const isVaulted = Object.hasOwn(SEALED_FIELDS, name) || Object.hasOwn(SEALED_BLOB_TABLES, name) || name === CHANGE_LOG_TABLE;
          return isVaulted ? vaultTable(table, name, state) : table;
        },
      };
    },
  };
}
