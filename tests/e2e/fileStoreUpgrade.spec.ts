import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { smallPng } from './pngFixture';

/*
 * Schema version 7 (one file store) in Chromium's own IndexedDB, where Blobs are real files on
 * disk: a store as the version-6 app left it (an energy evidence photo's Blob in its
 * energyAttachments row, a document's in documentFiles) is opened by the app, whose upgrade moves
 * the evidence Blob into documentFiles; read back with raw IndexedDB, the bytes hash the same and
 * the evidence row keeps only its metadata. (The Node tier checks the same on fake-indexeddb:
 * tests/unit/storage/migrationV7FileStore.test.ts.)
 */

// Version 6's stores as released, from its frozen fixture (tests/unit/storage/migrations/).
const V6_STORES = (JSON.parse(readFileSync(new URL('../unit/storage/migrations/fixtures/v6.json', import.meta.url), 'utf8')) as { stores: Record<string, string> }).stores;

const PHOTO = smallPng('evidence before the upgrade');
const SCAN = smallPng('document before the upgrade');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('a version-6 store upgrades in Chromium: the evidence photo’s Blob moves into documentFiles, byte for byte', async ({ page }) => {
  // Before the app's own scripts: IndexedDB runs open requests in order, so the app opens this store.
  await page.addInitScript(({ stores, photo, scan }) => {
    if (sessionStorage.getItem('v6-written') !== null) return;
    sessionStorage.setItem('v6-written', '1');
    // Dexie's IndexedDB version is its schema version times ten.
    const request = indexedDB.open('compliance-workbench', 60);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const [name, spec] of Object.entries(stores)) {
        const [primary = '', ...indexes] = spec.split(',').map((part) => part.trim());
        const store = db.createObjectStore(name, { keyPath: primary.replace('++', ''), autoIncrement: primary.startsWith('++') });
        for (const index of indexes) store.createIndex(index, index.startsWith('[') ? index.slice(1, -1).split('+') : index);
      }
      const tx = request.transaction;
      if (!tx) return;
      tx.objectStore('energyAttachments').put({
        id: 'bill-1', companyId: 'c1', fileName: '电费单.png', mimeType: 'image/png', size: photo.length, sha256: '', addedAt: '2026-10-01T02:00:00.000Z',
        blob: new Blob([new Uint8Array(photo)], { type: 'image/png' }),
      });
      tx.objectStore('documentFiles').put({ id: 'doc-1', companyId: 'c1', blob: new Blob([new Uint8Array(scan)], { type: 'image/png' }) });
    };
    request.onsuccess = () => request.result.close();
  }, { stores: V6_STORES, photo: [...PHOTO], scan: [...SCAN] });

  await page.goto('/');
  await expect(page.getByText('工作区中还没有企业')).toBeVisible({ timeout: 60_000 });

  const stored = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('compliance-workbench');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const all = (store: string) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
    const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const files = await Promise.all((await all('documentFiles')).map(async (row) => {
      const blob = row.blob as Blob;
      return `${String(row.id)}:${String(row.companyId)}:${blob.type}:${hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))}`;
    }));
    const evidence = (await all('energyAttachments')).map((row) => Object.keys(row).sort().join(','));
    const version = db.version;
    db.close();
    return { version, files, evidence };
  });

  expect(stored.version).toBe(70);
  expect(stored.files).toEqual([`bill-1:c1:image/png:${sha256(PHOTO)}`, `doc-1:c1:image/png:${sha256(SCAN)}`]);
  expect(stored.evidence).toEqual(['addedAt,companyId,fileName,id,mimeType,sha256,size']);
});
