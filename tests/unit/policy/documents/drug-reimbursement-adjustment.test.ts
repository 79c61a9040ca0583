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
    expect(findItem(document, 'apply-adjusted-reimbursement-scope').deadlines[0]).toMatchObject({
      trigger: { kind: 'fixedDate', date: '2022-01-01' }, direction: 'fixed', statedInText: true,
    });
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
