import { createWriteStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readBackupArchive, writeBackupArchive, type BackupSnapshot } from '../../../shared/backup/backupArchive';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { generateWorkspace } from '../companyGenerator';
import type { Measurement } from '../harness';
import { SeededRandom } from '../seededRandom';

const crypto = webCryptoPort(globalThis.crypto);

/** 20,000 records and 500 MB of document files (quick: 2,000 and 20 MB). */
function buildSnapshot(quick: boolean): BackupSnapshot {
  const companies = quick ? 40 : 420;
  const records = generateWorkspace(2026, { companies, vehiclesPerRentalCompany: quick ? 150 : 160 });
  const rng = new SeededRandom(99);
  const fileCount = quick ? 10 : 100;
  const fileSize = quick ? 2 * 1024 * 1024 : 5 * 1024 * 1024;
  const files = Array.from({ length: fileCount }, (_, i) => {
    const bytes = new Uint8Array(fileSize);
    // Incompressible content, like JPEG scans.
    for (let j = 0; j < bytes.length; j += 4) {
      const v = (rng.next() * 4294967296) >>> 0;
      bytes[j] = v & 0xff; bytes[j + 1] = (v >>> 8) & 0xff; bytes[j + 2] = (v >>> 16) & 0xff; bytes[j + 3] = v >>> 24;
    }
    return { id: `doc-${i}`, bytes };
  });
  return {
    schemaVersion: 1,
    tables: {
      companies: records.map((r) => r.company), people: records.flatMap((r) => r.people),
      licences: records.flatMap((r) => r.licences), vehicles: records.flatMap((r) => r.vehicles),
      stores: records.flatMap((r) => r.stores), events: records.flatMap((r) => r.events),
    },
    files,
  };
}

export function backupMeasurements(quick: boolean): Measurement[] {
  let snapshot: BackupSnapshot | null = null;
  const file = path.join(tmpdir(), `cw-bench-backup-${process.pid}.zip`);
  const describe = () => {
    const s = snapshot;
    if (!s) return '';
    const records = Object.values(s.tables).reduce((n, rows) => n + rows.length, 0);
    const mb = s.files.reduce((n, f) => n + f.bytes.length, 0) / 1024 / 1024;
    return `${records} 条记录 + ${mb.toFixed(0)} MB 文件`;
  };
  const write = async () => {
    if (!snapshot) throw new Error('no snapshot');
    const out = createWriteStream(file);
    await writeBackupArchive(snapshot, { createdAt: '2026-11-26T00:00:00Z', appVersion: 'bench' }, crypto, (chunk) => out.write(chunk));
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  };
  return [
    {
      name: '备份（写入并校验）',
      get size() { return describe() || (quick ? '2,000 条记录 + 20 MB' : '20,000 条记录 + 500 MB'); },
      targetMs: 60_000,
      setup: () => { snapshot = buildSnapshot(quick); },
      run: write,
      extras: async () => ({ archiveMB: Number(((await stat(file)).size / 1024 / 1024).toFixed(1)) }),
    },
    {
      name: '恢复（读取并逐项校验）',
      get size() { return describe() || (quick ? '2,000 条记录 + 20 MB' : '20,000 条记录 + 500 MB'); },
      targetMs: 60_000,
      setup: async () => { snapshot ??= buildSnapshot(quick); await write(); },
      run: async () => {
        const result = await readBackupArchive(new Uint8Array(await readFile(file)), {}, crypto);
        if (!result.ok) throw new Error(result.error.message);
      },
      teardown: async () => { await rm(file, { force: true }); snapshot = null; },
    },
  ];
}
