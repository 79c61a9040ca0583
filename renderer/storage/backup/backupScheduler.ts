/**
 * When to take an automatic backup: every `intervalMinutes`, and only if something changed since
 * the last one. Checked once a minute against the wall clock rather than one long timer, so a
 * laptop waking from sleep backs up on its next check instead of never.
 */
export interface BackupSchedulerDeps {
  readonly intervalMinutes: () => number;
  readonly hasPendingChanges: () => boolean;
  /** Time of the last automatic backup attempt (ms), or null if none yet. */
  readonly lastAttemptAt: () => number | null;
  /** Takes the backup; the scheduler records the attempt whatever the outcome. */
  readonly runBackup: () => Promise<void>;
  readonly recordAttempt: (at: number) => void;
  readonly now: () => number;
  readonly checkEveryMs?: number;
}

const DEFAULT_CHECK_EVERY_MS = 60_000;

export interface BackupScheduler {
  readonly start: () => void;
  readonly stop: () => void;
  /** One check, exposed for tests. Resolves when a started backup ends. */
  readonly check: () => Promise<void>;
}

export function createBackupScheduler(deps: BackupSchedulerDeps): BackupScheduler {
  let timer: ReturnType<typeof setInterval> | null = null;
  let isRunning = false;

  const check = async (): Promise<void> => {
    if (isRunning || !deps.hasPendingChanges()) return;
    const now = deps.now();
    const last = deps.lastAttemptAt();
    if (last !== null && now - last < deps.intervalMinutes() * 60_000 && now >= last) return;
    isRunning = true;
    deps.recordAttempt(now);
    try {
      await deps.runBackup();
    } finally {
      isRunning = false;
    }
  };

  return {
    start: () => {
      if (timer !== null) return;
      timer = setInterval(() => {
        check().catch((error: unknown) => console.error('[backup] scheduled backup failed', error));
      }, deps.checkEveryMs ?? DEFAULT_CHECK_EVERY_MS);
    },
    stop: () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
    check,
  };
}
