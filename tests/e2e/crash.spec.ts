import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { loadSamples, storeFingerprint, type StoreFingerprint } from './steps';

/*
 * Issue 13 point 8: the browser is KILLED (SIGKILL to its whole process group, no unload, no
 * clean shutdown) during a restore, at moments spread over
 * the whole transaction and after its commit. Each trial runs in its own persistent profile (a
 * user-data directory on disk), so the store read after relaunching is what Chromium really
 * kept. The store must then be exactly as before (content hash and record counts) or exactly as
 * after; a trial killed after the app said it was done must find "after", so the after side is
 * reached at least once. backup.spec.ts closes the page mid-restore within one live browser;
 * this is the harder case of a dead browser process. The second test does the same during a
 * large workspace import.
 */

const DB_NAME = 'compliance-workbench';
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((c): c is string => typeof c === 'string' && c !== '' && existsSync(c));

/** Rows written outside the app: bulk rows make the restore transaction long; a marker makes "before" unique. */
async function putSettings(page: Page, rows: number, marker: string): Promise<void> {
  await page.evaluate(async ({ dbName, rows, marker }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('settings', 'readwrite');
      const store = tx.objectStore('settings');
      for (let i = 0; i < rows; i++) store.put({ key: `bulk-row-${String(i).padStart(6, '0')}`, value: { note: `第 ${i} 条：北京市朝阳区建国路 ${i} 号`, amount: i * 1.5 } });
      store.put({ key: 'crash-marker', value: marker });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    });
    db.close();
  }, { dbName: DB_NAME, rows, marker });
}

/** A Chromium of our own on a persistent profile, reached over CDP, so that it can be killed. */
class KillableBrowser {
  private constructor(private readonly child: ChildProcess, readonly browser: Browser) {}

  static async launch(profile: string): Promise<KillableBrowser> {
    if (CHROMIUM === undefined) throw new Error('no Chromium found for the crash tests');
    const child = spawn(CHROMIUM, [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--lang=zh-CN', 'about:blank',
    ], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    const endpoint = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${text}`)), 60_000);
      child.stderr?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on('exit', () => reject(new Error(`Chromium exited: ${text}`)));
    });
    return new KillableBrowser(child, await chromium.connectOverCDP(endpoint));
  }

  async newPage(baseURL: string, path: string): Promise<Page> {
    const context = this.browser.contexts()[0];
    if (context === undefined) throw new Error('no default context');
    const page = await context.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(new URL(path, baseURL).href);
    return page;
  }

  /** SIGKILL to Chromium and every process it started: nothing gets to flush or close. */
  async kill(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    if (this.child.pid !== undefined) process.kill(-this.child.pid, 'SIGKILL');
    await exited;
    // Helpers of the group may outlive the parent by a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

type Side = 'before' | 'after';

function sideOf(found: StoreFingerprint, before: StoreFingerprint, after: StoreFingerprint): Side | 'torn' {
  if (found.digest === before.digest) return 'before';
  if (found.digest === after.digest) return 'after';
  return 'torn';
}

/** Waits for `moment`, then kills; returns whether the app had already said it was done. */
type Moment = { readonly name: string; readonly run: (page: Page) => Promise<boolean> };

test.describe.configure({ mode: 'serial' });

test('a browser killed during a restore, at moments across the transaction and after it, keeps the store entirely before or entirely after', async ({ page }, testInfo) => {
  test.setTimeout(1_200_000);
  const baseURL = String(testInfo.project.use.baseURL);
  // The backup to restore, made in an ordinary profile; its content is the "after" state.
  await page.goto('/#/companies');
  await loadSamples(page);
  await page.goto('/#/settings');
  await putSettings(page, 30_000, 'in the backup');
  const after = await storeFingerprint(page);
  const backupPath = testInfo.outputPath('crash.cwbackup');
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份到…' }).click();
  await (await downloadPromise).saveAs(backupPath);
  await expect(page.getByRole('dialog').filter({ hasText: '备份完成' })).toBeVisible({ timeout: 60_000 });

  const writing = (p: Page) => expect(p.getByText(/正在写入数据（[1-9]\d* \/ \d+ 条记录）/)).toBeVisible({ timeout: 120_000 });
  const moments: readonly Moment[] = [
    { name: 'at the click on 恢复 (safety backup running)', run: () => Promise.resolve(false) },
    { name: 'as the write transaction starts', run: async (p) => { await writing(p); return false; } },
    { name: '1 s into the writes', run: async (p) => { await writing(p); await p.waitForTimeout(1000); return false; } },
    { name: '3 s into the writes', run: async (p) => { await writing(p); await p.waitForTimeout(3000); return false; } },
    {
      name: 'after the app said the restore was done',
      run: async (p) => { await expect(p.getByRole('dialog').filter({ hasText: '已从备份恢复' })).toBeVisible({ timeout: 300_000 }); return true; },
    },
  ];

  const sides: string[] = [];
  for (const [index, moment] of moments.entries()) {
    const profile = mkdtempSync(join(tmpdir(), 'crash-restore-'));
    // Killed in finally as well: a trial that fails an assertion must not leave its Chromium running.
    let browser: KillableBrowser | null = null;
    try {
      browser = await KillableBrowser.launch(profile);
      let live = await browser.newPage(baseURL, '/#/settings');
      await expect(live.getByRole('button', { name: '从备份恢复…' })).toBeVisible({ timeout: 60_000 });
      await putSettings(live, 0, `trial ${index}: the officer's own data`);
      const before = await storeFingerprint(live);
      expect(before.digest).not.toBe(after.digest);

      const chooser = live.waitForEvent('filechooser');
      await live.getByRole('button', { name: '从备份恢复…' }).click();
      await (await chooser).setFiles(backupPath);
      const confirm = live.getByRole('dialog', { name: '确认从备份恢复' });
      await expect(confirm).toBeVisible({ timeout: 120_000 });
      await confirm.getByRole('button', { name: '恢复' }).click();
      const saidDone = await moment.run(live);
      await browser.kill();

      browser = await KillableBrowser.launch(profile);
      live = await browser.newPage(baseURL, '/#/settings');
      await expect(live.getByRole('button', { name: '从备份恢复…' })).toBeVisible({ timeout: 60_000 });
      const found = await storeFingerprint(live);
      const side = sideOf(found, before, after);
      sides.push(`${moment.name}: ${side} (${JSON.stringify(found.counts)})`);
      expect(side, `${moment.name}: the store is neither before nor after`).not.toBe('torn');
      expect(found.counts).toEqual(side === 'before' ? before.counts : after.counts);
      if (saidDone) expect(side, `${moment.name}: the app said done, the store must be after`).toBe('after');
      await browser.kill();
    } finally {
      await browser?.kill();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  test.info().annotations.push({ type: 'sides', description: sides.join('\n') });
  process.stdout.write(`${sides.join('\n')}\n`);
  expect(sides.some((s) => s.includes(': after'))).toBe(true);
});

/** A workspace file of `companies` rental firms with 2,000 vehicles each, fixed timestamps. */
function largeWorkspace(companies: number): Buffer {
  const stamp = '2026-11-26T00:00:00.000Z';
  return Buffer.from(JSON.stringify({
    format: 'compliance-workbench/workspace',
    formatVersion: 1,
    exportedAt: stamp,
    companies: Array.from({ length: companies }, (_, c) => {
      const companyId = `crash-import-${c}`;
      return {
        company: { id: companyId, name: `北京第${c + 1}汽车租赁有限公司`, createdAt: stamp, updatedAt: stamp },
        vehicles: Array.from({ length: 2000 }, (_, i) => ({ id: `${companyId}-v${i}`, companyId, plate: `京A${String(i).padStart(5, '0')}`, usageNature: '租赁', filingStatus: '已备案' })),
      };
    }),
  }));
}

/*
 * The same during a large workspace import (20,000 vehicles, history on). An import's "after"
 * is the same content whenever it runs, except for the change-history entries' clock time and
 * their auto-increment sequence, so those two are left out of the comparison (everything else,
 * every record and every other field, is compared).
 */
const IMPORT_VOLATILE = ['changeLog.at', 'changeLog.@key', 'changeLog.seq'];

test('a browser killed during a large workspace import, at moments across the transaction and after it, keeps the store entirely before or entirely after', async ({ baseURL }) => {
  test.setTimeout(1_200_000);
  const companies = 10;
  const file = { name: '大型车队工作区.json', mimeType: 'application/json', buffer: largeWorkspace(companies) };
  const total = new RegExp(`^([1-9]\\d*) / ${companies * 2001}$`);

  /** 导入工作区 up to the preview, then 导入. */
  async function startImport(live: Page): Promise<void> {
    const chooser = live.waitForEvent('filechooser');
    await live.getByRole('button', { name: '导入工作区' }).first().click();
    await (await chooser).setFiles(file);
    const preview = live.getByRole('dialog', { name: /导入工作区/ });
    await expect(preview.getByText(`${companies} 家企业`)).toBeVisible({ timeout: 120_000 });
    await preview.getByRole('button', { name: '导入' }).click();
  }
  const openProfile = async (browser: KillableBrowser) => {
    const live = await browser.newPage(String(baseURL), '/#/companies');
    await expect(live.getByRole('button', { name: '导入工作区' }).first()).toBeVisible({ timeout: 60_000 });
    return live;
  };
  const done = (p: Page) => expect(p.getByText(/^导入完成：/)).toBeVisible({ timeout: 300_000 });
  const writing = (p: Page) => expect(p.getByRole('dialog', { name: /导入工作区/ }).getByText(total)).toBeVisible({ timeout: 120_000 });

  // The reference: the same import, uninterrupted, in a profile of its own.
  let before: StoreFingerprint;
  let after: StoreFingerprint;
  {
    const profile = mkdtempSync(join(tmpdir(), 'crash-import-ref-'));
    let browser: KillableBrowser | null = null;
    try {
      browser = await KillableBrowser.launch(profile);
      const live = await openProfile(browser);
      await putSettings(live, 0, "the officer's own data");
      before = await storeFingerprint(live, IMPORT_VOLATILE);
      await startImport(live);
      await done(live);
      after = await storeFingerprint(live, IMPORT_VOLATILE);
      expect(after.counts.vehicles).toBe(companies * 2000);
    } finally {
      await browser?.kill();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  expect(before.digest).not.toBe(after.digest);

  const moments: readonly Moment[] = [
    { name: 'at the click on 导入', run: () => Promise.resolve(false) },
    { name: 'as the writes start', run: async (p) => { await writing(p); return false; } },
    { name: '1 s into the writes', run: async (p) => { await writing(p); await p.waitForTimeout(1000); return false; } },
    { name: '3 s into the writes', run: async (p) => { await writing(p); await p.waitForTimeout(3000); return false; } },
    { name: 'after the app said the import was done', run: async (p) => { await done(p); return true; } },
  ];
  const sides: string[] = [];
  for (const moment of moments) {
    const profile = mkdtempSync(join(tmpdir(), 'crash-import-'));
    let browser: KillableBrowser | null = null;
    try {
      browser = await KillableBrowser.launch(profile);
      let live = await openProfile(browser);
      await putSettings(live, 0, "the officer's own data");
      expect((await storeFingerprint(live, IMPORT_VOLATILE)).digest).toBe(before.digest);
      await startImport(live);
      const saidDone = await moment.run(live);
      await browser.kill();

      browser = await KillableBrowser.launch(profile);
      live = await openProfile(browser);
      const found = await storeFingerprint(live, IMPORT_VOLATILE);
      const side = sideOf(found, before, after);
      sides.push(`${moment.name}: ${side} (${JSON.stringify(found.counts)})`);
      expect(side, `${moment.name}: the store is neither before nor after`).not.toBe('torn');
      expect(found.counts).toEqual(side === 'before' ? before.counts : after.counts);
      if (saidDone) expect(side, `${moment.name}: the app said done, the store must be after`).toBe('after');
    } finally {
      await browser?.kill();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  test.info().annotations.push({ type: 'sides', description: sides.join('\n') });
  process.stdout.write(`${sides.join('\n')}\n`);
  expect(sides.some((s) => s.includes(': after'))).toBe(true);
});
