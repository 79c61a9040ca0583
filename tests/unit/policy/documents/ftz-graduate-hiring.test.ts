import { describe, expect, it } from 'vitest';
import { loadDocument } from '../policyTestKit';
import { describeDocumentBasics, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('ftz-graduate-hiring');
const evaluate = (slug: string, facts: Facts) => evaluateSlug(document, slug, facts);

describe('ftz-graduate-hiring', () => {
  describeDocumentBasics(document);

  const base: Facts = {
    'company.isInFreeTradeZone': true, 'company.district': '大兴区',
    'answer.isRegisteredOperatingAndTaxedInFtz': true, 'answer.isNonPublicEnterprise': true,
  };

  it.each([
    ['大兴区自贸试验区内非公企业', base, 'yes'],
    ['丰台区不在承接区之列', { ...base, 'company.district': '丰台区' }, 'no'],
    ['税收贡献不在自贸试验区内', { ...base, 'answer.isRegisteredOperatingAndTaxedInFtz': false }, 'no'],
    ['是否非公企业未回答', { ...base, 'answer.isNonPublicEnterprise': null }, 'unknown'],
  ] as const)('一: %s', (_label, facts, applies) => {
    expect(evaluate('district-graduate-confirmation', facts).applies).toBe(applies);
  });
});
