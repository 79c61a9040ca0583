import { SourceIndex } from '../../../shared/policy/loadKnowledgeBase';
import type { KnowledgeBase, PolicyDocument, PolicyItem } from '../../../shared/policy/knowledgeBase';
import { buildSearchIndex, type PolicySearchIndex } from './policySearch';

/**
 * Lookups derived from one knowledge base, built once and kept as long as that knowledge base is
 * in use (a WeakMap, so an imported pack replacing it frees the old index).
 */
export interface KnowledgeBaseIndex {
  readonly source: SourceIndex;
  readonly documentsById: ReadonlyMap<string, PolicyDocument>;
  readonly itemsById: ReadonlyMap<string, { readonly item: PolicyItem; readonly document: PolicyDocument }>;
  /** The document whose line range holds `line`, if any (the compilation also has a preface). */
  readonly documentAtLine: (line: number) => PolicyDocument | undefined;
  /** Built on first search: folding the whole compilation is the one costly step. */
  readonly searchIndex: () => PolicySearchIndex;
}

const cache = new WeakMap<KnowledgeBase, KnowledgeBaseIndex>();

export function getKnowledgeBaseIndex(kb: KnowledgeBase, sourceText: string): KnowledgeBaseIndex {
  const cached = cache.get(kb);
  if (cached !== undefined) return cached;
  const source = new SourceIndex(sourceText);
  const documentsById = new Map(kb.documents.map((d) => [d.id, d]));
  const itemsById = new Map(kb.documents.flatMap((document) => document.items.map((item) => [item.id, { item, document }] as const)));
  let search: PolicySearchIndex | null = null;
  const index: KnowledgeBaseIndex = {
    source, documentsById, itemsById,
    documentAtLine: (line) => kb.documents.find((d) => d.lines.start <= line && line <= d.lines.end),
    searchIndex: () => {
      search ??= buildSearchIndex(kb, source.lines);
      return search;
    },
  };
  cache.set(kb, index);
  return index;
}
