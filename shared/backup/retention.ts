/**
 * Which automatic backups to keep: the newest `keepLatest`, plus the newest backup of each of the
 * last `keepDailyForDays` calendar days (so a mistake noticed two weeks later can still be
 * undone). Everything else may be deleted. Manual backups are never passed here.
 */
export interface RetentionPolicy {
  readonly keepLatest: number;
  readonly keepDailyForDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepLatest: 20, keepDailyForDays: 30 };

export interface BackupEntry {
  readonly name: string;
  /** ISO datetime of when the backup was taken. */
  readonly createdAt: string;
  /** The local calendar day it was taken on, YYYY-MM-DD. */
  readonly day: string;
}

export function backupsToDelete(entries: readonly BackupEntry[], policy: RetentionPolicy, today: string): BackupEntry[] {
  const newestFirst = [...entries].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const keep = new Set<string>(newestFirst.slice(0, Math.max(0, policy.keepLatest)).map((e) => e.name));
  const oldestDay = shiftDay(today, -(policy.keepDailyForDays - 1));
  const daysSeen = new Set<string>();
  for (const entry of newestFirst) {
    if (entry.day < oldestDay || entry.day > today || daysSeen.has(entry.day)) continue;
    daysSeen.add(entry.day);
    keep.add(entry.name);
  }
  return newestFirst.filter((e) => !keep.has(e.name));
}

function shiftDay(day: string, delta: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + delta));
  return date.toISOString().slice(0, 10);
}
