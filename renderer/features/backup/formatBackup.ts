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

/** Chinese names of the tables the officer knows; a table added later shows its own name. */
const TABLE_LABEL: Readonly<Record<string, string>> = {
  companies: '企业', people: '人员', licences: '许可证/备案', vehicles: '车辆', stores: '门店/场所', events: '事件', settings: '设置',
};

export function tableLabel(name: string): string {
  return TABLE_LABEL[name] ?? name;
}
