import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUIT_BACKUP_TIMEOUT_MS, QuitBackupGuard } from '../../../electron/main/backup/quitBackupGuard';

function setUp(options: { hasPage?: boolean } = {}) {
  const requestBackup = vi.fn((_requestId: string) => options.hasPage ?? true);
  const quit = vi.fn();
  let next = 0;
  const guard = new QuitBackupGuard({ requestBackup, quit, newRequestId: () => `request-${++next}` });
  const beforeQuit = () => {
    const event = { preventDefault: vi.fn() };
    guard.onBeforeQuit(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { guard, requestBackup, quit, beforeQuit };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('QuitBackupGuard', () => {
  it('lets a quit through at once when nothing changed since the last backup', () => {
    const { requestBackup, beforeQuit } = setUp();
    expect(beforeQuit()).toBe(false);
    expect(requestBackup).not.toHaveBeenCalled();
  });

  it('holds the quit, asks the page, and quits when the page reports the backup done', () => {
    const { guard, requestBackup, quit, beforeQuit } = setUp();
    guard.setPendingChanges(true);
    expect(beforeQuit()).toBe(true);
    expect(requestBackup).toHaveBeenCalledWith('request-1');
    expect(guard.isWaiting).toBe(true);
    // A second 退出 while waiting is held too, without a second request.
    expect(beforeQuit()).toBe(true);
    expect(requestBackup).toHaveBeenCalledTimes(1);

    expect(guard.report('request-0', true)).toMatchObject({ ok: false, error: { code: 'backup.noQuitRequest' } });
    expect(quit).not.toHaveBeenCalled();
    expect(guard.report('request-1', true)).toEqual({ ok: true, value: null });
    expect(quit).toHaveBeenCalledTimes(1);
    // The quit main then starts goes through.
    expect(beforeQuit()).toBe(false);
  });

  it('quits even when the page reports that its backup failed', () => {
    const { guard, quit, beforeQuit } = setUp();
    guard.setPendingChanges(true);
    beforeQuit();
    guard.report('request-1', false);
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('quits after the timeout when the page never answers', () => {
    const { guard, quit, beforeQuit } = setUp();
    guard.setPendingChanges(true);
    beforeQuit();
    vi.advanceTimersByTime(QUIT_BACKUP_TIMEOUT_MS - 1);
    expect(quit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(quit).toHaveBeenCalledTimes(1);
    // A late answer changes nothing.
    expect(guard.report('request-1', true).ok).toBe(false);
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('quits at once when the page goes away while waiting', () => {
    const { guard, quit, beforeQuit } = setUp();
    guard.setPendingChanges(true);
    beforeQuit();
    guard.pageGone();
    expect(quit).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(QUIT_BACKUP_TIMEOUT_MS);
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('does not wait when there is no page to ask', () => {
    const { guard, beforeQuit, quit } = setUp({ hasPage: false });
    guard.setPendingChanges(true);
    expect(beforeQuit()).toBe(false);
    expect(quit).not.toHaveBeenCalled();
  });
});
