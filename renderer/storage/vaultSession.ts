import type { CipherKey, CryptoPort } from '../../shared/crypto/cryptoPort';
import { SEALED_BLOB_TYPE, VaultError, createFieldCipher, keyIdOf, openBytes, sealBytes, type FieldCipher } from '../../shared/vault/vaultCrypto';
import { VaultLockedError, type VaultState } from './vaultMiddleware';

/**
 * The page's encryption state: whether this store is encrypted, and the data key while unlocked.
 * The key lives only in this object's memory; it is written nowhere except wrapped (by the OS in
 * main, by the recovery passphrase in the keyring). See vaultOperations.ts for turning encryption on
 * and off, and unlocking.
 */
export class VaultSession implements VaultState {
  private enabled = false;
  private cipher: FieldCipher | null = null;
  private blobKey: CipherKey | null = null;
  private currentKeyId: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(readonly crypto: CryptoPort) {}

  isEnabled(): boolean {
    return this.enabled;
  }

  fieldCipher(): FieldCipher | null {
    return this.cipher;
  }

  isUnlocked(): boolean {
    return this.cipher !== null;
  }

  keyId(): string | null {
    return this.currentKeyId;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.changed();
  }

  async unlock(key: Uint8Array): Promise<void> {
    const cipher = createFieldCipher(key, (n) => this.crypto.randomBytes(n));
    const blobKey = await this.crypto.importRawKey(key);
    this.currentKeyId = await keyIdOf(this.crypto, key);
    this.cipher = cipher;
    this.blobKey = blobKey;
    this.changed();
  }

  lock(): void {
    this.cipher = null;
    this.blobKey = null;
    this.currentKeyId = null;
    this.changed();
  }

  /** The Blob to store for a file: sealed while encryption is on, the file itself otherwise. */
  async sealFile(file: Blob): Promise<Blob> {
    if (!this.enabled) return file;
    if (file.type === SEALED_BLOB_TYPE) return file;
    return this.sealAlways(file);
  }

  /** Seals regardless of the enabled flag (used while turning encryption on). */
  async sealAlways(file: Blob): Promise<Blob> {
    const key = this.blobKey;
    if (!key) throw new VaultLockedError();
    const sealed = await sealBytes(this.crypto, key, new Uint8Array(await file.arrayBuffer()));
    return new Blob([sealed as Uint8Array<ArrayBuffer>], { type: SEALED_BLOB_TYPE });
  }

  /** The file's own bytes as a Blob of `mimeType`; a stored Blob that is not sealed is returned as it is. */
  async openFile(stored: Blob, mimeType: string): Promise<Blob> {
    if (stored.type !== SEALED_BLOB_TYPE) return stored;
    const key = this.blobKey;
    if (!key) throw new VaultError('文件已加密，需先输入恢复口令解锁');
    const plain = await openBytes(this.crypto, key, new Uint8Array(await stored.arrayBuffer()));
    return new Blob([plain as Uint8Array<ArrayBuffer>], { type: mimeType });
  }
}
