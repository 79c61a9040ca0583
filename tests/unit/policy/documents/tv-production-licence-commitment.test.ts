import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentBasics, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('tv-production-licence-commitment');
const evaluate = (slug: string, facts: Facts) => evaluateSlug(document, slug, facts);

describe('tv-production-licence-commitment', () => {
  describeDocumentBasics(document);

  it('is in force from 2021-09-18 as the text states', () => {
    expect(document.effectiveOn).toMatchObject({ date: '2021-09-18', isInferred: false });
    expect(document.issuedOn.date).toBeNull();
  });

  it.each([
    ['一: a newcomer that confirmed the 告知承诺书 conditions', { 'answer.plansTvProgrammeProduction': true, ...{ 'licence.hasValid:广播电视节目制作经营许可证': false }, 'answer.tvProductionMeetsCommitmentConditions': true }, 'yes', 'yes'],
    ['一: a newcomer that has not confirmed them', { 'answer.plansTvProgrammeProduction': true, ...{ 'licence.hasValid:广播电视节目制作经营许可证': false }, 'answer.tvProductionMeetsCommitmentConditions': false }, 'yes', 'no'],
    ['a holder does not apply for 设立 again', { 'answer.plansTvProgrammeProduction': true, ...{ 'licence.hasValid:广播电视节目制作经营许可证': true } }, 'no', null],
  ] as const)('establishment: %s', (_label, facts, applies, met) => {
    const result = evaluate('establishment-licence', facts);
    expect(result.applies).toBe(applies);
    expect(result.requirementsMet).toBe(met);
  });

  it('does not invent the licensing conditions: the gap points to the 告知承诺书', () => {
    const result = evaluate('establishment-licence', { 'answer.plansTvProgrammeProduction': true, ...{ 'licence.hasValid:广播电视节目制作经营许可证': false }, 'answer.tvProductionMeetsCommitmentConditions': false });
    expect(result.gaps[0]?.text).toContain('告知承诺书');
  });

  it('三、3.: the 告知承诺书 takes the legal representative\'s signature and the company seal, in two copies', () => {
    for (const slug of ['establishment-licence', 'change-or-renewal']) {
      const letter = findItem(document, slug).materials.find((m) => m.needsSignatureAndSeal);
      expect(letter?.note).toContain('申请单位法定代表人签字并加盖公章');
      expect(letter?.note).toContain('一式两份');
    }
  });

  it('三、5.: the authority makes and serves the licence within 10 working days of the decision', () => {
    const rule = findItem(document, 'establishment-licence').deadlines[0];
    expect(rule).toMatchObject({ direction: 'after', offset: { amount: 10, unit: 'workday' }, actor: 'authority', statedInText: true });
    expect(rule?.note).toContain('0.5 个工作日');
  });

  it('二、(二): change or renewal concerns holders only, and no renewal window is invented', () => {
    expect(evaluate('change-or-renewal', { ...{ 'licence.hasValid:广播电视节目制作经营许可证': true }, 'answer.tvProductionLicenceNeedsChangeOrRenewal': true }).applies).toBe('yes');
    expect(evaluate('change-or-renewal', { ...{ 'licence.hasValid:广播电视节目制作经营许可证': false }, 'answer.tvProductionLicenceNeedsChangeOrRenewal': true }).applies).toBe('no');
    const window = findItem(document, 'change-or-renewal').deadlines.find((d) => d.id === 'change-renewal-window');
    expect(window).toMatchObject({ direction: 'unspecified', statedInText: false, offset: null });
  });

  it('四: supervision concerns holders; rectification periods come from the authority', () => {
    expect(evaluate('commitment-compliance', { 'licence.hasValid:广播电视节目制作经营许可证': true }).applies).toBe('yes');
    expect(evaluate('commitment-compliance', { 'licence.hasValid:广播电视节目制作经营许可证': false }).applies).toBe('no');
    expect(findItem(document, 'commitment-compliance').deadlines[0]).toMatchObject({ direction: 'unspecified', statedInText: false });
  });

  it('credit repair needs the breach corrected first', () => {
    const record = findItem(document, 'breach-credit-repair');
    const key = record.questions[0]?.key ?? '';
    const corrected = record.questions[1]?.key ?? '';
    expect(evaluate('breach-credit-repair', { [key]: true, [corrected]: false }).requirementsMet).toBe('no');
    expect(evaluate('breach-credit-repair', { [key]: true, [corrected]: true }).requirementsMet).toBe('yes');
    expect(evaluate('breach-credit-repair', { [key]: false }).applies).toBe('no');
  });
});
