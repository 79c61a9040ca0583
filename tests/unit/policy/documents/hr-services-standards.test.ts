import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentBasics, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('hr-services-standards');
const evaluate = (slug: string, facts: Facts) => evaluateSlug(document, slug, facts);

describe('hr-services-standards', () => {
  describeDocumentBasics(document);

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
    expect(findItem(document, 'grade-renewal').deadlines[0]).toMatchObject({ direction: 'before', offset: { amount: 1, unit: 'month' }, statedInText: true });
    expect(evaluate('grade-renewal', { 'answer.currentHrServiceGrade': 'AA' }).applies).toBe('yes');
    expect(evaluate('grade-renewal', { 'answer.currentHrServiceGrade': 'A' }).applies).toBe('no');
  });

  it('三、(一)1.: another grade may be applied for no earlier than one year after the certificate', () => {
    expect(findItem(document, 'grade-application').deadlines[0]).toMatchObject({ direction: 'after', offset: { amount: 1, unit: 'year' }, limit: 'earliest' });
  });

  it('三、(一)2.: materials are asked for AA 级以上 only', () => {
    const material = findItem(document, 'grade-application').materials[0];
    expect(material?.when).toMatchObject({ fact: 'answer.targetHrServiceGrade', comparator: 'in', value: ['AA', 'AAA', 'AAAA', 'AAAAA'] });
  });
});
