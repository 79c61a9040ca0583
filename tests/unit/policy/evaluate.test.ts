import { describe, expect, it } from 'vitest';
import { createFixedFacts, evaluateCondition, evaluateItem } from '../../../shared/policy/evaluate';
import type { Condition, FactCondition, PolicyItem } from '../../../shared/policy/knowledgeBase';

const citation = { ref: '第一条', lines: { start: 1, end: 1 }, quote: '引言' };
const leaf = (id: string, fact: string, comparator: FactCondition['comparator'], value?: FactCondition['value'], extra: Partial<FactCondition> = {}): FactCondition =>
  ({ op: 'fact', id, label: `条件 ${id}`, fact, comparator, ...(value === undefined ? {} : { value }), ...extra });
const facts = createFixedFacts;

describe('comparators', () => {
  it.each([
    ['eq', 'A', 'A', 'pass'], ['eq', 'A', 'B', 'fail'], ['neq', 'A', 'B', 'pass'],
    ['in', 'B', ['A', 'B'], 'pass'], ['in', 'C', ['A', 'B'], 'fail'],
    ['gte', 3, 3, 'pass'], ['gte', 2, 3, 'fail'], ['gt', 3, 3, 'fail'], ['lte', 3, 3, 'pass'], ['lt', 3, 3, 'fail'],
    ['gte', '2022-03-31', '2022-04-01', 'fail'], ['lte', '2022-03-31', '2022-04-01', 'pass'],
    ['contains', '药品零售；医疗器械', ['医疗器械'], 'pass'], ['contains', '软件开发', '药品', 'fail'],
    ['startsWith', 'F5251', ['F5251', 'F5252'], 'pass'], ['startsWith', 'F5151', ['F5251'], 'fail'],
    ['isTrue', true, undefined, 'pass'], ['isTrue', false, undefined, 'fail'], ['isFalse', false, undefined, 'pass'],
    ['isTrue', 'yes', undefined, 'unknown'], ['gte', 'abc', 3, 'unknown'],
  ] as const)('%s: %j vs %j → %s', (comparator, value, expected, outcome) => {
    expect(evaluateCondition(leaf('a', 'x', comparator, expected as FactCondition['value']), facts({ x: value }))).toBe(outcome);
  });

  it('is unknown when the fact is unknown, except for `known`', () => {
    expect(evaluateCondition(leaf('a', 'x', 'eq', 1), facts({}))).toBe('unknown');
    expect(evaluateCondition(leaf('a', 'x', 'known'), facts({}))).toBe('fail');
    expect(evaluateCondition(leaf('a', 'x', 'known'), facts({ x: 0 }))).toBe('pass');
  });

  it('decides thresholds on partly known counts', () => {
    const partial = { read: () => ({ value: undefined, min: 1, max: 3 }) };
    expect(evaluateCondition(leaf('a', 'x', 'gte', 1), partial)).toBe('pass');
    expect(evaluateCondition(leaf('a', 'x', 'gte', 2), partial)).toBe('unknown');
    expect(evaluateCondition(leaf('a', 'x', 'gte', 4), partial)).toBe('fail');
    expect(evaluateCondition(leaf('a', 'x', 'lte', 3), partial)).toBe('pass');
    expect(evaluateCondition(leaf('a', 'x', 'lt', 1), partial)).toBe('fail');
  });
});

describe('three-valued groups', () => {
  const group = (op: 'all' | 'any'): Condition => ({ op, id: 'g', label: '组', of: [leaf('a', 'a', 'isTrue'), leaf('b', 'b', 'isTrue')] });
  it.each([
    ['all', true, true, 'pass'], ['all', true, false, 'fail'], ['all', null, false, 'fail'], ['all', null, true, 'unknown'],
    ['any', false, false, 'fail'], ['any', null, true, 'pass'], ['any', null, false, 'unknown'],
  ] as const)('%s(%s, %s) = %s', (op, a, b, outcome) => {
    expect(evaluateCondition(group(op), facts({ a, b }))).toBe(outcome);
  });
  it('negates with not, keeping unknown', () => {
    const negated: Condition = { op: 'not', id: 'n', label: '非', of: leaf('a', 'a', 'isTrue') };
    expect(evaluateCondition(negated, facts({ a: true }))).toBe('fail');
    expect(evaluateCondition(negated, facts({ a: false }))).toBe('pass');
    expect(evaluateCondition(negated, facts({}))).toBe('unknown');
  });
});

const item: PolicyItem = {
  id: 'doc/item', kind: 'application', title: '申请', summary: '说明', citation,
  appliesWhen: { op: 'any', id: 'who', label: '零售药店', of: [
    leaf('who-industry', 'company.industryCode', 'startsWith', ['F5251']),
    leaf('who-scope', 'company.businessScope', 'contains', ['药品零售']),
  ] },
  requirements: { op: 'all', id: 'req', label: '条件', citation, of: [
    leaf('managers', 'pharmacy.qualifiedInsuranceManagerCount', 'gte', 2, { citation, gap: '医保管理人员：需 2 名劳动合同期限不少于 1 年且在合同期内，现有 {value} 名' }),
    leaf('systems', 'answer.pharmacy.hasSettlementRules', 'isTrue', undefined, { gap: '需建立医保费用结算制度' }),
    leaf('licence', 'licence.hasValid', 'isTrue', undefined, { param: '药品经营许可证' }),
  ] },
  questions: [{ key: 'answer.pharmacy.hasSettlementRules', text: '是否已建立医保费用结算制度？', type: 'boolean' }],
  deadlines: [], materials: [], authority: '', tags: [], examples: [],
};
const doc = { id: 'doc', isGovernmentOnly: false };

describe('evaluateItem', () => {
  it('reports reasons with values, outcomes and citations, and gaps in plain words', () => {
    const result = evaluateItem(item, doc, facts({
      'company.industryCode': 'F5251', 'pharmacy.qualifiedInsuranceManagerCount': 1, 'answer.pharmacy.hasSettlementRules': false,
      'licence.hasValid:药品经营许可证': true,
    }));
    expect(result.applies).toBe('yes');
    expect(result.requirementsMet).toBe('no');
    expect(result.gaps.map((g) => g.text)).toEqual(['医保管理人员：需 2 名劳动合同期限不少于 1 年且在合同期内，现有 1 名', '需建立医保费用结算制度']);
    const managers = result.reasons.find((r) => r.conditionId === 'managers');
    expect(managers).toMatchObject({ value: 1, valueText: '1 名', outcome: 'fail', citation, scope: 'requirements', depth: 1 });
    expect(result.reasons.find((r) => r.conditionId === 'licence')).toMatchObject({ value: true, valueText: '是', outcome: 'pass' });
    expect(result.missingFacts).toEqual([]);
  });

  it('asks only for facts that could change the result', () => {
    const result = evaluateItem(item, doc, facts({ 'company.industryCode': 'F5251', 'pharmacy.qualifiedInsuranceManagerCount': 2, 'licence.hasValid:药品经营许可证': true }));
    expect(result.requirementsMet).toBe('unknown');
    expect(result.missingFacts.map((m) => m.fact)).toEqual(['answer.pharmacy.hasSettlementRules']);
    expect(result.missingFacts[0]?.question.text).toBe('是否已建立医保费用结算制度？');
    // The scope is unknown but the industry already decides the any-group: no question about it.
    expect(result.missingFacts.some((m) => m.fact === 'company.businessScope')).toBe(false);
  });

  it('asks the registry question for unknown stored facts', () => {
    const result = evaluateItem(item, doc, facts({}));
    expect(result.applies).toBe('unknown');
    // Only whether the item applies is asked; its conditions wait until it does.
    expect(result.missingFacts.map((m) => m.question.key)).toEqual(['answer.fact.company.industryCode', 'answer.fact.company.businessScope']);
    expect(result.missingFacts[0]?.recordField).toBe('company.industryCode');
  });

  it('asks for the conditions once the item applies', () => {
    const result = evaluateItem(item, doc, facts({ 'company.industryCode': 'F5251' }));
    expect(result.applies).toBe('yes');
    expect(result.missingFacts.map((m) => m.question.key)).toEqual([
      'answer.fact.pharmacy.qualifiedInsuranceManagerCount', 'answer.pharmacy.hasSettlementRules', 'answer.fact.licence.hasValid:药品经营许可证',
    ]);
  });

  it('does not evaluate requirements of an item that does not apply', () => {
    const result = evaluateItem(item, doc, facts({ 'company.industryCode': 'I6510', 'company.businessScope': '软件开发' }));
    expect(result).toMatchObject({ applies: 'no', requirementsMet: null, gaps: [], missingFacts: [] });
    expect(result.reasons.every((r) => r.scope === 'appliesWhen')).toBe(true);
  });

  it('never matches items of a government-only document', () => {
    expect(evaluateItem(item, { id: 'doc', isGovernmentOnly: true }, facts({ 'company.industryCode': 'F5251' })).applies).toBe('no');
  });

  it('applies an item without conditions to every company', () => {
    const open: PolicyItem = { ...item, appliesWhen: undefined, requirements: undefined };
    expect(evaluateItem(open, doc, facts({}))).toMatchObject({ applies: 'yes', requirementsMet: null, reasons: [] });
  });
});
