import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { buildWorkspacePackage } from '../../../shared/workspace/workspacePackage';
import type { WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { decodeWorkspaceImport } from '../../../renderer/features/workspace/workspaceCodec';
import { importWorkspace, type WorkspaceImportProgress } from '../../../renderer/storage/workspaceRepository';
import { createAppDatabase, WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { getDocumentBlob, listAllDocumentMetadata } from '../../../renderer/storage/documentRepository';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import { documentOf, seededBytes, sha256Hex, workspaceWith } from './packageKit';
import { storeFingerprint } from '../storage/storeFingerprint';

/*
 * The page's import of a workspace package, below the dialogs: decode the picked bytes (as the
 * worker does), then importWorkspace writes records, document metadata and files in one
 * transaction. Checked through the raw connection: a refusal at any step leaves every table as it was.
 */

const SCAN = seededBytes(40_000, 3);
const PHOTO = seededBytes(2_000, 5);

let db: WorkbenchDatabase;
let rawDb: WorkbenchDatabase;
let name: string;

beforeEach(() => {
  name = `import-workspace-${Math.random().toString(36).slice(2)}`;
  db = createAppDatabase(new VaultSession(webCryptoPort(globalThis.crypto)), name);
  rawDb = new WorkbenchDatabase(name);
});

afterEach(async () => {
  db.close();
  rawDb.close();
  await Dexie.delete(name);
});

function packageOf(workspace: WorkspaceFile, files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const built = buildWorkspacePackage(workspace, files);
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

async function decode(bytes: Uint8Array) {
  const decoded = await decodeWorkspaceImport(bytes, { sha256Hex });
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.value;
}

async function bytesOf(blob: Blob | null): Promise<Uint8Array | null> {
  return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
}

describe('decodeWorkspaceImport: the page reads a file or a package by its content', () => {
  it('gives a package its files as Blobs of the recorded type, and a plain file none', async () => {
    const workspace = workspaceWith([documentOf('d-scan', SCAN), documentOf('d-photo', PHOTO, { fileName: 'p.png', mimeType: 'image/png' })]);
    const decoded = await decode(packageOf(workspace, new Map([['d-scan', SCAN], ['d-photo', PHOTO]])));
    expect(decoded.isPackage).toBe(true);
    expect(decoded.problems).toEqual([]);
    expect(decoded.files.get('d-photo')?.type).toBe('image/png');
    expect(await bytesOf(decoded.files.get('d-scan') ?? null)).toEqual(SCAN);

    const plain = await decode(strToU8(JSON.stringify(workspace)));
    expect(plain.isPackage).toBe(false);
    expect(plain.files.size).toBe(0);
    expect(plain.workspace.companies[0]?.documents).toHaveLength(2);
  });

  it('answers with values a worker can post: no zod issues inside a refusal', async () => {
    const broken = zipSync({ 'workspace.json': strToU8(JSON.stringify({ format: 'compliance-workbench/workspace', formatVersion: 1, exportedAt: '', companies: [{ company: {} }] })) });
    const decoded = await decodeWorkspaceImport(broken, { sha256Hex });
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.error.message).toMatch(/^工作区包中的 workspace.json：工作区文件内容有误/);
      expect(decoded.error).not.toHaveProperty('details');
    }
    expect(() => structuredClone(decoded)).not.toThrow();
  });
});

describe('importWorkspace', () => {
  it('brings in records, metadata and files together; each file opens to its bytes', async () => {
    const workspace = workspaceWith([documentOf('d-scan', SCAN), documentOf('d-old', PHOTO, { hasFile: false })]);
    const decoded = await decode(packageOf(workspace, new Map([['d-scan', SCAN]])));
    const progress: WorkspaceImportProgress[] = [];
    const summary = await importWorkspace(db, decoded.workspace.companies, 'merge', decoded.files, (p) => progress.push(p));
    expect(summary.files).toBe(1);
    expect(summary.added).toBe(workspace.companies.length);
    expect(await db.companies.count()).toBe(workspace.companies.length);
    expect(await db.people.count()).toBe(workspace.companies.reduce((n, r) => n + r.people.length, 0));
    expect((await listAllDocumentMetadata(db)).map((d) => [d.id, d.hasFile]).sort()).toEqual([['d-old', false], ['d-scan', true]]);
    expect(await bytesOf(await getDocumentBlob(db, 'd-scan'))).toEqual(SCAN);
    expect(progress.some((p) => p.phase === 'sealing')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'writing' });
  });

  it('leaves every table as it was when a write fails half-way (records and files included)', async () => {
    // Data the user already has.
    const kept = workspaceWith([documentOf('d-kept', PHOTO)]);
    await importWorkspace(db, kept.companies, 'merge', (await decode(packageOf(kept, new Map([['d-kept', PHOTO]])))).files);
    const before = await storeFingerprint(rawDb);

    // Parsed files never hold this, but the store checks again: a document refused inside the transaction.
    const workspace = workspaceWith([documentOf('d-scan', SCAN), { ...documentOf('d-bad', PHOTO), kind: '' }]);
    const files = new Map([['d-scan', new Blob([SCAN])]]);
    await expect(importWorkspace(db, workspace.companies, 'replace', files)).rejects.toThrow('材料信息有误');
    expect(await storeFingerprint(rawDb)).toBe(before);
  });

  it('refuses, writing nothing, a file that does not match its listed document', async () => {
    const before = await storeFingerprint(rawDb);
    const workspace = workspaceWith([documentOf('d-scan', SCAN)]);
    await expect(importWorkspace(db, workspace.companies, 'merge', new Map([['d-scan', new Blob([PHOTO])]]))).rejects.toThrow('文件大小与记录不符');
    expect(await storeFingerprint(rawDb)).toBe(before);
  });
});
