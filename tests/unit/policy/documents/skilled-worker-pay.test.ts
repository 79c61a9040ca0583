import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentBasics, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('skilled-worker-pay');
const evaluate = (slug: string, facts: Facts) => evaluateSlug(document, slug, facts);

describe('skilled-worker-pay', () => {
  describeDocumentBasics(document);

  it('(八): every employer must fund 职工教育经费; an employer without staff is not concerned', () => {
    expect(evaluate('employee-education-fund', { 'company.employeeCount': 1 }).applies).toBe('yes');
    expect(evaluate('employee-education-fund', { 'company.employeeCount': 0 }).applies).toBe('no');
  });

  it('(六): the pay-growth rule concerns state-owned enterprises only', () => {
    expect(evaluate('state-owned-skilled-pay', { 'answer.isStateOwnedEnterprise': false }).applies).toBe('no');
    expect(findItem(document, 'state-owned-skilled-pay').summary).toContain('高技能人才人均工资增长比例不低于企业负责人薪酬增长比例');
  });
});
