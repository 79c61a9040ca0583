import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOsKeyStore, isKeyBase64, OS_KEY_FILE_NAME, type SafeStorageLike } from '../../../electron/main/osKeyStore';
import { expectRefused } from '../hostile/hostileKit';

vi.mock('electron', () => ({}));

/**
 * A reversible stand-in for the OS: XOR with a per-"machine" byte behind a tag naming the
 * machine. Decrypting another machine's file throws, as DPAPI and the Keychain do when the OS
 * key differs.
 */
function fakeSafeStorage(options: { machine?: number; isAvailable?: boolean; backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']> } = {}) {
  const machine = options.machine ?? 0x5a;
  const tag = Buffer.from(`FAKE${machine.toString(16)}:`);
  return {
    isEncryptionAvailable: vi.fn(() => options.isAvailable ?? true),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
    encryptString: vi.fn((plainText: string) => Buffer.concat([tag, Buffer.from(plainText, 'utf8').map((b) => b ^ machine)])),
    decryptString: vi.fn((encrypted: Buffer) => {
      if (!encrypted.subarray(0, tag.length).equals(tag)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.subarray(tag.length).map((b) => b ^ machine)).toString('utf8');
    }),
  } satisfies SafeStorageLike;
}

const KEY = randomBytes(32).toString('base64');
const KEY_ID = '0123456789abcdef';

let root = '';
let folder = '';
let filePath = '';

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'os-key-store-'));
  // Not created yet: the first save makes it.
  folder = path.join(root, 'userData', 'vault');
  filePath = path.join(folder, OS_KEY_FILE_NAME);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function store(safeStorage: ReturnType<typeof fakeSafeStorage> = fakeSafeStorage(), platform = 'win32') {
  const warn = vi.fn<(message: string) => void>();
  return { keys: createOsKeyStore({ safeStorage, folder, platform, warn }), warn, safeStorage };
}

/** Writes what the fake would have written for this plain text, bypassing save's checks. */
async function writeEncrypted(plainText: string, safeStorage = fakeSafeStorage()): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(filePath, safeStorage.encryptString(plainText));
}

describe('osKeyStore round trip', () => {
  it('saves the key encrypted into <folder>/os-key.bin and loads it back', async () => {
    const { keys, warn } = store();
    expect(await keys.save(KEY, KEY_ID)).toEqual({ ok: true, value: null });
    expect(keys.filePath).toBe(filePath);
    expect(await keys.load()).toEqual({ ok: true, value: { keyBase64: KEY, keyId: KEY_ID } });
    expect(await keys.status()).toEqual({ ok: true, value: { isAvailable: true, reason: null, hasKey: true } });
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps neither the key nor its bytes in plain text on disk, and leaves no temporary file', async () => {
    const { keys } = store();
    await keys.save(KEY, KEY_ID);
    const onDisk = await readFile(filePath);
    expect(onDisk.toString('latin1')).not.toContain(KEY);
    expect(onDisk.toString('utf8')).not.toContain(KEY);
    expect(onDisk.includes(Buffer.from(KEY, 'base64'))).toBe(false);
    expect(onDisk.toString('latin1')).not.toContain(KEY_ID);
    expect(await readdir(folder)).toEqual([OS_KEY_FILE_NAME]);
  });

  it('writes the documented record through safeStorage.encryptString', async () => {
    const { keys, safeStorage } = store();
    await keys.save(KEY, KEY_ID);
    expect(safeStorage.encryptString).toHaveBeenCalledTimes(1);
    expect(JSON.parse(safeStorage.encryptString.mock.calls[0]?.[0] ?? '')).toEqual({ version: 1, keyBase64: KEY, keyId: KEY_ID });
  });

  it('replaces an earlier key', async () => {
    const { keys } = store();
    await keys.save(KEY, KEY_ID);
    const next = randomBytes(32).toString('base64');
    expect((await keys.save(next, 'fedcba9876543210')).ok).toBe(true);
    expect(await keys.load()).toEqual({ ok: true, value: { keyBase64: next, keyId: 'fedcba9876543210' } });
    expect(await readdir(folder)).toEqual([OS_KEY_FILE_NAME]);
  });

  it('accepts a key whose base64 uses + and /', async () => {
    const key = Buffer.alloc(32, 0xfb).toString('base64');
    expect(key).toMatch(/[+/]/);
    const { keys } = store();
    expect((await keys.save(key, KEY_ID)).ok).toBe(true);
    expect(await keys.load()).toEqual({ ok: true, value: { keyBase64: key, keyId: KEY_ID } });
  });
});

describe('osKeyStore load returns null instead of failing', () => {
  it('when there is no key file', async () => {
    const { keys, warn } = store();
    expect(await keys.load()).toEqual({ ok: true, value: null });
    expect(await keys.status()).toEqual({ ok: true, value: { isAvailable: true, reason: null, hasKey: false } });
    expect(warn).not.toHaveBeenCalled();
  });

  it('when the file was protected by another machine or user (decryption throws), and keeps the file', async () => {
    await store(fakeSafeStorage({ machine: 0x11 })).keys.save(KEY, KEY_ID);
    const before = await readFile(filePath);
    const { keys, warn, safeStorage } = store(fakeSafeStorage({ machine: 0x22 }));
    expect(await keys.load()).toEqual({ ok: true, value: null });
    expect(safeStorage.decryptString).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(await readFile(filePath)).toEqual(before);
    expect(await keys.status()).toMatchObject({ ok: true, value: { hasKey: true } });
  });

  it.each([
    ['text that is not JSON', `{"version":1,"keyBase64":"${KEY}"`],
    ['a JSON array', JSON.stringify([1, KEY, KEY_ID])],
    ['JSON null', 'null'],
    ['another version', JSON.stringify({ version: 2, keyBase64: KEY, keyId: KEY_ID })],
    ['no key', JSON.stringify({ version: 1, keyId: KEY_ID })],
    ['a 31-byte key', JSON.stringify({ version: 1, keyBase64: randomBytes(31).toString('base64'), keyId: KEY_ID })],
    ['a key id in upper case', JSON.stringify({ version: 1, keyBase64: KEY, keyId: KEY_ID.toUpperCase() })],
    ['a numeric key id', JSON.stringify({ version: 1, keyBase64: KEY, keyId: 123 })],
  ])('when the decrypted content is %s, and never logs it', async (_label, plainText) => {
    await writeEncrypted(plainText);
    const { keys, warn } = store();
    expect(await keys.load()).toEqual({ ok: true, value: null });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls.flat().join(' ')).not.toContain(KEY);
    expect(await stat(filePath)).toBeTruthy();
  });

  it('when the file is far too large to be a key file, without reading it', async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(filePath, Buffer.alloc(65 * 1024));
    const { keys, warn, safeStorage } = store();
    expect(await keys.load()).toEqual({ ok: true, value: null });
    expect(safeStorage.decryptString).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('when a folder stands where the key file should be', async () => {
    await mkdir(filePath, { recursive: true });
    const { keys } = store();
    expect(await keys.load()).toEqual({ ok: true, value: null });
    expect(await keys.status()).toMatchObject({ ok: true, value: { hasKey: false } });
  });

  it('when OS encryption is unavailable now, without trying to decrypt', async () => {
    await store().keys.save(KEY, KEY_ID);
    const { keys, warn, safeStorage } = store(fakeSafeStorage({ isAvailable: false }));
    expect(await keys.load()).toEqual({ ok: true, value: null });
    expect(safeStorage.decryptString).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("when Linux has fallen back to the 'basic_text' backend", async () => {
    await store(fakeSafeStorage(), 'linux').keys.save(KEY, KEY_ID);
    const { keys, safeStorage } = store(fakeSafeStorage({ backend: 'basic_text' }), 'linux');
    expect(await keys.load()).toEqual({ ok: true, value: null });
    expect(safeStorage.decryptString).not.toHaveBeenCalled();
  });
});

describe('osKeyStore save refuses, and leaves an existing key file as it was', () => {
  const refusals: readonly (readonly [string, string, string, string])[] = [
    ['a 31-byte key', randomBytes(31).toString('base64'), KEY_ID, 'osKey.invalidKey'],
    ['a 33-byte key', randomBytes(33).toString('base64'), KEY_ID, 'osKey.invalidKey'],
    ['an empty key', '', KEY_ID, 'osKey.invalidKey'],
    ['a key without padding', KEY.slice(0, -1), KEY_ID, 'osKey.invalidKey'],
    ['a base64url key', Buffer.alloc(32, 0xfb).toString('base64url'), KEY_ID, 'osKey.invalidKey'],
    ['a key with stray characters Buffer would skip', `${KEY.slice(0, 20)}!${KEY.slice(21)}`, KEY_ID, 'osKey.invalidKey'],
    ['a non-canonical key (last character with unused bits set)', `${KEY.slice(0, 42)}${KEY[42] === 'B' ? 'C' : 'B'}=`, KEY_ID, 'osKey.invalidKey'],
    ['an upper-case key id', KEY, 'ABCDEF0123456789', 'osKey.invalidKeyId'],
    ['a 15-character key id', KEY, KEY_ID.slice(1), 'osKey.invalidKeyId'],
    ['a 17-character key id', KEY, `${KEY_ID}0`, 'osKey.invalidKeyId'],
    ['a key id with a non-hex letter', KEY, '0123456789abcdeg', 'osKey.invalidKeyId'],
    ['a key id with a path', KEY, '../../../etc/pwd', 'osKey.invalidKeyId'],
  ];

  it.each(refusals)('%s', async (_label, keyBase64, keyId, code) => {
    const { keys, safeStorage } = store();
    await keys.save(KEY, KEY_ID);
    const before = await readFile(filePath);
    safeStorage.encryptString.mockClear();
    const error = expectRefused(await keys.save(keyBase64, keyId));
    expect(error.code).toBe(code);
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(await readFile(filePath)).toEqual(before);
    expect(await keys.load()).toEqual({ ok: true, value: { keyBase64: KEY, keyId: KEY_ID } });
  });

  it('checks the fixture: the non-canonical key still decodes to 32 bytes', () => {
    const nonCanonical = `${KEY.slice(0, 42)}${KEY[42] === 'B' ? 'C' : 'B'}=`;
    expect(Buffer.from(nonCanonical, 'base64')).toHaveLength(32);
    expect(isKeyBase64(nonCanonical)).toBe(false);
    expect(isKeyBase64(KEY)).toBe(true);
  });

  it.each([
    ['Windows without encryption', fakeSafeStorage({ isAvailable: false }), 'win32'],
    ['macOS without encryption', fakeSafeStorage({ isAvailable: false }), 'darwin'],
    ['Linux without a keyring', fakeSafeStorage({ isAvailable: false }), 'linux'],
    ["Linux on the 'basic_text' backend", fakeSafeStorage({ backend: 'basic_text' }), 'linux'],
  ])('when the OS cannot protect it: %s', async (_label, unavailable, platform) => {
    await store(fakeSafeStorage(), platform).keys.save(KEY, KEY_ID);
    const before = await readFile(filePath);
    const { keys } = store(unavailable, platform);
    const error = expectRefused(await keys.save(randomBytes(32).toString('base64'), 'fedcba9876543210'));
    expect(error.code).toBe('osKey.unavailable');
    expect(error.message).toMatch(/^系统钥匙串不可用：/);
    expect(unavailable.encryptString).not.toHaveBeenCalled();
    expect(await readFile(filePath)).toEqual(before);
    expect(await keys.status()).toEqual({ ok: true, value: { isAvailable: false, reason: error.message, hasKey: true } });
  });

  it('when safeStorage.encryptString throws', async () => {
    const { keys, safeStorage, warn } = store();
    await keys.save(KEY, KEY_ID);
    const before = await readFile(filePath);
    safeStorage.encryptString.mockImplementation(() => {
      throw new Error('Encryption failed');
    });
    expect(expectRefused(await keys.save(randomBytes(32).toString('base64'), KEY_ID)).code).toBe('osKey.encryptFailed');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(await readFile(filePath)).toEqual(before);
  });

  it('when the folder cannot be created, with a Chinese file error', async () => {
    // A file where the vault folder should be.
    await mkdir(path.dirname(folder), { recursive: true });
    await writeFile(folder, 'x');
    const { keys } = store();
    const error = expectRefused(await keys.save(KEY, KEY_ID));
    expect(error.code).toBe('osKey.writeFailed');
    expect(error.message).toMatch(/^未能保存数据加密密钥：/);
    expect(await readFile(folder, 'utf8')).toBe('x');
  });
});

describe('osKeyStore status', () => {
  it('is available on Linux with a real keyring, and asks the backend only on Linux', async () => {
    expect(await store(fakeSafeStorage({ backend: 'kwallet6' }), 'linux').keys.status()).toEqual({
      ok: true, value: { isAvailable: true, reason: null, hasKey: false },
    });
    const mac = fakeSafeStorage();
    mac.getSelectedStorageBackend.mockImplementation(() => {
      throw new Error('getSelectedStorageBackend is Linux only');
    });
    expect(await store(mac, 'darwin').keys.status()).toEqual({ ok: true, value: { isAvailable: true, reason: null, hasKey: false } });
    expect(mac.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('explains in Chinese why the key cannot be protected', async () => {
    for (const [safeStorage, platform] of [
      [fakeSafeStorage({ isAvailable: false }), 'win32'],
      [fakeSafeStorage({ isAvailable: false }), 'linux'],
      [fakeSafeStorage({ backend: 'basic_text' }), 'linux'],
    ] as const) {
      const result = await store(safeStorage, platform).keys.status();
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.isAvailable, platform).toBe(false);
      expect(result.value.reason, platform).toMatch(/^系统钥匙串不可用：.+[\u4e00-\u9fff]/);
    }
  });
});

describe('osKeyStore clear', () => {
  it('removes the key file; the key is then gone', async () => {
    const { keys } = store();
    await keys.save(KEY, KEY_ID);
    expect(await keys.clear()).toEqual({ ok: true, value: null });
    await expect(stat(filePath)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await keys.load()).toEqual({ ok: true, value: null });
    expect(await keys.status()).toMatchObject({ ok: true, value: { hasKey: false } });
  });

  it('is fine when there is no key file or not even a folder', async () => {
    const { keys } = store();
    expect(await keys.clear()).toEqual({ ok: true, value: null });
    await mkdir(folder, { recursive: true });
    expect(await keys.clear()).toEqual({ ok: true, value: null });
  });

  it('reports a failure it cannot get around in Chinese', async () => {
    await mkdir(filePath, { recursive: true });
    await writeFile(path.join(filePath, 'inside'), 'x');
    const error = expectRefused(await store().keys.clear());
    expect(error.code).toBe('osKey.deleteFailed');
  });
});
