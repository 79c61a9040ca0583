import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { chooseOption, dataRows, loadSamples, notice, openCompany, openSection, shootFullPage, typeDate } from './steps';
import { unzipSync, zipSync } from 'fflate';
import { smallPng } from './pngFixture';

/*
 * The workspace package (.zip with every document file) end to end, in Chromium against the built
 * renderer: load the samples, upload a scan, export 「工作区包」 (a download), then in a fresh
 * profile refuse a truncated copy and show a tampered scan as a problem (nothing written either
 * time) and import the package: the preview counts the file, the scan opens as an image, and the
 * stored bytes (read with raw IndexedDB, not through the app) hash to the uploaded file's SHA-256.
 * With encryption at rest on, the export says the package is not encrypted and holds the opened
 * file, and an encrypted store seals the imported file.
 */

const COMPANY = '北京康宁大药房有限公司';
const SCAN_NAME = '营业执照扫描件';
const SCAN = smallPng();
const SCAN_SHA256 = createHash('sha256').update(SCAN).digest('hex');
const SHOTS = process.env.PACKAGE_SHOTS_DIR;
const PASSPHRASE = '京合规-恢复口令-2026';
const SEALED_TYPE = 'application/x-cw-sealed';

/** Each stored document file as "<id>:<type>:<size>:<sha256>", and each document's hasFile, read with raw IndexedDB. */
async function storedFiles(page: Page): Promise<{ files: string[]; hasFile: Record<string, boolean> }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('compliance-workbench');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
    const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const files = await Promise.all(
      ((await all('documentFiles')) as { id: string; blob: Blob }[]).map(
        async (row) => `${row.id}:${row.blob.type}:${row.blob.size}:${hex(await crypto.subtle.digest('SHA-256', await row.blob.arrayBuffer()))}`,
      ),
    );
    const hasFile = Object.fromEntries(((await all('documents')) as { id: string; hasFile: boolean }[]).map((d) => [d.id, d.hasFile]));
    db.close();
    return { files, hasFile };
  });
}

async function turnOnEncryption(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
  await page.getByRole('button', { name: '开启加密…' }).click();
  const dialog = page.getByRole('dialog', { name: '开启个人信息加密' });
  await dialog.getByLabel('恢复口令', { exact: true }).fill(PASSPHRASE);
  await dialog.getByLabel('再次输入').fill(PASSPHRASE);
  await dialog.getByRole('button', { name: '开启加密' }).click();
  await expect(notice(page, '个人信息加密已开启')).toBeVisible();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '企业' }).click();
}

async function loadSamplesWithScan(page: Page): Promise<void> {
  await loadSamples(page);
  await openDocuments(page);
  await page.getByLabel('选择要上传的文件').setInputFiles({ name: `${SCAN_NAME}.png`, mimeType: 'image/png', buffer: SCAN });
  const register = page.getByRole('dialog', { name: '登记材料' });
  await register.getByRole('button', { name: '保存' }).click();
  await expect(register).toBeHidden();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '企业' }).click();
}

async function importFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入工作区' }).first().click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
}

async function expectScanPreview(page: Page): Promise<void> {
  await openDocuments(page);
  const row = dataRows(page.locator('main').getByRole('tabpanel').getByRole('table')).filter({ hasText: SCAN_NAME });
  await expect(row).not.toContainText('无文件');
  await row.getByRole('button', { name: '预览' }).click();
  const image = page.getByRole('img', { name: SCAN_NAME });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
}

async function openDocuments(page: Page): Promise<void> {
  await openCompany(page, COMPANY);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '材料与申报' }).click();
  await expect(page.locator('main').getByRole('tab', { name: '文件库' })).toBeVisible();
}

test('export the workspace as a package with its scan, import it into a fresh profile, see the same bytes', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/');
  await loadSamplesWithScan(page);
  const before = await storedFiles(page);
  expect(before.files).toHaveLength(1);
  expect(before.files[0]).toMatch(new RegExp(`:image/png:${SCAN.length}:${SCAN_SHA256}$`));

  // The choice: a plain workspace file or the package with the files.
  await page.getByRole('button', { name: '导出工作区' }).click();
  const exportDialog = page.getByRole('dialog', { name: '导出工作区' });
  const choice = exportDialog.getByRole('radiogroup', { name: '导出内容' });
  await expect(choice.getByRole('radio', { name: /工作区文件（\.json，仅记录）/ })).not.toBeChecked();
  await expect(choice.getByRole('radio', { name: /工作区包（\.zip，含全部材料文件）/ })).toBeChecked();
  await expect(exportDialog.getByText(/加上 1 个材料文件/)).toBeVisible();
  await expect(exportDialog.getByText('导出的内容不加密')).toHaveCount(0);
  await shootFullPage(page, SHOTS, '01-export-choice');
  const downloadPromise = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: '导出' }).click();
  const download = await downloadPromise;
  await expect(exportDialog).toBeHidden();
  expect(download.suggestedFilename()).toMatch(/^企业合规工作台-工作区包-\d{8}\.zip$/);
  const packagePath = testInfo.outputPath('workspace-package.zip');
  await download.saveAs(packagePath);
  const packageBytes = new Uint8Array(await readFile(packagePath));

  // Read back outside the app: the JSON lists the scan, and its entry holds the uploaded bytes.
  const entries = unzipSync(packageBytes);
  const workspace = JSON.parse(new TextDecoder().decode(entries['workspace.json'])) as { companies: { documents: { id: string; sha256: string; hasFile?: boolean }[] }[] };
  const documents = workspace.companies.flatMap((c) => c.documents);
  expect(documents).toHaveLength(1);
  const [document] = documents;
  expect(document?.sha256).toBe(SCAN_SHA256);
  expect(document?.hasFile).toBe(true);
  const entryName = `files/${document?.id}.png`;
  expect(createHash('sha256').update(entries[entryName] ?? new Uint8Array()).digest('hex')).toBe(SCAN_SHA256);

  const fresh = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page2 = await fresh.newPage();
  await page2.goto('/');
  await expect(page2.getByText('工作区中还没有企业')).toBeVisible();

  // A download cut short: refused in Chinese, nothing written.
  await importFile(page2, 'cut.zip', packageBytes.subarray(0, Math.floor(packageBytes.length * 0.7)));
  const refusal = page2.getByRole('dialog').filter({ hasText: '无法导入“cut.zip”' });
  await expect(refusal.getByText(/工作区包无法解压/)).toBeVisible();
  await expect(refusal.getByText('工作区中的现有数据没有任何改动。')).toBeVisible();
  await refusal.getByRole('button', { name: '知道了' }).click();

  // The scan changed in place (same size): named as a problem before anything is written.
  const tampered = (entries[entryName] ?? new Uint8Array()).slice();
  tampered[tampered.length - 5] = (tampered[tampered.length - 5] ?? 0) ^ 0xff;
  await importFile(page2, 'tampered.zip', zipSync({ ...entries, [entryName]: tampered }));
  let preview = page2.getByRole('dialog', { name: /导入工作区/ });
  await expect(preview.getByText('1 个材料文件未通过校验，导入后这些材料只有登记信息、没有文件')).toBeVisible();
  await expect(preview.getByRole('list', { name: '未通过校验的材料文件' })).toContainText(`企业“${COMPANY}”的材料“${SCAN_NAME}”：文件校验值（SHA-256）与记录不符`);
  await expect(preview.getByText(/工作区包中没有可导入的材料文件；1 份材料将只有登记信息/)).toBeVisible();
  await shootFullPage(page2, SHOTS, '02-import-preview-problem');
  await preview.getByRole('button', { name: '取消' }).click();
  await expect(preview).toBeHidden();
  await expect(page2.getByText('工作区中还没有企业')).toBeVisible();
  expect(await storedFiles(page2)).toEqual({ files: [], hasFile: {} });

  // The package, under a name that says nothing: it is recognised by its content.
  await importFile(page2, '从同事处收到', packageBytes);
  preview = page2.getByRole('dialog', { name: /导入工作区/ });
  await expect(preview.getByText('3 家企业')).toBeVisible();
  await expect(preview.getByText('1 个材料文件')).toBeVisible();
  await shootFullPage(page2, SHOTS, '03-import-preview');
  await preview.getByRole('button', { name: '导入' }).click();
  await expect(preview).toBeHidden();

  const after = await storedFiles(page2);
  expect(after.files).toEqual(before.files);
  expect(Object.values(after.hasFile)).toEqual([true]);
  await expectScanPreview(page2);
  await fresh.close();
});

test('with encryption at rest on: the export warns and holds the opened file; an encrypted store seals the import', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/');
  await turnOnEncryption(page);
  await loadSamplesWithScan(page);
  const stored = await storedFiles(page);
  expect(stored.files).toHaveLength(1);
  // Sealed in the store: neither the type nor the hash of the scan.
  expect(stored.files[0]).toContain(`:${SEALED_TYPE}:`);
  expect(stored.files[0]).not.toContain(SCAN_SHA256);

  await page.getByRole('button', { name: '导出工作区' }).click();
  const exportDialog = page.getByRole('dialog', { name: '导出工作区' });
  await expect(exportDialog.getByText('导出的内容不加密')).toBeVisible();
  await expect(exportDialog.getByText(/工作区包中的记录和材料文件（身份证复印件、劳动合同等）都以未加密的原样保存/)).toBeVisible();
  await shootFullPage(page, SHOTS, '04-export-choice-encrypted');
  const downloadPromise = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: '导出' }).click();
  const download = await downloadPromise;
  const packagePath = testInfo.outputPath('encrypted-workspace-package.zip');
  await download.saveAs(packagePath);
  const packageBytes = new Uint8Array(await readFile(packagePath));
  const files = Object.entries(unzipSync(packageBytes)).filter(([name]) => name.startsWith('files/'));
  expect(files.map(([, bytes]) => createHash('sha256').update(bytes).digest('hex'))).toEqual([SCAN_SHA256]);

  const fresh = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page2 = await fresh.newPage();
  await page2.goto('/');
  await turnOnEncryption(page2);
  await importFile(page2, 'workspace.zip', packageBytes);
  const preview = page2.getByRole('dialog', { name: /导入工作区/ });
  await expect(preview.getByText('1 个材料文件')).toBeVisible();
  await preview.getByRole('button', { name: '导入' }).click();
  await expect(preview).toBeHidden();
  const imported = await storedFiles(page2);
  expect(imported.files).toHaveLength(1);
  expect(imported.files[0]).toContain(`:${SEALED_TYPE}:`);
  expect(imported.files[0]).not.toContain(SCAN_SHA256);
  await expectScanPreview(page2);
  await fresh.close();
});

/**
 * Each stored energy evidence file as "<id>:<type>:<size>:<sha256>", read with raw IndexedDB: the
 * ids listed in energyAttachments, the bytes from the one file store (documentFiles).
 */
async function storedEvidence(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('compliance-workbench');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
    const evidenceIds = new Set(((await all('energyAttachments')) as { id: string }[]).map((row) => row.id));
    const rows = ((await all('documentFiles')) as { id: string; blob: Blob }[]).filter((row) => evidenceIds.has(row.id));
    const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const described = await Promise.all(rows.map(async (row) => `${row.id}:${row.blob.type}:${row.blob.size}:${hex(await crypto.subtle.digest('SHA-256', await row.blob.arrayBuffer()))}`));
    db.close();
    return described;
  });
}

test('a reading\'s evidence photo travels in the workspace package and opens and downloads in a fresh profile', async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const dataCentre = '北京云泽数据科技有限公司';
  // A past year before the sample's own readings (2025 on), so the month is over and free.
  const year = Math.min(new Date().getFullYear() - 1, 2024);
  const month = `${year}-01`;
  const photoName = `${month}电费单.png`;
  const photo = smallPng('electricity bill 0101');
  const photoSha256 = createHash('sha256').update(photo).digest('hex');
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/');
  await loadSamples(page);

  // Attach the bill photo to a month's electricity reading.
  const openLedger = async (p: Page) => {
    await openCompany(p, dataCentre);
    await openSection(p, '能源');
    await expect(p.getByRole('heading', { name: '能源台账' })).toBeVisible();
    await chooseOption(p, p.locator('main'), '场所', '云泽亦庄数据中心（数据中心）');
    await chooseOption(p, p.locator('main'), '年份', `${year} 年`);
  };
  await openLedger(page);
  await page.getByRole('button', { name: '录入用量' }).click();
  const form = page.getByRole('dialog', { name: '录入月度用量' });
  await typeDate(form, '月份', month);
  await chooseOption(page, form, '单位', /^kWh（千瓦时）$/);
  await form.getByLabel('用量', { exact: true }).fill('12345');
  const chooser = page.waitForEvent('filechooser');
  await form.getByRole('button', { name: '添加凭证' }).click();
  await (await chooser).setFiles({ name: photoName, mimeType: 'image/png', buffer: photo });
  await expect(form.getByText(photoName)).toBeVisible();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  const before = await storedEvidence(page);
  expect(before).toHaveLength(1);
  expect(before[0]).toMatch(new RegExp(`:image/png:${photo.length}:${photoSha256}$`));

  // Export the package: the dialog counts the evidence file, the zip holds its bytes under evidence/.
  await openSection(page, '企业');
  await page.getByRole('button', { name: '导出工作区' }).click();
  const exportDialog = page.getByRole('dialog', { name: '导出工作区' });
  await expect(exportDialog.getByText(/全部记录，加上 1 个能耗凭证文件（共 /)).toBeVisible();
  await shootFullPage(page, SHOTS, '05-export-choice-evidence');
  const downloadPromise = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: '导出' }).click();
  const packagePath = testInfo.outputPath('workspace-package-evidence.zip');
  await (await downloadPromise).saveAs(packagePath);
  const packageBytes = new Uint8Array(await readFile(packagePath));
  const evidenceEntries = Object.entries(unzipSync(packageBytes)).filter(([name]) => name.startsWith('evidence/'));
  expect(evidenceEntries.map(([name, bytes]) => [name.endsWith('.png'), createHash('sha256').update(bytes).digest('hex')])).toEqual([[true, photoSha256]]);

  // A fresh profile imports it: the preview counts the evidence, the store holds the same bytes.
  const fresh = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const page2 = await fresh.newPage();
  await page2.goto('/');
  await expect(page2.getByText('工作区中还没有企业')).toBeVisible({ timeout: 60_000 });
  await importFile(page2, 'workspace.zip', packageBytes);
  const preview = page2.getByRole('dialog', { name: /导入工作区/ });
  await expect(preview.getByText('1 个能耗凭证文件')).toBeVisible();
  await shootFullPage(page2, SHOTS, '06-import-preview-evidence');
  await preview.getByRole('button', { name: '导入' }).click();
  await expect(preview).toBeHidden({ timeout: 90_000 });
  expect(await storedEvidence(page2)).toEqual(before);

  // The reading's evidence opens as the image, and 另存副本 downloads the very bytes.
  await openLedger(page2);
  await page2.getByRole('table', { name: `${year} 年月度台账` }).getByRole('button', { name: `${month} 电力：12,345 kWh` }).click();
  const edit = page2.getByRole('dialog', { name: `编辑 ${month} 电力` });
  await edit.getByRole('button', { name: '查看' }).click();
  const image = page2.getByRole('img', { name: photoName });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await shootFullPage(page2, SHOTS, '07-evidence-after-import');
  const copyPromise = page2.waitForEvent('download');
  await page2.getByRole('dialog', { name: `凭证：${photoName}` }).getByRole('button', { name: '另存副本' }).click();
  const copy = await copyPromise;
  expect(copy.suggestedFilename()).toBe(photoName);
  const copyPath = testInfo.outputPath('evidence-copy.png');
  await copy.saveAs(copyPath);
  expect(createHash('sha256').update(await readFile(copyPath)).digest('hex')).toBe(photoSha256);
  await fresh.close();
});
