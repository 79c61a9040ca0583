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
const document = policyDocumentSchema.parse(JSON.parse(readFileSync(new URL('documents/foreign-investment-measures.json', resources), 'utf8')));

function item(slug: string): PolicyItem {
  const found = document.items.find((i) => i.id === `${document.id}/${slug}`);
  if (found === undefined) throw new Error(`no item ${slug}`);
  return found;
}
type Facts = Record<string, string | number | boolean | null>;
const evaluate = (slug: string, facts: Facts) => evaluateItem(item(slug), document, createFixedFacts(facts));

const examples = document.items.flatMap((i) => i.examples.map((e) => [i.id, e.label, i, e] as const));

describe('foreign-investment-measures', () => {
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

  it('treats an enterprise of type 外商投资企业 as foreign-invested without asking', () => {
    const result = evaluate('foreign-investment-information-report', { 'company.entityType': '外商投资企业' });
    expect(result.applies).toBe('yes');
    expect(result.missingFacts).toEqual([]);
  });

  it.each([
    ['三、9. 境内研发费用占比 50%', 50, 'yes'],
    ['三、9. 境内研发费用占比 49.9%', 49.9, 'no'],
  ] as const)('报备即批准: %s', (_label, share, met) => {
    const facts: Facts = {
      'answer.keyTechField': '集成电路', 'answer.isAboveDesignatedSize': true, 'company.monthsSinceEstablished': 24,
      'answer.domesticRndExpenseSharePercent': share,
    };
    expect(evaluate('high-tech-enterprise-filing-approval', facts).requirementsMet).toBe(met);
  });

  it('三、9.: the 2000 万元 line of the technology-transfer relief is a threshold, not a cap', () => {
    expect(item('zgc-technology-transfer-tax').benefit).toMatchObject({ ratePercent: null, capWanYuan: null });
    expect(item('zgc-technology-transfer-tax').benefit?.description).toContain('不超过 2000 万元的部分，免征企业所得税');
  });

  it('三、7.: the external-debt pilot needs registration in 中关村海淀园区', () => {
    expect(evaluate('haidian-external-debt-pilot', { 'company.district': '西城区' }).applies).toBe('no');
    expect(evaluate('haidian-external-debt-pilot', { 'company.district': '海淀区', 'answer.isRegisteredInZgcHaidianPark': null }).applies).toBe('unknown');
  });
});
