import type { KnowledgeBase } from '../../../shared/policy/knowledgeBase';
import { itemCitations } from './citations';
import { findAll, foldLines, foldString, toLineRanges, type FoldedLines, type LineRange } from './textFolding';

/*
 * Full-text search over the knowledge base in Chinese: titles, summaries, quoted sentences and the
 * compilation itself. Chinese has no word breaks, so matching is substring matching on folded text
 * (see textFolding.ts); every term the user typed must occur. Everything is folded once per
 * knowledge base, so a keystroke costs a few indexOf scans over ~280,000 characters.
 */

export type SearchField = 'documentTitle' | 'itemTitle' | 'documentSummary' | 'itemSummary' | 'quote' | 'source';

/** Title hits rank first, then summaries, quoted sentences and finally the compilation's text. */
const FIELD_WEIGHT: Readonly<Record<SearchField, number>> = {
  documentTitle: 100, itemTitle: 90, documentSummary: 50, itemSummary: 45, quote: 30, source: 10,
};

export const SEARCH_FIELD_LABELS: Readonly<Record<SearchField, string>> = {
  documentTitle: '文件标题', itemTitle: '条目标题', documentSummary: '文件摘要', itemSummary: '条目摘要', quote: '引文', source: '原文',
};

interface IndexedField {
  readonly field: Exclude<SearchField, 'source'>;
  readonly text: string;
  readonly folded: string;
}

interface IndexedTarget {
  readonly documentId: string;
  readonly itemId: string | null;
  /** Position in the compilation, for a stable order among equal scores. */
  readonly order: number;
  readonly fields: readonly IndexedField[];
  /** Documents only: [from, to) offsets of the document in the folded compilation. */
  readonly sourceSpan: readonly [number, number] | null;
}

export interface PolicySearchIndex {
  readonly targets: readonly IndexedTarget[];
  readonly source: FoldedLines;
  readonly lines: readonly string[];
}

const field = (kind: IndexedField['field'], text: string): IndexedField => ({ field: kind, text, folded: foldString(text).text });

/** Folds everything once; `sourceLines` are the compilation's printed lines. */
export function buildSearchIndex(kb: KnowledgeBase, sourceLines: readonly string[]): PolicySearchIndex {
  const source = foldLines(sourceLines, 1, 'search');
  const offsetOfLine = (line: number) => source.lineStart[Math.min(Math.max(line, 1), sourceLines.length + 1) - 1] ?? source.text.length;
  const targets: IndexedTarget[] = [];
  let order = 0;
  for (const doc of kb.documents) {
    targets.push({
      documentId: doc.id, itemId: null, order: order++,
      fields: [field('documentTitle', doc.title), field('documentSummary', doc.summary)],
      sourceSpan: [offsetOfLine(doc.lines.start), offsetOfLine(doc.lines.end + 1)],
    });
    for (const item of doc.items) {
      targets.push({
        documentId: doc.id, itemId: item.id, order: order++,
        fields: [field('itemTitle', item.title), field('itemSummary', item.summary), ...[...new Set(itemCitations(item).map((c) => c.quote))].map((q) => field('quote', q))],
        sourceSpan: null,
      });
    }
  }
  return { targets, source, lines: sourceLines };
}

interface FieldHit {
  readonly field: Exclude<SearchField, 'source'>;
  /** The field's original text; highlight it with termRanges(text, terms). */
  readonly text: string;
}

/** One match in the compilation: the printed lines it spans, with the matched spans. */
interface SourceHit {
  readonly line: number;
  readonly lines: ReadonlyArray<{ readonly line: number; readonly text: string; readonly ranges: readonly LineRange[] }>;
}

export interface SearchResult {
  readonly documentId: string;
  readonly itemId: string | null;
  readonly score: number;
  /** Best field first. */
  readonly fieldHits: readonly FieldHit[];
  /** Documents only: the first few matches in the document's text. */
  readonly sourceHits: readonly SourceHit[];
  /** Documents only: how many times the terms occur in the document's text. */
  readonly sourceHitCount: number;
}

const SOURCE_SNIPPETS_PER_DOCUMENT = 3;

function sourceHitAt(index: PolicySearchIndex, at: number, length: number): SourceHit {
  const lineText = (line: number) => index.lines[line - 1] ?? '';
  const ranges = toLineRanges(index.source, lineText, at, at + length);
  const first = ranges[0]?.line ?? index.source.firstLine;
  return {
    line: first,
    lines: ranges.map((r) => ({ line: r.line, text: lineText(r.line), ranges: [r] })),
  };
}

/**
 * Targets (documents and items) where every term occurs, best first. A document matches on its
 * title, summary or text; an item on its title, summary or quoted sentences.
 */
export function searchPolicies(index: PolicySearchIndex, terms: readonly string[]): SearchResult[] {
  if (terms.length === 0) return [];
  const results: Array<SearchResult & { readonly order: number }> = [];
  for (const target of index.targets) {
    let score = 0;
    let hasEveryTerm = true;
    const hitFields = new Set<IndexedField>();
    let sourceHitCount = 0;
    const sourceHits: SourceHit[] = [];
    for (const term of terms) {
      let best = 0;
      for (const f of target.fields) {
        if (f.folded.includes(term)) {
          hitFields.add(f);
          best = Math.max(best, FIELD_WEIGHT[f.field]);
        }
      }
      if (target.sourceSpan !== null) {
        const [from, to] = target.sourceSpan;
        const inDocument = findAll(index.source.text.slice(from, to), term);
        if (inDocument.length > 0) {
          sourceHitCount += inDocument.length;
          best = Math.max(best, FIELD_WEIGHT.source);
          for (const at of inDocument) {
            if (sourceHits.length >= SOURCE_SNIPPETS_PER_DOCUMENT) break;
            sourceHits.push(sourceHitAt(index, from + at, term.length));
          }
        }
      }
      if (best === 0) {
        hasEveryTerm = false;
        break;
      }
      score += best;
    }
    if (!hasEveryTerm) continue;
    // More mentions in the text make a document more relevant, but never outrank a title.
    score += Math.min(9, Math.floor(Math.log2(1 + sourceHitCount)));
    const fieldHits = [...hitFields].sort((a, b) => FIELD_WEIGHT[b.field] - FIELD_WEIGHT[a.field]).map(({ field: f, text }) => ({ field: f, text }));
    results.push({
      documentId: target.documentId, itemId: target.itemId, score, fieldHits,
      sourceHits: sourceHits.sort((a, b) => a.line - b.line), sourceHitCount, order: target.order,
    });
  }
  results.sort((a, b) => b.score - a.score || a.order - b.order);
  return results.map(({ order: _order, ...rest }) => rest);
}
