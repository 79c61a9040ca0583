import { useSyncExternalStore } from 'react';
import { platform } from '../platform/platform';
import { appVault, rawDb } from './connections';
import type { VaultDeps } from './vaultOperations';

/*
 * The page's encryption at rest as the vault screens (features/vault) and form drafts see it:
 * the dependencies of vaultOperations.ts's operations, and whether it is on and unlocked.
 */

/** The app's vault: its session, the raw connection it re-encrypts through, and the OS key store on the desktop. */
export function appVaultDeps(): VaultDeps {
  return { rawDb, session: appVault, osKeyStore: platform.osKeyStore };
}

export interface VaultView {
  readonly isEnabled: boolean;
  readonly isUnlocked: boolean;
}

let snapshot: VaultView = { isEnabled: appVault.isEnabled(), isUnlocked: appVault.isUnlocked() };

function read(): VaultView {
  const isEnabled = appVault.isEnabled();
  const isUnlocked = appVault.isUnlocked();
  if (snapshot.isEnabled !== isEnabled || snapshot.isUnlocked !== isUnlocked) snapshot = { isEnabled, isUnlocked };
  return snapshot;
}

/** Whether encryption is on and unlocked, re-rendering when it changes. */
export function useVaultView(): VaultView {
  return useSyncExternalStore((listener) => appVault.subscribe(listener), read);
}

/** Whether encryption at rest is on (locked or not), read now. */
export function isEncryptionOn(): boolean {
  return appVault.isEnabled();
}
