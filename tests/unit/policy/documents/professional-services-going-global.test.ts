import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentBasics, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('professional-services-going-global');
const evaluate = (slug: string, facts: Facts) => evaluateSlug(document, slug, facts);

describe('professional-services-going-global', () => {
  describeDocumentBasics(document);

  it('二、(三)10.: 高新技术企业 overseas income is taxed at the stated 15% rate', () => {
    expect(findItem(document, 'high-tech-overseas-income-rate').benefit).toMatchObject({ ratePercent: 15, capWanYuan: null });
    const result = evaluate('high-tech-overseas-income-rate', { 'answer.isHighTechEnterprise': true, 'answer.hasOverseasIncome': false });
    expect(result.requirementsMet).toBe('no');
    expect(result.gaps.map((g) => g.text)).toEqual(['需有来源于境外的所得']);
  });

  it('二、(三)8.: the service-fee subsidy states no percentage, so none is recorded', () => {
    expect(findItem(document, 'overseas-project-service-fee-subsidy').benefit).toMatchObject({ ratePercent: null, capWanYuan: null });
  });

  it('二、(三)8.: only 会计师事务所 and 律师事务所 qualify for the direct subsidy', () => {
    expect(evaluate('overseas-investment-direct-subsidy', { 'answer.professionalFirmKind': '律师事务所' }).applies).toBe('yes');
    expect(evaluate('overseas-investment-direct-subsidy', { 'answer.professionalFirmKind': '其他专业服务机构' }).applies).toBe('no');
  });
});
