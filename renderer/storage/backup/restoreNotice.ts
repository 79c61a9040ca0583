/**
 * After a restore the page reloads, so every view reads the restored data from scratch; what
 * happened is handed across the reload in sessionStorage and shown once.
 */
export interface RestoreNotice {
  readonly sourceName: string;
  readonly records: number;
  readonly files: number;
  readonly undoName: string;
  readonly undoLocation: string;
}

const KEY = 'cw.backup.restoreNotice';

export function leaveRestoreNotice(notice: RestoreNotice): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(notice));
  } catch {
    // The restore happened either way; only its summary after the reload is lost.
  }
}

export function takeRestoreNotice(): RestoreNotice | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (raw === null) return null;
    window.sessionStorage.removeItem(KEY);
    const value = JSON.parse(raw) as Partial<RestoreNotice> | null;
    if (typeof value?.sourceName !== 'string' || typeof value.undoName !== 'string') return null;
    return {
      sourceName: value.sourceName, records: Number(value.records ?? 0), files: Number(value.files ?? 0),
      undoName: value.undoName, undoLocation: String(value.undoLocation ?? ''),
    };
  } catch {
    return null;
  }
}
