import { describe, expect, it } from 'vitest';
import { formatBackupFileName, localDay, parseBackupFileName } from '../../../shared/backup/backupFileName';

describe('backup file names', () => {
  it.each([
    ['automatic', 0, 'workbench-backup-20260105-090807-auto.cwbackup'],
    ['manual', 0, 'workbench-backup-20260105-090807-manual.cwbackup'],
    ['beforeRestore', 3, 'workbench-backup-20260105-090807-3-pre-restore.cwbackup'],
  ] as const)('%s #%i → %s, and back', (reason, sequence, name) => {
    const time = new Date(2026, 0, 5, 9, 8, 7);
    expect(formatBackupFileName(reason, time, sequence)).toBe(name);
    expect(parseBackupFileName(name)).toEqual({ reason, createdAt: new Date(2026, 0, 5, 9, 8, 7, sequence).toISOString(), day: '2026-01-05' });
  });

  it.each([
    'workbench-backup-20260230-090807-auto.cwbackup',
    'workbench-backup-20261301-090807-auto.cwbackup',
    'workbench-backup-20260105-240000-auto.cwbackup',
    'workbench-backup-20260105-090860-auto.cwbackup',
    'workbench-backup-20260105-090807-daily.cwbackup',
    'workbench-backup-20260105-090807-1234-auto.cwbackup',
    'WORKBENCH-backup-20260105-090807-auto.cwbackup',
    'workbench-backup-20260105-090807-auto.cwbackup.tmp',
    'x/workbench-backup-20260105-090807-auto.cwbackup',
    '',
  ])('refuses %j', (name) => {
    expect(parseBackupFileName(name)).toBeNull();
  });

  it('counts days by local calendar', () => {
    expect(localDay(new Date(2026, 11, 31, 23, 59, 59))).toBe('2026-12-31');
  });
});
