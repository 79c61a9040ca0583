import { gcm } from '@noble/ciphers/aes.js';
import { strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { toHex, type CipherKey, type CryptoPort } from '../crypto/cryptoPort';
import { fromBase64, toBase64 } from '../util/base64';

/*
 * Encryption at rest for personal information (issue 6). One random 256-bit data key (the DEK)
 * encrypts the sensitive fields of stored rows and the bytes of stored files. The DEK itself is
 * kept in two wrapped forms:
 *   - by the OS (Electron safeStorage, in main), so the officer is not asked on every start;
 *   - by a recovery passphrase (PBKDF2 → AES-GCM), stored beside the data as the keyring, so a
 *     backup restores on another machine with the passphrase alone.
 *
 * Fields are sealed SYNCHRONOUSLY (AES-256-GCM from @noble/ciphers): the storage middleware runs
 * inside IndexedDB transactions, which commit as soon as they have no pending request, so an
 * awaited WebCrypto call there would end the transaction under the caller. Files are sealed with
 * WebCrypto before their transaction starts, because reading a Blob is asynchronous anyway.
 */

/** Fields holding personal information, per table. Empty strings stay as they are: there is nothing to hide. */
export const SEALED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  // 居民身份证号码 is 敏感个人信息 (PIPL 第二十八条); the phone number goes with it.
  people: ['idNumber', 'phone'],
  // An ID card's or contract's title, file name and number often are the person's name and ID number.
  documents: ['title', 'fileName', 'number'],
};

/**
 * Tables whose rows are stored files, with the field holding the Blob: the one file store, which
 * holds 文件库 documents' and energy evidence files' bytes alike (schema version 7). A file is
 * sealed without context, so a sealed Blob can move between tables as stored, without the key.
 */
export const SEALED_BLOB_TABLES: Readonly<Record<string, string>> = {
  documentFiles: 'blob',
};

/** A change-log entry about a table with sealed fields carries those fields in before/after: seal both wholesale. */
const SEALED_CHANGE_LOG_FIELDS = ['before', 'after'] as const;

function isSealedTable(table: string): boolean {
  return Object.hasOwn(SEALED_FIELDS, table);
}

const SEALED_PREFIX = 'cw-sealed:v1:';

export function isSealedValue(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

export class VaultError extends Error {
  override readonly name = 'VaultError';
}

/** Encrypts and decrypts single field values, synchronously, bound to "table.field" so a value cannot be moved. */
export interface FieldCipher {
  seal(value: unknown, context: string): string;
  open(sealed: string, context: string): unknown;
}

// fflate's UTF-8 codec: shared/ is compiled without DOM types, so TextEncoder is not declared here.
const encoder = { encode: (text: string) => strToU8(text) };
const decoder = { decode: (bytes: Uint8Array) => strFromU8(bytes) };

export function createFieldCipher(key: Uint8Array, randomBytes: (length: number) => Uint8Array): FieldCipher {
  if (key.length !== 32) throw new VaultError('数据密钥长度不正确');
  return {
    seal(value, context) {
      const nonce = randomBytes(12);
      const ciphertext = gcm(key, nonce, encoder.encode(context)).encrypt(encoder.encode(JSON.stringify(value)));
      const joined = new Uint8Array(12 + ciphertext.length);
      joined.set(nonce, 0);
      joined.set(ciphertext, 12);
      return SEALED_PREFIX + toBase64(joined);
    },
    open(sealed, context) {
      try {
        const joined = fromBase64(sealed.slice(SEALED_PREFIX.length));
        const plain = gcm(key, joined.subarray(0, 12), encoder.encode(context)).decrypt(joined.subarray(12));
        return JSON.parse(decoder.decode(plain)) as unknown;
      } catch {
        throw new VaultError('加密数据无法解开：密钥不匹配或数据已损坏');
      }
    },
  };
}

type Row = Readonly<Record<string, unknown>>;

function sealedFieldsOf(table: string, row: Row): readonly string[] {
  if (table === 'changeLog') return typeof row.table === 'string' && isSealedTable(row.table) ? SEALED_CHANGE_LOG_FIELDS : [];
  return SEALED_FIELDS[table] ?? [];
}

function isWorthSealing(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !isSealedValue(value);
}

/** The row with its personal fields sealed; the same object when there is nothing to seal. */
export function sealRow<T extends Row>(table: string, row: T, cipher: FieldCipher): T {
  const fields = sealedFieldsOf(table, row).filter((field) => isWorthSealing(row[field]));
  if (fields.length === 0) return row;
  const out: Record<string, unknown> = { ...row };
  for (const field of fields) out[field] = cipher.seal(row[field], `${table}.${field}`);
  return out as T;
}

/** The row with its sealed fields opened; the same object when none is sealed. */
export function openRow<T extends Row>(table: string, row: T, cipher: FieldCipher): T {
  const fields = sealedFieldsOf(table, row).filter((field) => isSealedValue(row[field]));
  if (fields.length === 0) return row;
  const out: Record<string, unknown> = { ...row };
  for (const field of fields) out[field] = cipher.open(row[field] as string, `${table}.${field}`);
  return out as T;
}

export function hasSealedFields(table: string, row: Row): boolean {
  return sealedFieldsOf(table, row).some((field) => isSealedValue(row[field]));
}

// ---------------------------------------------------------------------------------------------
// The keyring: the DEK wrapped by the recovery passphrase.

export const MIN_PASSPHRASE_LENGTH = 8;

export const vaultKeyringSchema = z.object({
  version: z.literal(1),
  /** 16 hex characters identifying the DEK, so a key from the OS store can be matched to this data. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  salt: z.string().min(1).max(100),
  iterations: z.number().int().min(1).max(10_000_000),
  /** base64 of IV (12 bytes) followed by AES-GCM(DEK) under the passphrase key. */
  wrappedKey: z.string().min(1).max(200),
  createdAt: z.string(),
});
export type VaultKeyring = z.infer<typeof vaultKeyringSchema>;

/** The keyring's key in the settings table. */
export const KEYRING_SETTING = 'vault.keyring';

export async function keyIdOf(crypto: CryptoPort, key: Uint8Array): Promise<string> {
  const label = encoder.encode('cw-vault-key-id:');
  const input = new Uint8Array(label.length + key.length);
  input.set(label, 0);
  input.set(key, label.length);
  return toHex((await crypto.sha256(input)).subarray(0, 8));
}

export function checkPassphrase(passphrase: string): string | null {
  if (passphrase.trim().length < MIN_PASSPHRASE_LENGTH) return `恢复口令至少需要 ${MIN_PASSPHRASE_LENGTH} 个字符`;
  return null;
}

export async function createKeyring(crypto: CryptoPort, key: Uint8Array, passphrase: string, iterations: number, now: Date): Promise<VaultKeyring> {
  const problem = checkPassphrase(passphrase);
  if (problem) throw new VaultError(problem);
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const wrappingKey = await crypto.deriveKey(passphrase, salt, iterations);
  const wrapped = await crypto.encrypt(wrappingKey, iv, key);
  const joined = new Uint8Array(12 + wrapped.length);
  joined.set(iv, 0);
  joined.set(wrapped, 12);
  return { version: 1, keyId: await keyIdOf(crypto, key), salt: toBase64(salt), iterations, wrappedKey: toBase64(joined), createdAt: now.toISOString() };
}

/** The DEK, or a VaultError with a Chinese message when the passphrase is wrong. */
export async function unwrapKeyring(crypto: CryptoPort, keyring: VaultKeyring, passphrase: string): Promise<Uint8Array> {
  const joined = fromBase64(keyring.wrappedKey);
  const wrappingKey = await crypto.deriveKey(passphrase, fromBase64(keyring.salt), keyring.iterations);
  let key: Uint8Array;
  try {
    key = await crypto.decrypt(wrappingKey, joined.subarray(0, 12), joined.subarray(12));
  } catch {
    throw new VaultError('恢复口令不正确');
  }
  if (key.length !== 32 || (await keyIdOf(crypto, key)) !== keyring.keyId) throw new VaultError('恢复口令不正确');
  return key;
}

// ---------------------------------------------------------------------------------------------
// Sealed files: MAGIC, a 12-byte IV, then AES-GCM ciphertext with its tag.

const BLOB_MAGIC = encoder.encode('CWSEAL01');
/** The MIME type a sealed Blob is stored under, so readers and the storage guard can tell it apart. */
export const SEALED_BLOB_TYPE = 'application/x-cw-sealed';

export async function sealBytes(crypto: CryptoPort, key: CipherKey, plain: Uint8Array): Promise<Uint8Array> {
  const iv = crypto.randomBytes(12);
  const ciphertext = await crypto.encrypt(key, iv, plain);
  const out = new Uint8Array(BLOB_MAGIC.length + 12 + ciphertext.length);
  out.set(BLOB_MAGIC, 0);
  out.set(iv, BLOB_MAGIC.length);
  out.set(ciphertext, BLOB_MAGIC.length + 12);
  return out;
}

export async function openBytes(crypto: CryptoPort, key: CipherKey, sealed: Uint8Array): Promise<Uint8Array> {
  const header = sealed.subarray(0, BLOB_MAGIC.length);
  if (header.length !== BLOB_MAGIC.length || header.some((byte, i) => byte !== BLOB_MAGIC[i])) throw new VaultError('不是加密保存的文件');
  try {
    return await crypto.decrypt(key, sealed.subarray(BLOB_MAGIC.length, BLOB_MAGIC.length + 12), sealed.subarray(BLOB_MAGIC.length + 12));
  } catch {
    throw new VaultError('加密文件无法解开：密钥不匹配或文件已损坏');
  }
}
