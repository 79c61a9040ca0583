import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentBasics, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('drug-reimbursement-adjustment');
const evaluate = (slug: string, facts: Facts) => evaluateSlug(document, slug, facts);

describe('drug-reimbursement-adjustment', () => {
  describeDocumentBasics(document);

  it('is in force from 2022-01-01 as (十六) states, signed 2021-12-27', () => {
    expect(document.effectiveOn).toMatchObject({ date: '2022-01-01', isInferred: false });
    expect(document.issuedOn).toMatchObject({ date: '2021-12-27', isInferred: true });
  });

  // L4639 “本通知自 2022年 1 月 1 日起执行”: the day the notice takes effect is information, never a duty falling due.
  it('shows 2022-01-01 as the item\'s effective date, not as a deadline (L4639)', () => {
    const item = findItem(document, 'apply-adjusted-reimbursement-scope');
    expect(item.deadlines).toEqual([]);
    expect(item.period).toMatchObject({ from: '2022-01-01', citation: { lines: { start: 4639, end: 4639 } } });
    expect(evaluate('apply-adjusted-reimbursement-scope', { 'pharmacy.isDesignated': true, 'evaluation.date': '2026-12-05' })).toMatchObject({
      applies: 'yes', period: { status: 'within', label: '自 2022 年 1 月 1 日起执行' },
    });
    expect(evaluate('apply-adjusted-reimbursement-scope', { 'pharmacy.isDesignated': true, 'evaluation.date': '2021-12-31' }).applies).toBe('no');
  });

  it('concerns 定点医药机构: a designated pharmacy yes, an undesignated one no, the formulary duty only hospitals', () => {
    expect(evaluate('apply-adjusted-reimbursement-scope', { 'pharmacy.isDesignated': true }).applies).toBe('yes');
    expect(evaluate('major-issue-report', { 'pharmacy.isDesignated': false, 'answer.isDesignatedMedicalInstitution': false }).applies).toBe('no');
    expect(evaluate('formulary-adjustment', { 'pharmacy.isDesignated': true, 'answer.isDesignatedMedicalInstitution': false }).applies).toBe('no');
    expect(evaluate('formulary-adjustment', { 'answer.isDesignatedMedicalInstitution': true }).applies).toBe('yes');
  });

  it('says “及时” without inventing a day', () => {
    for (const slug of ['formulary-adjustment', 'major-issue-report']) {
      expect(findItem(document, slug).deadlines[0]).toMatchObject({ direction: 'unspecified', statedInText: false, offset: null });
    }
  });
});
