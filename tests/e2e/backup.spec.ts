import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

/*
 * Backup and restore in the browser build, in Chromium against the built renderer: 「备份到…」
 * is a download and 「从备份恢复…」 an upload. The store is inspected with raw IndexedDB, so the
 * checks do not trust the code under test: every table of the database, Blobs by SHA-256.
 */

const DB_NAME = 'compliance-workbench';

/** Every object store as JSON, Blobs as "blob:<type>:<size>:<sha256>"; plus row counts. */
async function fingerprint(page: Page): Promise<{ readonly digest: string; readonly counts: Record<string, number>; readonly blobs: Record<string, string> }> {
  return page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const blobs: Record<string, string> = {};
    const normalize = async (value: unknown, path: string): Promise<unknown> => {
      if (value instanceof Blob) {
        const digest = `blob:${value.type}:${value.size}:${hex(await crypto.subtle.digest('SHA-256', await value.arrayBuffer()))}`;
        blobs[path] = digest;
        return digest;
      }
      if (value instanceof Date) return `date:${value.toISOString()}`;
      if (Array.isArray(value)) return Promise.all(value.map((v, i) => normalize(v, `${path}[${i}]`)));
      if (value !== null && typeof value === 'object') {
        const entries = await Promise.all(Object.keys(value).sort().map(async (k) => [k, await normalize((value as Record<string, unknown>)[k], `${path}.${k}`)] as const));
        return Object.fromEntries(entries);
      }
      return value;
    };
    const names = [...db.objectStoreNames].sort();
    const tables: Record<string, unknown> = {};
    const counts: Record<string, number> = {};
    for (const name of names) {
      const [keys, rows] = await new Promise<[IDBValidKey[], unknown[]]>((resolve, reject) => {
        const tx = db.transaction(name, 'readonly');
        const store = tx.objectStore(name);
        const keysRequest = store.getAllKeys();
        const rowsRequest = store.getAll();
        tx.oncomplete = () => resolve([keysRequest.result, rowsRequest.result as unknown[]]);
        tx.onerror = () => reject(tx.error ?? new Error('read failed'));
      });
      counts[name] = rows.length;
      tables[name] = await normalize(rows.map((row, i) => ({ key: keys[i], row })), name);
    }
    db.close();
    const json = new TextEncoder().encode(JSON.stringify(tables));
    return { digest: hex(await crypto.subtle.digest('SHA-256', json)), counts, blobs };
  }, DB_NAME);
}

/**
 * Writes rows straight into the app's `settings` store (its value is free-form), outside the
 * app's code: Blobs like stored scans, and bulk rows to make a restore transaction long.
 */
async function putRows(page: Page, spec: { readonly blobSizes?: readonly number[]; readonly bulkRows?: number; readonly tag: string }): Promise<void> {
  await page.evaluate(async ({ dbName, blobSizes, bulkRows, tag }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const bytesOf = (seed: number, size: number) => {
      const bytes = new Uint8Array(size);
      let x = (seed * 2654435761) >>> 0;
      for (let i = 0; i < size; i += 4) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        bytes[i] = x & 0xff;
        bytes[i + 1] = (x >>> 8) & 0xff;
        bytes[i + 2] = (x >>> 16) & 0xff;
        bytes[i + 3] = x >>> 24;
      }
      return bytes;
    };
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('settings', 'readwrite');
      const store = tx.objectStore('settings');
      blobSizes.forEach((size, i) => {
        store.put({
          key: `${tag}-document-${i}`,
          value: { fileName: `劳动合同与身份证扫描件-${i}.jpg`, scan: new Blob([bytesOf(i + 1, size)], { type: i % 2 === 0 ? 'image/jpeg' : 'application/pdf' }), storedAt: new Date(Date.UTC(2021, 10, 15, i)) },
        });
      });
      for (let i = 0; i < bulkRows; i++) {
        store.put({ key: `${tag}-row-${String(i).padStart(6, '0')}`, value: { note: `第 ${i} 条：北京市朝阳区建国路 ${i} 号`, amount: i * 1.5 } });
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    });
    db.close();
  }, { dbName: DB_NAME, blobSizes: spec.blobSizes ?? [], bulkRows: spec.bulkRows ?? 0, tag: spec.tag });
}

async function loadSamples(page: Page): Promise<void> {
  await page.goto('/#/companies');
  await page.getByRole('button', { name: '载入示例企业' }).first().click();
  const dialog = page.getByRole('dialog', { name: '载入示例企业' });
  await expect(dialog.getByText('3 家企业')).toBeVisible();
  await dialog.getByRole('button', { name: /^(载入|替换并载入)$/ }).click();
  await expect(dialog).toBeHidden();
}

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
  await loadSamples(page);
  await putRows(page, { blobSizes: [3 * 1024 * 1024, 777, 0], tag: 'e2e' });
  const original = await fingerprint(page);
  expect(original.counts.companies).toBe(3);
  expect(Object.keys(original.blobs)).toHaveLength(3);

  await openSettings(page);
  await expect(page.getByText('浏览器版不会自动备份')).toBeVisible();
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
  await expect(confirm.getByText(/企业 3/)).toBeVisible();
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
  await expect(error.getByText('不是有效的备份文件：文件已损坏、被截断或不是本应用生成的备份')).toBeVisible();
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

test('a restore interrupted by closing the page leaves the store exactly as it was', async ({ page, context }, testInfo) => {
  test.setTimeout(300_000);
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
