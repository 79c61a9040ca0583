import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions, WebContents } from 'electron';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackupService, createWorkerBackupVerifier, type BackupService, type VerifyBackupFile } from '../../../electron/main/backup/backupService';
import { validateIpcRequest } from '../../../electron/main/ipcGuard';
import { createBackupArchive, readBackupArchive } from '../../../shared/backup/backupArchive';
import { formatBackupFileName } from '../../../shared/backup/backupFileName';
import { toHex, webCryptoPort } from '../../../shared/crypto/cryptoPort';
import type { BackupTarget } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/util/result';
import { buildBackupVerifyWorker } from './backupVerifyWorkerBundle';
import { sampleBackupSnapshot } from './backupFixtures';

vi.mock('electron', () => ({}));

const crypto = webCryptoPort(globalThis.crypto);
const page = { id: 7 } as unknown as WebContents;
const otherPage = { id: 8 } as unknown as WebContents;
const appFrame = { frameUrl: 'app://workbench/index.html', isTopFrame: true };

let root = '';
let folder = '';
let now = new Date(2026, 10, 26, 10, 30, 0);
let workerDir = '';
/** The production verifier, running the real worker bundle. */
let workerVerifier: VerifyBackupFile;

beforeAll(async () => {
  workerDir = await mkdtemp(path.join(os.tmpdir(), 'backup-service-worker-'));
  workerVerifier = createWorkerBackupVerifier(await buildBackupVerifyWorker(workerDir));
});
afterAll(async () => {
  await rm(workerDir, { recursive: true, force: true });
});

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'backup-service-'));
  folder = path.join(root, 'userData', 'backups');
  now = new Date(2026, 10, 26, 10, 30, 0);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function service(
  choice: { save?: string | null; open?: string | null } = {},
  verifyBackupFile: VerifyBackupFile = workerVerifier,
): { backups: BackupService; dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'> } {
  const dialog = {
    showSaveDialog: vi.fn((...args: unknown[]) => {
      void (args.at(-1) as SaveDialogOptions);
      return Promise.resolve(choice.save == null ? { canceled: true, filePath: '' } : { canceled: false, filePath: choice.save });
    }),
    showOpenDialog: vi.fn((...args: unknown[]) => {
      void (args.at(-1) as OpenDialogOptions);
      return Promise.resolve(choice.open == null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [choice.open] });
    }),
  } as unknown as Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  const backups = createBackupService({
    folder, verifyBackupFile, now: () => now, dialog,
    windowFor: () => null as BrowserWindow | null,
    defaultDirectory: () => root,
    openPath: () => Promise.resolve(''),
  });
  return { backups, dialog };
}

async function archive(passphrase?: string): Promise<Uint8Array> {
  return createBackupArchive(sampleBackupSnapshot(), { createdAt: now.toISOString(), appVersion: '0.1.0', passphrase }, crypto);
}

/** begin → append in chunks → finish, the way the page streams an archive. */
async function writeThrough(backups: BackupService, target: BackupTarget, bytes: Uint8Array, passphrase: string | null = null, chunkSize = 65_536) {
  const begun = await backups.begin(target, page);
  if (!begun.ok) throw new Error(begun.error.message);
  if (!begun.value.isStarted) return null;
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    const appended = await backups.append(begun.value.sessionId, bytes.subarray(offset, offset + chunkSize), page);
    if (!appended.ok) throw new Error(appended.error.message);
  }
  return backups.finish(begun.value.sessionId, passphrase, page);
}

async function readAll(backups: BackupService, source: Parameters<BackupService['read']>[0], chunk = 100_000): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    const read = await backups.read(source, offset, chunk);
    if (!read.ok) throw new Error(read.error.message);
    parts.push(read.value.bytes);
    offset += read.value.bytes.length;
    if (offset >= read.value.totalSize || read.value.bytes.length === 0) break;
  }
  return Buffer.concat(parts);
}

const sha = async (bytes: Uint8Array) => toHex(await crypto.sha256(bytes));

describe('backup service: write, verify, list, read', () => {
  it('streams an archive into the backup folder, verifies it and names it only then', async () => {
    const { backups } = service();
    const bytes = await archive();
    const finished = await writeThrough(backups, { kind: 'backupFolder', reason: 'manual' }, bytes);
    expect(finished).toEqual({
      ok: true,
      value: {
        name: 'workbench-backup-20261126-103000-manual.cwbackup', path: path.join(folder, 'workbench-backup-20261126-103000-manual.cwbackup'),
        size: bytes.length, isInBackupFolder: true, isEncrypted: false, tableCount: 3, fileCount: 1,
      },
    });
    expect(await readdir(folder)).toEqual(['workbench-backup-20261126-103000-manual.cwbackup']);
    expect(await sha(await readFile(path.join(folder, 'workbench-backup-20261126-103000-manual.cwbackup')))).toBe(await sha(bytes));
    expect(backups.openSessionCount()).toBe(0);
  });

  it('lists backups newest first with time, size and kind, and reads one back byte for byte in chunks', async () => {
    const { backups } = service();
    const bytes = await archive();
    await writeThrough(backups, { kind: 'backupFolder', reason: 'automatic' }, bytes);
    // A second backup in the same second gets a sequence number, not the same name.
    await writeThrough(backups, { kind: 'backupFolder', reason: 'automatic' }, bytes);
    now = new Date(2026, 10, 26, 11, 0, 0);
    await writeThrough(backups, { kind: 'backupFolder', reason: 'beforeRestore' }, bytes);
    await writeFile(path.join(folder, 'notes.txt'), '不是备份');

    const listed = await backups.list();
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.folder).toBe(folder);
    expect(listed.value.backups.map((b) => [b.name, b.reason, b.isAutomatic, b.size])).toEqual([
      ['workbench-backup-20261126-110000-pre-restore.cwbackup', 'beforeRestore', false, bytes.length],
      ['workbench-backup-20261126-103000-1-auto.cwbackup', 'automatic', true, bytes.length],
      ['workbench-backup-20261126-103000-auto.cwbackup', 'automatic', true, bytes.length],
    ]);
    expect(listed.value.backups[0]?.createdAt).toBe(new Date(2026, 10, 26, 11, 0, 0).toISOString());

    const readBack = await readAll(backups, { kind: 'stored', name: 'workbench-backup-20261126-103000-1-auto.cwbackup' }, 50_000);
    expect(await sha(readBack)).toBe(await sha(bytes));
    const restored = await readBackupArchive(readBack, {}, crypto);
    expect(restored.ok && restored.value.snapshot.tables.companies).toEqual([{ id: 'c1', name: '北京示例大药房有限公司', uscc: '91110105MA01ABCD2X' }]);
  });

  it('verifies an encrypted backup with its passphrase, and refuses it without', async () => {
    const { backups } = service();
    const bytes = await archive('备份密码 2026');
    const withPassphrase = await writeThrough(backups, { kind: 'backupFolder', reason: 'manual' }, bytes, '备份密码 2026');
    expect(withPassphrase).toMatchObject({ ok: true, value: { isEncrypted: true } });
    const without = await writeThrough(backups, { kind: 'backupFolder', reason: 'manual' }, bytes, null);
    expect(without).toMatchObject({ ok: false, error: { code: 'backup.verifyFailed', message: expect.stringContaining('该备份已加密') as unknown } });
    expect(await readdir(folder)).toEqual(['workbench-backup-20261126-103000-manual.cwbackup']);
  });

  it('deletes a backup that fails verification (a byte changed in transit) and keeps no temporary file', async () => {
    const { backups } = service();
    const bytes = await archive();
    const corrupted = bytes.slice();
    // Inside the stored (uncompressed) scan, far from the zip headers.
    const at = corrupted.length - 150_000;
    corrupted[at] = (corrupted[at] ?? 0) ^ 0xff;
    const finished = await writeThrough(backups, { kind: 'backupFolder', reason: 'automatic' }, corrupted);
    expect(finished).toEqual({ ok: false, error: { code: 'backup.verifyFailed', message: '备份写入后校验失败，已删除该文件：文件 f000001 的校验值不符，备份已损坏' } });
    expect(await readdir(folder)).toEqual([]);

    const truncated = await writeThrough(backups, { kind: 'backupFolder', reason: 'automatic' }, bytes.subarray(0, bytes.length - 1000));
    expect(truncated).toMatchObject({ ok: false, error: { code: 'backup.verifyFailed', message: expect.stringContaining('备份写入后校验失败') as unknown } });
    expect(await readdir(folder)).toEqual([]);
  });

  it('aborts a backup and removes its temporary file; leftovers from a crash are removed at start-up', async () => {
    const { backups } = service();
    const begun = await backups.begin({ kind: 'backupFolder', reason: 'automatic' }, page);
    if (!begun.ok || !begun.value.isStarted) throw new Error('not started');
    await backups.append(begun.value.sessionId, new Uint8Array(10), page);
    expect((await readdir(folder)).filter((n) => n.endsWith('.tmp'))).toHaveLength(1);
    await expect(backups.abort(begun.value.sessionId, page)).resolves.toEqual({ ok: true, value: null });
    expect(await readdir(folder)).toEqual([]);

    await writeFile(path.join(folder, '.incoming-0123.tmp'), 'half a backup');
    await writeFile(path.join(folder, 'workbench-backup-20261126-103000-manual.cwbackup'), 'kept');
    await expect(backups.removeLeftovers()).resolves.toBe(1);
    expect(await readdir(folder)).toEqual(['workbench-backup-20261126-103000-manual.cwbackup']);
  });

  it('lets only the page that began a session write to it', async () => {
    const { backups } = service();
    const begun = await backups.begin({ kind: 'backupFolder', reason: 'manual' }, page);
    if (!begun.ok || !begun.value.isStarted) throw new Error('not started');
    await expect(backups.append(begun.value.sessionId, new Uint8Array(1), otherPage)).resolves.toMatchObject({ ok: false, error: { code: 'backup.noSession' } });
    await expect(backups.finish(begun.value.sessionId, null, otherPage)).resolves.toMatchObject({ ok: false, error: { code: 'backup.noSession' } });
    await expect(backups.append('f'.repeat(32), new Uint8Array(1), page)).resolves.toMatchObject({ ok: false, error: { code: 'backup.noSession' } });
    await backups.abandonSessionsOf(7);
    expect(backups.openSessionCount()).toBe(0);
    expect(await readdir(folder)).toEqual([]);
  });

  it('lists an empty folder that does not exist yet', async () => {
    const { backups } = service();
    await expect(backups.list()).resolves.toEqual({ ok: true, value: { folder, backups: [] } });
  });
});

describe('backup service: finish verifies through the injected verifier', () => {
  it('hands the verifier the flushed temporary file and the passphrase, then names the file and reports what the verifier found', async () => {
    const seen: { path: string; passphrase: string | null; content: string; names: string[] }[] = [];
    const verifier = vi.fn<VerifyBackupFile>(async (filePath, passphrase) => {
      seen.push({ path: filePath, passphrase, content: await readFile(filePath, 'utf8'), names: await readdir(folder) });
      return ok({ isEncrypted: true, tableCount: 12, fileCount: 34, size: 5 });
    });
    const { backups } = service({}, verifier);
    const finished = await writeThrough(backups, { kind: 'backupFolder', reason: 'manual' }, new TextEncoder().encode('12345'), '备份密码 2026', 2);
    expect(verifier).toHaveBeenCalledTimes(1);
    expect(seen[0]?.passphrase).toBe('备份密码 2026');
    // Everything the page sent is on disk before verification starts, under the temporary name.
    expect(seen[0]?.content).toBe('12345');
    expect(path.dirname(seen[0]?.path ?? '')).toBe(folder);
    expect(seen[0]?.names).toEqual([path.basename(seen[0]?.path ?? '')]);
    expect(path.basename(seen[0]?.path ?? '')).toMatch(/^\.incoming-[0-9a-f]{32}\.tmp$/);
    expect(finished).toEqual({
      ok: true,
      value: {
        name: 'workbench-backup-20261126-103000-manual.cwbackup', path: path.join(folder, 'workbench-backup-20261126-103000-manual.cwbackup'),
        size: 5, isInBackupFolder: true, isEncrypted: true, tableCount: 12, fileCount: 34,
      },
    });
    expect(await readdir(folder)).toEqual(['workbench-backup-20261126-103000-manual.cwbackup']);
  });

  it('deletes the temporary file and returns backup.verifyFailed with the verifier\'s message when verification fails', async () => {
    // Fails once, then verifies for real.
    const verifier = vi.fn<VerifyBackupFile>(workerVerifier).mockResolvedValueOnce(err('backup.verifyFailed', '校验程序意外退出（退出码 1），无法确认备份完好'));
    const { backups } = service({}, verifier);
    const finished = await writeThrough(backups, { kind: 'backupFolder', reason: 'automatic' }, await archive());
    expect(finished).toEqual({ ok: false, error: { code: 'backup.verifyFailed', message: '备份写入后校验失败，已删除该文件：校验程序意外退出（退出码 1），无法确认备份完好' } });
    expect(verifier).toHaveBeenCalledTimes(1);
    expect(await readdir(folder)).toEqual([]);
    expect(backups.openSessionCount()).toBe(0);
    // The name was released: the next backup in the same second gets it, not a sequence number.
    await expect(writeThrough(backups, { kind: 'backupFolder', reason: 'automatic' }, await archive())).resolves.toMatchObject({
      ok: true, value: { name: 'workbench-backup-20261126-103000-auto.cwbackup' },
    });
  });
});

describe('backup service: 备份到… and picked files', () => {
  it('writes to the chosen path, adding the extension Linux dialogs leave out, and reads a picked file by token', async () => {
    const chosen = path.join(root, '给审计的备份');
    const { backups } = service({ save: chosen, open: `${chosen}.cwbackup` });
    const bytes = await archive();
    const finished = await writeThrough(backups, { kind: 'chooseLocation', suggestedName: '企业合规工作台备份-20261126.cwbackup' }, bytes);
    expect(finished).toMatchObject({ ok: true, value: { name: '给审计的备份.cwbackup', path: `${chosen}.cwbackup`, isInBackupFolder: false } });
    expect((await readdir(root)).sort()).toEqual(['给审计的备份.cwbackup']);

    const picked = await backups.pickFile(page);
    if (!picked.ok || !picked.value.isPicked) throw new Error('not picked');
    expect(picked.value).toMatchObject({ name: '给审计的备份.cwbackup', size: bytes.length });
    expect(picked.value.token).toMatch(/^[0-9a-f]{32}$/);
    expect(await sha(await readAll(backups, { kind: 'picked', token: picked.value.token }))).toBe(await sha(bytes));
    await expect(backups.read({ kind: 'picked', token: 'a'.repeat(32) }, 0, 10)).resolves.toMatchObject({ ok: false, error: { code: 'backup.unknownFile' } });
  });

  it('does nothing when the save dialog is cancelled', async () => {
    const { backups } = service({ save: null });
    await expect(backups.begin({ kind: 'chooseLocation', suggestedName: 'a.cwbackup' }, page)).resolves.toEqual({ ok: true, value: { isStarted: false } });
    expect(backups.openSessionCount()).toBe(0);
  });

  it('keeps an existing file intact when the new backup fails verification', async () => {
    const chosen = path.join(root, '备份.cwbackup');
    await writeFile(chosen, 'the previous backup');
    const { backups } = service({ save: chosen });
    const finished = await writeThrough(backups, { kind: 'chooseLocation', suggestedName: '备份.cwbackup' }, new TextEncoder().encode('garbage'));
    expect(finished).toMatchObject({ ok: false, error: { code: 'backup.verifyFailed' } });
    expect(await readFile(chosen, 'utf8')).toBe('the previous backup');
    expect(await readdir(root)).toEqual(['备份.cwbackup']);
  });
});

describe('backup service: retention', () => {
  it('deletes only automatic backups beyond the policy, never manual or pre-restore ones', async () => {
    const { backups } = service();
    await mkdir(folder, { recursive: true });
    const names: string[] = [];
    // Ten days of automatic backups, three a day, plus one manual and one pre-restore backup on
    // the oldest day.
    for (let day = 1; day <= 10; day++) {
      for (const hour of [9, 12, 17]) names.push(formatBackupFileName('automatic', new Date(2026, 10, day, hour, 0, 0)));
    }
    names.push(formatBackupFileName('manual', new Date(2026, 10, 1, 8, 0, 0)), formatBackupFileName('beforeRestore', new Date(2026, 10, 1, 8, 5, 0)));
    for (const name of names) await writeFile(path.join(folder, name), 'x');
    now = new Date(2026, 10, 10, 18, 0, 0);

    const pruned = await backups.prune({ keepLatest: 4, keepDailyForDays: 3 });
    if (!pruned.ok) throw new Error(pruned.error.message);
    const left = (await readdir(folder)).sort();
    expect(left).toEqual([
      'workbench-backup-20261101-080000-manual.cwbackup',
      'workbench-backup-20261101-080500-pre-restore.cwbackup',
      // The newest of each of the last 3 days...
      'workbench-backup-20261108-170000-auto.cwbackup',
      // ...and the newest 4 overall (the 11-09 one counts for both).
      'workbench-backup-20261109-170000-auto.cwbackup',
      'workbench-backup-20261110-090000-auto.cwbackup',
      'workbench-backup-20261110-120000-auto.cwbackup',
      'workbench-backup-20261110-170000-auto.cwbackup',
    ].sort());
    expect(pruned.value.deleted).toHaveLength(names.length - left.length);
    expect(pruned.value.deleted.every((n) => n.endsWith('-auto.cwbackup'))).toBe(true);
  });

  it('keeps at least one automatic backup whatever the policy says', async () => {
    const { backups } = service();
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, formatBackupFileName('automatic', new Date(2026, 0, 1, 9, 0, 0))), 'x');
    await backups.prune({ keepLatest: 0, keepDailyForDays: 0 });
    expect(await readdir(folder)).toHaveLength(1);
  });
});

describe('backup service: names from the page are never paths', () => {
  it.each([
    '../secret.cwbackup',
    '..\\..\\Windows\\win.ini',
    '/etc/passwd',
    'workbench-backup-20261126-103000-auto.cwbackup/../../x',
    'workbench-backup-20261126-103000-auto.cwbackup\u0000.txt',
    'workbench-backup-20261126-253000-auto.cwbackup',
    'workbench-backup-20261126-103000-auto.zip',
    '.incoming-0123.tmp',
  ])('refuses %j for reading and deleting', async (name) => {
    const { backups } = service();
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(root, 'secret.cwbackup'), 'secret');
    await expect(backups.read({ kind: 'stored', name }, 0, 100)).resolves.toMatchObject({ ok: false, error: { code: 'backup.unknownFile', message: '备份文件名不合法' } });
    await expect(backups.remove(name)).resolves.toMatchObject({ ok: false, error: { code: 'backup.unknownFile' } });
    expect(validateIpcRequest('backup:read', appFrame, { source: { kind: 'stored', name }, offset: 0, length: 100 }, null)).toMatchObject({ ok: false, error: { code: 'ipc.invalidPayload' } });
    expect(validateIpcRequest('backup:delete', appFrame, { name }, null)).toMatchObject({ ok: false, error: { code: 'ipc.invalidPayload' } });
    expect(await readFile(path.join(root, 'secret.cwbackup'), 'utf8')).toBe('secret');
  });

  it('accepts the names main hands out, and tokens only of the right shape', () => {
    const name = formatBackupFileName('beforeRestore', new Date(2026, 10, 26, 10, 30, 0), 2);
    expect(validateIpcRequest('backup:delete', appFrame, { name }, null)).toEqual({ ok: true, value: { name } });
    expect(validateIpcRequest('backup:read', appFrame, { source: { kind: 'picked', token: '../x' }, offset: 0, length: 1 }, null).ok).toBe(false);
    expect(validateIpcRequest('backup:append', appFrame, { sessionId: 'a'.repeat(32), chunk: 'not bytes' }, null).ok).toBe(false);
    expect(validateIpcRequest('backup:prune', appFrame, { keepLatest: 0, keepDailyForDays: 30 }, null).ok).toBe(false);
  });

  it('deletes a stored backup the user chose, by name', async () => {
    const { backups } = service();
    await writeThrough(backups, { kind: 'backupFolder', reason: 'manual' }, await archive());
    await expect(backups.remove('workbench-backup-20261126-103000-manual.cwbackup')).resolves.toEqual({ ok: true, value: null });
    expect(await readdir(folder)).toEqual([]);
  });
});
