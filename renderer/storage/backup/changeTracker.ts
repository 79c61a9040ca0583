import Dexie from 'dexie';

/**
 * Knows whether the workspace changed since the last backup. Dexie announces every committed
 * write of any table in 'storagemutated' (the event its live queries run on, also for writes
 * from other tabs), so no table needs its own hook and tables added later are covered. The flag
 * survives a restart in `storage`: changes made just before a crash are still backed up.
 */
export interface ChangeTracker {
  readonly hasPendingChanges: () => boolean;
  /** Increases with every committed change; a backup remembers the value it was read at. */
  readonly changeCount: () => number;
  /** After a successful backup read at `countAtSnapshot`: clean unless something changed since. */
  readonly markBackedUp: (countAtSnapshot: number) => void;
  readonly subscribe: (listener: () => void) => () => void;
  readonly dispose: () => void;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const PENDING_CHANGES_KEY = 'cw.backup.hasPendingChanges';

export function createChangeTracker(dbName: string, storage: KeyValueStorage | null): ChangeTracker {
  let count = 0;
  let isPending = storage?.getItem(PENDING_CHANGES_KEY) === '1';
  const listeners = new Set<() => void>();
  const prefix = `idb://${dbName}/`;
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const setPending = (next: boolean) => {
    if (next === isPending) return;
    isPending = next;
    try {
      if (next) storage?.setItem(PENDING_CHANGES_KEY, '1');
      else storage?.removeItem(PENDING_CHANGES_KEY);
    } catch {
      // Storage full or disabled: the flag then lasts for this session only.
    }
    notify();
  };
  const onMutated = (parts: Record<string, unknown>) => {
    // Parts name the database; writes to other databases (the restore scratch copy) do not count.
    if (!Object.keys(parts).some((part) => part.startsWith(prefix))) return;
    count += 1;
    if (isPending) notify();
    else setPending(true);
  };
  Dexie.on('storagemutated', onMutated);
  return {
    hasPendingChanges: () => isPending,
    changeCount: () => count,
    markBackedUp: (countAtSnapshot) => {
      if (countAtSnapshot === count) setPending(false);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      Dexie.on('storagemutated').unsubscribe(onMutated);
      listeners.clear();
    },
  };
}
