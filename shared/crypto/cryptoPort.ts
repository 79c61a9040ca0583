import { strToU8 } from 'fflate';

/**
 * The cryptography shared/ needs, as a port: the page, a worker and Node all have WebCrypto, but
 * shared/ is compiled without DOM types and must not reach for globals. Callers pass
 * `webCryptoPort(globalThis.crypto)`.
 *
 * Choices: SHA-256 for checksums; AES-256-GCM (authenticated, so a tampered or wrongly decrypted
 * backup fails loudly instead of restoring garbage); PBKDF2-SHA-256 with 600,000 iterations for
 * passphrase keys (OWASP 2023 guidance for PBKDF2-HMAC-SHA256).
 */
export const PBKDF2_ITERATIONS = 600_000;

export interface CryptoPort {
  sha256(bytes: Uint8Array): Promise<Uint8Array>;
  randomBytes(length: number): Uint8Array;
  /** Derives an AES-256-GCM key from a passphrase. */
  deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CipherKey>;
  importRawKey(raw: Uint8Array): Promise<CipherKey>;
  /** Returns ciphertext with the 16-byte GCM tag appended. */
  encrypt(key: CipherKey, iv: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array>;
  /** Throws when the key is wrong or the data was altered. */
  decrypt(key: CipherKey, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array>;
}

/** An opaque key handle (a WebCrypto CryptoKey underneath). */
export interface CipherKey {
  readonly __cipherKey: true;
}

/** The structural slice of WebCrypto this module uses, so no DOM types are needed here. */
interface SubtleLike {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
  importKey(format: 'raw', keyData: Uint8Array, algorithm: unknown, extractable: boolean, usages: string[]): Promise<unknown>;
  deriveKey(algorithm: unknown, baseKey: unknown, derivedKeyType: unknown, extractable: boolean, usages: string[]): Promise<unknown>;
  encrypt(algorithm: unknown, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: unknown, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}
export interface WebCryptoLike {
  readonly subtle: unknown;
  // Non-generic on purpose: both Node's and the DOM's generic getRandomValues are assignable to it.
  getRandomValues(array: Uint8Array<ArrayBuffer>): unknown;
}

export function webCryptoPort(webCrypto: WebCryptoLike): CryptoPort {
  const subtle = webCrypto.subtle as SubtleLike;
  const asKey = (key: unknown) => key as CipherKey;
  return {
    async sha256(bytes) {
      return new Uint8Array(await subtle.digest('SHA-256', bytes));
    },
    randomBytes(length) {
      const out = new Uint8Array(length);
      // getRandomValues accepts at most 65,536 bytes per call.
      for (let offset = 0; offset < length; offset += 65_536) webCrypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65_536)));
      return out;
    },
    async deriveKey(passphrase, salt, iterations) {
      const base = await subtle.importKey('raw', strToU8(passphrase), 'PBKDF2', false, ['deriveKey']);
      return asKey(await subtle.deriveKey(
        { name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'],
      ));
    },
    async importRawKey(raw) {
      return asKey(await subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']));
    },
    async encrypt(key, iv, plaintext) {
      return new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv }, key, plaintext));
    },
    async decrypt(key, iv, ciphertext) {
      return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv }, key, ciphertext));
    },
  };
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new Error('不是有效的十六进制字符串');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
