import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentIntegrity, evaluateSlug } from './documentIntegrity';

const document = loadDocument('digital-trade-measures');

describe('digital-trade-measures (促进数字贸易高质量发展的若干措施)', () => {
  describeDocumentIntegrity(document);

  it('三、20.: direct data reporting for key enterprises, with no period invented', () => {
    const item = findItem(document, 'key-enterprise-data-reporting');
    expect(item.kind).toBe('reporting');
    expect(item.deadlines[0]).toMatchObject({ direction: 'unspecified', statedInText: false, offset: null });
    expect(item.deadlines[0]?.note).toContain('逐步开展市区两级重点数字贸易企业数据直报工作');
  });

  it('二、（四）12.: patent pre-examination reaches software companies by industry code alone', () => {
    expect(evaluateSlug(document, 'patent-pre-examination', { 'company.industryCode': 'I6513' }).applies).toBe('yes');
    expect(evaluateSlug(document, 'patent-pre-examination', { 'company.industryCode': 'F5251', 'answer.isNextGenerationItEnterprise': null }).applies).toBe('unknown');
  });

  it('二、（三）9.: the cross-border medicine pilot needs both e-commerce and a drug business', () => {
    expect(evaluateSlug(document, 'cross-border-ecommerce-medicines-pilot', {
      'answer.doesCrossBorderEcommerce': true, 'company.industryCode': 'C3742', 'licence.hasValid:药品经营许可证': false,
    }).applies).toBe('no');
    expect(evaluateSlug(document, 'cross-border-ecommerce-medicines-pilot', {
      'answer.doesCrossBorderEcommerce': true, 'company.industryCode': 'C3742', 'licence.hasValid:药品经营许可证': true,
    }).applies).toBe('yes');
  });

  it('states no amounts where the measures give none', () => {
    for (const item of document.items) expect(item.benefit?.capWanYuan ?? null, item.id).toBeNull();
  });
});
