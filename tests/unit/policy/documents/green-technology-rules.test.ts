import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentIntegrity, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('green-technology-rules');

const eligibleDemo: Facts = {
  'company.district': '朝阳区', 'company.entityType': '有限责任公司',
  'answer.projectUsesRecommendedGreenTech': true, 'answer.catalogueTechHasOwnIp': true, 'answer.catalogueTechHasNoBeijingMarketRecord': true,
  'answer.hasIllegalOrDishonestRecord': false, 'answer.isOperatingWell': true, 'answer.hasFundingCapacity': true,
  'answer.projectHadOtherMunicipalFunds': false, 'answer.greenDemoProjectStage': '已开工、未竣工',
};

describe('green-technology-rules (创新型绿色技术及示范应用项目征集遴选管理细则)', () => {
  describeDocumentIntegrity(document);

  it('第七条: 30% of total investment, at most 1000 万元 per project, 70% paid first', () => {
    const funding = findItem(document, 'demonstration-project-funding');
    expect(funding.benefit).toMatchObject({ ratePercent: 30, capWanYuan: 1000 });
    expect(funding.benefit?.note).toContain('70%');
    expect(funding.deadlines.find((d) => d.id === 'first-payment-70')?.citation.quote).toContain('拨付补助资金总额的 70%');
  });

  it('第八条（二）: the four application materials, the 承诺函 among them', () => {
    const names = findItem(document, 'demonstration-project-funding').materials.map((m) => m.name);
    expect(names).toHaveLength(4);
    expect(names[3]).toContain('承诺函');
    expect(findItem(document, 'technology-selection').materials).toHaveLength(6);
  });

  it.each([
    ['已开工、未竣工', 'yes'],
    ['未开工', 'no'],
    ['已竣工', 'no'],
    [null, 'unknown'],
  ] as const)('第八条: applying when the project is %s → requirements %s', (stage, met) => {
    expect(evaluateSlug(document, 'demonstration-project-funding', { ...eligibleDemo, 'answer.greenDemoProjectStage': stage }).requirementsMet).toBe(met);
  });

  it('第八条: the application window has no calendar date — the text\'s words are kept', () => {
    const rule = findItem(document, 'demonstration-project-funding').deadlines.find((d) => d.id === 'apply-between-start-and-completion');
    expect(rule).toMatchObject({ direction: 'unspecified', statedInText: false });
    expect(rule?.note).toContain('开工后、竣工前');
  });

  it.each([
    ['有限责任公司', 'yes'],
    ['股份有限公司', 'yes'],
    ['个体工商户', 'no'],
    ['分公司', 'no'],
    ['合伙企业', 'no'],
  ] as const)('第八条（一）1.: a %s applicant → requirements %s (独立法人资格)', (entityType, met) => {
    expect(evaluateSlug(document, 'demonstration-project-funding', { ...eligibleDemo, 'company.entityType': entityType }).requirementsMet).toBe(met);
  });

  it('第八条（二）4.: a project already funded by the city cannot give the 承诺函', () => {
    const result = evaluateSlug(document, 'demonstration-project-funding', { ...eligibleDemo, 'answer.projectHadOtherMunicipalFunds': true });
    expect(result.requirementsMet).toBe('no');
    expect(result.gaps.map((g) => g.conditionId)).toEqual(['no-other-municipal-funds']);
  });

  it('第七条第二款: third-party testing fees fully covered once the project is approved', () => {
    expect(findItem(document, 'testing-evaluation-fee').benefit).toMatchObject({ ratePercent: 100 });
    expect(evaluateSlug(document, 'testing-evaluation-fee', { 'answer.hasApprovedGreenDemoProject': false }).applies).toBe('no');
  });
});
