import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { SEALED_BLOB_TYPE } from '../../../shared/vault/vaultCrypto';
import { companyDocumentSchema, type CompanyDocument } from '../../../shared/workspace/workspaceFile';
import { listRecordHistory } from '../../../renderer/storage/changeLogRepository';
import { blankCompanyInput, createCompany } from '../../../renderer/storage/companyRepository';
import { createAppDatabase, WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import {
  addDocument, DocumentStoreError, getDocumentBlob, importDocuments, listAllDocumentMetadata, listDocuments, sealImportedFiles, updateDocumentMetadata,
} from '../../../renderer/storage/documentRepository';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import { enableEncryption } from '../../../renderer/storage/vaultOperations';
import { storeFingerprint } from './storeFingerprint';

/*
 * Documents imported with their files (a workspace package): files checked and sealed before the
 * transaction, then files and metadata written together, hasFile true exactly for the documents
 * whose file came in or was already stored. The store is compared row for row, through the raw
 * connection, to show that a refusal or a failure half-way writes nothing.
 */

const crypto = webCryptoPort(globalThis.crypto);
const MARKER = 'PLAINTEXT-SCAN-MARKER-20261126';
const PASSPHRASE = '京合规-恢复口令-2026';

let session: VaultSession;
let db: WorkbenchDatabase;
let rawDb: WorkbenchDatabase;
let name: string;
let companyId: string;

beforeEach(async () => {
  name = `document-repository-${Math.random().toString(36).slice(2)}`;
  session = new VaultSession(crypto);
  db = createAppDatabase(session, name);
  rawDb = new WorkbenchDatabase(name);
  companyId = (await createCompany(db, blankCompanyInput('北京测试大药房有限公司'))).id;
});

afterEach(async () => {
  db.close();
  rawDb.close();
  await Dexie.delete(name);
});

function bytesOf(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

function documentFor(id: string, bytes: Uint8Array, extra: Partial<CompanyDocument> = {}): CompanyDocument {
  return companyDocumentSchema.parse({
    id, companyId, kind: '营业执照', title: `营业执照 ${id}`, fileName: `${id}.pdf`, mimeType: 'application/pdf', size: bytes.byteLength, ...extra,
  });
}

async function textOf(blob: Blob | null): Promise<string | null> {
  return blob ? new TextDecoder().decode(await blob.arrayBuffer()) : null;
}

describe('importDocuments', () => {
  it('stores metadata and files together; hasFile true only where a file came in', async () => {
    const scan = bytesOf(`${MARKER} scan`);
    const withFile = documentFor('d-with', scan);
    const metadataOnly = documentFor('d-without', bytesOf('never sent'), { hasFile: false });
    await importDocuments(db, [withFile, metadataOnly], new Map([['d-with', new Blob([scan])]]));

    const stored = await listDocuments(db, companyId);
    expect(stored.map((d) => [d.id, d.hasFile]).sort()).toEqual([['d-with', true], ['d-without', false]]);
    expect(await textOf(await getDocumentBlob(db, 'd-with'))).toBe(`${MARKER} scan`);
    expect((await getDocumentBlob(db, 'd-with'))?.type).toBe('application/pdf');
    expect(await getDocumentBlob(db, 'd-without')).toBeNull();
    // One change-log entry per document: the metadata is written once, already marked.
    expect((await listRecordHistory(db, 'documents', 'd-with')).map((e) => e.action)).toEqual(['create']);
  });

  it('keeps a stored file when the import has none for that document, and replaces it when it has one', async () => {
    await addDocument(db, documentFor('d1', bytesOf('local scan')), new Blob([bytesOf('local scan')]));
    await importDocuments(db, [documentFor('d1', bytesOf('local scan'), { title: '改过的标题', hasFile: false })], new Map());
    expect((await db.documents.get('d1'))?.hasFile).toBe(true);
    expect((await db.documents.get('d1'))?.title).toBe('改过的标题');
    expect(await textOf(await getDocumentBlob(db, 'd1'))).toBe('local scan');

    const newer = bytesOf('scan from the other machine');
    await importDocuments(db, [documentFor('d1', newer)], new Map([['d1', new Blob([newer])]]));
    expect(await textOf(await getDocumentBlob(db, 'd1'))).toBe('scan from the other machine');
    expect((await db.documents.get('d1'))?.size).toBe(newer.byteLength);
  });

  it.each([
    ['a file for a document that is not imported', () => new Map([['d-stray', new Blob(['x'])]]), '不属于任何导入的材料'],
    ['a file of another size than its record', () => new Map([['d1', new Blob(['longer than recorded'])]]), '文件大小与记录不符'],
  ])('refuses %s before writing anything', async (_label, files, message) => {
    const before = await storeFingerprint(rawDb);
    await expect(importDocuments(db, [documentFor('d1', bytesOf('short'))], files())).rejects.toThrow(message);
    expect(await storeFingerprint(rawDb)).toBe(before);
  });

  it('writes nothing, files included, when a document is refused inside the transaction', async () => {
    const good = bytesOf('good scan');
    const before = await storeFingerprint(rawDb);
    const invalid = { ...documentFor('d-bad', bytesOf('x')), kind: '' };
    await expect(importDocuments(db, [documentFor('d-good', good), invalid], new Map([['d-good', new Blob([good])]]))).rejects.toThrow(DocumentStoreError);
    expect(await storeFingerprint(rawDb)).toBe(before);
    expect(await rawDb.documentFiles.count()).toBe(0);
  });

  it('never stores an imported file typed as sealed: it would be taken for ciphertext on the way out', async () => {
    const bytes = bytesOf('pretends to be sealed');
    await importDocuments(db, [documentFor('d1', bytes, { mimeType: SEALED_BLOB_TYPE })], new Map([['d1', new Blob([bytes], { type: SEALED_BLOB_TYPE })]]));
    const stored = await rawDb.documentFiles.get('d1');
    expect(stored?.blob.type).not.toBe(SEALED_BLOB_TYPE);
    expect(await textOf(await getDocumentBlob(db, 'd1'))).toBe('pretends to be sealed');
  });
});

describe('importDocuments with encryption at rest on', () => {
  beforeEach(async () => {
    await enableEncryption({ rawDb, session, iterations: 1_000 }, PASSPHRASE);
  });

  it('stores each file sealed and opens it to the same bytes', async () => {
    const scan = bytesOf(`${MARKER} sealed`);
    await importDocuments(db, [documentFor('d1', scan)], new Map([['d1', new Blob([scan])]]));
    const stored = await rawDb.documentFiles.get('d1');
    expect(stored?.blob.type).toBe(SEALED_BLOB_TYPE);
    expect(await textOf(stored?.blob ?? null)).not.toContain(MARKER);
    expect(await textOf(await getDocumentBlob(db, 'd1'))).toBe(`${MARKER} sealed`);
  });

  it('seals a file that claims the sealed type too', async () => {
    const scan = bytesOf(`${MARKER} disguised`);
    const sealed = await sealImportedFiles(db, [documentFor('d1', scan, { mimeType: SEALED_BLOB_TYPE })], new Map([['d1', new Blob([scan], { type: SEALED_BLOB_TYPE })]]));
    const row = sealed.rows[0];
    expect(row && (await textOf(row.blob))).not.toContain(MARKER);
  });
});

describe('metadata for the export', () => {
  it('lists hasFile with each document, and editing metadata never changes it', async () => {
    await addDocument(db, documentFor('d1', bytesOf('a')), new Blob([bytesOf('a')]));
    await importDocuments(db, [documentFor('d2', bytesOf('b'))], new Map());
    const listed = await listAllDocumentMetadata(db);
    expect(listed.map((d) => [d.id, d.hasFile]).sort()).toEqual([['d1', true], ['d2', false]]);
    expect(listed[0]).not.toHaveProperty('addedAt');

    await updateDocumentMetadata(db, { ...documentFor('d1', bytesOf('a')), title: '新标题', hasFile: false });
    expect((await db.documents.get('d1'))?.hasFile).toBe(true);
    await updateDocumentMetadata(db, { ...documentFor('d2', bytesOf('b')), title: '新标题', hasFile: true });
    expect((await db.documents.get('d2'))?.hasFile).toBe(false);
  });
});
