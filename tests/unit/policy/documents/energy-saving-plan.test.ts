import { describe, expect, it } from 'vitest';
import { evaluateExample } from '../../../../shared/policy/evaluate';
import { validateKnowledgeBase } from '../../../../shared/policy/loadKnowledgeBase';
import { SOURCE_TEXT, findItem, knowledgeBaseOf, loadDocument } from '../policyTestKit';

const document = loadDocument('energy-saving-plan');
const item = (slug: string) => findItem(document, slug);
const examples = document.items.flatMap((i) => i.examples.map((e) => [i.id, e.label, i, e] as const));

describe('energy-saving-plan (北京市进一步强化节能实施方案)', () => {
  it('passes the integrity checks', () => {
    const result = validateKnowledgeBase(knowledgeBaseOf([document]), SOURCE_TEXT);
    expect(result.ok ? [] : result.error.details).toEqual([]);
  });

  it('states no issuer or dates because the compilation prints none', () => {
    expect(document).toMatchObject({ issuers: [], docNumber: null, issuedOn: { date: null }, effectiveOn: { date: null } });
  });

  it('has, for every item with conditions, a case that applies and one that does not', () => {
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

  it('reports monthly energy data every month with no day of month stated', () => {
    const rule = item('monthly-energy-data').deadlines[0];
    expect(rule).toMatchObject({ trigger: { kind: 'recurring', every: 'month' }, direction: 'recurring', offset: null, statedInText: false });
    expect(rule?.note).toContain('未规定每月报送日');
  });

  it('does not turn 年底前 into a date for the data-centre connection', () => {
    const rule = item('data-centre-realtime-power').deadlines[0];
    expect(rule).toMatchObject({ direction: 'unspecified', statedInText: false });
    expect(rule?.note).toContain('未写明年份');
  });

  it('covers the duties named for 重点用能单位, data centres, 高耗能 enterprises and public buildings', () => {
    const ids = document.items.map((i) => i.id.split('/')[1]);
    expect(ids).toEqual(expect.arrayContaining([
      'monthly-energy-data', 'energy-metering', 'energy-manager-training', 'data-centre-realtime-power', 'data-centre-energy-review',
      'high-energy-market-price', 'high-energy-agency-price', 'public-building-winter-temperature', 'public-building-energy-quota',
    ]));
  });
});
