import type { SafeStorage } from 'electron';
import { mkdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { OsKeyStatusDto, StoredOsKeyDto } from '../../shared/ipc/contract';
import { err, ok, type Result } from '../../shared/util/result';
import { describeFileError, writeFileAtomic } from './atomicWrite';

/**
 * Main's half of encryption at rest: the page's data-encryption key (32 random bytes), kept in
 * <userData>/vault/os-key.bin encrypted by the OS through Electron's safeStorage (DPAPI on
 * Windows, the Keychain on macOS, the Secret Service or KWallet on Linux). The page then starts
 * without asking for the recovery passphrase; on another machine or user account the OS key
 * differs, decryption fails, and the page falls back to the passphrase.
 */

/** The parts of Electron's safeStorage used here; tests pass a plain fake. */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export interface OsKeyStoreDeps {
  readonly safeStorage: SafeStorageLike;
  /** <userData>/vault */
  readonly folder: string;
  /** Node's process.platform. */
  readonly platform: string;
  /** Defaults to console.warn. Never given key material. */
  readonly warn?: (message: string) => void;
}

export const OS_KEY_FILE_NAME = 'os-key.bin';
const FILE_FORMAT_VERSION = 1;
/** The encrypted JSON is about 200 bytes; anything far larger is not our file. */
const MAX_KEY_FILE_BYTES = 64 * 1024;
const KEY_BYTES = 32;
/** Standard base64 of exactly 32 bytes: 43 characters and one '=' of padding. */
const KEY_BASE64_PATTERN = /^[A-Za-z0-9+/]{43}=$/;
const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

/**
 * True for the canonical base64 of exactly 32 bytes. Buffer.from(…, 'base64') skips characters
 * it does not know, so the round trip is what rules out a key that decodes to something else.
 */
export function isKeyBase64(value: string): boolean {
  if (!KEY_BASE64_PATTERN.test(value)) return false;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === KEY_BYTES && bytes.toString('base64') === value;
}

function isKeyId(value: string): boolean {
  return KEY_ID_PATTERN.test(value);
}

/** The decrypted file content, or null when it is not a version-1 key record. */
function parseKeyRecord(text: string): StoredOsKeyDto | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (record.version !== FILE_FORMAT_VERSION) return null;
  const { keyBase64, keyId } = record;
  if (typeof keyBase64 !== 'string' || typeof keyId !== 'string' || !isKeyBase64(keyBase64) || !isKeyId(keyId)) return null;
  return { keyBase64, keyId };
}

export type OsKeyStore = ReturnType<typeof createOsKeyStore>;

export function createOsKeyStore(deps: OsKeyStoreDeps) {
  const filePath = path.join(deps.folder, OS_KEY_FILE_NAME);
  const warn = deps.warn ?? ((message: string) => console.warn(message));

  /** Why the OS cannot protect the key here, in Chinese; null when it can. */
  const unavailableReason = (): string | null => {
    if (!deps.safeStorage.isEncryptionAvailable()) {
      return deps.platform === 'linux'
        ? '系统钥匙串不可用：未找到可用的密钥环服务（如 GNOME 密钥环或 KWallet），或尚未解锁。'
        : '系统钥匙串不可用：操作系统暂时无法为本应用加密数据。';
    }
    // Without a keyring, Chromium on Linux "encrypts" with a fixed key compiled into every copy
    // of Chromium: anyone who can read the file could decrypt it.
    if (deps.platform === 'linux' && deps.safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return '系统钥匙串不可用：未检测到 GNOME 密钥环或 KWallet，系统只能以明文方式保存，因此不在本机保存密钥。';
    }
    return null;
  };

  return {
    filePath,

    async status(): Promise<Result<OsKeyStatusDto>> {
      const reason = unavailableReason();
      try {
        const info = await stat(filePath);
        return ok({ isAvailable: reason === null, reason, hasKey: info.isFile() });
      } catch (error) {
        if (isMissing(error)) return ok({ isAvailable: reason === null, reason, hasKey: false });
        return err('osKey.readFailed', `无法读取本机保存的密钥：${describeFileError(error, filePath, 'read')}`);
      }
    },

    async save(keyBase64: string, keyId: string): Promise<Result<null>> {
      if (!isKeyBase64(keyBase64)) return err('osKey.invalidKey', '数据加密密钥格式不正确：应为 32 字节密钥的 Base64 编码。');
      if (!isKeyId(keyId)) return err('osKey.invalidKeyId', '密钥编号格式不正确：应为 16 位小写十六进制字符。');
      const reason = unavailableReason();
      if (reason !== null) return err('osKey.unavailable', reason);

      let encrypted: Buffer;
      try {
        encrypted = deps.safeStorage.encryptString(JSON.stringify({ version: FILE_FORMAT_VERSION, keyBase64, keyId }));
      } catch (error) {
        // The message of safeStorage's error carries no key material, only the OS's reason.
        warn(`[os-key] encryption failed: ${error instanceof Error ? error.message : String(error)}`);
        return err('osKey.encryptFailed', '系统钥匙串未能加密数据加密密钥，密钥未保存。');
      }
      try {
        await mkdir(deps.folder, { recursive: true });
        await writeFileAtomic(filePath, encrypted);
      } catch (error) {
        return err('osKey.writeFailed', `未能保存数据加密密钥：${describeFileError(error, filePath, 'write')}`);
      }
      return ok(null);
    },

    /**
     * The stored key, or null when there is none or it cannot be used here. A file that does not
     * decrypt is kept: it may belong to a keyring that is only locked for now, and the page can
     * replace it with save once the user has entered the recovery passphrase.
     */
    async load(): Promise<Result<StoredOsKeyDto | null>> {
      let encrypted: Buffer;
      try {
        const info = await stat(filePath);
        if (!info.isFile() || info.size > MAX_KEY_FILE_BYTES) {
          warn(`[os-key] ${filePath} is not a key file; ignored`);
          return ok(null);
        }
        encrypted = await readFile(filePath);
      } catch (error) {
        if (isMissing(error)) return ok(null);
        return err('osKey.readFailed', `无法读取本机保存的密钥：${describeFileError(error, filePath, 'read')}`);
      }

      const reason = unavailableReason();
      if (reason !== null) {
        warn('[os-key] a stored key exists but OS encryption is unavailable; ignored');
        return ok(null);
      }
      let text: string;
      try {
        text = deps.safeStorage.decryptString(encrypted);
      } catch (error) {
        // Another machine or user account, or a keyring reset: the OS key is not the one used.
        warn(`[os-key] stored key does not decrypt here: ${error instanceof Error ? error.message : String(error)}`);
        return ok(null);
      }
      const record = parseKeyRecord(text);
      // JSON.parse's own message quotes the text it failed on, which could hold the key.
      if (record === null) warn('[os-key] stored key is malformed; ignored');
      return ok(record);
    },

    async clear(): Promise<Result<null>> {
      try {
        await unlink(filePath);
      } catch (error) {
        if (!isMissing(error)) return err('osKey.deleteFailed', `未能删除本机保存的密钥：${describeFileError(error, filePath, 'write')}`);
      }
      return ok(null);
    },
  };
}
