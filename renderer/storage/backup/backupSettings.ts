import { z } from 'zod';
import { DEFAULT_RETENTION } from '../../../shared/backup/retention';
import type { WorkspaceSnapshots } from './snapshotAccess';

/** What the officer can change about automatic backups (desktop app). */
export interface BackupSettings {
  /** How often to back up while there are changes. */
  readonly intervalMinutes: number;
  /** Automatic backups always kept, newest first. */
  readonly keepLatest: number;
  /** Besides those, the newest automatic backup of each of this many recent days. */
  readonly keepDailyForDays: number;
}

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { intervalMinutes: 30, ...DEFAULT_RETENTION };

const BACKUP_SETTING_LIMITS = {
  intervalMinutes: { min: 5, max: 24 * 60 },
  keepLatest: { min: 1, max: 500 },
  keepDailyForDays: { min: 0, max: 3650 },
} as const;

const int = (limits: { readonly min: number; readonly max: number }, label: string) =>
  z.number({ error: `请填写${label}` }).int(`${label}应为整数`).min(limits.min, `${label}不能小于 ${limits.min}`).max(limits.max, `${label}不能大于 ${limits.max}`);

export const backupSettingsSchema = z.object({
  intervalMinutes: int(BACKUP_SETTING_LIMITS.intervalMinutes, '备份间隔'),
  keepLatest: int(BACKUP_SETTING_LIMITS.keepLatest, '保留份数'),
  keepDailyForDays: int(BACKUP_SETTING_LIMITS.keepDailyForDays, '按天保留的天数'),
});

const SETTINGS_KEY = 'backup.settings';

/** The stored settings; defaults for anything missing or invalid (e.g. written by a newer app). */
export async function loadBackupSettings(snapshots: Pick<WorkspaceSnapshots, 'getSetting'>): Promise<BackupSettings> {
  const stored = await snapshots.getSetting(SETTINGS_KEY);
  const parsed = backupSettingsSchema.partial().safeParse(stored ?? {});
  if (!parsed.success) return DEFAULT_BACKUP_SETTINGS;
  return { ...DEFAULT_BACKUP_SETTINGS, ...Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) };
}

export async function saveBackupSettings(snapshots: Pick<WorkspaceSnapshots, 'putSetting'>, settings: BackupSettings): Promise<BackupSettings> {
  const valid = backupSettingsSchema.parse(settings);
  await snapshots.putSetting(SETTINGS_KEY, valid);
  return valid;
}
