import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentIntegrity, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('specialized-sme-measures');
const TIER = 'answer.specialisedSmeTier';
const NATIONAL = '国家级专精特新“小巨人”企业';
const CITY = '市级专精特新“小巨人”企业';
const SPECIALISED = '“专精特新”中小企业（非“小巨人”）';

describe('specialized-sme-measures (促进“专精特新”中小企业高质量发展的若干措施)', () => {
  describeDocumentIntegrity(document);

  it('asks the same 专精特新 question as the SME measures, so one answer serves both', () => {
    const here = findItem(document, 'credit-guarantee-insurance-products').questions.find((q) => q.key === TIER);
    const sme = findItem(loadDocument('sme-support-measures'), 'specialised-sme-credit-and-listing').questions.find((q) => q.key === TIER);
    expect(here).toEqual(sme);
  });

  it.each([
    ['frontier-tech-projects', null, 200],
    ['smart-digital-green-upgrade', null, 3000],
    ['old-factory-renovation', null, 5000],
    ['chain-bottleneck-projects', null, 5000],
    ['financing-lease-subsidy', null, 1000],
    ['listing-subsidy', null, 300],
    ['belt-and-road-investment', null, 500],
    ['international-fair-support', 70, null],
    ['international-drug-registration-reward', null, 1000],
  ] as const)('%s: rate %s%%, cap %s 万元 as the text states', (slug, rate, cap) => {
    expect(findItem(document, slug).benefit).toMatchObject({ ratePercent: rate, capWanYuan: cap });
  });

  it.each([
    [NATIONAL, 'yes', 'yes'],
    [CITY, 'yes', 'no'],
    [SPECIALISED, 'no', 'no'],
  ] as const)('六、16. and 二、5.: a %s — 小巨人 talent support %s, national-only 落户 %s', (tier, giant, national) => {
    expect(evaluateSlug(document, 'little-giant-talent', { [TIER]: tier }).applies).toBe(giant);
    expect(evaluateSlug(document, 'graduate-hukou-support', { [TIER]: tier }).applies).toBe(national);
  });

  it.each([
    ['answer.hasInternationalRegistrationWithinTwoYears', 'registered-in-two-years'],
    ['answer.registeredProductMadeInBeijing', 'made-in-beijing'],
    ['answer.registeredProductSoldInForeignMarket', 'sold-abroad'],
  ])('五、12.: without %s the 200 万元 reward is not met', (key, gapId) => {
    const all: Facts = {
      [TIER]: SPECIALISED, 'answer.makesDrugsOrHighEndMedicalDevices': true, 'answer.hasInternationalRegistrationWithinTwoYears': true,
      'answer.registeredProductMadeInBeijing': true, 'answer.registeredProductSoldInForeignMarket': true,
    };
    expect(evaluateSlug(document, 'international-drug-registration-reward', all).requirementsMet).toBe('yes');
    const result = evaluateSlug(document, 'international-drug-registration-reward', { ...all, [key]: false });
    expect(result.requirementsMet).toBe('no');
    expect(result.gaps.map((g) => g.conditionId)).toEqual([gapId]);
  });

  it('末段: an enterprise without the 专精特新 recognition gets none of the measures', () => {
    for (const item of document.items) {
      const facts: Facts = { [TIER]: '均不是' };
      expect(evaluateSlug(document, item.id.split('/')[1] ?? '', facts).applies, item.id).toBe('no');
    }
  });
});
