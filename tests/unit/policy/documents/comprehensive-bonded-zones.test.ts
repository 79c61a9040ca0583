import { describe, expect, it } from 'vitest';
import { loadDocument } from '../policyTestKit';
import { describeDocumentBasics, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('comprehensive-bonded-zones');
const evaluate = (slug: string, facts: Facts) => evaluateSlug(document, slug, facts);

describe('comprehensive-bonded-zones', () => {
  describeDocumentBasics(document);

  it('is dated from its signature line, 京政发〔2021〕33号', () => {
    expect(document.docNumber).toBe('京政发〔2021〕33号');
    expect(document.issuedOn).toMatchObject({ date: '2021-11-06', isInferred: true });
    expect(document.effectiveOn.date).toBeNull();
  });

  it('二、(五)1.: the hukou quota concerns enterprises already in a zone, not those planning to enter', () => {
    expect(evaluate('key-talent-hukou-quota', { 'answer.comprehensiveBondedZoneStatus': '已在综合保税区内注册经营' }).applies).toBe('yes');
    expect(evaluate('key-talent-hukou-quota', { 'answer.comprehensiveBondedZoneStatus': '拟入区发展' }).applies).toBe('no');
  });

  it('二、(二)2.: a held 医疗器械经营许可证 identifies a medical-device enterprise', () => {
    const facts: Facts = { 'answer.comprehensiveBondedZoneStatus': '拟入区发展', 'licence.hasValid:医疗器械经营许可证': true };
    expect(evaluate('medical-device-registration-exemption', facts).applies).toBe('yes');
  });
});
