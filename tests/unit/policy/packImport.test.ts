import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorkspaceFile } from '../../../electron/cli/workspaceLoader';
import { createKnowledgeBaseStore, type KnowledgeBaseState } from '../../../renderer/features/policies/knowledgeBaseStore';
import { hasLibraryText } from '../hostile/libraryText';
import { diskLoader, loadTestKnowledgeBase } from '../../fixtures/policy/diskKnowledgeBase';

/*
 * Issue 13 point 5 for the browser build's 导入政策数据包 and the CLI's workspace files: bytes that
 * are not UTF-8 are refused with a Chinese reason, never decoded with U+FFFD and accepted; and a
 * pack refused by its schema names the problem in Chinese, without zod's English.
 */

function ready(state: KnowledgeBaseState) {
  if (state.status !== 'ready') throw new Error(`expected ready, got ${state.status}`);
  return state.value;
}

const bundled = loadTestKnowledgeBase();
const encoder = new TextEncoder();

/** The bundled data under a later version, with one Chinese title's bytes where `break` says. */
function newerPackBytes(breakUtf8: boolean): Uint8Array {
  const text = JSON.stringify({ ...bundled.kb, dataVersion: '2099.01.01-1' });
  const bytes = encoder.encode(text);
  if (!breakUtf8) return bytes;
  // The first byte of the first Chinese character becomes 0xFF, which no UTF-8 text contains.
  const at = bytes.findIndex((b) => b >= 0xe0);
  const broken = bytes.slice();
  broken[at] = 0xff;
  return broken;
}

describe('policy pack import in the browser build', () => {
  it('refuses a pack that is not valid UTF-8 and stores nothing; the same pack intact is used', async () => {
    const loader = diskLoader();
    const store = createKnowledgeBaseStore(loader);
    await store.load();
    const outcome = await store.importPack(newerPackBytes(true));
    expect(outcome.isAccepted).toBe(false);
    expect(outcome.message).toMatch(/^政策数据包无效，已拒绝，继续使用内置政策数据.*不是 UTF-8 编码的文本/);
    expect(ready(store.getState()).origin).toBe('bundled');
    expect(ready(store.getState()).notice).toEqual({ kind: 'refused', message: outcome.message });
    expect(loader.saved).toEqual([]);

    const intact = await store.importPack(newerPackBytes(false));
    expect(intact.isAccepted).toBe(true);
    expect(ready(store.getState()).origin).toBe('override');
  });

  it('says what is wrong with a malformed pack in Chinese, without zod’s English', async () => {
    const store = createKnowledgeBaseStore(diskLoader());
    await store.load();
    const packs = [
      { format: 'compliance-workbench/knowledge-base', schemaVersion: 1, dataVersion: '2099.01.01-1', documents: 'broken' },
      { format: 'compliance-workbench/knowledge-base', schemaVersion: 1, dataVersion: 20990101, documents: [{ id: 7, items: {} }] },
      { ...bundled.kb, dataVersion: '2099.01.01-1', documents: bundled.kb.documents.map((d) => ({ ...d, items: d.items.map((i) => ({ ...i, title: null })) })) },
    ];
    for (const pack of packs) {
      const outcome = await store.importPack(encoder.encode(JSON.stringify(pack)));
      expect(outcome.isAccepted).toBe(false);
      expect(hasLibraryText(outcome.message), outcome.message).toBe(false);
      expect(outcome.message).not.toMatch(/Invalid|expected|received/);
    }
  });
});

describe('CLI workspace files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'workspace-loader-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sample = readFileSync(join(import.meta.dirname, '../../../resources/samples/retailPharmacy.json'));

  it('refuses invalid UTF-8 with a Chinese reason instead of replacing it', async () => {
    const at = sample.findIndex((b) => b >= 0xe0);
    const broken = Uint8Array.from(sample);
    broken[at] = 0xff;
    writeFileSync(join(dir, 'broken.json'), broken);
    writeFileSync(join(dir, 'intact.json'), sample);
    const refused = await loadWorkspaceFile('broken.json', dir);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toBe('broken.json 不是 UTF-8 编码的文本（含有无效的字节），已拒绝');
    expect((await loadWorkspaceFile('intact.json', dir)).ok).toBe(true);
  });
});
