import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KnowledgeBaseProvider, KnowledgeBaseStoreProvider } from '../../../renderer/features/policies/KnowledgeBaseProvider';
import { createKnowledgeBaseStore } from '../../../renderer/features/policies/knowledgeBaseStore';
import { renderWithApp } from '../renderWithApp';
import { diskLoader, manifestText } from '../../fixtures/policy/diskKnowledgeBase';

/* The store's loading and packs without a page are unit tests (tests/unit/policy/knowledgeBaseStore.test.ts). */

describe('knowledge base store', () => {
  it('shows a Chinese error screen when the bundled pack is broken', async () => {
    // The manifest lists a document whose file is missing.
    const manifest = JSON.parse(manifestText()) as { documents: Array<{ id: string; file: string }> };
    manifest.documents.push({ id: 'missing-document', file: 'documents/missing-document.json' });
    const store = createKnowledgeBaseStore(diskLoader({ manifest: JSON.stringify(manifest) }));
    renderWithApp(
      <KnowledgeBaseStoreProvider store={store}>
        <KnowledgeBaseProvider><p>政策内容</p></KnowledgeBaseProvider>
      </KnowledgeBaseStoreProvider>,
    );
    expect(await screen.findByText('政策数据无法加载')).toBeTruthy();
    expect(screen.getByText(/缺少文件 documents\/missing-document\.json/)).toBeTruthy();
    expect(screen.queryByText('政策内容')).toBeNull();
  });
});
