import type { DeadlineRule, ItemKind, PeriodUnit, PolicyDocument } from '../../../shared/policy/knowledgeBase';

/** Chinese wording and colours shared by 政策库 and 合规概览. */

/** Duties the company must perform vs. things it may seek. */
export const OBLIGATION_KINDS: readonly ItemKind[] = ['filing', 'reporting', 'duty'];
export const OPPORTUNITY_KINDS: readonly ItemKind[] = ['application', 'benefit'];

export const ITEM_KIND_COLORS: Readonly<Record<ItemKind, string>> = {
  filing: 'purple', reporting: 'geekblue', duty: 'blue', application: 'cyan', benefit: 'magenta',
};

/** The text's own words when a date or day is not stated (see DeadlineRule.statedInText). */
export const DATE_NOT_STATED = '原文未规定具体日期，以主管部门通知为准';

const UNIT_TEXT: Readonly<Record<PeriodUnit, string>> = { day: '日', workday: '个工作日', month: '个月', year: '年' };

function periodText(offset: DeadlineRule['offset']): string {
  return offset === null ? '' : `${offset.amount} ${UNIT_TEXT[offset.unit]}`;
}

/** The rule's timing in plain words, e.g. "自“收到申请材料”之日起 5 个工作日内". */
export function deadlineTimingText(rule: DeadlineRule): string {
  if (!rule.statedInText && rule.direction !== 'recurring') return DATE_NOT_STATED;
  const trigger = rule.trigger;
  const period = periodText(rule.offset);
  const from = `“${trigger.label}”`;
  const isEarliest = rule.limit === 'earliest';
  switch (rule.direction) {
    case 'after':
      return isEarliest ? `自${from}之日起满 ${period}后方可` : `自${from}之日起 ${period}内`;
    case 'before':
      return `${from}前 ${period}`;
    case 'window':
      return `${from}前 ${period}内`;
    case 'fixed':
      return trigger.kind === 'fixedDate' ? `${trigger.date} 前` : trigger.label;
    case 'recurring': {
      const every = trigger.kind === 'recurring' ? { month: '每月', quarter: '每季度', year: '每年' }[trigger.every] : '定期';
      if (!rule.statedInText) return `${every}；${DATE_NOT_STATED}`;
      return trigger.label.includes(every) ? trigger.label : `${every}（${trigger.label}）`;
    }
    case 'unspecified':
      return DATE_NOT_STATED;
  }
}

export const ACTOR_TEXT: Readonly<Record<DeadlineRule['actor'], string>> = { company: '企业办理', authority: '主管部门办理时限' };

/** A document's issue or effective date as the compilation states it. */
export function statedDateText(statement: PolicyDocument['issuedOn']): string {
  if (statement.date === null) return '原文未载明';
  return statement.isInferred ? `${statement.date}（推定）` : statement.date;
}

export function lineRangeText(lines: { readonly start: number; readonly end: number }): string {
  return lines.start === lines.end ? `第 ${lines.start} 行` : `第 ${lines.start}–${lines.end} 行`;
}
