import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../../electron/cli/fileCheck';
import { createBackupArchive } from '../../../shared/backup/backupArchive';
import { STORE_SCHEMA_VERSION } from '../../../shared/workspace/storedTables';
import { backupSnapshot, crypto, TINY_JPEG } from '../hostile/fixtures';

/*
 * `cli validate` on a backup of the current schema: energy evidence files keep their metadata in
 * energyAttachments and their bytes in the one file store (documentFiles, by the same id, since
 * schema version 7). The command counts them and names one whose bytes the backup lacks.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'cw-cli-backup-evidence-'));

async function backupFile(name: string, withBytesFor: readonly string[]): Promise<string> {
  const base = backupSnapshot();
  const companyId = String((base.tables.companies?.[0] as { id: string }).id);
  const evidence = ['bill-1', 'receipt-1'].map((id, i) => ({
    id, companyId, fileName: i === 0 ? '电费单.jpg' : '报送回执.jpg', mimeType: 'image/jpeg', size: TINY_JPEG.byteLength, sha256: '', addedAt: '2026-11-26T10:00:00.000Z',
  }));
  const snapshot = {
    ...base,
    schemaVersion: STORE_SCHEMA_VERSION,
    tables: {
      ...base.tables,
      energyAttachments: evidence,
      documentFiles: withBytesFor.map((id) => ({ id, companyId, blob: { $cw: 'file', id, kind: 'blob', type: 'image/jpeg' } })),
    },
    files: withBytesFor.map((id) => ({ id, bytes: TINY_JPEG })),
  };
  const full = path.join(dir, name);
  writeFileSync(full, await createBackupArchive(snapshot, { createdAt: '2026-11-26T10:00:00Z', appVersion: '0.1.0' }, crypto));
  return full;
}

describe('cli validate: a backup with energy evidence files', () => {
  it('counts the evidence files kept in the file store', async () => {
    const check = await checkFile(await backupFile('complete.cwbackup', ['bill-1', 'receipt-1']), 'complete.cwbackup');
    expect(check.isAccepted).toBe(true);
    expect(check.lines).toContain('能耗凭证文件 2 个，内容与材料文件同存于“材料文件”，全部齐全');
  });

  it('names an evidence file whose bytes the backup lacks', async () => {
    const check = await checkFile(await backupFile('missing.cwbackup', ['bill-1']), 'missing.cwbackup');
    expect(check.isAccepted).toBe(true);
    expect(check.lines).toContain('能耗凭证文件 2 个，内容与材料文件同存于“材料文件”');
    expect(check.lines).toContain('注意：能耗凭证文件“报送回执.jpg”在备份中没有文件内容，恢复后无法打开');
  });
});
