import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PoliciesPage } from '../../../renderer/features/policies/PoliciesPage';
import { KnowledgeBaseStoreProvider } from '../../../renderer/features/policies/KnowledgeBaseProvider';
import { createKnowledgeBaseStore } from '../../../renderer/features/policies/knowledgeBaseStore';
import { renderWithApp } from '../renderWithApp';
import { diskLoader, loadTestKnowledgeBase } from '../../fixtures/policy/diskKnowledgeBase';

const prepaid = loadTestKnowledgeBase().kb.documents.find((d) => d.id === 'prepaid-card-regulation') ?? (() => {
  throw new Error('prepaid-card-regulation missing');
})();

describe('政策库', () => {
  it('searches in Chinese, highlights the matches and opens the document with its items', async () => {
    // jsdom computes styles slowly; the pointer-events check would dominate the test.
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    window.location.hash = '#/policies';
    renderWithApp(
      <KnowledgeBaseStoreProvider store={createKnowledgeBaseStore(diskLoader())}>
        <PoliciesPage />
      </KnowledgeBaseStoreProvider>,
    );
    const input = await screen.findByLabelText('搜索政策', {}, { timeout: 20_000 });
    expect(screen.getByText('汇编概况')).toBeTruthy();

    fireEvent.change(input, { target: { value: '预付 卡' } });
    const results = await screen.findByLabelText('搜索结果', { selector: 'ol' });
    const first = results.querySelector('li');
    if (first === null) throw new Error('no results');
    expect(first.textContent).toContain('北京市单用途预付卡管理条例');
    // Both terms are marked in the title (adjacent matches read as one mark).
    expect(first.querySelector('button mark')?.textContent).toBe('预付卡');
    expect(window.location.hash).toContain('q=');

    const titleButton = first.querySelector('button');
    if (titleButton === null) throw new Error('result has no title button');
    await user.click(titleButton);
    await waitFor(() => expect(window.location.hash).toContain('doc=prepaid-card-regulation'));
    expect(await screen.findByText(/^返回搜索结果（\d+）$/)).toBeTruthy();
    const items = screen.getByText(`条目（${prepaid.items.length}）`).closest('.ant-card');
    for (const item of prepaid.items) expect(items?.textContent).toContain(item.title);
    expect(screen.getByText('施行日期')).toBeTruthy();
    expect(screen.getByText('2022-06-01')).toBeTruthy();
    // Search terms stay marked in the document.
    expect(items?.querySelector('mark')?.textContent).toMatch(/预付|卡/);
  });
});
