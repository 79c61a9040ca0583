import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type BrowserType, type Page } from '@playwright/test';
import { chooseOption, loadSamples, notice } from './steps';
import { smallPng } from './pngFixture';

/*
 * Encryption at rest of personal information (issue 6), in Chromium against the built renderer,
 * with a profile on disk. The same officer's work is done twice, once with encryption on and once
 * without (the control, which shows the search can find what it looks for):
 *   a person with a test ID number and phone, and an ID-card scan whose bytes contain the number,
 *   registered as a 身份证复印件 with the number as its 证号.
 * Then the stored data is searched for the ID number in plain text, twice:
 *   - in the page: every IndexedDB object store read with raw IndexedDB (Blobs by their bytes),
 *     localStorage and sessionStorage;
 *   - on disk: every file of the profile's IndexedDB, Local Storage and Session Storage folders,
 *     as ASCII and as UTF-16LE, after the browser has closed.
 * Encrypted: nothing is found, and after a reload the recovery passphrase unlocks the same data.
 */

const ID_NUMBER = '11010519491231002X';
const PHONE = '13912345678';
const PASSPHRASE = '京合规-测试口令-2026';
const COMPANY = '北京康宁大药房有限公司';
const DB_NAME = 'compliance-workbench';

async function launch(playwright: { readonly chromium: BrowserType }, profile: string, baseURL: string): Promise<BrowserContext> {
  const launchOptions = test.info().project.use.launchOptions ?? {};
  return playwright.chromium.launchPersistentContext(profile, {
    ...launchOptions, baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 1000 },
  });
}

async function turnOnEncryption(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
  await page.getByRole('button', { name: '开启加密…' }).click();
  const dialog = page.getByRole('dialog', { name: '开启个人信息加密' });
  await dialog.getByLabel('恢复口令', { exact: true }).fill('太短了');
  await dialog.getByLabel('再次输入').fill('太短了');
  await dialog.getByRole('button', { name: '开启加密' }).click();
  await expect(dialog.getByText('恢复口令至少需要 8 个字符')).toBeVisible();
  await dialog.getByLabel('恢复口令', { exact: true }).fill(PASSPHRASE);
  await dialog.getByLabel('再次输入').fill(PASSPHRASE);
  await dialog.getByRole('button', { name: '开启加密' }).click();
  await expect(notice(page, '个人信息加密已开启')).toBeVisible();
}

/** The officer's work: samples, a person with an ID number, an ID-card scan. */
async function recordPersonalData(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '企业' }).click();
  await loadSamples(page);
  await page.getByRole('link', { name: COMPANY }).click();
  await page.getByRole('tab', { name: /人员/ }).click();
  await page.getByRole('button', { name: '添加人员' }).click();
  const personDialog = page.getByRole('dialog', { name: '添加人员' });
  await personDialog.getByLabel('姓名').fill('赵测试');
  await personDialog.getByLabel('居民身份证号码').fill(ID_NUMBER);
  await personDialog.getByLabel('联系电话').fill(PHONE);
  await personDialog.getByRole('button', { name: '保存' }).click();
  await expect(personDialog).toBeHidden();

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '材料与申报' }).click();
  await page.getByLabel('选择要上传的文件').setInputFiles({ name: `赵测试身份证${ID_NUMBER}.png`, mimeType: 'image/png', buffer: smallPng(`ID ${ID_NUMBER}`) });
  const dialog = page.getByRole('dialog', { name: '登记材料' });
  await chooseOption(page, dialog, '材料类型', '身份证复印件');
  await dialog.getByLabel('证号/编号').fill(ID_NUMBER);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
}

/** Every stored byte the page can reach (raw IndexedDB, Blobs included; both web storages) as text. */
async function storedText(page: Page): Promise<string> {
  return page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const parts: string[] = [];
    const walk = async (value: unknown): Promise<void> => {
      if (value instanceof Blob) {
        const bytes = new Uint8Array(await value.arrayBuffer());
        parts.push(new TextDecoder('latin1').decode(bytes), new TextDecoder('utf-8').decode(bytes));
      } else if (Array.isArray(value)) {
        for (const item of value) await walk(item);
      } else if (value !== null && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          parts.push(key);
          await walk(item);
        }
      } else {
        parts.push(String(value));
      }
    };
    for (const name of [...db.objectStoreNames]) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name, 'readonly').objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
      await walk(rows);
    }
    db.close();
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) parts.push(storage.key(i) ?? '', storage.getItem(storage.key(i) ?? '') ?? '');
    }
    return parts.join('\n');
  }, DB_NAME);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))));
  return nested.flat();
}

/** Files of the profile's site storage that contain the ID number as ASCII or UTF-16LE. */
async function filesOnDiskWithIdNumber(profile: string): Promise<string[]> {
  const ascii = Buffer.from(ID_NUMBER, 'latin1');
  const utf16 = Buffer.from(ID_NUMBER, 'utf16le');
  const files = (await Promise.all(['IndexedDB', 'Local Storage', 'Session Storage'].map((d) => filesUnder(join(profile, 'Default', d))))).flat();
  expect(files.length, 'the profile has site storage files to search').toBeGreaterThan(0);
  const hits: string[] = [];
  for (const file of files) {
    const bytes = await readFile(file);
    if (bytes.includes(ascii) || bytes.includes(utf16)) hits.push(file.slice(profile.length));
  }
  return hits;
}

for (const isEncrypted of [false, true]) {
  test(isEncrypted ? 'with encryption on, no stored byte holds the ID number in plain text; the passphrase unlocks it after a reload'
    : 'control: without encryption, the same search finds the ID number in the store and on disk', async ({ playwright, baseURL }) => {
    test.setTimeout(180_000);
    const profile = await mkdtemp(join(tmpdir(), 'cw-e2e-profile-'));
    try {
      let context = await launch(playwright, profile, baseURL!);
      let page = context.pages()[0] ?? await context.newPage();
      await page.goto('/');
      if (isEncrypted) await turnOnEncryption(page);
      await recordPersonalData(page);

      const inPage = await storedText(page);
      expect(inPage).toContain('赵测试');
      if (isEncrypted) {
        expect(inPage).not.toContain(ID_NUMBER);
        expect(inPage).not.toContain(PHONE);
      } else {
        expect(inPage).toContain(ID_NUMBER);
      }

      if (isEncrypted) {
        // A reload of the browser build asks for the passphrase; a wrong one is refused.
        await page.reload();
        await expect(page.getByText('数据已加密')).toBeVisible();
        await page.getByLabel('恢复口令').fill('不是这个口令123');
        await page.getByRole('button', { name: '解锁' }).click();
        await expect(page.getByText('恢复口令不正确')).toBeVisible();
        await page.getByLabel('恢复口令').fill(PASSPHRASE);
        await page.getByRole('button', { name: '解锁' }).click();
        await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '企业' }).click();
        await page.getByRole('link', { name: COMPANY }).click();
        await page.getByRole('tab', { name: /人员/ }).click();
        await page.getByRole('button', { name: '显示赵测试的身份证号码' }).click();
        await expect(page.getByText(ID_NUMBER)).toBeVisible();
        // The scan opens: decrypted bytes render as an image.
        await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '材料与申报' }).click();
        await page.getByRole('row').filter({ hasText: '身份证复印件' }).getByRole('button', { name: '预览' }).click();
        const image = page.getByRole('dialog').locator('img');
        await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
      }

      await context.close();
      const hits = await filesOnDiskWithIdNumber(profile);
      if (isEncrypted) expect(hits).toEqual([]);
      else expect(hits.length).toBeGreaterThan(0);

      if (isEncrypted) {
        // Still locked for the next session, and still intact.
        context = await launch(playwright, profile, baseURL!);
        page = context.pages()[0] ?? await context.newPage();
        await page.goto('/');
        await expect(page.getByText('数据已加密')).toBeVisible();
        await context.close();
      }
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
}

test('an encrypted workspace backs up and restores into another profile, opened there by the recovery passphrase', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/');
  await turnOnEncryption(page);
  await recordPersonalData(page);

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
  const backupPath = testInfo.outputPath('encrypted.cwbackup');
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份到…' }).click();
  await (await downloadPromise).saveAs(backupPath);
  await page.getByRole('dialog').filter({ hasText: '备份完成' }).getByRole('button', { name: '知道了' }).click();

  // "Another machine": an empty profile that has never seen the key.
  const other = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page2 = await other.newPage();
  await page2.goto('/');
  await page2.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
  const chooser = page2.waitForEvent('filechooser');
  await page2.getByRole('button', { name: '从备份恢复…' }).click();
  await (await chooser).setFiles(backupPath);
  const confirm = page2.getByRole('dialog', { name: '确认从备份恢复' });
  const undoDownload = page2.waitForEvent('download');
  await confirm.getByRole('button', { name: '恢复' }).click();
  await undoDownload;

  await expect(page2.getByText('数据已加密')).toBeVisible({ timeout: 60_000 });
  expect(await storedText(page2)).not.toContain(ID_NUMBER);
  await page2.getByLabel('恢复口令').fill(PASSPHRASE);
  await page2.getByRole('button', { name: '解锁' }).click();
  await page2.getByRole('dialog').filter({ hasText: '已从备份恢复' }).getByRole('button', { name: '知道了' }).click();
  await page2.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '企业' }).click();
  await page2.getByRole('link', { name: COMPANY }).click();
  await page2.getByRole('tab', { name: /人员/ }).click();
  await page2.getByRole('button', { name: '显示赵测试的身份证号码' }).click();
  await expect(page2.getByText(ID_NUMBER)).toBeVisible();
  await other.close();
});
