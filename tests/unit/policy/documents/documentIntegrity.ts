import { expect, it } from 'vitest';
import { createFixedFacts, evaluateExample, evaluateItem, type ItemEvaluation } from '../../../../shared/policy/evaluate';
import type { PolicyDocument } from '../../../../shared/policy/knowledgeBase';
import { validateKnowledgeBase } from '../../../../shared/policy/loadKnowledgeBase';
import { SOURCE_TEXT, findItem, knowledgeBaseOf } from '../policyTestKit';

export type Facts = Record<string, string | number | boolean | null>;

/** Evaluates one item of `document` against fixed facts (`fact` or `fact:param` keys; null = unknown). */
export function evaluateSlug(document: PolicyDocument, slug: string, facts: Facts): ItemEvaluation {
  return evaluateItem(findItem(document, slug), document, createFixedFacts(facts));
}

/**
 * The checks every document file gets: the loader's integrity checks (each quote found in the
 * compilation within its cited lines, facts registered, questions declared), a case that applies
 * and one that does not for every conditional item, and each item's examples evaluated.
 */
export function describeDocumentBasics(document: PolicyDocument): void {
  it('passes the knowledge-base integrity checks, every quote found within its cited lines', () => {
    const result = validateKnowledgeBase(knowledgeBaseOf([document]), SOURCE_TEXT);
    expect(result.ok ? [] : result.error.details).toEqual([]);
  });

  it('has, for every item with conditions, a case that applies and one that does not', () => {
    const lacking = document.items
      .filter((i) => i.appliesWhen !== undefined)
      .filter((i) => !i.examples.some((e) => e.applies === 'yes') || !i.examples.some((e) => e.applies === 'no'))
      .map((i) => i.id);
    expect(lacking).toEqual([]);
  });

  const examples = document.items.flatMap((i) => i.examples.map((e) => [i.id, e.label, i, e] as const));
  if (examples.length > 0) {
    it.each(examples)('%s: %s', (_id, _label, item, example) => {
      const result = evaluateExample(item, document.id, example);
      expect(result.applies).toBe(example.applies);
      if (example.requirementsMet !== undefined) expect(result.requirementsMet).toBe(example.requirementsMet);
    });
  }
}

/**
 * The basic checks, and stricter ones: requirements met and unmet in the examples, inferred or
 * missing dates explained, and the text's own words for every rule without a stated day.
 */
export function describeDocumentIntegrity(document: PolicyDocument): void {
  describeDocumentBasics(document);

  it('has, for every item with requirements, a case that meets them and one that does not', () => {
    const lackingRequirements = document.items
      .filter((i) => i.requirements !== undefined)
      .filter((i) => !i.examples.some((e) => e.requirementsMet === 'yes') || !i.examples.some((e) => e.requirementsMet === 'no'))
      .map((i) => i.id);
    expect(lackingRequirements).toEqual([]);
  });

  it('marks the dates it did not read directly off the text as inferred, with the reason', () => {
    for (const dated of [document.issuedOn, document.effectiveOn]) {
      if (dated.isInferred) expect(dated.note).not.toBe('');
      if (dated.date === null) expect(dated.note).not.toBe('');
    }
  });

  it('gives every rule without a stated day the text\'s own words', () => {
    const silent = document.items.flatMap((i) => i.deadlines.filter((d) => !d.statedInText && d.note.trim() === '').map((d) => `${i.id}/${d.id}`));
    expect(silent).toEqual([]);
  });
}
