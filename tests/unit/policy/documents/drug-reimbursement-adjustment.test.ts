import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFixedFacts, evaluateExample, evaluateItem } from '../../../../shared/policy/evaluate';
import {
  KNOWLEDGE_BASE_FORMAT, KNOWLEDGE_BASE_SCHEMA_VERSION, policyDocumentSchema, type PolicyItem,
} from '../../../../shared/policy/knowledgeBase';
import { validateKnowledgeBase } from '../../../../shared/policy/loadKnowledgeBase';

const resources = new URL('../../../../resources/policies/', import.meta.url);
const sourceText = readFileSync(new URL('source.txt', resources), 'utf8');
const manifest = JSON.parse(readFileSync(new URL('manifest.json', resources), 'utf8')) as { source: { lineCount: number } };
const document = policyDocumentSchema.parse(JSON.parse(readFileSync(new URL('documents/drug-reimbursement-adjustment.json', resources), 'utf8')));

function item(slug: string): PolicyItem {
  const found = document.items.find((i) => i.id === `${document.id}/${slug}`);
  if (found === undefined) throw new Error(`no item ${slug}`);
  return found;
}
type Facts = Record<string, string | number | boolean | null>;
const evaluate = (slug: string, facts: Facts) => evaluateItem(item(slug), document, createFixedFacts(facts));

const examples = document.items.flatMap((i) => i.examples.map((e) => [i.id, e.label, i, e] as const));

describe('drug-reimbursement-adjustment', () => {
  it('passes the knowledge-base integrity checks (every quote found in the compilation within its lines)', () => {
    const result = validateKnowledgeBase({
      format: KNOWLEDGE_BASE_FORMAT, schemaVersion: KNOWLEDGE_BASE_SCHEMA_VERSION, dataVersion: '2026.11.26-1',
      source: { file: 'source.txt', title: '', lineCount: manifest.source.lineCount }, documents: [document],
    }, sourceText);
    expect(result.ok ? [] : result.error.details).toEqual([]);
  });

  it('has, for every item with conditions, a case from the text that applies and one that does not', () => {
    const lacking = document.items
      .filter((i) => i.appliesWhen !== undefined)
      .filter((i) => !i.examples.some((e) => e.applies === 'yes') || !i.examples.some((e) => e.applies === 'no'))
      .map((i) => i.id);
    expect(lacking).toEqual([]);
  });

  it.each(examples)('%s: %s', (_id, _label, policyItem, example) => {
    const result = evaluateExample(policyItem, document.id, example);
    expect(result.applies).toBe(example.applies);
    if (example.requirementsMet !== undefined) expect(result.requirementsMet).toBe(example.requirementsMet);
  });

  it('is in force from 2022-01-01 as (十六) states, signed 2021-12-27', () => {
    expect(document.effectiveOn).toMatchObject({ date: '2022-01-01', isInferred: false });
    expect(document.issuedOn).toMatchObject({ date: '2021-12-27', isInferred: true });
    expect(item('apply-adjusted-reimbursement-scope').deadlines[0]).toMatchObject({
      trigger: { kind: 'fixedDate', date: '2022-01-01' }, direction: 'fixed', statedInText: true,
    });
  });

  it('concerns 定点医药机构: a designated pharmacy yes, an undesignated one no, the formulary duty only hospitals', () => {
    expect(evaluate('apply-adjusted-reimbursement-scope', { 'pharmacy.isDesignated': true }).applies).toBe('yes');
    expect(evaluate('major-issue-report', { 'pharmacy.isDesignated': false, 'answer.isDesignatedMedicalInstitution': false }).applies).toBe('no');
    expect(evaluate('formulary-adjustment', { 'pharmacy.isDesignated': true, 'answer.isDesignatedMedicalInstitution': false }).applies).toBe('no');
    expect(evaluate('formulary-adjustment', { 'answer.isDesignatedMedicalInstitution': true }).applies).toBe('yes');
  });

  it('says “及时” without inventing a day', () => {
    for (const slug of ['formulary-adjustment', 'major-issue-report']) {
      expect(item(slug).deadlines[0]).toMatchObject({ direction: 'unspecified', statedInText: false, offset: null });
    }
  });
});
