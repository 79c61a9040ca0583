import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentBasics, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('foreign-investment-measures');
const evaluate = (slug: string, facts: Facts) => evaluateSlug(document, slug, facts);

describe('foreign-investment-measures', () => {
  describeDocumentBasics(document);

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
    expect(findItem(document, 'zgc-technology-transfer-tax').benefit).toMatchObject({ ratePercent: null, capWanYuan: null });
    expect(findItem(document, 'zgc-technology-transfer-tax').benefit?.description).toContain('不超过 2000 万元的部分，免征企业所得税');
  });

  it('三、7.: the external-debt pilot needs registration in 中关村海淀园区', () => {
    expect(evaluate('haidian-external-debt-pilot', { 'company.district': '西城区' }).applies).toBe('no');
    expect(evaluate('haidian-external-debt-pilot', { 'company.district': '海淀区', 'answer.isRegisteredInZgcHaidianPark': null }).applies).toBe('unknown');
  });
});
