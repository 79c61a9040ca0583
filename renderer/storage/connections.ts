import { webCryptoPort } from '../../shared/crypto/cryptoPort';
import { WorkbenchDatabase, createAppDatabase } from './workbenchDatabase';
import { VaultSession } from './vaultSession';

/**
 * The page's database connections. Dexie opens lazily on first use, so importing this module
 * costs nothing; tests install fake-indexeddb before importing it.
 */

/** Whether this store is encrypted, and the data key while unlocked (see vaultOperations.ts). */
export const appVault = new VaultSession(webCryptoPort(globalThis.crypto));

/** What every feature reads and writes through: plaintext in, history recorded, personal fields sealed. */
export const appDb = createAppDatabase(appVault);

/**
 * The same store as stored, without history or encryption layers: for backups (which must carry
 * sealed data as sealed), restores (which replace the change log wholesale) and the vault's own
 * re-encryption. Feature code never uses it.
 */
export const rawDb = new WorkbenchDatabase();
