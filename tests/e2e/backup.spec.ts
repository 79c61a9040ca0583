import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { largeFleetWorkspace, loadSamples, putRows, storeFingerprint } from './steps';

/*
 * Backup and restore in the browser build, in Chromium against the built renderer: 「备份到…」
 * is a download and 「从备份恢复…」 an upload. The store is inspected with raw IndexedDB, so the
 * checks do not trust the code under test: every table of the database, Blobs by SHA-256.
 */

const DB_NAME = 'compliance-workbench';
const fingerprint = (page: Page) => storeFingerprint(page);

async function openSettings(page: Page): Promise<void> {
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { name: '备份与恢复' }).or(page.getByText('备份与恢复', { exact: true })).first()).toBeVisible();
}

/** 「备份到…」 → the download, saved at `path`. */
async function backupTo(page: Page, path: string): Promise<void> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份到…' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^企业合规工作台备份-\d{8}-\d{6}\.cwbackup$/);
  await download.saveAs(path);
  const done = page.getByRole('dialog').filter({ hasText: '备份完成' });
  await expect(done).toBeVisible();
  await done.getByRole('button', { name: '知道了' }).click();
}

/** 「从备份恢复…」 with `file`, up to the confirmation dialog. */
async function chooseBackup(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '从备份恢复…' }).click();
  await (await chooserPromise).setFiles(file);
}

test('back up to a file, restore it into an empty profile: every record and every document byte back, Chinese intact, encrypted', async ({ page, browser }, testInfo) => {
  await page.goto('/#/companies');
  await loadSamples(page);
  await putRows(page, { blobSizes: [3 * 1024 * 1024, 777, 0], tag: 'e2e' });
  const original = await fingerprint(page);
  expect(original.counts.companies).toBe(3);
  expect(Object.keys(original.blobs)).toHaveLength(3);

  await openSettings(page);
  await expect(page.getByText('浏览器版不会自动备份')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('settings-browser.png'), fullPage: true });
  await page.getByLabel('备份密码', { exact: true }).fill('北京合规-2026');
  await page.getByLabel('再次输入').fill('北京合规-2026');
  await page.getByRole('button', { name: '使用此密码' }).click();
  await expect(page.getByText('已设置备份密码：新的备份会加密')).toBeVisible();
  const backupPath = testInfo.outputPath('workspace.cwbackup');
  await backupTo(page, backupPath);
  await expect(page.getByText('所有改动都已备份')).toBeVisible();
  // Encrypted: the ID-card file names are nowhere in the file.
  expect((await readFile(backupPath)).includes(Buffer.from('劳动合同与身份证扫描件'))).toBe(false);

  const fresh = await browser.newContext();
  const page2 = await fresh.newPage();
  await openSettings(page2);
  const empty = await fingerprint(page2);
  expect(empty.counts.companies).toBe(0);

  await chooseBackup(page2, backupPath);
  let prompt = page2.getByRole('dialog', { name: '输入备份密码' });
  await expect(prompt.getByText('该备份已加密，请输入备份密码')).toBeVisible();
  await prompt.getByLabel('备份密码').fill('错误的密码');
  await prompt.getByRole('button', { name: '继续' }).click();
  prompt = page2.getByRole('dialog', { name: '输入备份密码' });
  await expect(prompt.getByText('备份密码不正确')).toBeVisible();
  await prompt.getByLabel('备份密码').fill('北京合规-2026');
  await prompt.getByRole('button', { name: '继续' }).click();

  const confirm = page2.getByRole('dialog', { name: '确认从备份恢复' });
  await expect(confirm.getByText(/企业信息 3/)).toBeVisible();
  await expect(confirm.getByText(/文件 3 个/)).toBeVisible();
  const undoDownload = page2.waitForEvent('download');
  await confirm.getByRole('button', { name: '恢复' }).click();
  // The current (empty) state is offered as a download first, so the restore can be undone.
  expect((await undoDownload).suggestedFilename()).toMatch(/^恢复前备份-\d{8}-\d{6}\.cwbackup$/);
  const restored = page2.getByRole('dialog').filter({ hasText: '已从备份恢复' });
  await expect(restored).toBeVisible();
  await restored.getByRole('button', { name: '知道了' }).click();

  expect(await fingerprint(page2)).toEqual(original);
  await page2.goto('/#/companies');
  await expect(page2.getByRole('link', { name: '北京康宁大药房有限公司' })).toBeVisible();
  await fresh.close();
});

test('a truncated backup is refused with the Chinese error, and nothing changes', async ({ page }, testInfo) => {
  await page.goto('/#/companies');
  await loadSamples(page);
  await putRows(page, { blobSizes: [200_000], tag: 'e2e' });
  await openSettings(page);
  const backupPath = testInfo.outputPath('full.cwbackup');
  await backupTo(page, backupPath);
  const bytes = await readFile(backupPath);
  await putRows(page, { bulkRows: 3, tag: 'after' });
  const before = await fingerprint(page);

  let downloads = 0;
  page.on('download', () => {
    downloads += 1;
  });
  await chooseBackup(page, { name: '截断的备份.cwbackup', mimeType: 'application/octet-stream', buffer: bytes.subarray(0, Math.floor(bytes.length / 2)) });
  const error = page.getByRole('dialog').filter({ hasText: '无法从“截断的备份.cwbackup”恢复' });
  // The zip directory is read before anything is inflated: a cut file has none at its end.
  await expect(error.getByText('不是有效的备份文件：找不到压缩包目录，文件已损坏或被截断')).toBeVisible();
  await expect(error.getByText('现有数据没有任何改动。')).toBeVisible();
  await error.getByRole('button', { name: '知道了' }).click();

  // One changed byte inside the stored scan: the checksum catches it.
  const flipped = Buffer.from(bytes);
  const at = flipped.indexOf(Buffer.from('files/f000001')) + 200;
  flipped[at] = (flipped[at] ?? 0) ^ 0xff;
  await chooseBackup(page, { name: '改过的备份.cwbackup', mimeType: 'application/octet-stream', buffer: flipped });
  const checksum = page.getByRole('dialog').filter({ hasText: '无法从“改过的备份.cwbackup”恢复' });
  await expect(checksum.getByText('文件 f000001 的校验值不符，备份已损坏')).toBeVisible();
  await checksum.getByRole('button', { name: '知道了' }).click();

  expect(downloads).toBe(0);
  expect(await fingerprint(page)).toEqual(before);
});

test('a workspace of thousands of records and 200 MB of documents survives backup and restore byte for byte', async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('/#/companies');
  await loadSamples(page);
  await putRows(page, { blobSizes: [60, 60, 50, 30].map((mb) => mb * 1024 * 1024), bulkRows: 6000, tag: 'big' });
  const original = await fingerprint(page);
  expect(Object.values(original.counts).reduce((n, c) => n + c, 0)).toBeGreaterThan(6000);

  await openSettings(page);
  const backupPath = testInfo.outputPath('big.cwbackup');
  const started = Date.now();
  await backupTo(page, backupPath);
  testInfo.annotations.push({ type: 'backup', description: `${((await readFile(backupPath)).length / 1024 / 1024).toFixed(0)} MB in ${Date.now() - started} ms` });

  const fresh = await browser.newContext();
  const page2 = await fresh.newPage();
  await openSettings(page2);
  const restoreStarted = Date.now();
  await chooseBackup(page2, backupPath);
  const confirm = page2.getByRole('dialog', { name: '确认从备份恢复' });
  await expect(confirm.getByText(/文件 4 个（200\.0 MB）/)).toBeVisible({ timeout: 120_000 });
  const undoDownload = page2.waitForEvent('download');
  await confirm.getByRole('button', { name: '恢复' }).click();
  await undoDownload;
  await expect(page2.getByRole('dialog').filter({ hasText: '已从备份恢复' })).toBeVisible({ timeout: 120_000 });
  testInfo.annotations.push({ type: 'restore', description: `${Date.now() - restoreStarted} ms` });
  expect(await fingerprint(page2)).toEqual(original);
  await fresh.close();
});

/**
 * The page as it runs in Electron, with main replaced by an in-page stand-in for the preload's
 * window.workbench: backups kept in memory (and sessionStorage, to survive the reload after a
 * restore). It checks the page's half of the desktop flow; main's half has its unit tests.
 */
async function installFakeDesktop(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
    const toBase64 = (bytes: Uint8Array) => {
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    };
    const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    type Stored = { name: string; reason: string; createdAt: string; data: string };
    const load = (): { files: Stored[]; pending: boolean | null; quitReports: [string, boolean][] } =>
      JSON.parse(sessionStorage.getItem('fake-main') ?? '{"files":[],"pending":null,"quitReports":[]}') as never;
    const save = (state: ReturnType<typeof load>) => sessionStorage.setItem('fake-main', JSON.stringify(state));
    const sessions = new Map<string, { chunks: Uint8Array[]; reason: string }>();
    let quitListener: ((id: string) => void) | null = null;
    const suffix: Record<string, string> = { automatic: 'auto', manual: 'manual', beforeRestore: 'pre-restore' };
    const api: Record<string, unknown> = {
      getAppInfo: () => ok({ version: '0.1.0', platform: 'win32', userDataPath: 'C:\\Users\\合规专员\\AppData\\Roaming\\企业合规工作台' }),
      loadKnowledgeBaseOverride: () => ok({ isPresent: false, path: 'C:\\kb.json' }),
      scheduleReminders: () => ok({ scheduled: 0, skippedPast: 0 }),
      beginBackup: ({ target }: { target: { kind: string; reason?: string } }) => {
        const id = Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32);
        sessions.set(id, { chunks: [], reason: target.reason ?? 'manual' });
        return ok({ isStarted: true, sessionId: id });
      },
      appendBackup: ({ sessionId, chunk }: { sessionId: string; chunk: Uint8Array }) => {
        sessions.get(sessionId)?.chunks.push(chunk.slice());
        return ok({ bytesWritten: 0 });
      },
      finishBackup: ({ sessionId }: { sessionId: string }) => {
        const session = sessions.get(sessionId);
        sessions.delete(sessionId);
        const state = load();
        const size = session?.chunks.reduce((n, c) => n + c.length, 0) ?? 0;
        const bytes = new Uint8Array(size);
        let offset = 0;
        for (const c of session?.chunks ?? []) {
          bytes.set(c, offset);
          offset += c.length;
        }
        const name = `workbench-backup-20261126-10300${state.files.length}-${suffix[session?.reason ?? 'manual']}.cwbackup`;
        state.files.push({ name, reason: session?.reason ?? 'manual', createdAt: new Date(Date.UTC(2026, 10, 26, 2, 30, state.files.length)).toISOString(), data: toBase64(bytes) });
        save(state);
        return ok({ name, path: `C:\\Users\\合规专员\\AppData\\Roaming\\企业合规工作台\\backups\\${name}`, size, isInBackupFolder: true, isEncrypted: false, tableCount: 0, fileCount: 0 });
      },
      abortBackup: () => ok(null),
      listBackups: () => ok({
        folder: 'C:\\Users\\合规专员\\AppData\\Roaming\\企业合规工作台\\backups',
        backups: load().files.map((f) => ({ name: f.name, createdAt: f.createdAt, size: Math.floor((f.data.length * 3) / 4), reason: f.reason, isAutomatic: f.reason === 'automatic' })).reverse(),
      }),
      readBackup: ({ source, offset, length }: { source: { name: string }; offset: number; length: number }) => {
        const file = load().files.find((f) => f.name === source.name);
        const bytes = fromBase64(file?.data ?? '');
        return ok({ bytes: bytes.slice(offset, offset + length), totalSize: bytes.length });
      },
      pruneBackups: () => ok({ deleted: [] }),
      deleteBackup: () => ok(null),
      openBackupFolder: () => ok({ folder: 'C:\\backups' }),
      setPendingChanges: ({ hasPendingChanges }: { hasPendingChanges: boolean }) => {
        const state = load();
        state.pending = hasPendingChanges;
        save(state);
        return ok(null);
      },
      reportQuitBackup: ({ requestId, isBackedUp }: { requestId: string; isBackedUp: boolean }) => {
        const state = load();
        state.quitReports.push([requestId, isBackedUp]);
        save(state);
        return ok(null);
      },
      onBackupRequested: (listener: (id: string) => void) => {
        quitListener = listener;
        return () => undefined;
      },
      onMenuCommand: () => () => undefined,
      onReminderClicked: () => () => undefined,
    };
    // Anything else the page may call gets a Chinese refusal rather than a crash.
    Object.defineProperty(window, 'workbench', {
      value: new Proxy(api, {
        get: (target, key: string) => target[key] ?? (key.startsWith('on')
          ? () => () => undefined
          : () => Promise.resolve({ ok: false, error: { code: 'test.unsupported', message: '测试替身不支持此操作' } })),
      }),
    });
    Object.defineProperty(window, 'fakeMain', { value: { state: load, requestQuit: (id: string) => quitListener?.(id) } });
  });
}

interface FakeMainState {
  readonly files: readonly { name: string; reason: string }[];
  readonly pending: boolean | null;
  readonly quitReports: readonly [string, boolean][];
}

const fakeMainState = (page: Page) => page.evaluate(() => (window as unknown as { fakeMain: { state: () => FakeMainState } }).fakeMain.state());

test('desktop: 立即备份 into the backup folder, a backup at quit, and a restore from the list', async ({ page }, testInfo) => {
  await installFakeDesktop(page);
  await page.goto('/#/companies');
  await loadSamples(page);
  await openSettings(page);
  await expect(page.getByText('自动备份已开启：有改动时每 30 分钟备份一次，退出应用时也会备份')).toBeVisible();
  await expect.poll(async () => (await fakeMainState(page)).pending).toBe(true);

  await page.getByLabel('备份间隔（分钟）').fill('10');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('自动备份已开启：有改动时每 10 分钟备份一次，退出应用时也会备份')).toBeVisible();
  await page.getByLabel('备份间隔（分钟）').fill('2');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('备份间隔不能小于 5')).toBeVisible();
  await page.getByLabel('备份间隔（分钟）').fill('10');

  const atManualBackup = await fingerprint(page);
  await page.getByRole('button', { name: '立即备份' }).click();
  const done = page.getByRole('dialog').filter({ hasText: '备份完成' });
  await expect(done.getByText(/backups\\workbench-backup-20261126-103000-manual\.cwbackup/)).toBeVisible();
  await done.getByRole('button', { name: '知道了' }).click();
  await expect(done).toBeHidden();
  await expect(page.getByText('1 份备份')).toBeVisible();
  await expect(page.getByText('所有改动都已备份')).toBeVisible();
  await expect.poll(async () => (await fakeMainState(page)).pending).toBe(false);
  await page.screenshot({ path: testInfo.outputPath('settings-desktop.png'), fullPage: true });

  // A change made in the app (change tracking follows the app's own writes), then main asks for
  // a backup before quitting.
  await page.getByLabel('备份间隔（分钟）').fill('15');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('有尚未备份的改动')).toBeVisible();
  await expect.poll(async () => (await fakeMainState(page)).pending).toBe(true);
  await page.evaluate(() => (window as unknown as { fakeMain: { requestQuit: (id: string) => void } }).fakeMain.requestQuit('0123456789abcdef0123456789abcdef'));
  await expect.poll(async () => (await fakeMainState(page)).quitReports).toEqual([['0123456789abcdef0123456789abcdef', true]]);
  expect((await fakeMainState(page)).files.map((f) => f.reason)).toEqual(['manual', 'automatic']);
  await expect(page.getByText('2 份备份')).toBeVisible();

  await page.getByRole('button', { name: '从备份恢复…' }).click();
  const list = page.getByRole('dialog', { name: '从备份恢复' });
  await expect(list.getByRole('row')).toHaveCount(3);
  await page.screenshot({ path: testInfo.outputPath('restore-list-desktop.png') });
  await list.getByRole('button', { name: /^恢复 .* 的备份$/ }).last().click();
  const confirm = page.getByRole('dialog', { name: '确认从备份恢复' });
  await expect(confirm.getByText(/恢复前会先把当前数据备份到备份文件夹/)).toBeVisible();
  await confirm.getByRole('button', { name: '恢复' }).click();
  const restored = page.getByRole('dialog').filter({ hasText: '已从备份恢复' });
  await expect(restored.getByText(/workbench-backup-20261126-103002-pre-restore\.cwbackup/)).toBeVisible();
  await restored.getByRole('button', { name: '知道了' }).click();
  expect((await fakeMainState(page)).files.map((f) => f.reason)).toEqual(['manual', 'automatic', 'beforeRestore']);
  expect(await fingerprint(page)).toEqual(atManualBackup);
});

test('a restore interrupted by closing the page leaves the store exactly as it was', async ({ page, context }, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('/#/companies');
  await loadSamples(page);
  await putRows(page, { blobSizes: [8 * 1024 * 1024, 8 * 1024 * 1024], bulkRows: 60_000, tag: 'bulk' });
  await openSettings(page);
  const backupPath = testInfo.outputPath('bulk.cwbackup');
  await backupTo(page, backupPath);

  // The state to protect: different from the backup (bulk rows gone, a row of its own).
  await page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('settings', 'readwrite');
      tx.objectStore('settings').delete(IDBKeyRange.bound('bulk-row-', 'bulk-row-\uffff'));
      tx.objectStore('settings').put({ key: 'protected', value: '恢复中断后必须仍在' });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    });
    db.close();
  }, DB_NAME);
  const before = await fingerprint(page);
  expect(before.counts.settings).toBeLessThan(100);

  await chooseBackup(page, backupPath);
  const confirm = page.getByRole('dialog', { name: '确认从备份恢复' });
  await expect(confirm).toBeVisible({ timeout: 60_000 });
  const undoDownload = page.waitForEvent('download');
  await confirm.getByRole('button', { name: '恢复' }).click();
  await undoDownload;
  // Inside the one write transaction: some rows written, the commit still far away.
  await expect(page.getByText(/正在写入数据（([1-9]\d{3,}) \/ 6\d{4} 条记录）/)).toBeVisible({ timeout: 60_000 });
  await page.close({ runBeforeUnload: false });

  const reopened = await context.newPage();
  await reopened.goto('/#/settings');
  const after = await fingerprint(reopened);
  expect(after).toEqual(before);
  await writeFile(testInfo.outputPath('fingerprint.json'), JSON.stringify(after.counts, null, 2));
});

test('a workspace import interrupted by closing the page leaves the store exactly as it was', async ({ page, context }) => {
  test.setTimeout(300_000);
  await page.goto('/#/companies');
  await loadSamples(page);
  const before = await fingerprint(page);

  const file = largeFleetWorkspace(30);
  await page.goto('/#/companies');
  const chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入工作区' }).first().click();
  await (await chooserPromise).setFiles({ name: 'fleet.json', mimeType: 'application/json', buffer: file });
  const preview = page.getByRole('dialog', { name: /导入工作区/ });
  await expect(preview.getByText('30 家企业')).toBeVisible({ timeout: 120_000 });
  await preview.getByRole('button', { name: '导入' }).click();
  // The import writes everything in one transaction; close the page while it is half done.
  await expect(preview.getByText(/^([1-9]\d{3,}) \/ 60030$/)).toBeVisible({ timeout: 60_000 });
  await page.close({ runBeforeUnload: false });

  const reopened = await context.newPage();
  await reopened.goto('/#/companies');
  expect(await fingerprint(reopened)).toEqual(before);
});
