import { storedTableLabel } from '../../../shared/workspace/storedTables';
import type { BackupReason } from '../../../shared/ipc/contract';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time as 2026-11-26 10:30:00. */
export function formatDateTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}`;
}

export const BACKUP_REASON_LABEL: Readonly<Record<BackupReason, string>> = {
  automatic: '自动备份',
  manual: '手动备份',
  beforeRestore: '恢复前备份',
};

/**
 * What a backup holds (or what a restore will replace), in the officer's words: "企业 3，人员 12，
 * 修改记录 40"; tables without a Chinese name are counted together as 其他数据.
 */
export function describeTableCounts(tables: readonly { readonly name: string; readonly rows: number }[]): string {
  const counts = new Map<string, number>();
  for (const table of tables) {
    if (table.rows <= 0) continue;
    const label = storedTableLabel(table.name);
    counts.set(label, (counts.get(label) ?? 0) + table.rows);
  }
  return [...counts].map(([label, rows]) => `${label} ${rows}`).join('，');
}
