import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { defaultEnergySettings, ledgerMonth, type EnergyReading } from '../../../shared/energy/ledger';
import { buildReading } from '../../../shared/energy/readingConversion';
import { energySubmissionSchema } from '../../../shared/energy/submissions';
import { SEALED_BLOB_TYPE } from '../../../shared/vault/vaultCrypto';
import { energyAttachmentSchema, parseWorkspaceFile, type EnergyAttachmentMetadata, type WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { buildWorkspacePackage, MAX_PACKAGE_UNCOMPRESSED_BYTES, readWorkspacePackage, writeWorkspacePackage } from '../../../shared/workspace/workspacePackage';
import { collectWorkspaceFile, readPackageFiles } from '../../../renderer/storage/workspaceRepository';
import { importWorkspace } from '../../../renderer/storage/workspaceRepository';
import { buildPackageBlob } from '../../../renderer/features/workspace/packageBlob';
import { decodeWorkspaceImport } from '../../../renderer/features/workspace/workspaceCodec';
import { blankCompanyInput, createCompany } from '../../../renderer/storage/companyRepository';
import { createAppDatabase, WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { getEnergyAttachment, saveEnergyReading, saveEnergySubmission } from '../../../renderer/storage/energyRepository';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import { storeFingerprint } from '../storage/storeFingerprint';
import { documentOf, sampleCompanyId, seededBytes, sha256Hex, workspaceWith } from './packageKit';

/*
 * Energy evidence (a bill photo attached to a monthly reading, a platform receipt attached to a
 * submission) must survive a workspace package: the page's own export (collectWorkspaceFile,
 * readPackageFiles, buildPackageBlob), the page's decode and importWorkspace into another store,
 * then the evidence opens to the same bytes. With encryption at rest on both sides too.
 */

const PHOTO = seededBytes(150_000, 7);
const RECEIPT = seededBytes(9_000, 11);
const opened: Dexie[] = [];
const rawConnections: Dexie[] = [];

afterEach(async () => {
  for (const raw of rawConnections.splice(0)) raw.close();
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function appStore(isEncrypted: boolean): Promise<WorkbenchDatabase> {
  const vault = new VaultSession(webCryptoPort(globalThis.crypto));
  if (isEncrypted) {
    await vault.unlock(globalThis.crypto.getRandomValues(new Uint8Array(32)));
    vault.setEnabled(true);
  }
  const db = createAppDatabase(vault, `evidence-package-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}

/** A plain connection to the same store: rows exactly as stored (sealed when encrypted). */
function rawOf(db: WorkbenchDatabase): WorkbenchDatabase {
  const raw = new WorkbenchDatabase(db.name);
  rawConnections.push(raw);
  return raw;
}

function electricity(companyId: string, documentId: string): EnergyReading {
  const built = buildReading({
    id: 'reading-1', companyId, siteId: null, month: ledgerMonth(2026, 9), energyType: '电力', amount: 12_345, unit: 'kWh',
    isItEquipment: false, documentId, note: '', confirmedOutlier: false, entryMethod: '手工录入',
  }, defaultEnergySettings());
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

/** A store with one company, a reading with a bill photo and a submission with a receipt. */
async function storeWithEvidence(isEncrypted: boolean): Promise<{ readonly db: WorkbenchDatabase; readonly companyId: string }> {
  const db = await appStore(isEncrypted);
  const company = await createCompany(db, blankCompanyInput('北京能耗凭证测试有限公司'));
  await saveEnergyReading(db, electricity(company.id, 'bill-1'), { id: 'bill-1', companyId: company.id, fileName: '2026年9月电费单.jpg', mimeType: 'image/jpeg', bytes: PHOTO });
  await saveEnergySubmission(db, energySubmissionSchema.parse({ id: 'sub-1', companyId: company.id, month: '2026-09', submittedOn: '2026-10-10', receiptDocumentId: 'receipt-1' }),
    { id: 'receipt-1', companyId: company.id, fileName: '报送回执.pdf', mimeType: 'application/pdf', bytes: RECEIPT });
  return { db, companyId: company.id };
}

/** The page's export of a package, then the page's decode of its bytes. */
async function exportAndDecode(db: WorkbenchDatabase) {
  const workspace = await collectWorkspaceFile(db, '2026-12-06T05:00:00.000Z', 'test');
  const read = await readPackageFiles(db, workspace);
  if (!read) throw new Error('export cancelled');
  const built = await buildPackageBlob(workspace, read.files, undefined, read.evidence);
  if (!built.ok) throw new Error(built.error.message);
  const decoded = await decodeWorkspaceImport(new Uint8Array(await built.value.blob.arrayBuffer()), { sha256Hex });
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.value;
}

async function evidenceBytes(db: WorkbenchDatabase, id: string): Promise<Uint8Array | null> {
  const row = await getEnergyAttachment(db, id);
  return row ? new Uint8Array(await row.blob.arrayBuffer()) : null;
}

describe('energy evidence in a workspace package', () => {
  for (const isEncrypted of [false, true]) {
    it(`keeps a reading's bill photo and a submission's receipt byte for byte (${isEncrypted ? 'both stores encrypted' : 'plain stores'})`, async () => {
      const source = await storeWithEvidence(isEncrypted);
      const decoded = await exportAndDecode(source.db);
      expect(decoded.problems).toEqual([]);

      const target = await appStore(isEncrypted);
      const summary = await importWorkspace(target, decoded.workspace.companies, 'merge', decoded.files, undefined, decoded.evidence);

      expect((await target.energyReadings.get('reading-1'))?.documentId).toBe('bill-1');
      expect(await evidenceBytes(target, 'bill-1')).toEqual(PHOTO);
      expect(await evidenceBytes(target, 'receipt-1')).toEqual(RECEIPT);
      expect(summary.evidenceFiles).toBe(2);
      const bill = await getEnergyAttachment(target, 'bill-1');
      expect(bill).toMatchObject({ companyId: source.companyId, fileName: '2026年9月电费单.jpg', mimeType: 'image/jpeg', size: PHOTO.byteLength });
      // Encrypted at rest in the target exactly when the target's encryption is on.
      const raw = await rawOf(target).documentFiles.get('bill-1');
      expect(raw?.blob.type).toBe(isEncrypted ? SEALED_BLOB_TYPE : 'image/jpeg');
    });
  }

  it('reports an evidence file altered in the package and imports the rest, never the altered bytes', async () => {
    const source = await storeWithEvidence(false);
    const workspace = await collectWorkspaceFile(source.db, '2026-12-06T05:00:00.000Z', 'test');
    const read = await readPackageFiles(source.db, workspace);
    if (!read) throw new Error('export cancelled');
    const altered = PHOTO.slice();
    altered[1000] = (altered[1000] ?? 0) ^ 0xff;
    const evidence = new Map(read.evidence).set('bill-1', new Blob([altered]));
    const built = await buildPackageBlob(workspace, read.files, undefined, evidence);
    if (!built.ok) throw new Error(built.error.message);
    const decoded = await decodeWorkspaceImport(new Uint8Array(await built.value.blob.arrayBuffer()), { sha256Hex });
    if (!decoded.ok) throw new Error(decoded.error.message);
    expect(decoded.value.problems).toEqual([expect.stringMatching(/^企业“北京能耗凭证测试有限公司”的能耗凭证文件“2026年9月电费单\.jpg”：文件校验值（SHA-256）与记录不符/)]);
    expect([...decoded.value.evidence.keys()]).toEqual(['receipt-1']);

    const target = await appStore(false);
    await importWorkspace(target, decoded.value.workspace.companies, 'merge', decoded.value.files, undefined, decoded.value.evidence);
    expect(await evidenceBytes(target, 'bill-1')).toBeNull();
    expect(await evidenceBytes(target, 'receipt-1')).toEqual(RECEIPT);
  });

  it('refuses an export whose evidence file is missing, naming it', async () => {
    const source = await storeWithEvidence(false);
    const workspace = await collectWorkspaceFile(source.db, '2026-12-06T05:00:00.000Z', 'test');
    const read = await readPackageFiles(source.db, workspace);
    if (!read) throw new Error('export cancelled');
    const built = await buildPackageBlob(workspace, read.files, undefined, new Map([...read.evidence].filter(([id]) => id !== 'receipt-1')));
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.error.message).toBe('能耗凭证文件“报送回执.pdf”（receipt-1）的文件缺失，无法导出');
  });

  it('writes nothing, evidence included, when the import fails half-way', async () => {
    const source = await storeWithEvidence(false);
    const decoded = await exportAndDecode(source.db);
    const target = await appStore(false);
    const before = await storeFingerprint(rawOf(target));
    // Parsed packages never hold this, but the store checks again: a document refused inside the transaction.
    const [first] = decoded.workspace.companies;
    if (!first) throw new Error('no company');
    const broken = [{ ...first, documents: [{ id: 'd-bad', companyId: first.company.id, kind: '', title: '', fileName: 'x.pdf', mimeType: 'application/pdf', size: 0, sha256: '', number: '', issuer: '', validFrom: null, validTo: null, subject: null }] }];
    await expect(importWorkspace(target, broken, 'merge', decoded.files, undefined, decoded.evidence)).rejects.toThrow('材料信息有误');
    expect(await target.energyAttachments.count()).toBe(0);
    expect(await storeFingerprint(rawOf(target))).toBe(before);
  });

  it('refuses an evidence file that does not match its listed size, writing nothing', async () => {
    const source = await storeWithEvidence(false);
    const decoded = await exportAndDecode(source.db);
    const target = await appStore(false);
    const evidence = new Map(decoded.evidence).set('bill-1', new Blob([RECEIPT]));
    await expect(importWorkspace(target, decoded.workspace.companies, 'merge', decoded.files, undefined, evidence)).rejects.toThrow('能耗凭证文件“2026年9月电费单.jpg”的大小与记录不符');
    expect(await target.companies.count()).toBe(0);
    expect(await target.energyAttachments.count()).toBe(0);
  });
});

describe('evidence entries are checked like document entries', () => {
  const SMALL = seededBytes(3_000, 17);

  function attachmentOf(id: string, bytes: Uint8Array, extra: Partial<EnergyAttachmentMetadata> = {}): EnergyAttachmentMetadata {
    return energyAttachmentSchema.parse({ id, companyId: sampleCompanyId(), fileName: `${id.slice(0, 20)}.png`, mimeType: 'image/png', size: bytes.byteLength, sha256: '', ...extra });
  }

  /** The sample workspace with `attachments` (and documents) under its first company. */
  function withEvidence(attachments: readonly EnergyAttachmentMetadata[], documents = workspaceWith([])): WorkspaceFile {
    const [first, ...rest] = documents.companies;
    if (!first) throw new Error('no company');
    return { ...documents, companies: [{ ...first, energyAttachments: [...attachments] }, ...rest] };
  }

  it('refuses a package whose evidence id reads as a path, before any file is inflated', async () => {
    const built = buildWorkspacePackage(withEvidence([attachmentOf('../workspace', SMALL)]), new Map(), new Map([['../workspace', SMALL]]));
    if (!built.ok) throw new Error(built.error.message);
    const read = await readWorkspacePackage(built.value, { sha256Hex });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.message).toMatch(/能耗凭证文件记录（编号 \.\.\/workspace）字段 id/);
  });

  it('refuses the same evidence id twice and evidence listed under another company', () => {
    const twice = withEvidence([attachmentOf('bill', SMALL), attachmentOf('bill', SMALL)]);
    const duplicate = parseWorkspaceFile(JSON.stringify(twice));
    expect(duplicate.ok ? null : duplicate.error.code).toBe('workspace.duplicateAttachment');
    const foreign = parseWorkspaceFile(JSON.stringify(withEvidence([attachmentOf('bill', SMALL, { companyId: 'someone-else' })])));
    expect(foreign.ok ? null : foreign.error.code).toBe('workspace.foreignRecord');
  });

  it('counts evidence in the 2 GB limit: an export over it is refused before a single file is read', async () => {
    const half = MAX_PACKAGE_UNCOMPRESSED_BYTES / 2;
    const workspace = withEvidence([attachmentOf('big-1', SMALL, { size: half }), attachmentOf('big-2', SMALL, { size: half })]);
    let reads = 0;
    const result = await writeWorkspacePackage(workspace, () => null, () => undefined, undefined, () => {
      reads++;
      return null;
    });
    expect(result.ok ? null : result.error.code).toBe('package.tooLarge');
    expect(reads).toBe(0);
  });

  it('keeps a document and an evidence file of the same id apart (files/ and evidence/), each with its own bytes', async () => {
    const workspace = withEvidence([attachmentOf('same-id', SMALL, { sha256: await sha256Hex(SMALL) })], workspaceWith([documentOf('same-id', PHOTO)]));
    const built = buildWorkspacePackage(workspace, new Map([['same-id', PHOTO]]), new Map([['same-id', SMALL]]));
    if (!built.ok) throw new Error(built.error.message);
    const read = await readWorkspacePackage(built.value, { sha256Hex });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.problems).toEqual([]);
    expect(read.value.files.get('same-id')).toEqual(PHOTO);
    expect(read.value.evidence.get('same-id')).toEqual(SMALL);
  });

  it('reports an evidence entry missing from the package, or declared at another size, and leaves it out', async () => {
    const workspace = withEvidence([attachmentOf('gone', SMALL), attachmentOf('lying', SMALL)]);
    // Written as if the workspace listed other sizes: the entries exist but do not match the JSON.
    const built = buildWorkspacePackage(withEvidence([attachmentOf('lying', RECEIPT)]), new Map(), new Map([['lying', RECEIPT]]));
    if (!built.ok) throw new Error(built.error.message);
    const entries = unzipSync(built.value);
    const tampered = zipSync({ ...entries, 'workspace.json': strToU8(JSON.stringify(workspace)) });
    const read = await readWorkspacePackage(tampered, { sha256Hex });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.evidence.size).toBe(0);
    expect(read.value.problems).toEqual([
      expect.stringMatching(/的能耗凭证文件“gone\.png”：包中没有其文件（evidence\/gone\.png）$/),
      expect.stringMatching(/的能耗凭证文件“lying\.png”：包中文件大小 9000 字节与记录的 3000 字节不符，已忽略该文件$/),
    ]);
  });
});
