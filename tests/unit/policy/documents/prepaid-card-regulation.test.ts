import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentIntegrity, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('prepaid-card-regulation');
const ISSUES = 'answer.issuesPrepaidCards';
const BEFORE = 'answer.issuedPrepaidCardsBefore20220601';

describe('prepaid-card-regulation (北京市单用途预付卡管理条例)', () => {
  describeDocumentIntegrity(document);

  it('第三十五条: in force from 2022-06-01, read off the text rather than inferred', () => {
    expect(document.effectiveOn).toMatchObject({ date: '2022-06-01', isInferred: false });
  });

  it('第十三条: the voucher item quotes all twelve items the voucher or contract must state', () => {
    const quote = findItem(document, 'voucher-twelve-items').citation.quote;
    for (const n of ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二']) expect(quote).toContain(`(${n})`);
    expect(quote).toContain('视为已经出具凭据');
  });

  it.each([
    ['answer.isDishonestJudgmentDebtor', '第十一条第（一）项'],
    ['answer.isLegalRepDishonestForEmployerViolation', '第十一条第（二）项'],
    ['answer.isInAbnormalOperationList', '第十一条第（三）项'],
    ['answer.isDeregistering', '第十一条第（四）项'],
    ['answer.hasOtherStatutoryPrepaidCardBar', '第十一条第（五）项'],
  ])('第十一条: %s alone bars issuing cards, and the gap cites %s', (key, ref) => {
    const clean: Facts = {
      [ISSUES]: true, 'answer.isDishonestJudgmentDebtor': false, 'answer.isLegalRepDishonestForEmployerViolation': false,
      'answer.isInAbnormalOperationList': false, 'answer.isDeregistering': false, 'answer.hasOtherStatutoryPrepaidCardBar': false,
    };
    expect(evaluateSlug(document, 'issuance-prohibited', clean).requirementsMet).toBe('yes');
    const barred = evaluateSlug(document, 'issuance-prohibited', { ...clean, [key]: true });
    expect(barred.requirementsMet).toBe('no');
    expect(barred.gaps).toHaveLength(1);
    expect(barred.gaps[0]?.citation?.ref).toBe(ref);
  });

  it('第十六条 and 第十七条: refunds within 5 days and, absent an agreed term, 15 days of the request', () => {
    expect(findItem(document, 'seven-day-refund').deadlines[0]).toMatchObject({ direction: 'after', offset: { amount: 5, unit: 'day' }, statedInText: true });
    expect(findItem(document, 'balance-refund').deadlines[0]).toMatchObject({ direction: 'after', offset: { amount: 15, unit: 'day' }, statedInText: true });
  });

  it('第十九条: records kept at least 3 years — an earliest-disposal date, not a due date', () => {
    expect(findItem(document, 'transaction-records').deadlines[0]).toMatchObject({ offset: { amount: 3, unit: 'year' }, limit: 'earliest' });
    expect(findItem(document, 'platform-transaction-records').deadlines[0]).toMatchObject({ offset: { amount: 3, unit: 'year' }, limit: 'earliest' });
  });

  it.each(['filing', 'fund-custody'])('第三十五条: %s within 90 days of 2022-06-01 only for cards issued before that day', (slug) => {
    const rule = findItem(document, slug).deadlines.find((d) => d.id === 'legacy-90-days');
    expect(rule).toMatchObject({
      trigger: { kind: 'fixedDate', date: '2022-06-01' }, direction: 'after', offset: { amount: 90, unit: 'day' }, statedInText: true,
      when: { fact: BEFORE, comparator: 'isTrue' },
    });
    const other = findItem(document, slug).deadlines.find((d) => d.id !== 'legacy-90-days');
    expect(other).toMatchObject({ statedInText: false, when: { fact: BEFORE, comparator: 'isFalse' } });
  });

  it('第二十条: the filing threshold is set by the authority, so it is asked, never assumed', () => {
    const filing = evaluateSlug(document, 'filing', { [ISSUES]: true, 'answer.prepaidCardScaleAboveFilingThreshold': null });
    expect(filing.applies).toBe('unknown');
    expect(filing.missingFacts.map((m) => m.fact)).toEqual(['answer.prepaidCardScaleAboveFilingThreshold']);
    expect(evaluateSlug(document, 'voluntary-filing', { [ISSUES]: true, 'answer.prepaidCardScaleAboveFilingThreshold': false }).applies).toBe('yes');
  });

  it('第十八条第二款: "及时" — no day is invented for the closure notice', () => {
    const rules = findItem(document, 'closure-or-relocation-notice').deadlines;
    expect(rules.map((r) => r.trigger.kind === 'event' ? r.trigger.event : null)).toEqual(['suspension', 'termination', 'addressChange']);
    for (const rule of rules) {
      expect(rule).toMatchObject({ direction: 'unspecified', offset: null, statedInText: false });
      expect(rule.note).toContain('及时');
    }
  });

  it('a business that issues no cards has none of the card duties', () => {
    const cardItems = document.items.filter((i) => !i.id.includes('platform'));
    for (const item of cardItems) {
      expect(evaluateSlug(document, item.id.split('/')[1] ?? '', { [ISSUES]: false }).applies, item.id).toBe('no');
    }
  });
});
