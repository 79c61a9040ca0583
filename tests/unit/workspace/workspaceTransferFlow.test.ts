import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { buildWorkspacePackage, isWorkspacePackage } from '../../../shared/workspace/workspacePackage';
import { createRepositories, type Repositories } from '../../../renderer/storage/repositories';
import { createAppDatabase, type WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import {
  defaultExportKind, exportChoiceOf, importDoneText, readImportFile, readSamples,
} from '../../../renderer/features/workspace/workspaceTransferFlow';
import { documentOf, seededBytes, workspaceWith } from './packageKit';

/*
 * The workspace transfer's steps without its dialogs (renderer/features/workspace/
 * workspaceTransferFlow.ts): what a picked file becomes before the officer confirms, what an
 * export would carry, and what is said after an import.
 */

const SCAN = seededBytes(10_000, 9);
const utf8 = (text: string) => new TextEncoder().encode(text);

let db: WorkbenchDatabase;
let repositories: Repositories;
let name: string;

beforeEach(() => {
  name = `transfer-flow-${Math.random().toString(36).slice(2)}`;
  db = createAppDatabase(new VaultSession(webCryptoPort(globalThis.crypto)), name);
  repositories = createRepositories(db);
});

afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

describe('readImportFile', () => {
  it('reads a workspace file into an import waiting for confirmation, and names the companies already stored', async () => {
    const workspace = workspaceWith([]);
    const file = { name: '工作区.json', bytes: utf8(JSON.stringify(workspace)) };
    expect(isWorkspacePackage(file.bytes)).toBe(false);

    const first = await readImportFile(repositories, file, () => undefined);
    if (!first.ok) throw new Error(first.refusal.detail.message);
    expect(first.pending).toMatchObject({ sourceName: '工作区.json', isSample: false, isPackage: false, existing: [] });
    expect(first.pending.companies.map((r) => r.company.id)).toEqual(workspace.companies.map((r) => r.company.id));

    const summary = await repositories.importWorkspace(first.pending.companies, 'merge', first.pending.files);
    expect(importDoneText(summary, false)).toBe(`导入完成：新增 ${workspace.companies.length} 家`);
    const again = await readImportFile(repositories, file, () => undefined);
    if (!again.ok) throw new Error(again.refusal.detail.message);
    expect(again.pending.existing.map((c) => c.id)).toEqual(workspace.companies.map((r) => r.company.id));
  });

  it('reads a package with its files and reports progress', async () => {
    const built = buildWorkspacePackage(workspaceWith([documentOf('d-scan', SCAN)]), new Map([['d-scan', SCAN]]));
    if (!built.ok) throw new Error(built.error.message);
    const file = { name: '工作区包.zip', bytes: built.value };
    expect(isWorkspacePackage(file.bytes)).toBe(true);
    const progress: number[] = [];
    const read = await readImportFile(repositories, file, (p) => progress.push(p.doneBytes));
    if (!read.ok) throw new Error(read.refusal.detail.message);
    expect(read.pending.isPackage).toBe(true);
    expect([...read.pending.files.keys()]).toEqual(['d-scan']);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('refuses what is not a workspace, and one without companies, naming the file in Chinese', async () => {
    const broken = await readImportFile(repositories, { name: '随便.json', bytes: utf8('{"这不是": "工作区"}') }, () => undefined);
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    expect(broken.refusal.title).toBe('无法导入“随便.json”');
    expect(broken.refusal.detail.message).toMatch(/[\u4e00-\u9fff]/);

    const empty = await readImportFile(repositories, { name: '空.json', bytes: utf8(JSON.stringify({ ...workspaceWith([]), companies: [] })) }, () => undefined);
    expect(empty.ok).toBe(false);
    if (empty.ok) return;
    expect(empty.refusal.detail.message).toContain('文件中没有企业');
  });
});

describe('readSamples', () => {
  it('reads every sample through the given fetch, and says which one failed', async () => {
    const workspace = workspaceWith([]);
    const ok = await readSamples(repositories, () => Promise.resolve(new Response(JSON.stringify(workspace))));
    expect(ok.isSample).toBe(true);
    expect(ok.companies.length).toBeGreaterThan(0);
    await expect(readSamples(repositories, () => Promise.resolve(new Response('', { status: 404 })))).rejects.toThrow(/无法读取示例文件 .*HTTP 404/);
  });
});

describe('exportChoiceOf', () => {
  it('has nothing to offer for an empty store, and offers a package once a file is stored', async () => {
    expect(await exportChoiceOf(repositories, false)).toBeNull();

    const workspace = workspaceWith([documentOf('d-scan', SCAN)]);
    await repositories.importWorkspace(workspace.companies, 'merge', new Map([['d-scan', new Blob([SCAN])]]));
    const choice = await exportChoiceOf(repositories, true);
    expect(choice).toMatchObject({ companyCount: workspace.companies.length, documentCount: 1, fileCount: 1, evidenceCount: 0, fileBytes: SCAN.byteLength, isEncrypted: true });
    expect(defaultExportKind(choice!)).toBe('package');
    expect(defaultExportKind({ ...choice!, fileCount: 0 })).toBe('json');
  });
});
