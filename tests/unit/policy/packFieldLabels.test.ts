import { describe, expect, it } from 'vitest';
import { parseKnowledgeBasePack } from '../../../shared/policy/loadKnowledgeBase';
import { describePackPath } from '../../../shared/policy/packFieldLabels';
import { configureChineseValidationMessages } from '../../../shared/util/zodLocale';
import { loadTestKnowledgeBase } from '../../fixtures/policy/diskKnowledgeBase';

/*
 * Issue 13 point 4: a refused policy pack says where the problem is in the officer's words
 * (第 2 份文书 › 第 5 项事项 › 标题), not by the schema's English path (documents.1.items.4.title).
 */

configureChineseValidationMessages();
const bundled = loadTestKnowledgeBase();

/** The bundled data as a later pack, with `edit` applied to its JSON. */
function packWith(edit: (kb: { documents: { items: Record<string, unknown>[] }[] }) => void): string {
  const kb = JSON.parse(JSON.stringify({ ...bundled.kb, dataVersion: '2099.01.01-1' })) as { documents: { items: Record<string, unknown>[] }[] };
  edit(kb);
  return JSON.stringify(kb);
}

describe('where a pack is wrong, in Chinese', () => {
  it('names lists by their entries and fields by their labels, in both path spellings', () => {
    expect(describePackPath(['documents', 1, 'items', 4, 'title'])).toBe('第 2 份文书 › 第 5 项事项 › 标题');
    expect(describePackPath('documents[0].items[2].deadlines[1].offset.amount')).toBe('第 1 份文书 › 第 3 项事项 › 第 2 条期限规则 › 期限长度 › 数量');
    expect(describePackPath(['dataVersion'])).toBe('数据版本');
  });

  it('a schema error in a pack names the document, the item and the field without English', () => {
    const result = parseKnowledgeBasePack(packWith((kb) => { const item = kb.documents[1]?.items[0]; if (item) item.title = ''; }), bundled.sourceText);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('第 2 份文书 › 第 1 项事项 › 标题');
    expect(result.error.message).not.toMatch(/documents|items|title/);
  });

  it('a refused text (a NUL inside a summary) is located the same way', () => {
    const result = parseKnowledgeBasePack(packWith((kb) => { const item = kb.documents[0]?.items[1]; if (item) item.summary = '摘要\u0000'; }), bundled.sourceText);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('kb.packBadText');
    expect(result.error.message).toContain('第 1 份文书 › 第 2 项事项 › 摘要');
    expect(result.error.message).not.toMatch(/documents|items|summary/);
  });
});
