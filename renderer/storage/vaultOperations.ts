import type { Table } from 'dexie';
import { PBKDF2_ITERATIONS } from '../../shared/crypto/cryptoPort';
import { fromBase64, toBase64 } from '../../shared/util/base64';
import {
  KEYRING_SETTING, SEALED_BLOB_TABLES, SEALED_BLOB_TYPE, SEALED_FIELDS, VaultError, createKeyring, hasSealedFields, openRow, sealRow,
  unwrapKeyring, vaultKeyringSchema, type VaultKeyring,
} from '../../shared/vault/vaultCrypto';
import { CHANGE_LOG_TABLE } from './auditMiddleware';
import type { WorkbenchDatabase } from './workbenchDatabase';
import type { VaultSession } from './vaultSession';

/*
 * Turning encryption at rest on and off, unlocking, and changing the recovery passphrase. These
 * work on the RAW connection (no middleware, see connections.ts): they move rows between plaintext
 * and ciphertext themselves, and rewrite change-log entries that the app connection keeps
 * append-only.
 *
 * Order matters for crash safety (the page may be closed at any point):
 * - on:  keyring + every sealed field in ONE transaction, then files one by one. A file left
 *        unsealed by an interruption is still readable and is sealed by the next sweep.
 * - off: files opened one by one FIRST (the keyring still exists, so any mix stays readable),
 *        then every field + the keyring's removal in ONE transaction, refused if a sealed file
 *        appeared meanwhile.
 */

/** The slice of the platform's OS key store (Electron safeStorage) the vault needs; absent in the browser. */
export interface OsKeyStoreLike {
  status(): Promise<{ readonly isAvailable: boolean; readonly reason: string | null; readonly hasKey: boolean }>;
  save(keyBase64: string, keyId: string): Promise<void>;
  load(): Promise<{ readonly keyBase64: string; readonly keyId: string } | null>;
  clear(): Promise<void>;
}

export type VaultStatus = 'off' | 'unlocked' | 'locked';

export interface FileSweepProgress {
  readonly done: number;
  readonly total: number;
}

export interface VaultDeps {
  /** The connection WITHOUT the vault and audit middleware. */
  readonly rawDb: WorkbenchDatabase;
  readonly session: VaultSession;
  readonly osKeyStore?: OsKeyStoreLike;
  /** PBKDF2 iterations for new keyrings; tests lower it. */
  readonly iterations?: number;
}

const FIELD_TABLES = [...Object.keys(SEALED_FIELDS), CHANGE_LOG_TABLE];

async function readKeyring(rawDb: WorkbenchDatabase): Promise<VaultKeyring | null> {
  const row = await rawDb.settings.get(KEYRING_SETTING);
  if (row === undefined) return null;
  const parsed = vaultKeyringSchema.safeParse(row.value);
  if (!parsed.success) throw new VaultError('加密密钥记录已损坏，无法解锁。请从备份恢复');
  return parsed.data;
}

/**
 * Called once at start, before the app reads anything: finds whether this store is encrypted and
 * unlocks it with the OS-protected key when that key belongs to this data (after a restore from
 * another machine it does not, and the recovery passphrase is asked for).
 */
export async function initializeVault(deps: VaultDeps): Promise<VaultStatus> {
  const { rawDb, session, osKeyStore } = deps;
  const keyring = await readKeyring(rawDb);
  if (keyring === null) {
    session.lock();
    session.setEnabled(false);
    // A key left by a store that was encrypted before a restore of an unencrypted backup. Failing
    // to tidy it up must not keep the officer out of unencrypted data.
    if (osKeyStore) {
      await osKeyStore.status().then((s) => (s.hasKey ? osKeyStore.clear() : undefined)).catch((error: unknown) => console.warn('[vault] OS key store unavailable', error));
    }
    return 'off';
  }
  session.setEnabled(true);
  if (session.isUnlocked() && session.keyId() === keyring.keyId) return 'unlocked';
  session.lock();
  const stored = osKeyStore ? await osKeyStore.load().catch(() => null) : null;
  if (stored && stored.keyId === keyring.keyId) {
    await session.unlock(fromBase64(stored.keyBase64));
    if (session.keyId() === keyring.keyId) return 'unlocked';
    session.lock();
  }
  return 'locked';
}

/**
 * Hands the key to the OS store when there is a usable one. Not fatal when it fails: the data is
 * encrypted and the keyring opens it with the passphrase; only the automatic unlock is lost.
 */
async function protectWithOs(deps: VaultDeps, key: Uint8Array, keyId: string): Promise<void> {
  const store = deps.osKeyStore;
  if (!store) return;
  try {
    if ((await store.status()).isAvailable) await store.save(toBase64(key), keyId);
  } catch (error) {
    console.warn('[vault] the OS did not keep the key; the passphrase will be asked at the next start', error);
  }
}

/** Unlocks with the recovery passphrase; on the desktop the key is then kept by the OS for later starts. */
export async function unlockWithPassphrase(deps: VaultDeps, passphrase: string): Promise<void> {
  const keyring = await readKeyring(deps.rawDb);
  if (keyring === null) throw new VaultError('当前数据未加密，无需解锁');
  const key = await unwrapKeyring(deps.session.crypto, keyring, passphrase);
  await deps.session.unlock(key);
  deps.session.setEnabled(true);
  await protectWithOs(deps, key, keyring.keyId);
}

/** Rewrites every row of the field tables through `transform` (all have inbound keys: id or ++seq). */
async function rewriteFields(rawDb: WorkbenchDatabase, transform: (table: string, row: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  for (const name of FIELD_TABLES) {
    const table: Table<Record<string, unknown>> = rawDb.table(name);
    const changed = (await table.toArray()).flatMap((row) => {
      const next = transform(name, row);
      return next === row ? [] : [next];
    });
    for (let i = 0; i < changed.length; i += 500) await table.bulkPut(changed.slice(i, i + 500));
  }
}

/** Seals (or opens) every stored file that is not yet in the wanted state; one file per transaction. */
export async function sweepFiles(deps: VaultDeps, wantSealed: boolean, onProgress?: (progress: FileSweepProgress) => void): Promise<number> {
  const { rawDb, session } = deps;
  const pending: { table: string; id: string }[] = [];
  for (const [name, field] of Object.entries(SEALED_BLOB_TABLES)) {
    await rawDb.table(name).each((row: Record<string, unknown>) => {
      const blob = row[field];
      const isSealed = blob instanceof Blob && blob.type === SEALED_BLOB_TYPE;
      if (blob instanceof Blob && isSealed !== wantSealed) pending.push({ table: name, id: String(row.id) });
    });
  }
  onProgress?.({ done: 0, total: pending.length });
  let done = 0;
  for (const { table: name, id } of pending) {
    const field = SEALED_BLOB_TABLES[name]!;
    const table: Table<Record<string, unknown>, unknown> = rawDb.table(name);
    const row = await table.get(id);
    const blob = row?.[field];
    if (row && blob instanceof Blob && (blob.type === SEALED_BLOB_TYPE) !== wantSealed) {
      const mimeType = typeof row.mimeType === 'string' ? row.mimeType : await documentMimeType(rawDb, id);
      const next = wantSealed ? await session.sealAlways(blob) : await session.openFile(blob, mimeType);
      await rawDb.transaction('rw', table, async () => {
        // Written only if nobody replaced the file while it was being encrypted.
        const current = await table.get(id);
        if (current?.[field] instanceof Blob && (current[field]).size === blob.size && (current[field]).type === blob.type) {
          await table.put({ ...current, [field]: next });
        }
      });
    }
    done++;
    onProgress?.({ done, total: pending.length });
  }
  return pending.length;
}

/** The type a stored file opens as: from its metadata, a 文件库 document's or an energy evidence file's (both in documentFiles). */
async function documentMimeType(rawDb: WorkbenchDatabase, id: string): Promise<string> {
  return (await rawDb.documents.get(id))?.mimeType ?? (await rawDb.energyAttachments.get(id))?.mimeType ?? '';
}

/**
 * Turns encryption on with a new data key protected by `passphrase` (and by the OS on the
 * desktop), then seals every stored file. Resolves when everything is sealed.
 */
export async function enableEncryption(deps: VaultDeps, passphrase: string, onProgress?: (progress: FileSweepProgress) => void, now = new Date()): Promise<void> {
  const { rawDb, session } = deps;
  if (await readKeyring(rawDb)) throw new VaultError('个人信息加密已经开启');
  const key = session.crypto.randomBytes(32);
  const keyring = await createKeyring(session.crypto, key, passphrase, deps.iterations ?? PBKDF2_ITERATIONS, now);
  await session.unlock(key);
  const cipher = session.fieldCipher()!;
  try {
    await rawDb.transaction('rw', [rawDb.settings, ...FIELD_TABLES.map((t) => rawDb.table(t))], async () => {
      await rawDb.settings.put({ key: KEYRING_SETTING, value: keyring });
      await rewriteFields(rawDb, (table, row) => sealRow(table, row, cipher));
    });
  } catch (error) {
    session.lock();
    throw error;
  }
  session.setEnabled(true);
  await protectWithOs(deps, key, keyring.keyId);
  await sweepFiles(deps, true, onProgress);
}

/** Opens every file, then every field, and forgets the key. Needs the vault unlocked. */
export async function disableEncryption(deps: VaultDeps, onProgress?: (progress: FileSweepProgress) => void): Promise<void> {
  const { rawDb, session } = deps;
  const cipher = session.fieldCipher();
  if (!cipher) throw new VaultError('请先解锁，再关闭加密');
  await sweepFiles(deps, false, onProgress);
  const blobTables = Object.keys(SEALED_BLOB_TABLES).map((t) => rawDb.table(t));
  await rawDb.transaction('rw', [rawDb.settings, ...FIELD_TABLES.map((t) => rawDb.table(t)), ...blobTables], async () => {
    for (const [name, field] of Object.entries(SEALED_BLOB_TABLES)) {
      const sealedLeft = await rawDb.table(name).filter((row: Record<string, unknown>) => (row[field] as Blob | undefined)?.type === SEALED_BLOB_TYPE).count();
      if (sealedLeft > 0) throw new VaultError('关闭加密期间又保存了加密文件，请再试一次');
    }
    await rewriteFields(rawDb, (table, row) => (hasSealedFields(table, row) ? openRow(table, row, cipher) : row));
    await rawDb.settings.delete(KEYRING_SETTING);
  });
  session.setEnabled(false);
  session.lock();
  // The data is plaintext now; a key file left behind opens nothing and is tidied at the next start.
  await deps.osKeyStore?.clear().catch((error: unknown) => console.warn('[vault] could not delete the OS-held key', error));
}

/** Re-wraps the same data key with a new passphrase, after checking the current one. */
export async function changePassphrase(deps: VaultDeps, currentPassphrase: string, nextPassphrase: string, now = new Date()): Promise<void> {
  const keyring = await readKeyring(deps.rawDb);
  if (keyring === null) throw new VaultError('当前数据未加密');
  const key = await unwrapKeyring(deps.session.crypto, keyring, currentPassphrase);
  const next = await createKeyring(deps.session.crypto, key, nextPassphrase, deps.iterations ?? PBKDF2_ITERATIONS, now);
  if (next.keyId !== keyring.keyId) throw new VaultError('密钥校验失败，口令未更改');
  await deps.rawDb.settings.put({ key: KEYRING_SETTING, value: next });
}
