/**
 * Asks the browser not to evict our IndexedDB under storage pressure. Chromium grants it to
 * installed apps and to Electron; the answer is shown on the 数据与关于 page so an officer knows
 * whether the data is protected.
 */
export type PersistenceState = 'granted' | 'denied' | 'unsupported' | 'pending';

let state: PersistenceState = 'pending';
let request: Promise<PersistenceState> | null = null;

export function requestPersistentStorage(): Promise<PersistenceState> {
  request ??= (async () => {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage || typeof storage.persist !== 'function') {
      state = 'unsupported';
      return state;
    }
    try {
      const isPersisted = (await storage.persisted()) || (await storage.persist());
      state = isPersisted ? 'granted' : 'denied';
    } catch {
      state = 'denied';
    }
    return state;
  })();
  return request;
}

export interface StorageEstimate {
  readonly usageBytes: number;
  readonly quotaBytes: number;
}

export async function estimateStorage(): Promise<StorageEstimate | null> {
  if (typeof navigator === 'undefined' || typeof navigator.storage?.estimate !== 'function') return null;
  const estimate = await navigator.storage.estimate();
  return { usageBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0 };
}
