import { describe, expect, it } from 'vitest';
import { createFactContext, evaluateItem } from '../../../../shared/policy/evaluate';
import type { IsoDate } from '../../../../shared/domain/isoDate';
import { findItem, loadDocument, makeRecord } from '../policyTestKit';
import { describeDocumentIntegrity, evaluateSlug } from './documentIntegrity';

const document = loadDocument('business-environment-plan');
const ON = '2022-03-01' as IsoDate;

describe('business-environment-plan (培育和激发市场主体活力持续优化营商环境实施方案)', () => {
  describeDocumentIntegrity(document);

  it('prints no issuer, number or date, so none is claimed', () => {
    expect(document).toMatchObject({ issuers: [], docNumber: null, issuedOn: { date: null }, effectiveOn: { date: null } });
  });

  it('二、（一）1.（3）: 证照联办 reaches a pharmacy through its 药品经营许可证 even without an industry code', () => {
    const record = makeRecord({
      company: { district: '朝阳区' },
      licences: [{ kind: '药品经营许可证', number: '京AA0000001', validFrom: '2021-01-01', validTo: '2025-12-31' }],
    });
    const result = evaluateItem(findItem(document, 'licence-and-permit-joint-processing'), document, createFactContext(record, ON));
    expect(result.applies).toBe('yes');
  });

  it('二、（一）1.（3）: 证照联办 does not reach a software company', () => {
    const record = makeRecord({ company: { industryCode: 'I6513', businessScope: '软件开发；信息技术咨询服务' } });
    expect(evaluateItem(findItem(document, 'licence-and-permit-joint-processing'), document, createFactContext(record, ON)).applies).toBe('no');
  });

  it('二、（一）1.（4）: free seals concern enterprises being set up, individual businesses get the one-stop service', () => {
    expect(evaluateSlug(document, 'individual-business-one-stop', { 'company.entityType': '个体工商户' }).applies).toBe('yes');
    expect(evaluateSlug(document, 'free-seals-for-new-enterprises', { 'answer.isSettingUpNewEnterprise': false }).applies).toBe('no');
  });

  it('二、（一）2.（3）: the 16-workday water assessment is the authority\'s time, not the company\'s', () => {
    expect(findItem(document, 'water-impact-assessment').deadlines[0]).toMatchObject({
      actor: 'authority', direction: 'after', offset: { amount: 16, unit: 'workday' }, statedInText: true,
    });
  });

  it.each([
    [true, true, 'yes', []],
    [false, true, 'no', ['no-debts']],
    [true, false, 'no', ['wages-taxes-settled']],
  ] as const)('二、（二）4.（5）: 简易注销 with debts settled %s and wages/taxes settled %s → %s', (debts, wages, met, gapIds) => {
    const result = evaluateSlug(document, 'simplified-deregistration', {
      'answer.plansDeregistration': true, 'answer.hasNoOutstandingDebts': debts, 'answer.hasSettledWagesSocialInsuranceTaxes': wages,
    });
    expect(result.requirementsMet).toBe(met);
    expect(result.gaps.map((g) => g.conditionId)).toEqual(gapIds);
  });

  it('二、（二）4.（5）: removal needs both two years abnormal and two years without tax filings', () => {
    const key = { abnormal: 'answer.abnormalOperationStatusTwoYears', tax: 'answer.noTaxFilingInLastTwoYears' };
    expect(evaluateSlug(document, 'removal-from-register', { [key.abnormal]: true, [key.tax]: true }).applies).toBe('yes');
    expect(evaluateSlug(document, 'removal-from-register', { [key.abnormal]: false, [key.tax]: true }).applies).toBe('no');
    expect(evaluateSlug(document, 'removal-from-register', { [key.abnormal]: true, [key.tax]: null }).applies).toBe('unknown');
  });

  it('二、（一）3.（4）: 电子保函 for companies in public resource trading', () => {
    expect(findItem(document, 'electronic-guarantee-instead-of-cash-deposit').citation.quote).toContain('电子保函替代现金保证金');
    expect(evaluateSlug(document, 'electronic-guarantee-instead-of-cash-deposit', { 'answer.participatesInPublicResourceTrading': true }).applies).toBe('yes');
  });

  it('二、（一）1.（4）: the 自贸试验区 confirmation registration reads the stored free-trade-zone flag', () => {
    const inZone = makeRecord({ company: { isInFreeTradeZone: true } });
    const outside = makeRecord({ company: { isInFreeTradeZone: false } });
    const item = findItem(document, 'registration-confirmation-ftz');
    expect(evaluateItem(item, document, createFactContext(inZone, ON)).applies).toBe('yes');
    expect(evaluateItem(item, document, createFactContext(outside, ON)).applies).toBe('no');
  });
});
