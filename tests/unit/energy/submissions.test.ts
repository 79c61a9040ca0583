import { describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { energySettingsSchema, isLedgerMonth, ledgerMonth, type LedgerMonth, type SubmissionDay } from '../../../shared/energy/ledger';
import {
  checkSubmissionEntry, describeSubmissionDay, monthlySubmissionStatuses, submissionDueDate, type EnergySubmission,
} from '../../../shared/energy/submissions';
import { COMPANY, newId, reading } from './helpers';

const nextMonth10: SubmissionDay = { monthsAfterPeriodStart: 1, dayOfMonth: 10, fromMonth: null, source: '' };

function monthOf(text: string): LedgerMonth {
  if (!isLedgerMonth(text)) throw new Error(text);
  return text;
}

function submission(month: string, submittedOn: string): EnergySubmission {
  return { id: `s-${month}`, companyId: COMPANY, month: monthOf(month), submittedOn: asIsoDate(submittedOn), receiptDocumentId: null, note: '' };
}

describe('submissionDueDate', () => {
  it.each([
    ['2021-10', 1, 10, '2021-11-10'],
    ['2021-12', 1, 10, '2022-01-10'],
    ['2021-01', 1, 31, '2021-02-28'],
    ['2024-01', 1, 30, '2024-02-29'],
    ['2021-04', 0, 31, '2021-04-30'],
    ['2021-11', 2, 5, '2022-01-05'],
  ] as const)('%s, %i month(s) after, day %i → %s', (month, after, day, due) => {
    const [y, m] = month.split('-').map(Number);
    expect(submissionDueDate(ledgerMonth(y ?? 0, m ?? 0), { monthsAfterPeriodStart: after, dayOfMonth: day })).toBe(due);
  });

  it('describes the schedule in Chinese', () => {
    expect(describeSubmissionDay({ monthsAfterPeriodStart: 1, dayOfMonth: 10 })).toBe('次月 10 日前');
    expect(describeSubmissionDay({ monthsAfterPeriodStart: 0, dayOfMonth: 31 })).toBe('当月月末前');
  });
});

describe('monthlySubmissionStatuses', () => {
  const readings = [reading(null, '2021-08', '电力', 100, 'kWh'), reading(null, '2021-09', '电力', 100, 'kWh')];

  it('without a day set, past months are 未设置报送日 and months not begun are 未到报送期', () => {
    const statuses = monthlySubmissionStatuses({ year: 2021, readings, submissions: [], submissionDay: null, today: asIsoDate('2021-10-05') });
    expect(statuses.map((s) => s.status)).toEqual([...Array.from({ length: 10 }, () => 'noSchedule'), 'notYet', 'notYet']);
    expect(statuses[0]?.message).toContain('原文未规定具体日期，以主管部门通知为准');
    expect(statuses[0]?.dueDate).toBeNull();
  });

  it('with 次月 10 日: submitted, overdue (with or without ledger), pending and not yet', () => {
    const statuses = monthlySubmissionStatuses({
      year: 2021, readings, submissions: [submission('2021-08', '2021-09-08')], submissionDay: nextMonth10, today: asIsoDate('2021-10-12'),
    });
    const byMonth = new Map(statuses.map((s) => [s.month, s]));
    expect(byMonth.get(monthOf('2021-08'))).toMatchObject({ status: 'submitted', isLate: false, dueDate: '2021-09-10' });
    // September has entries but was not submitted by 10 October.
    expect(byMonth.get(monthOf('2021-09'))).toMatchObject({ status: 'overdue', daysOverdue: 2, hasEntries: true });
    // July has no entry at all: overdue, and the message says the ledger is missing.
    expect(byMonth.get(monthOf('2021-07'))?.status).toBe('overdue');
    expect(byMonth.get(monthOf('2021-07'))?.message).toContain('台账尚未录入本月数据');
    // October's data is due 10 November.
    expect(byMonth.get(monthOf('2021-10'))).toMatchObject({ status: 'pending', dueDate: '2021-11-10' });
    expect(byMonth.get(monthOf('2021-11'))?.status).toBe('notYet');
  });

  it('the due day itself is not overdue; the day after is', () => {
    const on = monthlySubmissionStatuses({ year: 2021, readings, submissions: [], submissionDay: nextMonth10, today: asIsoDate('2021-10-10') });
    expect(on.find((s) => s.month === '2021-09')?.status).toBe('pending');
    const after = monthlySubmissionStatuses({ year: 2021, readings, submissions: [], submissionDay: nextMonth10, today: asIsoDate('2021-10-11') });
    expect(after.find((s) => s.month === '2021-09')?.status).toBe('overdue');
  });

  it('a late submission is marked late; months before fromMonth need nothing', () => {
    const statuses = monthlySubmissionStatuses({
      year: 2021, readings, submissions: [submission('2021-08', '2021-09-15')],
      submissionDay: { ...nextMonth10, fromMonth: monthOf('2021-06') }, today: asIsoDate('2021-12-31'),
    });
    expect(statuses.find((s) => s.month === '2021-08')).toMatchObject({ status: 'submitted', isLate: true });
    expect(statuses.find((s) => s.month === '2021-05')?.status).toBe('notTracked');
    expect(statuses.find((s) => s.month === '2021-06')?.status).toBe('overdue');
  });
});

describe('checkSubmissionEntry', () => {
  const context = { companyId: COMPANY, existing: [submission('2021-08', '2021-09-08')], today: asIsoDate('2021-10-12'), newId };

  it('accepts a past date within or after the data month', () => {
    const result = checkSubmissionEntry({ month: '2021-09', submittedOn: '2021-10-09', note: ' 平台回执 ' }, context);
    expect(result.ok && result.submission).toMatchObject({ month: '2021-09', submittedOn: '2021-10-09', note: '平台回执', companyId: COMPANY });
  });

  it.each([
    [{ month: '2021-09', submittedOn: '' }, 'submittedOn', '报送日期：请填写'],
    [{ month: '2021-09', submittedOn: '2021-02-30' }, 'submittedOn', '不是有效日期'],
    [{ month: '2021-09', submittedOn: '2021-10-13' }, 'submittedOn', '晚于今天'],
    [{ month: '2021-09', submittedOn: '2021-08-31' }, 'submittedOn', '早于数据月份'],
    [{ month: '2021-13', submittedOn: '2021-10-01' }, 'month', '不是有效月份'],
    [{ month: '2021-08', submittedOn: '2021-10-01' }, 'month', '已有报送记录'],
  ] as const)('refuses %o on %s', (draft, field, text) => {
    const result = checkSubmissionEntry(draft, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([expect.objectContaining({ field, message: expect.stringContaining(text) as unknown })]);
  });

  it('editing the stored record of a month is not a duplicate of itself', () => {
    expect(checkSubmissionEntry({ id: 's-2021-08', month: '2021-08', submittedOn: '2021-09-09' }, context).ok).toBe(true);
  });
});

describe('EnergySettings.submissionDay', () => {
  it('is optional (older settings parse) and validated when present', () => {
    expect(energySettingsSchema.parse({}).submissionDay).toBeUndefined();
    expect(energySettingsSchema.parse({ submissionDay: { monthsAfterPeriodStart: 1, dayOfMonth: 10 } }).submissionDay).toEqual(nextMonth10);
    expect(energySettingsSchema.safeParse({ submissionDay: { monthsAfterPeriodStart: 1, dayOfMonth: 32 } }).success).toBe(false);
  });
});
