import type { BackupReason } from '../ipc/contract';

/**
 * Names of the backups main keeps in <userData>/backups. ASCII only, so the names survive every
 * file system, zip tool and mail attachment, and a strict pattern is the whole allowlist: a name
 * from the page that does not match it is refused, which rules out path traversal.
 *
 *   workbench-backup-20261126-103000-auto.cwbackup
 *   workbench-backup-20261126-103000-2-manual.cwbackup   (a second backup in the same second)
 *
 * The time is local wall-clock time: the retention policy keeps "one a day" by the user's days.
 */
export const BACKUP_FILE_EXTENSION = 'cwbackup';

const BACKUP_FILE_NAME_PATTERN = /^workbench-backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d{1,3}))?-(auto|manual|pre-restore)\.cwbackup$/;

const SUFFIX_OF: Readonly<Record<BackupReason, string>> = { automatic: 'auto', manual: 'manual', beforeRestore: 'pre-restore' };
const REASON_OF: Readonly<Record<string, BackupReason>> = { auto: 'automatic', manual: 'manual', 'pre-restore': 'beforeRestore' };

export interface ParsedBackupFileName {
  readonly reason: BackupReason;
  /** ISO date-time (UTC) of the local time in the name. */
  readonly createdAt: string;
  /** The local calendar day, YYYY-MM-DD. */
  readonly day: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `sequence` > 0 tells apart backups taken within the same second. */
export function formatBackupFileName(reason: BackupReason, localTime: Date, sequence = 0): string {
  const date = `${localTime.getFullYear()}${pad(localTime.getMonth() + 1)}${pad(localTime.getDate())}`;
  const time = `${pad(localTime.getHours())}${pad(localTime.getMinutes())}${pad(localTime.getSeconds())}`;
  const seq = sequence > 0 ? `-${sequence}` : '';
  return `workbench-backup-${date}-${time}${seq}-${SUFFIX_OF[reason]}.${BACKUP_FILE_EXTENSION}`;
}

export function parseBackupFileName(name: string): ParsedBackupFileName | null {
  const match = BACKUP_FILE_NAME_PATTERN.exec(name);
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, seq, suffix] = match;
  const reason = REASON_OF[suffix ?? ''];
  if (reason === undefined) return null;
  const parts = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = parts;
  // The sequence becomes milliseconds so that same-second backups still sort in order.
  const local = new Date(year, month - 1, day, hour, minute, second, Number(seq ?? 0));
  const isRealTime = local.getFullYear() === year && local.getMonth() === month - 1 && local.getDate() === day
    && hour < 24 && minute < 60 && second < 60;
  if (!isRealTime) return null;
  return { reason, createdAt: local.toISOString(), day: `${y}-${mo}-${d}` };
}

/** The local calendar day of `time`, YYYY-MM-DD, as the retention policy counts days. */
export function localDay(time: Date): string {
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}`;
}
