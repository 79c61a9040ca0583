import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackupArchive, readBackupArchive } from '../../../shared/backup/backupArchive';
import { toHex, webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { runReadJob, runWriteJob } from '../../../renderer/storage/backup/archiveJobs';
import { decodeWorkspace, encodeWorkspace, SCHEMA_TABLE, type WorkspaceData } from '../../../renderer/storage/backup/snapshotCodec';
import { atCurrentVersion, readWorkspace, replaceWorkspace } from '../../../renderer/storage/backup/workspaceSnapshot';
import { importCompanyRecords } from '../../../renderer/storage/companyRepository';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { generateWorkspace } from '../../bench/companyGenerator';

/*
 * The generic snapshot and restore over every Dexie table, against fake-indexeddb. Document
 * bytes are stored as Uint8Array here (fake-indexeddb cannot hold Blobs); Blobs in IndexedDB are
 * covered in Chromium by tests/e2e/backup.spec.ts.
 */

const crypto = webCryptoPort(globalThis.crypto);
const opened: Dexie[] = [];

function track<T extends Dexie>(db: T): T {
  opened.push(db);
  return db;
}

function freshWorkbench(): WorkbenchDatabase {
  return track(new WorkbenchDatabase(`backup-test-${Math.random().toString(36).slice(2)}`));
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const sha = async (bytes: Uint8Array) => toHex(await crypto.sha256(bytes));

/** Every table as JSON with binary values replaced by their SHA-256, for exact comparison. */
async function fingerprint(db: Dexie): Promise<Record<string, unknown[]>> {
  const data = await readWorkspace(db);
  const out: Record<string, unknown[]> = {};
  const hashBinary = async (value: unknown): Promise<unknown> => {
    if (value instanceof Uint8Array) return `sha256:${await sha(value)}`;
    if (Array.isArray(value)) return Promise.all(value.map(hashBinary));
    if (value !== null && typeof value === 'object') {
      const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await hashBinary(v)] as const));
      return Object.fromEntries(entries);
    }
    return value;
  };
  for (const [name, table] of Object.entries(data.tables)) out[name] = (await hashBinary(table.rows)) as unknown[];
  return out;
}

function documentBytes(seed: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

async function populate(db: WorkbenchDatabase, companies: number, documents: number, documentSize: number): Promise<void> {
  await importCompanyRecords(db, generateWorkspace(11, { companies, vehiclesPerRentalCompany: 40 }), 'merge');
  await db.settings.bulkPut(Array.from({ length: documents }, (_, i) => ({
    key: `document-${i}`,
    value: { fileName: `劳动合同-${i}.pdf`, bytes: documentBytes(i + 1, documentSize), note: '身份证复印件（正反面）' },
  })));
  await db.settings.put({ key: 'reminders.leadDays', value: 30 });
}

async function backupBytes(db: Dexie, passphrase: string | null = null): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await runWriteJob(await readWorkspace(db), { createdAt: '2026-11-26T02:30:00.000Z', appVersion: '0.1.0', passphrase }, (c) => chunks.push(c), () => undefined);
  return Buffer.concat(chunks);
}

describe('snapshot codec', () => {
  it('round-trips values JSON cannot hold, and stored objects that look like markers', async () => {
    const row = {
      id: 'r1',
      when: new Date('2021-11-15T01:02:03.004Z'),
      invalidDate: new Date(Number.NaN),
      missing: undefined,
      sparse: [1, undefined, 3],
      numbers: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.5],
      big: 12345678901234567890n,
      map: new Map<unknown, unknown>([['甲', 1], [2, new Date('2020-01-01T00:00:00.000Z')]]),
      set: new Set(['京A12345', '京B67890']),
      lookalike: { $cw: 'file', id: 'f000001', kind: 'blob' },
      bytes: new Uint8Array([1, 2, 3]),
      buffer: new Uint8Array([9, 8]).buffer,
      floats: new Float64Array([1.5, -2.25]),
      blob: new Blob(['营业执照扫描件'], { type: 'image/jpeg' }),
      file: new File([new Uint8Array([0xff, 0xd8])], '身份证.jpg', { type: 'image/jpeg', lastModified: 1_637_000_000_000 }),
    };
    const data: WorkspaceData = { schemaVersion: 1, tables: { things: { schema: { primaryKey: 'id', indexes: [] }, rows: [row], keys: null } } };
    const archive = await createBackupArchive(await encodeWorkspace(data), { createdAt: 'x', appVersion: 'x' }, crypto);
    const read = await readBackupArchive(archive, {}, crypto);
    if (!read.ok) throw new Error(read.error.message);
    const decoded = decodeWorkspace(read.value.snapshot).tables.things?.rows[0] as typeof row;

    expect(decoded.when).toEqual(row.when);
    expect(Number.isNaN(decoded.invalidDate.getTime())).toBe(true);
    expect('missing' in decoded && decoded.missing === undefined).toBe(true);
    expect(decoded.sparse).toEqual([1, undefined, 3]);
    expect(decoded.numbers).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.5]);
    expect(decoded.big).toBe(12345678901234567890n);
    expect(decoded.map).toEqual(row.map);
    expect(decoded.set).toEqual(row.set);
    expect(decoded.lookalike).toEqual({ $cw: 'file', id: 'f000001', kind: 'blob' });
    expect(decoded.bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(new Uint8Array(decoded.buffer)).toEqual(new Uint8Array([9, 8]));
    expect(decoded.floats).toEqual(new Float64Array([1.5, -2.25]));
    expect(decoded.blob).toBeInstanceOf(Blob);
    expect(decoded.blob.type).toBe('image/jpeg');
    expect(await decoded.blob.text()).toBe('营业执照扫描件');
    expect(decoded.file).toBeInstanceOf(File);
    expect([decoded.file.name, decoded.file.type, decoded.file.lastModified]).toEqual(['身份证.jpg', 'image/jpeg', 1_637_000_000_000]);
    expect(new Uint8Array(await decoded.file.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8]));
    // The schemas travel along, out of the way of real tables.
    expect(read.value.snapshot.tables[SCHEMA_TABLE]).toEqual([{ table: 'things', primaryKey: 'id', indexes: [], hasOutboundKeys: false }]);
  });

  it('refuses content with a marker it did not write or a file that is not in the archive', async () => {
    const bad = await createBackupArchive({ schemaVersion: 1, tables: { t: [{ id: 1, x: { $cw: 'file', id: 'f999999', kind: 'blob' } }] }, files: [] }, { createdAt: 'x', appVersion: 'x' }, crypto);
    await expect(runReadJob(bad, null, () => undefined)).resolves.toEqual({ ok: false, error: { code: 'backup.content', message: '备份内容无法识别：备份中缺少文件 f999999' } });
    const odd = await createBackupArchive({ schemaVersion: 1, tables: { t: [{ id: 1, x: { $cw: 'regexp' } }] }, files: [] }, { createdAt: 'x', appVersion: 'x' }, crypto);
    await expect(runReadJob(odd, null, () => undefined)).resolves.toMatchObject({ ok: false, error: { message: expect.stringContaining('无法识别的数据') as unknown } });
  });
});

describe('backup and restore of the whole database', () => {
  it('round-trips thousands of records and every document byte for byte, Chinese intact', async () => {
    const source = freshWorkbench();
    await populate(source, 240, 40, 256 * 1024);
    const before = await fingerprint(source);
    const records = Object.values(before).reduce((n, rows) => n + rows.length, 0);
    expect(records).toBeGreaterThan(3000);

    const archive = await backupBytes(source);
    const verified = await runReadJob(archive, null, () => undefined);
    if (!verified.ok) throw new Error(verified.error.message);
    expect(verified.value.summary.records).toBe(records);
    expect(verified.value.summary.fileCount).toBe(40);
    expect(verified.value.summary.fileBytes).toBe(40 * 256 * 1024);

    const target = freshWorkbench();
    await target.companies.put({ ...generateWorkspace(99, { companies: 1 })[0]!.company, id: 'to-be-replaced' });
    const progress: number[] = [];
    await replaceWorkspace(target, await atCurrentVersion(verified.value.workspace, target, (n) => new WorkbenchDatabase(n)), (p) => progress.push(p.done));
    expect(await fingerprint(target)).toEqual(before);
    expect(await target.companies.get('to-be-replaced')).toBeUndefined();
    expect(progress.at(-1)).toBe(records);
    const document = await target.settings.get('document-7');
    const original = await source.settings.get('document-7');
    expect(await sha((document?.value as { bytes: Uint8Array }).bytes)).toBe(await sha((original?.value as { bytes: Uint8Array }).bytes));
    expect((document?.value as { fileName: string }).fileName).toBe('劳动合同-7.pdf');
    // Indexes work after the restore, not just primary keys.
    const someVehicle = (await source.vehicles.toArray())[0];
    expect(await target.vehicles.where('[companyId+plate]').equals([someVehicle?.companyId ?? '', someVehicle?.plate ?? '']).count()).toBe(1);
  });

  it('encrypts with a passphrase and restores with it; a wrong one changes nothing', async () => {
    const source = freshWorkbench();
    await populate(source, 8, 2, 1024);
    const archive = await backupBytes(source, '北京-备份-2026');
    expect(Buffer.from(archive).includes(Buffer.from('身份证复印件'))).toBe(false);
    await expect(runReadJob(archive.slice(), '错误的密码', () => undefined)).resolves.toMatchObject({ ok: false, error: { message: '备份密码不正确' } });
    const verified = await runReadJob(archive, '北京-备份-2026', () => undefined);
    expect(verified.ok && verified.value.manifest.encryption !== null).toBe(true);
  });

  it('leaves the store exactly as it was when the restore fails in its last table', async () => {
    const db = freshWorkbench();
    await populate(db, 30, 3, 4096);
    const before = await fingerprint(db);

    const other = freshWorkbench();
    await populate(other, 60, 0, 0);
    const data = await readWorkspace(other);
    // `settings` is written last; two rows with the same key make its bulkAdd fail after every
    // other table was already cleared and refilled inside the transaction.
    const settings = data.tables.settings!;
    const broken: WorkspaceData = {
      ...data,
      tables: { ...data.tables, settings: { ...settings, rows: [...settings.rows, { key: 'dup', value: 1 }, { key: 'dup', value: 2 }] } },
    };
    await expect(replaceWorkspace(db, broken)).rejects.toThrow();
    expect(await fingerprint(db)).toEqual(before);
  });

  it('refuses tables the current schema does not have, before writing anything', async () => {
    const db = freshWorkbench();
    await populate(db, 3, 0, 0);
    const before = await fingerprint(db);
    const data = await readWorkspace(db);
    const foreign: WorkspaceData = { ...data, tables: { ...data.tables, unknownTable: { schema: { primaryKey: 'id', indexes: [] }, rows: [{ id: 1 }], keys: null } } };
    await expect(replaceWorkspace(db, foreign)).rejects.toThrow('备份中的数据表“unknownTable”在当前版本中不存在');
    expect(await fingerprint(db)).toEqual(before);
  });
});

describe('any table shape', () => {
  function shapesDb(name: string): Dexie {
    const db = new Dexie(name);
    db.version(1).stores({ counters: '++id, label', attachments: '', pairs: '[a+b], a' });
    return db;
  }

  it('backs up auto-increment keys, out-of-line keys and compound keys', async () => {
    const source = track(shapesDb(`shapes-${Math.random()}`));
    await source.table('counters').bulkAdd([{ label: '甲' }, { label: '乙' }]);
    await source.table('attachments').bulkAdd([new Uint8Array([1, 2]), { note: '无主键字段的记录' }], ['合同/2021/001', 42]);
    await source.table('pairs').add({ a: 'x', b: 2, v: '值' });
    const archive = await backupBytes(source);
    const verified = await runReadJob(archive, null, () => undefined);
    if (!verified.ok) throw new Error(verified.error.message);

    const target = track(shapesDb(`shapes-${Math.random()}`));
    await target.table('attachments').add('stale', 'k');
    await replaceWorkspace(target, verified.value.workspace);
    expect(await target.table('counters').toArray()).toEqual([{ id: 1, label: '甲' }, { id: 2, label: '乙' }]);
    expect(await target.table('attachments').toCollection().primaryKeys()).toEqual([42, '合同/2021/001']);
    expect(await target.table('attachments').get('合同/2021/001')).toEqual(new Uint8Array([1, 2]));
    expect(await target.table('attachments').get(42)).toEqual({ note: '无主键字段的记录' });
    expect(await target.table('pairs').get(['x', 2])).toEqual({ a: 'x', b: 2, v: '值' });
    // Auto-increment continues after the restored keys.
    expect(await target.table('counters').add({ label: '丙' })).toBe(3);
  });
});

describe('restoring a backup of an older schema version', () => {
  function v1(name: string): Dexie {
    const db = new Dexie(name);
    db.version(1).stores({ firms: 'id, name', notes: 'id' });
    return db;
  }
  function v2(name: string): Dexie {
    const db = new Dexie(name);
    db.version(1).stores({ firms: 'id, name', notes: 'id' });
    // The kind of migration a later version brings: a new table, a new index, rows rewritten.
    db.version(2).stores({ firms: 'id, name, district', tracker: 'id, companyId', notes: null }).upgrade(async (tx) => {
      await tx.table('firms').toCollection().modify((c: { district?: string }) => {
        c.district ??= '未填写';
      });
    });
    return db;
  }

  it('runs the app’s own upgrades on the backup’s tables, then restores', async () => {
    const old = track(v1(`v1-${Math.random()}`));
    await old.table('firms').bulkAdd([{ id: 'c1', name: '北京甲公司' }, { id: 'c2', name: '北京乙公司', district: '朝阳区' }]);
    await old.table('notes').add({ id: 'n1', text: '旧表' });
    const verified = await runReadJob(await backupBytes(old), null, () => undefined);
    if (!verified.ok) throw new Error(verified.error.message);
    expect(verified.value.manifest.schemaVersion).toBe(1);

    const current = track(v2(`v2-${Math.random()}`));
    await current.table('tracker').add({ id: 't1', companyId: 'c9' });
    const upgraded = await atCurrentVersion(verified.value.workspace, current, v2);
    expect(upgraded.schemaVersion).toBe(2);
    await replaceWorkspace(current, upgraded);
    expect(await current.table('firms').toArray()).toEqual([
      { id: 'c1', name: '北京甲公司', district: '未填写' },
      { id: 'c2', name: '北京乙公司', district: '朝阳区' },
    ]);
    expect(await current.table('firms').where('district').equals('未填写').count()).toBe(1);
    expect(await current.table('tracker').count()).toBe(0);
    // The scratch database is gone.
    expect(await Dexie.getDatabaseNames()).not.toContain(`${current.name}-restore-scratch`);
  });

  it('refuses a backup from a newer app and leaves the store alone', async () => {
    const newer = track(v2(`v2-${Math.random()}`));
    await newer.table('firms').add({ id: 'c1', name: '北京甲公司', district: '海淀区' });
    const verified = await runReadJob(await backupBytes(newer), null, () => undefined);
    if (!verified.ok) throw new Error(verified.error.message);
    const older = track(v1(`v1-${Math.random()}`));
    await older.table('firms').add({ id: 'keep', name: '保留' });
    await expect(atCurrentVersion(verified.value.workspace, older, v1)).rejects.toThrow('该备份来自更新版本的应用（数据库版本 2，当前为 1），请先升级应用');
    expect(await older.table('firms').toArray()).toEqual([{ id: 'keep', name: '保留' }]);
  });
});
