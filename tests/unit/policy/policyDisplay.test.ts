import { describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import type { DeadlineRule } from '../../../shared/policy/knowledgeBase';
import { DATE_NOT_STATED, deadlineTimingText, statedDateText } from '../../../renderer/features/policies/policyDisplay';

const citation = { ref: '第七条', lines: { start: 1, end: 1 }, quote: '引文' };
const rule = (over: Partial<DeadlineRule>): DeadlineRule => ({
  id: 'r', label: '规则', trigger: { kind: 'event', event: 'designationApplication', label: '收到申请材料' }, direction: 'after',
  offset: { amount: 5, unit: 'workday' }, actor: 'authority', per: 'company', statedInText: true, limit: 'latest', note: '', citation, ...over,
});

describe('deadline wording', () => {
  it.each([
    ['after', rule({}), '自“收到申请材料”之日起 5 个工作日内'],
    ['after, earliest', rule({ limit: 'earliest', offset: { amount: 3, unit: 'month' } }), '自“收到申请材料”之日起满 3 个月后方可'],
    ['before', rule({ direction: 'before', offset: { amount: 30, unit: 'day' } }), '“收到申请材料”前 30 日'],
    ['window', rule({ direction: 'window', offset: { amount: 3, unit: 'month' } }), '“收到申请材料”前 3 个月内'],
    ['fixed', rule({ direction: 'fixed', offset: null, trigger: { kind: 'fixedDate', date: asIsoDate('2022-03-31'), label: '截止' } }), '2022-03-31 前'],
    ['recurring, stated', rule({ direction: 'recurring', offset: null, trigger: { kind: 'recurring', every: 'month', label: '每月 15 日前' } }), '每月 15 日前'],
    ['recurring, no day', rule({ direction: 'recurring', offset: null, statedInText: false, trigger: { kind: 'recurring', every: 'year', label: '每年' } }), `每年；${DATE_NOT_STATED}`],
    ['unspecified', rule({ direction: 'unspecified', offset: null, statedInText: false, trigger: { kind: 'none', label: '及时' } }), DATE_NOT_STATED],
    ['after, not stated', rule({ statedInText: false }), DATE_NOT_STATED],
  ])('%s', (_name, r, expected) => {
    expect(deadlineTimingText(r)).toBe(expected);
  });

  it('says when the compilation prints no date, and marks inferred ones', () => {
    expect(statedDateText({ date: null, isInferred: false, note: '' })).toBe('原文未载明');
    expect(statedDateText({ date: asIsoDate('2021-08-13'), isInferred: true, note: '落款' })).toBe('2021-08-13（推定）');
    expect(statedDateText({ date: asIsoDate('2022-06-01'), isInferred: false, note: '' })).toBe('2022-06-01');
  });
});
