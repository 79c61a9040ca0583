import { describe, expect, it } from 'vitest';
import { backupsToDelete, DEFAULT_RETENTION, type BackupEntry } from '../../../shared/backup/retention';

function every30Minutes(days: number, endDay: string): BackupEntry[] {
  const end = Date.parse(`${endDay}T23:30:00Z`);
  return Array.from({ length: days * 48 }, (_, i) => {
    const at = new Date(end - i * 30 * 60_000).toISOString();
    return { name: `backup-${at}`, createdAt: at, day: at.slice(0, 10) };
  });
}

describe('backup retention', () => {
  it('keeps the latest 20 plus one per day for 30 days', () => {
    const entries = every30Minutes(45, '2026-11-26');
    const deleted = new Set(backupsToDelete(entries, DEFAULT_RETENTION, '2026-11-26').map((e) => e.name));
    const kept = entries.filter((e) => !deleted.has(e.name));
    // 20 latest are all on 2026-11-26; 29 earlier days contribute one each.
    expect(kept).toHaveLength(20 + 29);
    expect(new Set(kept.map((e) => e.day)).size).toBe(30);
    expect(kept.some((e) => e.day < '2026-10-28')).toBe(false);
    // The daily one kept is the newest of its day.
    expect(kept.find((e) => e.day === '2026-11-01')?.createdAt).toBe('2026-11-01T23:30:00.000Z');
  });

  it('deletes nothing while there are few backups', () => {
    const entries = every30Minutes(1, '2026-11-26').slice(0, 5);
    expect(backupsToDelete(entries, DEFAULT_RETENTION, '2026-11-26')).toEqual([]);
  });

  it('honours a user policy', () => {
    const entries = every30Minutes(3, '2026-11-26');
    const kept = entries.length - backupsToDelete(entries, { keepLatest: 2, keepDailyForDays: 2 }, '2026-11-26').length;
    expect(kept).toBe(3);
  });
});
