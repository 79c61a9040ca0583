import { expect, type Locator, type Page } from '@playwright/test';

/*
 * Steps many specs take on the way to what they test, written once. Elements are found by role
 * and accessible name, as a user (or a screen reader) finds them.
 */

/** 「载入示例企业」 from the page that is open: the pharmacy, the rental firm and the data centre. */
export async function loadSamples(page: Page): Promise<void> {
  await page.getByRole('button', { name: '载入示例企业' }).first().click();
  const dialog = page.getByRole('dialog', { name: '载入示例企业' });
  await expect(dialog.getByText('3 家企业')).toBeVisible();
  await dialog.getByRole('button', { name: /^(载入|替换并载入)$/ }).click();
  // Three companies (142 records) with two years of energy readings: allow a busy machine to finish the import.
  await expect(dialog).toBeHidden({ timeout: 90_000 });
}

/** Opens a company from the list on the page and waits for its heading. */
export async function openCompany(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

/** Opens 材料与申报 from the main navigation, on its 文件库 tab. */
export async function openFilings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '材料与申报' }).click();
  await expect(page.locator('main').getByRole('tab', { name: '文件库' })).toBeVisible();
}

/**
 * The open antd Select list: its group titles and its options, top to bottom. Exception to finding
 * by role: antd's visible options carry no role (the role="option" copies are a 0×0 list of three
 * for screen readers), so the open list is reached through antd's classes, here and nowhere else.
 */
export function openSelectList(page: Page): { readonly groups: Locator; readonly options: Locator } {
  const list = page.locator('.ant-select-dropdown:visible');
  return { groups: list.locator('.ant-select-item-group'), options: list.locator('.ant-select-item-option') };
}

/** Picks the first option containing `option` of the Select named `comboboxName` in `scope` (see openSelectList). */
export async function chooseOption(page: Page, scope: Locator | Page, comboboxName: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: comboboxName }).click();
  await openSelectList(page).options.filter({ hasText: option }).first().click();
}

/** Types a date (or month) into the picker labelled `label` and leaves it with Tab, or with Enter to commit it in place. */
export async function typeDate(scope: Locator, label: string, value: string, leaveWith: 'Tab' | 'Enter' = 'Tab'): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press(leaveWith);
}

/** Uploads a file in 材料与申报 › 文件库 and fills the 登记材料 dialog; `fill` sets what differs from the defaults. */
export async function uploadToLibrary(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.getByLabel('选择要上传的文件').setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: '登记材料' });
  await expect(dialog.getByText(`文件：${file.name}`)).toBeVisible();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
}

/** Follows one entry of the main navigation (企业, 能源, 期限跟踪 …). */
export async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name }).click();
}

/** Saves a full-page screenshot as `${dir}/${name}.png` once animations have settled, when `dir` is set. */
export async function shootFullPage(page: Page, dir: string | undefined, name: string): Promise<void> {
  if (!dir) return;
  // Let a dialog's zoom-in finish, or the picture shows it half transparent.
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** The transient message (antd renders each with role="alert") that says `text`. */
export function notice(page: Page, text: string | RegExp): Locator {
  return page.getByRole('alert').filter({ hasText: text });
}

/** A table's data rows: rows with at least two cells, so neither the header row nor an empty table's one-cell placeholder. */
export function dataRows(table: Locator): Locator {
  return table.getByRole('row').filter({ has: table.page().getByRole('cell').nth(1) });
}

/** Saves a full-page screenshot at both checked sizes when E2E_SHOTS_DIR is set. */
export async function shootBothSizes(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SHOTS_DIR;
  if (!dir) return;
  for (const [width, height] of [[1280, 800], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${dir}/${name}-${width}.png` });
  }
}

/** What a store holds, read with raw IndexedDB (not the app's code): a content hash, row counts and the Blobs' digests. */
export interface StoreFingerprint {
  readonly digest: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly blobs: Readonly<Record<string, string>>;
}

/**
 * Every object store of the app's database as JSON, sorted keys, Blobs as
 * "blob:<type>:<size>:<sha256>", hashed. `ignoreFields` drops fields whose value differs between
 * two runs of the same operation by design (a change-history entry's clock time and sequence);
 * a key of the form "table.field" drops the field of that table only, and "table.@key" drops
 * the row's primary key (an auto-increment number).
 */
export async function storeFingerprint(page: Page, ignoreFields: readonly string[] = []): Promise<StoreFingerprint> {
  return page.evaluate(async ({ dbName, ignoreFields }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const blobs: Record<string, string> = {};
    const ignored = (table: string, field: string) => ignoreFields.includes(field) || ignoreFields.includes(`${table}.${field}`);
    const normalize = async (value: unknown, path: string, table: string): Promise<unknown> => {
      if (value instanceof Blob) {
        const digest = `blob:${value.type}:${value.size}:${hex(await crypto.subtle.digest('SHA-256', await value.arrayBuffer()))}`;
        blobs[path] = digest;
        return digest;
      }
      if (value instanceof Date) return `date:${value.toISOString()}`;
      if (Array.isArray(value)) return Promise.all(value.map((v, i) => normalize(v, `${path}[${i}]`, table)));
      if (value !== null && typeof value === 'object') {
        const keys = Object.keys(value).filter((k) => !ignored(table, k)).sort();
        return Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await normalize((value as Record<string, unknown>)[k], `${path}.${k}`, table)] as const)));
      }
      return value;
    };
    const tables: Record<string, unknown> = {};
    const counts: Record<string, number> = {};
    for (const name of [...db.objectStoreNames].sort()) {
      const [keys, rows] = await new Promise<[IDBValidKey[], unknown[]]>((resolve, reject) => {
        const tx = db.transaction(name, 'readonly');
        const keysRequest = tx.objectStore(name).getAllKeys();
        const rowsRequest = tx.objectStore(name).getAll();
        tx.oncomplete = () => resolve([keysRequest.result, rowsRequest.result as unknown[]]);
        tx.onerror = () => reject(tx.error ?? new Error('read failed'));
      });
      counts[name] = rows.length;
      const withKeys = rows.map((row, i) => (ignoreFields.includes(`${name}.@key`) ? { row } : { key: keys[i], row }));
      tables[name] = await normalize(withKeys, name, name);
    }
    db.close();
    return { digest: hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(tables)))), counts, blobs };
  }, { dbName: 'compliance-workbench', ignoreFields });
}

/**
 * Writes rows straight into the app's `settings` store (its value is free-form), outside the
 * app's code: Blobs like stored scans, and bulk rows to make a restore transaction long (or one
 * row tagged to make a profile's content its own).
 */
export async function putRows(page: Page, spec: { readonly blobSizes?: readonly number[]; readonly bulkRows?: number; readonly tag: string }): Promise<void> {
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
  }, { dbName: 'compliance-workbench', blobSizes: spec.blobSizes ?? [], bulkRows: spec.bulkRows ?? 0, tag: spec.tag });
}

/** A workspace file of `companies` rental firms with 2,000 vehicles each and fixed timestamps: a large import. */
export function largeFleetWorkspace(companies: number): Buffer {
  const stamp = '2026-11-26T00:00:00.000Z';
  return Buffer.from(JSON.stringify({
    format: 'compliance-workbench/workspace',
    formatVersion: 1,
    exportedAt: stamp,
    companies: Array.from({ length: companies }, (_, c) => {
      const companyId = `import-crash-${c}`;
      return {
        company: { id: companyId, name: `北京第${c + 1}汽车租赁有限公司`, createdAt: stamp, updatedAt: stamp },
        vehicles: Array.from({ length: 2000 }, (_, i) => ({ id: `${companyId}-v${i}`, companyId, plate: `京A${String(i).padStart(5, '0')}`, usageNature: '租赁', filingStatus: '已备案' })),
      };
    }),
  }));
}

/**
 * Answers the next file dialog the page opens (platform.openFiles in the browser build clicks a
 * hidden file input) with `files`, while `open` clicks what opens it.
 */
export async function pickFiles(page: Page, open: () => Promise<void>, files: readonly { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await open();
  await (await chooser).setFiles([...files]);
}
