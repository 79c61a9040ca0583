import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import { evaluateCompany, type ItemEvaluation, type MissingFact } from '../../../shared/policy/evaluate';
import { ANSWER_PREFIX, factQuestion, type FactQuestion } from '../../../shared/policy/facts';
import type { ItemKind, KnowledgeBase, PolicyDocument, PolicyDomain, PolicyItem, Question } from '../../../shared/policy/knowledgeBase';
import { OBLIGATION_KINDS, OPPORTUNITY_KINDS } from '../policies/policyDisplay';

/*
 * What 合规概览 shows for one company, derived from the live record: pure, so the page recomputes
 * it with useMemo whenever a fact or an answer changes.
 */

export interface OverviewEntry {
  readonly evaluation: ItemEvaluation;
  readonly item: PolicyItem;
  readonly document: PolicyDocument;
}

export type OverviewTab = 'applicable' | 'undecided' | 'gaps' | 'notApplicable';
export const OVERVIEW_TABS: readonly OverviewTab[] = ['applicable', 'undecided', 'gaps', 'notApplicable'];

/** The kind filter: one kind, or all obligations / all opportunities. */
export type KindFilter = ItemKind | 'obligations' | 'opportunities';

export interface OverviewFilters {
  readonly kind: KindFilter | null;
  readonly domain: PolicyDomain | null;
  /** Words to find in the item's title, summary, document title or 文号; blank: no filter. */
  readonly search?: string;
}

/** Does the entry mention every word of the search (case-insensitive)? */
function matchesSearch(entry: OverviewEntry, search: string | undefined): boolean {
  const words = (search ?? '').trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const haystack = [entry.item.title, entry.item.summary, entry.item.id, entry.document.title, entry.document.docNumber ?? '', entry.item.citation.ref]
    .join('\n').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

export interface CompanyOverviewData {
  readonly entries: readonly OverviewEntry[];
  /** Documents with nothing for enterprises (仅涉及政府部门). */
  readonly governmentOnly: readonly PolicyDocument[];
}

export function evaluateOverview(kb: KnowledgeBase, record: CompanyRecord, date: IsoDate): CompanyOverviewData {
  const evaluations = new Map(evaluateCompany(kb, record, date).map((e) => [e.id, e]));
  const entries: OverviewEntry[] = [];
  for (const document of kb.documents) {
    for (const item of document.items) {
      const evaluation = evaluations.get(item.id);
      if (evaluation !== undefined) entries.push({ evaluation, item, document });
    }
  }
  return { entries, governmentOnly: kb.documents.filter((d) => d.isGovernmentOnly) };
}

export function isInTab(entry: OverviewEntry, tab: OverviewTab): boolean {
  const e = entry.evaluation;
  switch (tab) {
    case 'applicable':
      return e.applies === 'yes';
    case 'undecided':
      return e.applies === 'unknown';
    case 'gaps':
      return e.applies !== 'no' && e.gaps.length > 0;
    case 'notApplicable':
      return e.applies === 'no';
  }
}

function matchesKind(kind: ItemKind, filter: KindFilter | null): boolean {
  if (filter === null) return true;
  if (filter === 'obligations') return OBLIGATION_KINDS.includes(kind);
  if (filter === 'opportunities') return OPPORTUNITY_KINDS.includes(kind);
  return kind === filter;
}

export function filterEntries(entries: readonly OverviewEntry[], filters: OverviewFilters): OverviewEntry[] {
  return entries.filter((e) => matchesKind(e.item.kind, filters.kind) && (filters.domain === null || e.document.domain === filters.domain) && matchesSearch(e, filters.search));
}

export interface OverviewCounts {
  readonly applicable: number;
  readonly obligations: number;
  readonly opportunities: number;
  readonly undecided: number;
  readonly gaps: number;
  readonly notApplicable: number;
  /** Decided on a presumption the officer can overturn. */
  readonly presumed: number;
  /** Distinct questions still open on items that apply or may apply. */
  readonly openQuestions: number;
}

export function countOverview(entries: readonly OverviewEntry[]): OverviewCounts {
  const applicable = entries.filter((e) => isInTab(e, 'applicable'));
  return {
    applicable: applicable.length,
    obligations: applicable.filter((e) => OBLIGATION_KINDS.includes(e.item.kind)).length,
    opportunities: applicable.filter((e) => OPPORTUNITY_KINDS.includes(e.item.kind)).length,
    undecided: entries.filter((e) => isInTab(e, 'undecided')).length,
    gaps: entries.filter((e) => isInTab(e, 'gaps')).length,
    notApplicable: entries.filter((e) => isInTab(e, 'notApplicable')).length,
    presumed: entries.filter((e) => e.evaluation.basis === 'presumption').length,
    openQuestions: pendingQuestions(entries).length,
  };
}

/**
 * Items needing attention first: those that apply before those still undecided, then unmet
 * requirements, then open questions, then the rest in compilation order.
 */
export function sortForTab(entries: readonly OverviewEntry[]): OverviewEntry[] {
  const rank = (e: OverviewEntry) =>
    (e.evaluation.applies === 'yes' ? 0 : 3) + (e.evaluation.gaps.length > 0 ? 0 : e.evaluation.missingFacts.length > 0 ? 1 : 2);
  return entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i).map(({ e }) => e);
}

export interface PendingQuestion {
  readonly question: Question | FactQuestion;
  readonly missing: MissingFact;
  /** Items whose result waits on this answer. */
  readonly entries: readonly OverviewEntry[];
}

/**
 * The open questions of items that apply or may apply, each once: the 企业画像. Those deciding
 * obligations come first (most obligations first), then those deciding only opportunities.
 */
export function pendingQuestions(entries: readonly OverviewEntry[]): PendingQuestion[] {
  const byKey = new Map<string, { question: Question | FactQuestion; missing: MissingFact; entries: OverviewEntry[] }>();
  for (const entry of entries) {
    if (entry.evaluation.applies === 'no') continue;
    for (const missing of entry.evaluation.missingFacts) {
      const key = missing.question.key;
      const found = byKey.get(key);
      if (found === undefined) byKey.set(key, { question: missing.question, missing, entries: [entry] });
      else if (!found.entries.includes(entry)) found.entries.push(entry);
    }
  }
  const obligations = (p: { entries: OverviewEntry[] }) => p.entries.filter((e) => OBLIGATION_KINDS.includes(e.item.kind)).length;
  return [...byKey.values()].sort((a, b) => obligations(b) - obligations(a) || b.entries.length - a.entries.length);
}

/** Every question the knowledge base asks, by answer key, to name stored answers. */
export function questionsByKey(kb: KnowledgeBase): ReadonlyMap<string, Question> {
  const map = new Map<string, Question>();
  for (const doc of kb.documents) for (const item of doc.items) for (const q of item.questions) if (!map.has(q.key)) map.set(q.key, q);
  return map;
}

const FACT_ANSWER_PREFIX = `${ANSWER_PREFIX}fact.`;

/** The question behind a stored answer key: a knowledge-base question or a registry fact's. */
export function questionForAnswerKey(key: string, known: ReadonlyMap<string, Question>): Question | FactQuestion | null {
  const asked = known.get(key);
  if (asked !== undefined) return asked;
  if (!key.startsWith(FACT_ANSWER_PREFIX)) return null;
  const rest = key.slice(FACT_ANSWER_PREFIX.length);
  const colon = rest.indexOf(':');
  return colon < 0 ? factQuestion(rest) : factQuestion(rest.slice(0, colon), rest.slice(colon + 1));
}
