import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceIndex } from '../../../shared/policy/loadKnowledgeBase';
import { buildSearchIndex, searchPolicies } from '../../../renderer/features/policies/policySearch';
import { parseQuery, termRanges } from '../../../renderer/features/policies/textFolding';
import { POLICIES_DIR, allDocumentIds, loadTestKnowledgeBase } from '../../fixtures/policy/diskKnowledgeBase';

const { kb, sourceText } = loadTestKnowledgeBase();
const lines = new SourceIndex(sourceText).lines;
const index = buildSearchIndex(kb, lines);
const search = (query: string) => searchPolicies(index, parseQuery(query));

describe('policy search', () => {
  it('ranks the document whose title matches first, then its items by title', () => {
    const results = search('预付卡');
    expect(results[0]).toMatchObject({ documentId: 'prepaid-card-regulation', itemId: null });
    expect(results[0]?.fieldHits[0]?.field).toBe('documentTitle');
    expect(results[0]?.sourceHitCount).toBeGreaterThan(10);
    const items = results.slice(1, 4);
    expect(items.every((r) => r.itemId?.startsWith('prepaid-card-regulation/'))).toBe(true);
    expect(items.every((r) => r.fieldHits[0]?.field === 'itemTitle')).toBe(true);
  });

  it('finds words the PDF split across lines and marks both halves', () => {
    // Lines 4720/4722 of the compilation: "……中药学专" | "业技术资格证书的药师……".
    const results = search('中药学专业技术资格证书');
    const doc = results.find((r) => r.documentId === 'pharmacy-designation' && r.itemId === null);
    const hit = doc?.sourceHits.find((h) => h.line === 4720);
    expect(hit?.lines.map((l) => l.line)).toEqual([4720, 4722]);
    const [first, second] = hit?.lines ?? [];
    expect(first?.text.slice(first.ranges[0]?.from, first.ranges[0]?.to)).toBe('中药学专');
    expect(second?.text.slice(second.ranges[0]?.from, second.ranges[0]?.to)).toBe('业技术资格证书');
  });

  it('matches full-width and half-width forms alike and needs every term', () => {
    // The text prints "(三)至少有2名"; an officer may type the full-width "（三）".
    expect(search('（三）至少有2名').some((r) => r.documentId === 'pharmacy-designation')).toBe(true);
    const both = search('预付卡 七日');
    expect(both.length).toBeGreaterThan(0);
    expect(both.every((r) => r.documentId === 'prepaid-card-regulation')).toBe(true);
    expect(search('预付卡 不存在的词语组合')).toEqual([]);
    expect(search('   ')).toEqual([]);
  });

  // How long folding and a query take is not asserted here (a shared machine makes that flaky).
  it('folds the whole compilation once and answers queries over it', () => {
    const full = loadTestKnowledgeBase(allDocumentIds());
    const text = readFileSync(join(POLICIES_DIR, 'source.txt'), 'utf8');
    expect(full.kb.documents.length).toBeGreaterThan(20);
    expect(text.length).toBeGreaterThan(90_000);
    const big = buildSearchIndex(full.kb, new SourceIndex(text).lines);
    expect(searchPolicies(big, parseQuery('预付卡'))[0]).toMatchObject({ documentId: 'prepaid-card-regulation', itemId: null });
    expect(searchPolicies(big, parseQuery('不存在的词'))).toEqual([]);
  });
});

describe('text folding', () => {
  it('marks search terms in short text, ignoring spaces and width', () => {
    expect(termRanges('北京市单用途预付卡管理条例', parseQuery('预付卡'))).toEqual([[6, 9]]);
    expect(termRanges('至少 有 2 名', parseQuery('有2名'))).toEqual([[3, 8]]);
    expect(termRanges('ＰＵＥ值', parseQuery('pue'))).toEqual([[0, 3]]);
  });
});
