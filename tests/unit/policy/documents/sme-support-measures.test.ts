import { describe, expect, it } from 'vitest';
import { createFactContext, evaluateItem } from '../../../../shared/policy/evaluate';
import type { IsoDate } from '../../../../shared/domain/isoDate';
import { findItem, loadDocument, makeRecord } from '../policyTestKit';
import { describeDocumentIntegrity, evaluateSlug } from './documentIntegrity';

const document = loadDocument('sme-support-measures');
const ON = '2022-03-01' as IsoDate;

describe('sme-support-measures (应对疫情防控常态化促进中小企业健康发展若干措施)', () => {
  describeDocumentIntegrity(document);

  it('the effective date depends on an unprinted publication date, so none is given', () => {
    expect(document.effectiveOn.date).toBeNull();
    expect(document.effectiveOn.note).toContain('30 日后施行');
  });

  it.each([
    ['中型', '海淀区', 'yes'],
    ['小型', '海淀区', 'yes'],
    ['微型', '海淀区', 'yes'],
    ['大型', '海淀区', 'no'],
    ['小型', null, 'unknown'],
    [null, '海淀区', 'unknown'],
  ] as const)('末段 scope: a %s enterprise in %s → %s', (sizeClass, district, applies) => {
    expect(evaluateSlug(document, 'sme-service-voucher', { 'company.sizeClass': sizeClass, 'company.district': district }).applies).toBe(applies);
  });

  it('sizes a real record with the 300号 classifier: a 12-person, 300 万元 pharmacy is 小型 and gets the small-business fee cuts', () => {
    const record = makeRecord({
      company: { industryCode: 'F5251', employeeCount: 12, annualRevenueWanYuan: 300, district: '朝阳区' },
    });
    const result = evaluateItem(findItem(document, 'payment-fee-reductions'), document, createFactContext(record, ON));
    expect(result.applies).toBe('yes');
    expect(result.reasons.find((r) => r.fact === 'company.sizeClass')?.value).toBe('小型');
  });

  it('a 60-person, 600 万元 pharmacy is 中型: SME measures yes, small/micro-only measures no', () => {
    const record = makeRecord({
      company: { industryCode: 'F5251', employeeCount: 60, annualRevenueWanYuan: 600, district: '朝阳区' },
    });
    const facts = createFactContext(record, ON);
    expect(evaluateItem(findItem(document, 'sme-service-voucher'), document, facts).applies).toBe('yes');
    expect(evaluateItem(findItem(document, 'payment-fee-reductions'), document, facts).applies).toBe('no');
  });

  it('without revenue the size is unknown and the question names the missing figure', () => {
    const record = makeRecord({ company: { industryCode: 'C3442', employeeCount: 80, district: '朝阳区' } });
    const result = evaluateItem(findItem(document, 'sme-service-voucher'), document, createFactContext(record, ON));
    expect(result.applies).toBe('unknown');
    expect(result.missingFacts.find((m) => m.fact === 'company.sizeClass')?.detail).toContain('营业收入');
  });

  it('一、1. and 一、3.: rates as stated — 100% super deduction, 2% interest subsidy', () => {
    expect(findItem(document, 'manufacturing-rd-super-deduction').benefit?.ratePercent).toBe(100);
    expect(findItem(document, 'jingchuangrong-interest-subsidy').benefit).toMatchObject({ ratePercent: 2, capWanYuan: null });
  });

  it('一、1. and 四、12.: the year-end dates the text states are the measures\' periods, not company deadlines', () => {
    const relief = findItem(document, 'small-scale-taxpayer-relief');
    const training = findItem(document, 'work-based-training-subsidy');
    expect([relief.period?.until, training.period?.until]).toEqual(['2022-12-31', '2021-12-31']);
    // A benefit running out is not something the company must do by that day.
    expect([...relief.deadlines, ...training.deadlines]).toEqual([]);
    expect(evaluateSlug(document, 'work-based-training-subsidy', { 'company.sizeClass': '小型', 'company.district': '朝阳区', 'evaluation.date': '2022-01-01' }).period?.status).toBe('after');
  });

  it('三、8.: the bar on paying arrears in commercial bills binds large enterprises', () => {
    expect(evaluateSlug(document, 'large-enterprise-payment-form', { 'company.sizeClass': '大型', 'answer.owesPaymentsToContractors': true }).applies).toBe('yes');
    expect(evaluateSlug(document, 'large-enterprise-payment-form', { 'company.sizeClass': '中型', 'answer.owesPaymentsToContractors': true }).applies).toBe('no');
  });
});
