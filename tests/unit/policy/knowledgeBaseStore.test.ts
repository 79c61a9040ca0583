import { describe, expect, it } from 'vitest';
import { createKnowledgeBaseStore, type KnowledgeBaseState } from '../../../renderer/features/policies/knowledgeBaseStore';
import { diskLoader, loadTestKnowledgeBase } from '../../fixtures/policy/diskKnowledgeBase';

/*
 * The page's knowledge base store without a page: loading and validating the bundled pack, and
 * taking or refusing a user's pack. Its error screen is a component test
 * (tests/renderer/policies/knowledgeBaseStore.test.tsx).
 */

function ready(state: KnowledgeBaseState) {
  if (state.status !== 'ready') throw new Error(`expected ready, got ${state.status}${state.status === 'failed' ? `: ${state.message}` : ''}`);
  return state.value;
}

const bundled = loadTestKnowledgeBase();
const bundledVersion = bundled.kb.dataVersion;
/** A whole-knowledge-base pack as a user would place it: the bundled data under a later version. */
const newerPack = JSON.stringify({ ...bundled.kb, dataVersion: '2099.01.01-1' });

describe('knowledge base store', () => {
  it('loads and validates the bundled pack once', async () => {
    const store = createKnowledgeBaseStore(diskLoader());
    await Promise.all([store.load(), store.load()]);
    const active = ready(store.getState());
    expect(active).toMatchObject({ origin: 'bundled', notice: null, canImport: true, hasImportedPack: false });
    expect(active.kb.documents.map((d) => d.id)).toEqual(['prepaid-card-regulation', 'pharmacy-designation']);
  });

  it('refuses an invalid pack with the reason and keeps the bundled data; stores nothing', async () => {
    const loader = diskLoader();
    const store = createKnowledgeBaseStore(loader);
    await store.load();
    const before = ready(store.getState()).kb;
    const outcome = await store.importPack(JSON.stringify({ format: 'compliance-workbench/knowledge-base', schemaVersion: 1, dataVersion: '2099.01.01-1', documents: 'broken' }));
    expect(outcome.isAccepted).toBe(false);
    expect(outcome.message).toMatch(/^政策数据包无效，已拒绝，继续使用内置政策数据/);
    const after = ready(store.getState());
    expect(after.kb).toBe(before);
    expect(after.origin).toBe('bundled');
    expect(after.notice).toEqual({ kind: 'refused', message: outcome.message });
    expect(loader.saved).toEqual([]);

    const notJson = await store.importPack('not json');
    expect(notJson.message).toContain('不是有效的 JSON');
  });

  it('uses a valid newer pack, keeps it, and goes back to the bundled data on request', async () => {
    const loader = diskLoader();
    const store = createKnowledgeBaseStore(loader);
    await store.load();
    const outcome = await store.importPack(newerPack);
    expect(outcome).toEqual({ isAccepted: true, message: `已使用更新的政策数据包（版本 2099.01.01-1，内置版本 ${bundledVersion}）` });
    expect(ready(store.getState())).toMatchObject({ origin: 'override', overrideOrigin: 'imported', hasImportedPack: true });
    expect(ready(store.getState()).kb.dataVersion).toBe('2099.01.01-1');
    expect(loader.saved).toEqual([newerPack]);

    // A later start reads the stored pack.
    const restarted = createKnowledgeBaseStore(loader);
    await restarted.load();
    expect(ready(restarted.getState()).kb.dataVersion).toBe('2099.01.01-1');

    await store.removeImportedPack();
    expect(ready(store.getState())).toMatchObject({ origin: 'bundled', hasImportedPack: false });
    expect(loader.saved.at(-1)).toBeNull();
  });

  it('refuses a pack that is not newer than the bundled data', async () => {
    const store = createKnowledgeBaseStore(diskLoader());
    await store.load();
    const outcome = await store.importPack(JSON.stringify(bundled.kb));
    expect(outcome.isAccepted).toBe(false);
    expect(outcome.message).toContain('不比内置版本');
    expect(ready(store.getState()).origin).toBe('bundled');
  });

  it('takes a pack from the data folder in the desktop app, and refuses a broken one there too', async () => {
    const good = createKnowledgeBaseStore(diskLoader({ canImport: false, override: { text: newerPack, origin: 'file', path: '/data/knowledge-base.json' } }));
    await good.load();
    expect(ready(good.getState())).toMatchObject({ origin: 'override', overrideOrigin: 'file', overridePath: '/data/knowledge-base.json', canImport: false });

    const broken = createKnowledgeBaseStore(diskLoader({ canImport: false, override: { text: '{', origin: 'file', path: '/data/knowledge-base.json' } }));
    await broken.load();
    const active = ready(broken.getState());
    expect(active.origin).toBe('bundled');
    expect(active.notice?.kind).toBe('refused');
    expect(active.notice?.message).toContain('原因：不是有效的 JSON');
    expect((await broken.importPack(newerPack)).isAccepted).toBe(false);
  });
});
