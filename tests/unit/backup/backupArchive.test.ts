import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createBackupArchive, readBackupArchive, type BackupSnapshot } from '../../../shared/backup/backupArchive';
import { toHex, webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { generateWorkspace } from '../../bench/companyGenerator';

const crypto = webCryptoPort(globalThis.crypto);
const TEST_ID = '11010519491231002X';

function snapshotOf(companies: number, fileCount: number, fileSize: number): BackupSnapshot {
  const records = generateWorkspace(7, { companies, vehiclesPerRentalCompany: 40 });
  const files = Array.from({ length: fileCount }, (_, i) => {
    const bytes = new Uint8Array(fileSize);
    for (let j = 0; j < bytes.length; j += 4096) bytes[j] = (i * 31 + j) & 0xff;
    return { id: `doc-${i}`, bytes };
  });
  return {
    schemaVersion: 1,
    tables: {
      companies: records.map((r) => r.company),
      people: [...records.flatMap((r) => r.people), { id: 'p-x', companyId: 'c', name: '测试人员', idNumber: TEST_ID }],
      vehicles: records.flatMap((r) => r.vehicles),
      settings: [],
    },
    files,
  };
}

async function sha(bytes: Uint8Array) {
  return toHex(await crypto.sha256(bytes));
}

describe('backup archive', () => {
  it('round-trips thousands of records and every file byte for byte, Chinese intact', async () => {
    const snapshot = snapshotOf(400, 12, 4 * 1024 * 1024);
    const recordCount = Object.values(snapshot.tables).reduce((n, rows) => n + rows.length, 0);
    expect(recordCount).toBeGreaterThan(5000);
    const progress: number[] = [];
    const archive = await createBackupArchive(snapshot, { createdAt: '2026-11-26T10:00:00Z', appVersion: '0.1.0', onProgress: (p) => progress.push(p.done) }, crypto);
    const restored = await readBackupArchive(archive, {}, crypto);
    if (!restored.ok) throw new Error(restored.error.message);
    expect(restored.value.snapshot.tables).toEqual(snapshot.tables);
    expect(restored.value.snapshot.files.map((f) => f.id)).toEqual(snapshot.files.map((f) => f.id));
    for (const [i, file] of restored.value.snapshot.files.entries()) {
      expect(await sha(file.bytes)).toBe(await sha(snapshot.files[i]?.bytes ?? new Uint8Array()));
    }
    expect(progress.at(-1)).toBeGreaterThan(0);
  });

  it('encrypts with a passphrase: no plain ID number anywhere in the file, and it restores with the passphrase', async () => {
    const snapshot = snapshotOf(5, 2, 1024);
    const archive = await createBackupArchive(snapshot, { createdAt: 'x', appVersion: '0.1.0', passphrase: '正确的密码 2026' }, crypto);
    const entries = unzipSync(archive);
    const needle = new TextEncoder().encode(TEST_ID);
    for (const [name, bytes] of Object.entries(entries)) {
      expect(Buffer.from(bytes).includes(Buffer.from(needle)), name).toBe(false);
    }
    expect(Buffer.from(archive).includes(Buffer.from(needle))).toBe(false);
    // The unencrypted backup does contain it, so the check above can fail.
    const plain = unzipSync(await createBackupArchive(snapshot, { createdAt: 'x', appVersion: '0.1.0' }, crypto));
    expect(Buffer.from(plain['tables/people.json'] ?? new Uint8Array()).includes(Buffer.from(needle))).toBe(true);

    const restored = await readBackupArchive(archive, { passphrase: '正确的密码 2026' }, crypto);
    expect(restored.ok && restored.value.snapshot.tables).toEqual(snapshot.tables);
    const noPass = await readBackupArchive(archive, {}, crypto);
    expect(!noPass.ok && noPass.error.message).toBe('该备份已加密，请输入备份密码');
    const wrong = await readBackupArchive(archive, { passphrase: '错误的密码' }, crypto);
    expect(!wrong.ok && wrong.error.message).toBe('备份密码不正确');
  });

  it('refuses empty, truncated, foreign and tampered files with Chinese messages', async () => {
    const archive = await createBackupArchive(snapshotOf(3, 1, 2048), { createdAt: 'x', appVersion: '0.1.0' }, crypto);
    const cases: [string, Uint8Array, string][] = [
      ['empty', new Uint8Array(), '备份文件为空'],
      ['truncated', archive.subarray(0, Math.floor(archive.length / 2)), '不是有效的备份文件'],
      ['not a zip', new TextEncoder().encode('hello'), '不是有效的备份文件'],
      ['foreign zip', zipSync({ 'manifest.json': new TextEncoder().encode('{"format":"other"}') }), '这不是企业合规工作台的备份文件'],
    ];
    for (const [label, bytes, message] of cases) {
      const result = await readBackupArchive(bytes, {}, crypto);
      expect(result.ok, label).toBe(false);
      if (!result.ok) expect(result.error.message, label).toContain(message);
    }
    const entries = unzipSync(archive);
    const tamperedFile = entries['files/doc-0'];
    if (!tamperedFile) throw new Error('fixture');
    tamperedFile[10] = (tamperedFile[10] ?? 0) ^ 0xff;
    const tampered = await readBackupArchive(zipSync(entries), {}, crypto);
    expect(!tampered.ok && tampered.error.message).toBe('文件 doc-0 的校验值不符，备份已损坏');
  });
});
