import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackupArchive } from '../../../shared/backup/backupArchive';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { runReadJob } from '../../../renderer/storage/backup/archiveJobs';
import { prepareRestoreData } from '../../../renderer/storage/backup/backupOperations';
import { encodeWorkspace } from '../../../renderer/storage/backup/snapshotCodec';
import { readWorkspace, replaceWorkspace } from '../../../renderer/storage/backup/workspaceSnapshot';
import { workspaceSnapshotsOf } from '../../../renderer/storage/backup/snapshotAccess';
import type { BackupSnapshot } from '../../../shared/backup/backupArchive';
import { importCompanyRecords } from '../../../renderer/storage/companyRepository';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { generateWorkspace } from '../../bench/companyGenerator';
import { storeFingerprint } from '../storage/storeFingerprint';

/*
 * Restore = import: a backup's checksums can be recomputed by anyone who edits an unencrypted
 * one, so every record it would write passes the workspace import's schemas and record checks
 * first. A refused backup names the table and the record, and the store is untouched.
 */

const crypto = webCryptoPort(globalThis.crypto);
const opened: Dexie[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

function fresh(): WorkbenchDatabase {
  const db = new WorkbenchDatabase(`restore-check-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}

async function populated(): Promise<{ db: WorkbenchDatabase; snapshot: BackupSnapshot }> {
  const db = fresh();
  await importCompanyRecords(db, generateWorkspace(7, { companies: 4, vehiclesPerRentalCompany: 5 }), 'merge');
  return { db, snapshot: await encodeWorkspace(await readWorkspace(db)) };
}

type Row = Record<string, unknown>;

/** The attacker's edit: change rows of the snapshot, recompute every checksum, archive again. */
async function forged(snapshot: BackupSnapshot, table: string, edit: (rows: Row[]) => void): Promise<Uint8Array> {
  const tables = structuredClone(snapshot.tables) as Record<string, Row[]>;
  const rows = tables[table];
  if (rows === undefined) throw new Error(`no table ${table}`);
  edit(rows);
  return createBackupArchive({ ...snapshot, tables }, { createdAt: '2026-11-26T02:30:00.000Z', appVersion: '0.1.0' }, crypto);
}

const CASES: readonly (readonly [string, string, (rows: Row[]) => void, RegExp])[] = [
  ['a company whose id is a number', 'companies', (rows) => { rows[0]!.id = 42; }, /“企业信息”的第 1 条记录.*字段 id/],
  ['a company whose name is an object', 'companies', (rows) => { rows[1]!.name = { evil: true }; }, /“企业信息”的第 2 条记录/],
  ['a person name with NUL', 'people', (rows) => { rows[0]!.name = '张\u0000三'; }, /“人员”.*空字符/],
  ['a vehicle plate with a lone surrogate', 'vehicles', (rows) => { rows[0]!.plate = '京A\uD800123'; }, /“车辆”.*代理项/],
  ['a store area of 1e308', 'stores', (rows) => { rows[0]!.floorAreaSqm = 1e308; }, /“门店\/场所”.*超出合理范围/],
  ['a record id that reads as a path', 'people', (rows) => { rows[0]!.id = '../../../evil'; }, /“人员”.*(路径|\.\.)/],
  ['a row with a __proto__ key', 'licences', (rows) => {
    Object.defineProperty(rows[0]!, '__proto__', { value: { isAdmin: true }, enumerable: true });
  }, /__proto__/],
  ['a setting without a key', 'settings', (rows) => { rows.push({ value: 1 }); }, /“设置”/],
];

describe('restore checks every record before anything is written', () => {
  it.each(CASES)('refuses %s, names the table and record, and leaves the store untouched', async (_label, table, edit, expected) => {
    const { db, snapshot } = await populated();
    if (table === 'settings') await db.settings.put({ key: 'reminders.leadDays', value: 30 });
    const before = await storeFingerprint(db);
    const snapshotWithSettings = table === 'settings' ? await encodeWorkspace(await readWorkspace(db)) : snapshot;
    const verified = await runReadJob(await forged(snapshotWithSettings, table, edit), null, () => undefined);
    let message: string;
    if (!verified.ok) {
      // The decoder already refuses what it did not write (a __proto__ key).
      message = verified.error.message;
    } else {
      const refusal = await prepareRestoreData(workspaceSnapshotsOf(db, (n) => new WorkbenchDatabase(n)), verified.value, () => undefined).then(() => null, (e: unknown) => e as Error);
      if (refusal === null) throw new Error('expected a refusal');
      message = refusal.message;
      // The last line of defence refuses it too, even when called directly.
      await expect(replaceWorkspace(db, verified.value.workspace)).rejects.toThrow(expected);
    }
    expect(message).toMatch(expected);
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(await storeFingerprint(db)).toBe(before);
    expect(({} as Row).isAdmin).toBeUndefined();
  });

  it('restores an unaltered backup of the same data', async () => {
    const { db, snapshot } = await populated();
    const before = await storeFingerprint(db);
    const archive = await createBackupArchive(snapshot, { createdAt: '2026-11-26T02:30:00.000Z', appVersion: '0.1.0' }, crypto);
    const verified = await runReadJob(archive, null, () => undefined);
    if (!verified.ok) throw new Error(verified.error.message);
    const target = fresh();
    const data = await prepareRestoreData(workspaceSnapshotsOf(target, (n) => new WorkbenchDatabase(n)), verified.value, () => undefined);
    await replaceWorkspace(target, data);
    expect(await storeFingerprint(target)).toBe(before);
  });
});

describe('key derivation parameters in a backup header', () => {
  it.each([10_000_000, 2_000_001, 1, 99_999])('refuses %i PBKDF2 rounds at once, before deriving any key', async (iterations) => {
    const archive = await createBackupArchive({ schemaVersion: 1, tables: { t: [] }, files: [] }, { createdAt: 'x', appVersion: 'x', passphrase: 'correct horse' }, crypto);
    const { unzipSync, zipSync, strFromU8, strToU8 } = await import('fflate');
    const entries = unzipSync(archive);
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as { encryption: { iterations: number } };
    manifest.encryption.iterations = iterations;
    entries['manifest.json'] = strToU8(JSON.stringify(manifest));
    // No key is derived: the count is refused before PBKDF2 runs (how long that takes lives in the bench).
    const deriveKey = vi.spyOn(globalThis.crypto.subtle, 'deriveKey');
    const read = await runReadJob(zipSync(entries), 'correct horse', () => undefined);
    expect(deriveKey).not.toHaveBeenCalled();
    deriveKey.mockRestore();
    expect(read).toMatchObject({ ok: false, error: { code: 'backup.badManifest', message: expect.stringMatching(/迭代次数/) as unknown } });
  });
});
