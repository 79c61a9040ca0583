import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { normalizeForQuote } from '../../../shared/policy/loadKnowledgeBase';
import { itemCitations } from '../../../renderer/features/policies/citations';
import { KnowledgeBaseProvider, KnowledgeBaseStoreProvider } from '../../../renderer/features/policies/KnowledgeBaseProvider';
import { createKnowledgeBaseStore } from '../../../renderer/features/policies/knowledgeBaseStore';
import { SourceDrawer, type SourceTarget } from '../../../renderer/features/policies/SourceDrawer';
import { diskLoader, loadTestKnowledgeBase } from '../../fixtures/policy/diskKnowledgeBase';
import { renderWithApp } from '../renderWithApp';

/*
 * 原文 for a real citation of the 医保定点 document: the cited sentence marked whole although the
 * PDF broke it across lines, the article it sits in selected in the outline, and a way to the
 * document in the policy library.
 */

const DOCUMENT_ID = 'pharmacy-designation';
const document = loadTestKnowledgeBase([DOCUMENT_ID]).kb.documents.find((d) => d.id === DOCUMENT_ID);
// A citation whose quote spans more than one printed line: the case a raw PDF view breaks.
const citation = document?.items.flatMap(itemCitations).find((c) => c.lines.end > c.lines.start && c.quote.length > 30);

function renderDrawer(target: SourceTarget, onClose: () => void = () => undefined) {
  renderWithApp(
    <KnowledgeBaseStoreProvider store={createKnowledgeBaseStore(diskLoader({ documentIds: [DOCUMENT_ID] }))}>
      <KnowledgeBaseProvider>
        <SourceDrawer target={target} onClose={onClose} />
      </KnowledgeBaseProvider>
    </KnowledgeBaseStoreProvider>,
  );
}

describe('SourceDrawer', () => {
  it('marks the whole cited sentence in one reflowed paragraph and selects its article in the outline', async () => {
    if (citation === undefined || document === undefined) throw new Error('fixture: no multi-line citation');
    renderDrawer({ lines: citation.lines, quote: citation.quote, label: citation.ref });

    const text = await screen.findByRole('document', { name: '汇编原文' });
    const marks = text.querySelectorAll('mark[data-mark="quote"]');
    expect(marks.length).toBeGreaterThan(0);
    expect(normalizeForQuote([...marks].map((m) => m.textContent).join(''))).toBe(normalizeForQuote(citation.quote));
    // One paragraph holds the sentence, without the PDF's line breaks.
    const paragraph = marks[0]?.closest('p');
    expect(paragraph?.textContent).not.toContain('\n');
    expect(new Set([...marks].map((m) => m.closest('p')))).toEqual(new Set([paragraph]));
    expect(screen.getAllByText(document.title).length).toBeGreaterThan(0);
    expect(screen.getByText(/^引文位于汇编原文/)).toBeTruthy();
    expect(screen.queryByText('引文未能在原文中定位，已标出所引行所在段落')).toBeNull();

    const outline = screen.getByRole('navigation', { name: '文件结构' });
    const selected = outline.querySelector('.ant-tree-treenode-selected');
    expect(selected?.textContent ?? '').toMatch(/^第.+条|^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/);
  });

  it('says so when a quote is not in the cited lines, and still shows those lines\' paragraph', async () => {
    if (citation === undefined) throw new Error('fixture');
    renderDrawer({ lines: citation.lines, quote: '本句不在原文中的任何位置' });
    expect(await screen.findByText('引文未能在原文中定位，已标出所引行所在段落')).toBeTruthy();
    const text = screen.getByRole('document', { name: '汇编原文' });
    expect(text.querySelectorAll('mark[data-mark="quote"]')).toHaveLength(0);
    expect(within(text).getAllByText('（原文', { exact: false }).length).toBeGreaterThan(0);
  });

  it('opens the document in the policy library and closes itself', async () => {
    if (citation === undefined) throw new Error('fixture');
    const user = userEvent.setup({ delay: null });
    const onClose = vi.fn();
    renderDrawer({ lines: citation.lines, quote: citation.quote }, onClose);
    await user.click(await screen.findByRole('button', { name: '在政策库中查看' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(window.location.hash).toBe(`#/policies?doc=${DOCUMENT_ID}`));
  });
});
