import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReminderDto } from '../../../shared/ipc/contract';
import { MAX_TIMER_DELAY_MS, ReminderScheduler, type ScheduledReminder } from '../../../electron/main/reminderScheduler';

const NOW = Date.parse('2021-11-15T09:00:00+08:00');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function reminder(id: string, fireAt: string): ReminderDto {
  return { id, title: `提醒 ${id}`, body: '请办理', fireAt };
}

describe('ReminderScheduler', () => {
  let shown: Array<{ id: string; at: number }>;
  let scheduler: ReminderScheduler;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    shown = [];
    scheduler = new ReminderScheduler({ now: () => Date.now(), notify: (r: ScheduledReminder) => shown.push({ id: r.id, at: Date.now() }) });
  });

  afterEach(() => {
    scheduler.dispose();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('shows a reminder exactly at its time, not before', () => {
    scheduler.replaceAll([reminder('a', '2021-11-15T09:30:00+08:00')]);
    vi.advanceTimersByTime(30 * MINUTE - 1);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([{ id: 'a', at: NOW + 30 * MINUTE }]);
  });

  it('skips reminders whose time has passed, and counts them', () => {
    const result = scheduler.replaceAll([
      reminder('past', '2021-11-15T08:59:59+08:00'),
      reminder('now', '2021-11-15T09:00:00+08:00'),
      reminder('future', '2021-11-15T10:00:00+08:00'),
    ]);
    expect(result).toEqual({ scheduled: 1, skippedPast: 2 });
    vi.advanceTimersByTime(2 * 60 * MINUTE);
    expect(shown.map((s) => s.id)).toEqual(['future']);
  });

  it('shows several reminders in time order, each once', () => {
    scheduler.replaceAll([
      reminder('c', '2021-11-15T12:00:00+08:00'),
      reminder('a', '2021-11-15T10:00:00+08:00'),
      reminder('b', '2021-11-15T02:00:00Z'),
    ]);
    vi.advanceTimersByTime(5 * 60 * MINUTE);
    expect(shown.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(shown[1]?.at).toBe(Date.parse('2021-11-15T02:00:00Z'));
    expect(scheduler.upcoming()).toEqual([]);
  });

  it('re-arms across waits longer than the 24-day timer cap', () => {
    const fireAt = NOW + 60 * DAY;
    scheduler.replaceAll([reminder('far', new Date(fireAt).toISOString())]);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS);
    expect(shown).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(fireAt - NOW - MAX_TIMER_DELAY_MS - 1);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([{ id: 'far', at: fireAt }]);
  });

  it('replacing the schedule cancels what was there before', () => {
    scheduler.replaceAll([reminder('old', '2021-11-15T09:10:00+08:00')]);
    scheduler.replaceAll([reminder('new', '2021-11-15T09:20:00+08:00')]);
    vi.advanceTimersByTime(30 * MINUTE);
    expect(shown.map((s) => s.id)).toEqual(['new']);
    scheduler.replaceAll([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps the last entry for a repeated id', () => {
    const result = scheduler.replaceAll([reminder('x', '2021-11-15T09:10:00+08:00'), reminder('x', '2021-11-15T09:40:00+08:00')]);
    expect(result.scheduled).toBe(1);
    vi.advanceTimersByTime(20 * MINUTE);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(20 * MINUTE);
    expect(shown).toEqual([{ id: 'x', at: NOW + 40 * MINUTE }]);
  });

  it('shows what became due while the computer slept when the timer finally runs', () => {
    scheduler.replaceAll([reminder('a', '2021-11-15T09:05:00+08:00'), reminder('b', '2021-11-15T09:06:00+08:00')]);
    // The clock jumps (sleep) before the timer gets to run.
    vi.setSystemTime(NOW + 10 * MINUTE);
    vi.advanceTimersByTime(5 * MINUTE);
    expect(shown.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('keeps going when one notification fails', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing = new ReminderScheduler({
      now: () => Date.now(),
      notify: (r) => {
        if (r.id === 'bad') throw new Error('toast failed');
        shown.push({ id: r.id, at: Date.now() });
      },
    });
    failing.replaceAll([reminder('bad', '2021-11-15T09:05:00+08:00'), reminder('good', '2021-11-15T09:05:00+08:00'), reminder('later', '2021-11-15T09:15:00+08:00')]);
    vi.advanceTimersByTime(15 * MINUTE);
    expect(shown.map((s) => s.id)).toEqual(['good', 'later']);
    failing.dispose();
  });
});
