import { describe, expect, it } from 'vitest';
import type { DutyTracking } from '../../../shared/deadlines/tracking';
import type { DutyHistoryRecord } from '../../../shared/deadlines/trackingRecords';
import { formatTimestamp, historyChange } from '../../../renderer/features/deadlines/dutyHistoryText';

/* How a duty's 操作记录 reads (renderer/features/deadlines/dutyHistoryText.ts). */

const OPEN: DutyTracking = { isDone: false, doneOn: null, evidence: '', userSetDueDate: null, userSetTriggerDate: null, assignee: '', note: '' };

function entry(overrides: Partial<DutyHistoryRecord>): DutyHistoryRecord {
  return {
    id: 'h1', companyId: 'c1', key: 'k', at: '2026-11-20T02:03:00.000Z', actor: '', action: 'markDone', dutyTitle: '',
    before: null, after: null, scheduleBefore: null, scheduleAfter: null, note: '', ...overrides,
  };
}

describe('historyChange', () => {
  it('reads the tracking state before and after, leaving out what is empty', () => {
    const done = { ...OPEN, isDone: true, doneOn: '2026-11-20', evidence: '回执 123', assignee: '张伟' } as DutyTracking;
    expect(historyChange(entry({ before: null, after: done }))).toBe('（无记录） → 已完成（2026-11-20）；证明材料：回执 123；责任人：张伟');
    expect(historyChange(entry({ action: 'setDueDate', before: OPEN, after: { ...OPEN, userSetDueDate: '2026-12-20', userSetTriggerDate: '2026-11-02' } as DutyTracking })))
      .toBe('未完成 → 未完成；截止日期：2026-12-20；触发日期：2026-11-02');
  });

  it('reads a schedule entry as the submission day before and after', () => {
    expect(historyChange(entry({ action: 'setSchedule', scheduleBefore: null, scheduleAfter: { monthsAfterPeriodStart: 1, dayOfMonth: 10 } })))
      .toBe('未设定 → 次月 10 日前');
  });
});

describe('formatTimestamp', () => {
  it('shows an instant in local time to the minute, and text that is no date as stored', () => {
    const at = new Date(2026, 10, 20, 9, 5).toISOString();
    expect(formatTimestamp(at)).toBe('2026-11-20 09:05');
    expect(formatTimestamp('不是时间')).toBe('不是时间');
  });
});
