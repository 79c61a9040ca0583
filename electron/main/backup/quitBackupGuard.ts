import { randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../../../shared/util/result';

/** How long quitting waits for the page's backup before giving up on it. */
export const QUIT_BACKUP_TIMEOUT_MS = 60_000;

export interface QuitBackupGuardDeps {
  /**
   * Asks the page to back up, with an id it answers with. Returns false when there is no page to
   * ask (window closed, renderer gone): then quitting goes ahead at once.
   */
  readonly requestBackup: (requestId: string) => boolean;
  /** Quits for real (app.quit()); before-quit runs again and is let through. */
  readonly quit: () => void;
  readonly timeoutMs?: number;
  readonly newRequestId?: () => string;
}

/**
 * Holds quitting back while the page writes a last backup of changes made since the previous
 * one. The page keeps main told whether such changes exist (setPendingChanges), so a quit with
 * nothing new is never delayed. Whatever happens to the page (it answers, fails, hangs, crashes,
 * is closed), the app still quits: at the latest after the timeout.
 */
export class QuitBackupGuard {
  private hasPendingChanges = false;
  private state: 'idle' | 'waiting' | 'released' = 'idle';
  private requestId: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: QuitBackupGuardDeps) {}

  setPendingChanges(hasPendingChanges: boolean): void {
    this.hasPendingChanges = hasPendingChanges;
  }

  get isWaiting(): boolean {
    return this.state === 'waiting';
  }

  /** Call from app.on('before-quit'). */
  onBeforeQuit(event: { preventDefault(): void }): void {
    if (this.state === 'released') return;
    if (this.state === 'waiting') {
      // A second 退出 while the backup runs: keep waiting, the quit is already on its way.
      event.preventDefault();
      return;
    }
    if (!this.hasPendingChanges) return;
    const requestId = this.deps.newRequestId?.() ?? randomBytes(16).toString('hex');
    if (!this.deps.requestBackup(requestId)) return;
    event.preventDefault();
    this.state = 'waiting';
    this.requestId = requestId;
    this.timer = setTimeout(() => {
      console.warn('[backup] the page did not finish its backup before quitting; quitting anyway');
      this.release();
    }, this.deps.timeoutMs ?? QUIT_BACKUP_TIMEOUT_MS);
  }

  /** The page's answer to 'backup:requested'. */
  report(requestId: string, isBackedUp: boolean): Result<null> {
    if (this.state !== 'waiting' || requestId !== this.requestId) return err('backup.noQuitRequest', '没有等待中的退出备份');
    if (isBackedUp) this.hasPendingChanges = false;
    else console.warn('[backup] the backup before quitting failed; quitting anyway');
    this.release();
    return ok(null);
  }

  /** The window closed or its renderer died: nobody will answer, so stop waiting. */
  pageGone(): void {
    if (this.state === 'waiting') this.release();
  }

  private release(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.requestId = null;
    this.state = 'released';
    this.deps.quit();
  }
}
