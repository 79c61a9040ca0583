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
const document = policyDocumentSchema.parse(JSON.parse(readFileSync(new URL('documents/infant-care-demonstration.json', resources), 'utf8')));

function item(slug: string): PolicyItem {
  const found = document.items.find((i) => i.id === `${document.id}/${slug}`);
  if (found === undefined) throw new Error(`no item ${slug}`);
  return found;
}
type Facts = Record<string, string | number | boolean | null>;
const evaluate = (slug: string, facts: Facts) => evaluateItem(item(slug), document, createFixedFacts(facts));

const examples = document.items.flatMap((i) => i.examples.map((e) => [i.id, e.label, i, e] as const));

describe('infant-care-demonstration', () => {
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

  it.each([
    ['行业代码 O8020 托儿所服务', { 'company.industryCode': 'O8020', 'company.businessScope': '' }, 'yes'],
    ['经营范围含托育服务', { 'company.industryCode': 'L7263', 'company.businessScope': '托育服务；劳务派遣' }, 'yes'],
    ['零售药店', { 'company.industryCode': 'F5251', 'company.businessScope': '药品零售' }, 'no'],
    ['行业和经营范围都未填', { 'company.industryCode': null, 'company.businessScope': null }, 'unknown'],
  ] as const)('托育机构 filing: %s', (_label, facts, applies) => {
    expect(evaluate('childcare-filing-disclosure-evaluation', facts).applies).toBe(applies);
  });

  it('states no filing deadline, so none is invented', () => {
    expect(item('childcare-filing-disclosure-evaluation').deadlines[0]).toMatchObject({ direction: 'unspecified', statedInText: false });
  });
});
