import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { SEALED_BLOB_TYPE } from '../../../shared/vault/vaultCrypto';
import { getDocumentBlob } from '../../../renderer/storage/documentRepository';
import { getEnergyAttachment } from '../../../renderer/storage/energyRepository';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import { createAppDatabase, WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { readFixture } from './migrations/describeFixtureUpgrade';
import { scratchDatabases } from './scratchDatabases';

/**
 * Schema version 7 (issue 14, one file store): every energy evidence file's Blob moves from its
 * energyAttachments row into documentFiles under the same id, as stored (plain, or sealed by
 * encryption at rest, which the upgrade moves without the key, so it runs while the store is
 * locked); the row keeps its metadata. An id already in documentFiles aborts the upgrade, which
 * then changes nothing.
 */

const { freshName, track } = scratchDatabases('migration-v7-test');

// Version 6's stores as released, from its frozen fixture.
const V6_STORES = readFixture(new URL('./migrations/fixtures/v6.json', import.meta.url)).stores;

const BILL = new TextEncoder().encode('2026年9月电费单：12345 kWh');
const RECEIPT = new TextEncoder().encode('%PDF-1.4 报送回执');
const SCAN = new TextEncoder().encode('%PDF-1.4 营业执照扫描件');

function metadata(id: string, companyId: string, fileName: string, mimeType: string, size: number) {
  return { id, companyId, fileName, mimeType, size, sha256: '', addedAt: '2026-10-01T02:00:00.000Z' };
}

const BILL_ROW = metadata('bill-1', 'c1', '电费单.jpg', 'image/jpeg', BILL.byteLength);
const RECEIPT_ROW = metadata('receipt-1', 'c2', '报送回执.pdf', 'application/pdf', RECEIPT.byteLength);

/** A database as the version-6 app left it: two evidence files (their Blobs in energyAttachments) and a 文件库 document with its file. */
async function writeV6(name: string, seal: (bytes: Uint8Array, type: string) => Promise<Blob>, evidenceIdOfScan = 'doc-1'): Promise<void> {
  const old = new Dexie(name);
  old.version(6).stores({ ...V6_STORES });
  await old.table('energyAttachments').bulkAdd([
    { ...BILL_ROW, blob: await seal(BILL, 'image/jpeg') },
    { ...RECEIPT_ROW, blob: await seal(RECEIPT, 'application/pdf') },
  ]);
  await old.table('documents').add({
    id: evidenceIdOfScan, companyId: 'c1', kind: '营业执照', title: '营业执照', fileName: 'licence.pdf', mimeType: 'application/pdf', size: SCAN.byteLength,
    sha256: '', number: '', issuer: '', validFrom: null, validTo: null, subject: null, addedAt: '2026-10-01T02:00:00.000Z', updatedAt: '2026-10-01T02:00:00.000Z', hasFile: true,
  });
  await old.table('documentFiles').add({ id: evidenceIdOfScan, companyId: 'c1', blob: await seal(SCAN, 'application/pdf') });
  old.close();
}

const plain = (bytes: Uint8Array, type: string) => Promise.resolve(new Blob([bytes.slice().buffer], { type }));

async function bytesOf(blob: Blob | null | undefined): Promise<Uint8Array | null> {
  return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
}

async function unlockedVault(key: Uint8Array): Promise<VaultSession> {
  const vault = new VaultSession(webCryptoPort(globalThis.crypto));
  await vault.unlock(key);
  vault.setEnabled(true);
  return vault;
}

describe('schema version 7: one file store', () => {
  it('moves each evidence file’s bytes into documentFiles and keeps its metadata in energyAttachments', async () => {
    const name = freshName();
    await writeV6(name, plain);
    const db = track(new WorkbenchDatabase(name));
    await db.open();
    expect(db.verno).toBe(7);

    expect(await db.energyAttachments.toArray()).toEqual([BILL_ROW, RECEIPT_ROW]);
    expect((await db.documentFiles.toCollection().primaryKeys()).sort()).toEqual(['bill-1', 'doc-1', 'receipt-1']);
    const bill = await db.documentFiles.get('bill-1');
    expect(bill).toMatchObject({ id: 'bill-1', companyId: 'c1' });
    expect(bill?.blob.type).toBe('image/jpeg');
    expect(await bytesOf(bill?.blob)).toEqual(BILL);
    expect(await db.documentFiles.where('companyId').equals('c2').primaryKeys()).toEqual(['receipt-1']);
    // The way the app reads them: the evidence through the energy repository, the document as before.
    expect(await bytesOf((await getEnergyAttachment(db, 'receipt-1'))?.blob)).toEqual(RECEIPT);
    expect(await bytesOf(await getDocumentBlob(db, 'doc-1'))).toEqual(SCAN);
  });

  it('moves sealed files as sealed while the store is locked; the key opens them afterwards', async () => {
    const key = globalThis.crypto.getRandomValues(new Uint8Array(32));
    const sealer = await unlockedVault(key);
    const name = freshName();
    await writeV6(name, (bytes, type) => sealer.sealAlways(new Blob([bytes.slice().buffer], { type })));

    // The app's connection, encryption on and not unlocked yet (the passphrase not typed): the upgrade runs.
    const locked = new VaultSession(webCryptoPort(globalThis.crypto));
    locked.setEnabled(true);
    const app = track(createAppDatabase(locked, name));
    await app.open();
    expect(app.verno).toBe(7);
    expect(await app.energyAttachments.toArray()).toEqual([BILL_ROW, RECEIPT_ROW]);
    app.close();

    const raw = track(new WorkbenchDatabase(name));
    for (const id of ['bill-1', 'receipt-1', 'doc-1']) expect((await raw.documentFiles.get(id))?.blob.type, id).toBe(SEALED_BLOB_TYPE);
    raw.close();

    const unlocked = track(createAppDatabase(await unlockedVault(key), name));
    const bill = await getEnergyAttachment(unlocked, 'bill-1');
    expect(bill).toMatchObject(BILL_ROW);
    expect(bill?.blob.type).toBe('image/jpeg');
    expect(await bytesOf(bill?.blob)).toEqual(BILL);
    expect(await bytesOf((await getEnergyAttachment(unlocked, 'receipt-1'))?.blob)).toEqual(RECEIPT);
    expect(await bytesOf(await getDocumentBlob(unlocked, 'doc-1'))).toEqual(SCAN);
  });

  it('refuses to overwrite: an evidence id that already names a file aborts the upgrade, leaving version 6 as it was', async () => {
    const name = freshName();
    await writeV6(name, plain, 'bill-1');
    const db = new WorkbenchDatabase(name);
    await expect(db.open()).rejects.toThrow(/能耗凭证文件“电费单\.jpg”（编号 bill-1）与文件库中的文件编号相同/);
    db.close();

    const old = track(new Dexie(name));
    old.version(6).stores({ ...V6_STORES });
    await old.open();
    expect(old.verno).toBe(6);
    const attachments = await old.table('energyAttachments').toArray() as { id: string; blob: Blob }[];
    expect(await Promise.all(attachments.map(async (a) => [a.id, await bytesOf(a.blob)]))).toEqual([['bill-1', BILL], ['receipt-1', RECEIPT]]);
    expect(await old.table('documentFiles').count()).toBe(1);
    expect(await bytesOf((await old.table('documentFiles').get('bill-1') as { blob: Blob }).blob)).toEqual(SCAN);
  });
});
