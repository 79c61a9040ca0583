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
const document = policyDocumentSchema.parse(JSON.parse(readFileSync(new URL('documents/professional-services-going-global.json', resources), 'utf8')));

function item(slug: string): PolicyItem {
  const found = document.items.find((i) => i.id === `${document.id}/${slug}`);
  if (found === undefined) throw new Error(`no item ${slug}`);
  return found;
}
type Facts = Record<string, string | number | boolean | null>;
const evaluate = (slug: string, facts: Facts) => evaluateItem(item(slug), document, createFixedFacts(facts));

const examples = document.items.flatMap((i) => i.examples.map((e) => [i.id, e.label, i, e] as const));

describe('professional-services-going-global', () => {
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

  it('二、(三)10.: 高新技术企业 overseas income is taxed at the stated 15% rate', () => {
    expect(item('high-tech-overseas-income-rate').benefit).toMatchObject({ ratePercent: 15, capWanYuan: null });
    const result = evaluate('high-tech-overseas-income-rate', { 'answer.isHighTechEnterprise': true, 'answer.hasOverseasIncome': false });
    expect(result.requirementsMet).toBe('no');
    expect(result.gaps.map((g) => g.text)).toEqual(['需有来源于境外的所得']);
  });

  it('二、(三)8.: the service-fee subsidy states no percentage, so none is recorded', () => {
    expect(item('overseas-project-service-fee-subsidy').benefit).toMatchObject({ ratePercent: null, capWanYuan: null });
  });

  it('二、(三)8.: only 会计师事务所 and 律师事务所 qualify for the direct subsidy', () => {
    expect(evaluate('overseas-investment-direct-subsidy', { 'answer.professionalFirmKind': '律师事务所' }).applies).toBe('yes');
    expect(evaluate('overseas-investment-direct-subsidy', { 'answer.professionalFirmKind': '其他专业服务机构' }).applies).toBe('no');
  });
});
