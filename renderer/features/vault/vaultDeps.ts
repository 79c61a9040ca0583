import { useSyncExternalStore } from 'react';
import { platform } from '../../platform/platform';
import { appVault, rawDb } from '../../storage/connections';
import type { VaultDeps } from '../../storage/vaultStore';

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
