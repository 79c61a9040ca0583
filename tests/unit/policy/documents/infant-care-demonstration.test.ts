import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentBasics, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('infant-care-demonstration');
const evaluate = (slug: string, facts: Facts) => evaluateSlug(document, slug, facts);

describe('infant-care-demonstration', () => {
  describeDocumentBasics(document);

  it.each([
    ['行业代码 O8020 托儿所服务', { 'company.industryCode': 'O8020', 'company.businessScope': '' }, 'yes'],
    ['经营范围含托育服务', { 'company.industryCode': 'L7263', 'company.businessScope': '托育服务；劳务派遣' }, 'yes'],
    ['零售药店', { 'company.industryCode': 'F5251', 'company.businessScope': '药品零售' }, 'no'],
    ['行业和经营范围都未填', { 'company.industryCode': null, 'company.businessScope': null }, 'unknown'],
  ] as const)('托育机构 filing: %s', (_label, facts, applies) => {
    expect(evaluate('childcare-filing-disclosure-evaluation', facts).applies).toBe(applies);
  });

  it('states no filing deadline, so none is invented', () => {
    expect(findItem(document, 'childcare-filing-disclosure-evaluation').deadlines[0]).toMatchObject({ direction: 'unspecified', statedInText: false });
  });
});
