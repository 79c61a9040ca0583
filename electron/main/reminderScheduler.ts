import type { ReminderDto, ScheduleRemindersResponse } from '../../shared/ipc/contract';

/**
 * Node's setTimeout overflows above 2^31-1 ms (about 24.8 days) and then fires at once, so a long
 * wait is cut into steps of at most 24 days and re-armed until the reminder is due.
 */
export const MAX_TIMER_DELAY_MS = 24 * 24 * 60 * 60 * 1000;

export interface ScheduledReminder {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly fireAtMs: number;
}

export interface ReminderSchedulerDeps {
  readonly now: () => number;
  readonly notify: (reminder: ScheduledReminder) => void;
}

/**
 * Keeps the reminders the page scheduled and shows each once when due, whether or not the window
 * is visible. One timer for the earliest reminder; when it fires, everything due is shown and the
 * timer re-armed. A timer that fires late (the computer slept) still shows what became due.
 */
export class ReminderScheduler {
  private pending: ScheduledReminder[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: ReminderSchedulerDeps) {}

  /** Replaces the whole schedule. Reminders already in the past are skipped, not shown. */
  replaceAll(reminders: readonly ReminderDto[]): ScheduleRemindersResponse {
    const now = this.deps.now();
    const byId = new Map<string, ScheduledReminder>();
    let skippedPast = 0;
    for (const reminder of reminders) {
      const fireAtMs = Date.parse(reminder.fireAt);
      if (!Number.isFinite(fireAtMs) || fireAtMs <= now) {
        skippedPast += 1;
        continue;
      }
      // The last entry for an id wins, as if the page had scheduled them one after another.
      byId.set(reminder.id, { id: reminder.id, title: reminder.title, body: reminder.body, fireAtMs });
    }
    this.pending = [...byId.values()].sort((a, b) => a.fireAtMs - b.fireAtMs);
    this.arm();
    return { scheduled: this.pending.length, skippedPast };
  }

  /** What is still waiting, earliest first. */
  upcoming(): readonly ScheduledReminder[] {
    return this.pending;
  }

  dispose(): void {
    this.clearTimer();
    this.pending = [];
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private arm(): void {
    this.clearTimer();
    const next = this.pending[0];
    if (next === undefined) return;
    const delay = Math.min(Math.max(0, next.fireAtMs - this.deps.now()), MAX_TIMER_DELAY_MS);
    this.timer = setTimeout(() => this.fireDue(), delay);
  }

  private fireDue(): void {
    this.timer = null;
    const now = this.deps.now();
    const due = this.pending.filter((reminder) => reminder.fireAtMs <= now);
    this.pending = this.pending.filter((reminder) => reminder.fireAtMs > now);
    for (const reminder of due) {
      try {
        this.deps.notify(reminder);
      } catch (error) {
        // One failing notification must not stop the others or the timer.
        console.error('[reminders] could not show a notification', error);
      }
    }
    this.arm();
  }
}
