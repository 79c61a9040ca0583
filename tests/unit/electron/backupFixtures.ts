import type { BackupSnapshot } from '../../../shared/backup/backupArchive';

/** A small workspace snapshot with Chinese text, an ID number and one 300 KB file, for backup tests. */
export function sampleBackupSnapshot(): BackupSnapshot {
  const scan = new Uint8Array(300_000);
  for (let i = 0; i < scan.length; i++) scan[i] = (i * 7919) & 0xff;
  return {
    schemaVersion: 1,
    tables: {
      companies: [{ id: 'c1', name: '北京示例大药房有限公司', uscc: '91110105MA01ABCD2X' }],
      people: [{ id: 'p1', companyId: 'c1', name: '李芳', idNumber: '11010819880621002X' }],
      settings: [{ key: 'scan', value: { $file: 'f000001' } }],
    },
    files: [{ id: 'f000001', bytes: scan }],
  };
}
