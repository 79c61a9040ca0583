import { describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { ledgerMonth } from '../../../shared/energy/ledger';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { buildWorkCalendar, parseHolidayTable } from '../../../shared/deadlines/calendar';
import { AWAITING_DAY_TEXT } from '../../../shared/deadlines/duties';
import { computeCompanyDuties, documentsById, groupOf, trackingWithEnergyLedger, type CompanyDuties } from '../../../renderer/features/deadlines/dutyModel';
import { DEFAULT_REMINDER_SETTINGS, readReminderSettings } from '../../../renderer/features/deadlines/reminderSettings';
import { buildReminders, dueSoonRows, reminderTarget } from '../../../renderer/features/deadlines/reminders';
import { loadTestKnowledgeBase, sampleRecord } from '../../fixtures/policy/diskKnowledgeBase';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The tracker's model without the page: energy-ledger submissions counted as done, the grouping
 * of statuses, and the desktop reminders built from the duties (one per company, day and lead
 * time; a daily one while anything is overdue).
 */

const table = parseHolidayTable(JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/holidays/cn-holidays.json'), 'utf8')) as unknown);
if (!table.ok) throw new Error(table.error.message);
const calendar = buildWorkCalendar(table.value);
const kb = loadTestKnowledgeBase(['car-rental-opinions', 'energy-saving-plan']).kb;
const documents = documentsById(kb);
const TODAY = asIsoDate('2026-11-26');

function energyCompany(): CompanyRecord {
  const sample = sampleRecord('dataCentre.json');
  return {
    ...sample,
    company: { ...sample.company, answers: { ...sample.company.answers, 'answer.energy.isKeyEnergyUser': true } },
    energySettings: { electricityBasis: '当量值', coefficients: [], densities: [], years: [], submissionDay: { monthsAfterPeriodStart: 1, dayOfMonth: 10, fromMonth: null, source: '' } },
    energySubmissions: [{ id: 's1', companyId: sample.company.id, month: ledgerMonth(2026, 10), submittedOn: asIsoDate('2026-11-08'), receiptDocumentId: null, note: '平台回执 A-1' }],
  };
}

describe('the energy ledger in the tracker', () => {
  it('takes the submission day set in the ledger and counts a submitted month as done', () => {
    const record = energyCompany();
    const { state, energyDoneKeys } = trackingWithEnergyLedger(kb, record);
    const scheduleKey = `energy-saving-plan/monthly-energy-data:monthly-report|${record.company.id}`;
    expect(state.schedules[scheduleKey]).toEqual({ monthsAfterPeriodStart: 1, dayOfMonth: 10 });
    expect([...energyDoneKeys]).toEqual([`${scheduleKey}|2026-10`]);

    const { rows } = computeCompanyDuties(kb, record, calendar, TODAY, documents);
    const monthly = rows.filter((r) => r.duty.scheduleKey === scheduleKey);
    const october = monthly.find((r) => r.duty.periodKey === '2026-10');
    const november = monthly.find((r) => r.duty.periodKey === '2026-11');
    expect(october).toMatchObject({ group: 'done', isDoneInEnergyLedger: true });
    expect(october?.duty.tracking?.evidence).toBe('能源台账报送记录：平台回执 A-1');
    // November's data is due on 10 December under the ledger's day.
    expect(november?.duty.dueDate).toBe('2026-12-10');
    expect(november?.group).toBe('dueWithin30');
  });

  it('counts a ledger-submitted month as done even when the tracker has a row for it that is not done, keeping that row\'s assignee', () => {
    const sample = energyCompany();
    const scheduleKey = `energy-saving-plan/monthly-energy-data:monthly-report|${sample.company.id}`;
    const key = `${scheduleKey}|2026-10`;
    const row = (isDone: boolean) => ({
      id: `${sample.company.id}::${key}`, companyId: sample.company.id, key, isDone, doneOn: isDone ? asIsoDate('2026-11-09') : null, evidence: isDone ? '跟踪表记录' : '',
      assignee: '王工', userSetDueDate: null, userSetTriggerDate: null, note: '', updatedAt: '2026-11-01T00:00:00.000Z',
    });
    const assigned = trackingWithEnergyLedger(kb, { ...sample, dutyTracking: [row(false)] });
    expect(assigned.state.duties[key]).toMatchObject({ isDone: true, doneOn: '2026-11-08', assignee: '王工', evidence: '能源台账报送记录：平台回执 A-1' });
    expect(assigned.energyDoneKeys.has(key)).toBe(true);
    // The tracker's own done mark stays as the user recorded it.
    const done = trackingWithEnergyLedger(kb, { ...sample, dutyTracking: [row(true)] });
    expect(done.state.duties[key]).toMatchObject({ doneOn: '2026-11-09', evidence: '跟踪表记录' });
    expect(done.energyDoneKeys.has(key)).toBe(false);
  });

  // L1856–1857 states no day: while none is set anywhere the month is 待定, never overdue.
  it('tracks a month as 待定 while no day is set anywhere', () => {
    const record = { ...energyCompany(), energySettings: undefined, energySubmissions: [] };
    const { rows } = computeCompanyDuties(kb, record, calendar, TODAY, documents);
    const november = rows.find((r) => r.duty.itemId === 'energy-saving-plan/monthly-energy-data' && r.duty.periodKey === '2026-11');
    expect(november?.duty.dueText).toBe(AWAITING_DAY_TEXT);
    expect(november?.group).toBe('undated');
  });

  it('groups every status', () => {
    expect(['overdue', 'dueWithin7', 'dueWithin30', 'later', 'done', 'undated', 'waiting', 'available'].map((s) => groupOf(s as Parameters<typeof groupOf>[0])))
      .toEqual(['overdue', 'dueWithin7', 'dueWithin30', 'later', 'done', 'undated', 'later', 'later']);
  });
});

describe('reminders', () => {
  const carRental = computeCompanyDuties(kb, sampleRecord('carRental.json'), calendar, TODAY, documents);
  const companies: CompanyDuties[] = [carRental];
  // 2026-11-26 08:00 local: reminders at 09:00 today are still ahead.
  const now = new Date(2026, 10, 26, 8, 0, 0);

  it('groups one company\'s duties per day and lead time, and adds a daily overdue reminder', () => {
    const reminders = buildReminders(companies, DEFAULT_REMINDER_SETTINGS, TODAY, now);
    const ids = reminders.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const overdue = reminders.find((r) => r.id === 'overdue|2026-11-26');
    const overdueCount = carRental.rows.filter((r) => r.group === 'overdue').length;
    expect(overdue?.title).toBe(`${overdueCount} 项事项已逾期`);
    expect(overdue?.fireAt).toBe(new Date(2026, 10, 26, 9, 0).toISOString());
    // The 2026-12-11 filing (新设服务机构 + 60 日) is reminded 7 and 1 days ahead and on the day.
    const due = reminders.filter((r) => r.id.startsWith(`due|${carRental.record.company.id}|2026-12-11|`));
    expect(due.map((r) => r.id.split('|')[3]).sort()).toEqual(['0', '1', '7']);
    expect(due.find((r) => r.id.endsWith('|7'))?.fireAt).toBe(new Date(2026, 11, 4, 9, 0).toISOString());
    expect(due.find((r) => r.id.endsWith('|1'))?.title).toMatch(/明天到期$/);
    // Nothing past the horizon, nothing already past.
    expect(reminders.every((r) => Date.parse(r.fireAt) > now.getTime())).toBe(true);
    expect(reminders.every((r) => Date.parse(r.fireAt) <= new Date(2027, 0, 25, 23, 59).getTime())).toBe(true);
  });

  it('follows the settings: other lead times, another hour, or none at all', () => {
    const settings = readReminderSettings({ leadDays: [30, 3], timeOfDay: '14:30', isOverdueDaily: false });
    const reminders = buildReminders(companies, settings, TODAY, now);
    expect(reminders.some((r) => r.id.startsWith('overdue|'))).toBe(false);
    const due = reminders.filter((r) => r.id.includes('|2026-12-11|'));
    expect(due.map((r) => [r.id.split('|')[3], r.fireAt])).toEqual([['3', new Date(2026, 11, 8, 14, 30).toISOString()]]);
    expect(buildReminders(companies, { ...settings, isEnabled: false }, TODAY, now)).toEqual([]);
    expect(readReminderSettings({ leadDays: ['x'] })).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(readReminderSettings({ leadDays: [0, 7, 7, 1] }).leadDays).toEqual([7, 1, 0]);
  });

  it('opens the company\'s calendar on the day, or the overdue list, when a reminder is clicked', () => {
    expect(reminderTarget('due|c-1|2026-12-11|7')).toBe('/deadlines?company=c-1&view=calendar&date=2026-12-11');
    expect(reminderTarget('overdue|2026-11-26')).toBe('/deadlines?scope=all&group=overdue');
  });

  it('lists overdue and due-soon duties for the in-app panel', () => {
    const rows = dueSoonRows(carRental.rows, DEFAULT_REMINDER_SETTINGS, TODAY);
    expect(rows.every((r) => r.group === 'overdue' || (r.date !== null && r.date <= '2026-12-03'))).toBe(true);
    expect(rows.filter((r) => r.group === 'overdue')).toHaveLength(carRental.rows.filter((r) => r.group === 'overdue').length);
  });
});
