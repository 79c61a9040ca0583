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
const document = policyDocumentSchema.parse(JSON.parse(readFileSync(new URL('documents/hr-services-standards.json', resources), 'utf8')));

function item(slug: string): PolicyItem {
  const found = document.items.find((i) => i.id === `${document.id}/${slug}`);
  if (found === undefined) throw new Error(`no item ${slug}`);
  return found;
}
type Facts = Record<string, string | number | boolean | null>;
const evaluate = (slug: string, facts: Facts) => evaluateItem(item(slug), document, createFixedFacts(facts));

const examples = document.items.flatMap((i) => i.examples.map((e) => [i.id, e.label, i, e] as const));

describe('hr-services-standards', () => {
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

  const direct: Facts = {
    'licence.hasValid:人力资源服务许可证': true, 'answer.currentHrServiceGrade': '未参评', 'answer.monthsOperatingHrService': 36,
    'answer.hasJobAgencyPermitAndHrFiling': true, 'answer.hrAnnualReportRevenueWanYuan': 10, 'answer.isOnAbnormalOrSeriousViolationList': false,
  };

  it.each([
    ['满 3 年、营业额恰为 10 万元', direct, 'yes'],
    ['差 1 个月不满 3 年', { ...direct, 'answer.monthsOperatingHrService': 35 }, 'no'],
    ['营业额 9.99 万元', { ...direct, 'answer.hrAnnualReportRevenueWanYuan': 9.99 }, 'no'],
    ['已参评机构除外', { ...direct, 'answer.currentHrServiceGrade': 'A' }, 'no'],
    ['营业额未回答', { ...direct, 'answer.hrAnnualReportRevenueWanYuan': null }, 'unknown'],
  ] as const)('三、(一)1. direct A grade: %s', (_label, facts, met) => {
    expect(evaluate('direct-a-grade-recognition', facts).requirementsMet).toBe(met);
  });

  it('三、(一)1.: an institution may apply once it has held its permit or filing for 1 year', () => {
    const base: Facts = { 'licence.hasValid:人力资源服务许可证': false, 'answer.isHrServiceInstitution': true };
    expect(evaluate('grade-application', { ...base, 'answer.monthsSinceHrServicePermitOrFiling': 11 }).requirementsMet).toBe('no');
    expect(evaluate('grade-application', { ...base, 'answer.monthsSinceHrServicePermitOrFiling': 12 }).requirementsMet).toBe('yes');
    expect(evaluate('grade-application', { ...base, 'answer.monthsSinceHrServicePermitOrFiling': 11 }).gaps[0]?.text).toBe(
      '需取得人力资源服务许可或备案、报告满 1 年（12 个月），现为 11 个月',
    );
  });

  it('三、(一)1.: AA 级以上 renew 1 month before expiry; A 级 renews automatically', () => {
    expect(item('grade-renewal').deadlines[0]).toMatchObject({ direction: 'before', offset: { amount: 1, unit: 'month' }, statedInText: true });
    expect(evaluate('grade-renewal', { 'answer.currentHrServiceGrade': 'AA' }).applies).toBe('yes');
    expect(evaluate('grade-renewal', { 'answer.currentHrServiceGrade': 'A' }).applies).toBe('no');
  });

  it('三、(一)1.: another grade may be applied for no earlier than one year after the certificate', () => {
    expect(item('grade-application').deadlines[0]).toMatchObject({ direction: 'after', offset: { amount: 1, unit: 'year' }, limit: 'earliest' });
  });

  it('三、(一)2.: materials are asked for AA 级以上 only', () => {
    const material = item('grade-application').materials[0];
    expect(material?.when).toMatchObject({ fact: 'answer.targetHrServiceGrade', comparator: 'in', value: ['AA', 'AAA', 'AAAA', 'AAAAA'] });
  });
});
