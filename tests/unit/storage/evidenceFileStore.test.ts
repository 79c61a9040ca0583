import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { defaultEnergySettings, ledgerMonth, type EnergyReading } from '../../../shared/energy/ledger';
import { buildReading } from '../../../shared/energy/readingConversion';
import { SEALED_BLOB_TYPE } from '../../../shared/vault/vaultCrypto';
import { blankCompanyInput, createCompany, deleteCompany } from '../../../renderer/storage/companyRepository';
import { addDocument } from '../../../renderer/storage/documentRepository';
import { deleteEnergyReading, getEnergyAttachment, saveEnergyReading } from '../../../renderer/storage/energyRepository';
import { deleteCompanyForUndo, restoreDeletion } from '../../../renderer/storage/undoRepository';
import { disableEncryption, enableEncryption } from '../../../renderer/storage/vaultOperations';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import { createAppDatabase, WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { collectWorkspaceFile, importWorkspace } from '../../../renderer/storage/workspaceRepository';
import { storeFingerprint } from './storeFingerprint';

/*
 * One file store (issue 14, schema version 7): an energy evidence file's bytes are written to,
 * read from and deleted from documentFiles, the table that holds the 文件库 documents' files, under
 * the evidence id; its energyAttachments row holds only the metadata. Encrypted at rest, the bytes
 * are sealed there like a document's. A document and an evidence file may never share an id.
 */

const PHOTO = new TextEncoder().encode('2026年9月电费单照片');
const opened: Dexie[] = [];

function track<T extends Dexie>(db: T): T {
  opened.push(db);
  return db;
}

afterEach(async () => {
  const dbs = opened.splice(0);
  for (const db of dbs) db.close();
  for (const name of new Set(dbs.map((db) => db.name))) await Dexie.delete(name);
});

interface Store {
  readonly db: WorkbenchDatabase;
  readonly raw: WorkbenchDatabase;
  readonly vault: VaultSession;
  readonly companyId: string;
}

async function store(isEncrypted = false): Promise<Store> {
  const vault = new VaultSession(webCryptoPort(globalThis.crypto));
  if (isEncrypted) {
    await vault.unlock(globalThis.crypto.getRandomValues(new Uint8Array(32)));
    vault.setEnabled(true);
  }
  const name = `evidence-file-store-${Math.random().toString(36).slice(2)}`;
  const db = track(createAppDatabase(vault, name));
  const raw = track(new WorkbenchDatabase(name));
  const company = await createCompany(db, blankCompanyInput('北京一个文件库有限公司'));
  return { db, raw, vault, companyId: company.id };
}

function reading(id: string, companyId: string, month: number, documentId: string | null): EnergyReading {
  const built = buildReading({
    id, companyId, siteId: null, month: ledgerMonth(2026, month), energyType: '电力', amount: 1000, unit: 'kWh',
    isItEquipment: false, documentId, note: '', confirmedOutlier: false, entryMethod: '手工录入',
  }, defaultEnergySettings());
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

function photo(id: string, companyId: string) {
  return { id, companyId, fileName: `${id}.jpg`, mimeType: 'image/jpeg', bytes: PHOTO };
}

async function bytesOf(blob: Blob | undefined): Promise<Uint8Array | null> {
  return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
}

describe('energy evidence in the one file store', () => {
  for (const isEncrypted of [false, true]) {
    it(`writes a new evidence file's bytes to documentFiles and only metadata to energyAttachments (${isEncrypted ? 'encrypted at rest' : 'plain'})`, async () => {
      const { db, raw, companyId } = await store(isEncrypted);
      await saveEnergyReading(db, reading('r1', companyId, 9, 'bill-1'), photo('bill-1', companyId));

      const file = await raw.documentFiles.get('bill-1');
      expect(file).toMatchObject({ id: 'bill-1', companyId });
      expect(file?.blob.type).toBe(isEncrypted ? SEALED_BLOB_TYPE : 'image/jpeg');
      if (!isEncrypted) expect(await bytesOf(file?.blob)).toEqual(PHOTO);
      const row = await raw.energyAttachments.get('bill-1');
      expect(row).toMatchObject({ id: 'bill-1', companyId, fileName: 'bill-1.jpg', mimeType: 'image/jpeg', size: PHOTO.byteLength });
      expect(Object.keys(row ?? {})).not.toContain('blob');
      // The evidence is not a 文件库 document.
      expect(await raw.documents.count()).toBe(0);
      expect(await bytesOf((await getEnergyAttachment(db, 'bill-1'))?.blob)).toEqual(PHOTO);
    });
  }

  it('deletes the bytes with the last record citing the file, and a replaced file’s bytes on edit', async () => {
    const { db, raw, companyId } = await store();
    await saveEnergyReading(db, reading('r1', companyId, 9, 'bill-1'), photo('bill-1', companyId));
    await saveEnergyReading(db, reading('r1', companyId, 9, 'bill-2'), photo('bill-2', companyId));
    expect(await raw.documentFiles.toCollection().primaryKeys()).toEqual(['bill-2']);
    expect(await raw.energyAttachments.toCollection().primaryKeys()).toEqual(['bill-2']);
    await deleteEnergyReading(db, 'r1');
    expect(await raw.documentFiles.count()).toBe(0);
    expect(await raw.energyAttachments.count()).toBe(0);
  });

  it('deletes the bytes with their company, and 撤销 brings them back byte for byte', async () => {
    const { db, raw, companyId } = await store();
    const other = await createCompany(db, blankCompanyInput('北京另一家能源有限公司'));
    await saveEnergyReading(db, reading('r1', companyId, 9, 'bill-1'), photo('bill-1', companyId));
    await saveEnergyReading(db, reading('r2', other.id, 9, 'bill-2'), photo('bill-2', other.id));
    const snapshot = await deleteCompanyForUndo(db, companyId);
    expect(await raw.documentFiles.toCollection().primaryKeys()).toEqual(['bill-2']);
    await restoreDeletion(db, snapshot);
    expect(await bytesOf((await raw.documentFiles.get('bill-1'))?.blob)).toEqual(PHOTO);
    await deleteCompany(db, companyId);
    expect(await raw.documentFiles.toCollection().primaryKeys()).toEqual(['bill-2']);
    expect(await raw.energyAttachments.toCollection().primaryKeys()).toEqual(['bill-2']);
  });

  it('a replace import deletes the bytes of evidence its records no longer cite', async () => {
    const { db, raw, companyId } = await store();
    await saveEnergyReading(db, reading('r1', companyId, 9, 'bill-1'), photo('bill-1', companyId));
    const workspace = await collectWorkspaceFile(db, '2026-12-06T06:00:00.000Z', 'test');
    const companies = workspace.companies.map((r) => ({ ...r, energyReadings: r.energyReadings.map((x) => ({ ...x, documentId: null })), energyAttachments: [] }));
    await importWorkspace(db, companies, 'replace', new Map());
    expect(await raw.documentFiles.count()).toBe(0);
    expect(await raw.energyAttachments.count()).toBe(0);
  });

  it('refuses an evidence file whose id a 文件库 document uses, and a document taking an evidence id, writing nothing', async () => {
    const { db, raw, companyId } = await store();
    const scan = new TextEncoder().encode('%PDF-1.4 营业执照');
    await addDocument(db, {
      id: 'shared-id', companyId, kind: '营业执照', title: '营业执照', fileName: 'licence.pdf', mimeType: 'application/pdf', size: scan.byteLength,
      sha256: '', number: '', issuer: '', validFrom: null, validTo: null, subject: null,
    }, new Blob([scan], { type: 'application/pdf' }));
    await expect(saveEnergyReading(db, reading('r1', companyId, 9, 'shared-id'), photo('shared-id', companyId))).rejects.toThrow('已被文件库中的材料使用');
    expect(await bytesOf((await raw.documentFiles.get('shared-id'))?.blob)).toEqual(scan);
    expect(await raw.energyReadings.count()).toBe(0);

    await saveEnergyReading(db, reading('r1', companyId, 9, 'bill-1'), photo('bill-1', companyId));
    const workspace = await collectWorkspaceFile(db, '2026-12-06T06:00:00.000Z', 'test');
    const before = await storeFingerprint(raw);
    const companies = workspace.companies.map((r) => ({ ...r, documents: r.documents.map((d) => ({ ...d, id: 'bill-1' })) }));
    await expect(importWorkspace(db, companies, 'merge', new Map())).rejects.toThrow('的编号（bill-1）已被能耗凭证文件使用');
    expect(await storeFingerprint(raw)).toBe(before);
  });

  it('turning encryption on seals the evidence bytes in documentFiles; turning it off opens them as their own type', async () => {
    const { db, raw, vault, companyId } = await store();
    await saveEnergyReading(db, reading('r1', companyId, 9, 'bill-1'), photo('bill-1', companyId));
    const deps = { rawDb: raw, session: vault, iterations: 1_000 };
    await enableEncryption(deps, '京合规-恢复口令-2026');
    expect((await raw.documentFiles.get('bill-1'))?.blob.type).toBe(SEALED_BLOB_TYPE);
    expect(await bytesOf((await getEnergyAttachment(db, 'bill-1'))?.blob)).toEqual(PHOTO);
    await disableEncryption(deps);
    const file = await raw.documentFiles.get('bill-1');
    expect(file?.blob.type).toBe('image/jpeg');
    expect(await bytesOf(file?.blob)).toEqual(PHOTO);
  });
});
