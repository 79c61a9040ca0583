import { describe, expect, it } from 'vitest';
import { loadBundledKnowledgeBase } from '../../../electron/cli/commandInputs';
import { computeDuties } from '../../../shared/deadlines/duties';
import { EMPTY_TRACKING } from '../../../shared/deadlines/tracking';
import { dutyTrackingRecordSchema, trackingRowId, trackingStateFromRecords, type DutyTrackingRecord } from '../../../shared/deadlines/trackingRecords';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { MONTHLY_SUBMISSION_DUTY } from '../../../shared/energy/duties';
import { energySettingsSchema, isLedgerMonth, ledgerMonth, type LedgerMonth, type SubmissionDay } from '../../../shared/energy/ledger';
import {
  checkSubmissionEntry, describeSubmissionDay, monthlySubmissionStatuses, submissionDueDate, trackerDoneMarks, TRACKER_DONE_LABEL,
  type EnergySubmission, type SubmissionStatusInput,
} from '../../../shared/energy/submissions';
import { record } from '../deadlines/fixtures';
import { shippedCalendar } from '../deadlines/holidayFixture';
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

/** A tracker row as 期限跟踪 stores it (renderer/storage/trackingRepository.ts). */
function trackerRow(month: string, fields: Partial<Pick<DutyTrackingRecord, 'isDone' | 'doneOn' | 'evidence' | 'assignee'>>, companyId = COMPANY, ruleId = 'monthly-report'): DutyTrackingRecord {
  const key = `${MONTHLY_SUBMISSION_DUTY.id}:${ruleId}|${companyId}|${month}`;
  return dutyTrackingRecordSchema.parse({ id: trackingRowId(companyId, key), companyId, key, updatedAt: '2021-10-01T00:00:00.000Z', ...fields });
}

describe('trackerDoneMarks', () => {
  it('takes the done months of the monthly duty as recorded, date and evidence included', () => {
    const marks = trackerDoneMarks([
      trackerRow('2021-09', { isDone: true, doneOn: asIsoDate('2021-10-08'), evidence: ' 平台回执 123 ' }),
      trackerRow('2021-08', { isDone: true, doneOn: asIsoDate('2021-09-09'), evidence: '截图' }),
    ], COMPANY);
    expect(marks).toEqual([
      { month: '2021-08', doneOn: '2021-09-09', evidence: '截图', key: `${MONTHLY_SUBMISSION_DUTY.id}:monthly-report|${COMPANY}|2021-08` },
      { month: '2021-09', doneOn: '2021-10-08', evidence: '平台回执 123', key: `${MONTHLY_SUBMISSION_DUTY.id}:monthly-report|${COMPANY}|2021-09` },
    ]);
  });

  it.each([
    ['an undone month', trackerRow('2021-09', { isDone: false, assignee: '王五' })],
    ['another company\'s row', trackerRow('2021-09', { isDone: true, doneOn: asIsoDate('2021-10-08') }, 'c-2')],
    ['another duty', dutyTrackingRecordSchema.parse({ id: 'x', companyId: COMPANY, key: `energy-saving-plan/energy-manager-training:x|${COMPANY}|2021-09`, updatedAt: '', isDone: true })],
    ['a non-monthly period', trackerRow('2021-Q3', { isDone: true, doneOn: asIsoDate('2021-10-08') })],
  ])('ignores %s', (_name, row) => {
    expect(trackerDoneMarks([row], COMPANY)).toEqual([]);
  });

  it('keeps a done with no date as it is: no date is made up', () => {
    expect(trackerDoneMarks([trackerRow('2021-09', { isDone: true, doneOn: null, evidence: '导入' })], COMPANY)).toEqual([
      expect.objectContaining({ month: '2021-09', doneOn: null }),
    ]);
  });

  it('reads the keys the deadline engine gives the bundled monthly duty', () => {
    const loaded = loadBundledKnowledgeBase();
    if (!loaded.ok) throw new Error(loaded.error.message);
    const company = record({ company: { answers: { 'answer.energy.isKeyEnergyUser': true } } });
    const duty = computeDuties(loaded.value.kb, company, EMPTY_TRACKING, shippedCalendar(), asIsoDate('2022-03-15'))
      .find((d) => d.itemId === MONTHLY_SUBMISSION_DUTY.id && d.periodKey === '2022-02');
    if (!duty) throw new Error('no monthly duty for 2022-02');
    const row = dutyTrackingRecordSchema.parse({
      id: trackingRowId(company.company.id, duty.key), companyId: company.company.id, key: duty.key, updatedAt: '', isDone: true, doneOn: '2022-03-08', evidence: '回执',
    });
    // The tracker counts the row as done, and the energy page reads the same month from it.
    const tracked = computeDuties(loaded.value.kb, company, trackingStateFromRecords([row], []), shippedCalendar(), asIsoDate('2022-03-15')).find((d) => d.key === duty.key);
    expect(tracked?.status).toBe('done');
    expect(trackerDoneMarks([row], company.company.id)).toEqual([{ month: '2022-02', doneOn: '2022-03-08', evidence: '回执', key: duty.key }]);
  });
});

describe('monthlySubmissionStatuses with the tracker\'s done marks', () => {
  const readings = [reading(null, '2021-08', '电力', 100, 'kWh'), reading(null, '2021-09', '电力', 100, 'kWh')];
  const base: SubmissionStatusInput = { year: 2021, readings, submissions: [], submissionDay: nextMonth10, today: asIsoDate('2021-10-12') };
  const statusOf = (input: Partial<SubmissionStatusInput>, month: string) => monthlySubmissionStatuses({ ...base, ...input }).find((s) => s.month === month);

  it('neither: September is overdue on 12 October', () => {
    expect(statusOf({}, '2021-09')).toMatchObject({ status: 'overdue', submission: null, trackerDone: null });
  });

  it('done in the tracker only: 已报送, with the tracker\'s date and the label', () => {
    const trackerMarks = trackerDoneMarks([trackerRow('2021-09', { isDone: true, doneOn: asIsoDate('2021-10-08'), evidence: '截图' })], COMPANY);
    const s = statusOf({ trackerMarks }, '2021-09');
    expect(s).toMatchObject({ status: 'submitted', submission: null, isLate: false, daysOverdue: null, trackerDone: { doneOn: '2021-10-08', evidence: '截图' } });
    expect(s?.message).toContain(`${TRACKER_DONE_LABEL}（2021-10-08）`);
    expect(s?.message).toContain('可补登');
  });

  it('done in the tracker after the due day is late; with no date it is not judged late', () => {
    const late = trackerDoneMarks([trackerRow('2021-08', { isDone: true, doneOn: asIsoDate('2021-09-20'), evidence: '截图' })], COMPANY);
    expect(statusOf({ trackerMarks: late }, '2021-08')).toMatchObject({ status: 'submitted', isLate: true });
    expect(statusOf({ trackerMarks: late }, '2021-08')?.message).toContain('晚于报送日 2021-09-10');
    const undated = trackerDoneMarks([trackerRow('2021-08', { isDone: true, doneOn: null, evidence: '导入' })], COMPANY);
    expect(statusOf({ trackerMarks: undated }, '2021-08')).toMatchObject({ status: 'submitted', isLate: false });
    expect(statusOf({ trackerMarks: undated }, '2021-08')?.message).toContain('未填写完成日期');
  });

  it('done in the ledger only: 已报送 from the record, as before', () => {
    expect(statusOf({ submissions: [submission('2021-09', '2021-10-09')] }, '2021-09')).toMatchObject({ status: 'submitted', trackerDone: null, submission: { submittedOn: '2021-10-09' } });
  });

  it('both: the ledger record speaks, the tracker mark is kept beside it', () => {
    const trackerMarks = trackerDoneMarks([trackerRow('2021-09', { isDone: true, doneOn: asIsoDate('2021-10-08'), evidence: '截图' })], COMPANY);
    const s = statusOf({ trackerMarks, submissions: [submission('2021-09', '2021-10-09')] }, '2021-09');
    expect(s).toMatchObject({ status: 'submitted', submission: { submittedOn: '2021-10-09' }, trackerDone: { doneOn: '2021-10-08' } });
    expect(s?.message).toBe('2021-09 数据已于 2021-10-09 报送');
  });

  it('undone in the tracker: the month goes back to its computed status', () => {
    const trackerMarks = trackerDoneMarks([trackerRow('2021-09', { isDone: false, doneOn: null, evidence: '' })], COMPANY);
    expect(statusOf({ trackerMarks }, '2021-09')).toMatchObject({ status: 'overdue', daysOverdue: 2, trackerDone: null });
    expect(monthlySubmissionStatuses({ ...base, trackerMarks }).filter((s) => s.status === 'overdue').length)
      .toBe(monthlySubmissionStatuses(base).filter((s) => s.status === 'overdue').length);
  });

  it('a tracker mark counts without a day set and before fromMonth, like a ledger record', () => {
    const trackerMarks = trackerDoneMarks([trackerRow('2021-03', { isDone: true, doneOn: asIsoDate('2021-04-02'), evidence: '截图' })], COMPANY);
    expect(statusOf({ trackerMarks, submissionDay: null }, '2021-03')?.status).toBe('submitted');
    expect(statusOf({ trackerMarks, submissionDay: { ...nextMonth10, fromMonth: monthOf('2021-06') } }, '2021-03')?.status).toBe('submitted');
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
