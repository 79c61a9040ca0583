import { screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import type { ReminderDto } from '../../../shared/ipc/contract';
import { ReminderBell } from '../../../renderer/features/deadlines/ReminderBell';
import { saveReminderSettings, DEFAULT_REMINDER_SETTINGS } from '../../../renderer/features/deadlines/reminderSettings';
import { browserPlatform, setPlatform } from '../../../renderer/platform/platform';
import { importCompanyRecords } from '../../../renderer/storage/companyRepository';
import { appDb } from '../../../renderer/storage/connections';
import { sampleRecord } from '../../fixtures/policy/diskKnowledgeBase';
import { clearDatabase, renderWithApp } from '../renderWithApp';
import { installShippedCalendar, knowledgeBaseStore, WithKnowledgeBase } from './deadlinesHarness';
import { appRepositories } from '../../../renderer/storage/repositories';

/*
 * The header's reminders over the car-rental sample on a fixed day (only Date is faked; timers
 * stay real): a new service outlet opened on 2026-10-01 must be filed within 60 days, by Monday
 * 2026-11-30. In the desktop app main receives the reminders and receives them again when the
 * lead times change; in the browser the panel lists what is due soon.
 */

beforeAll(installShippedCalendar);
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 10, 26, 8, 0, 0));
});
afterEach(async () => {
  vi.useRealTimers();
  setPlatform(browserPlatform);
  await clearDatabase();
});

const OUTLET_DUTY = '新设服务机构开展经营活动后 60 日内申请开业备案';

async function seed(): Promise<string> {
  const sample = sampleRecord('carRental.json');
  const record = {
    ...sample,
    vehicles: sample.vehicles.slice(0, 1),
    events: [{ id: 'e-outlet', companyId: sample.company.id, kind: 'serviceOutletOpened' as const, date: asIsoDate('2026-10-01'), subjectId: null, note: '' }],
  };
  await importCompanyRecords(appDb, [record], 'replace');
  return record.company.id;
}

function renderBell(): void {
  renderWithApp(
    <WithKnowledgeBase store={knowledgeBaseStore(['car-rental-opinions'])}>
      <ReminderBell />
    </WithKnowledgeBase>,
  );
}

describe('reminders in the header', () => {
  it('hands main the reminders, and hands them again when the lead times change', async () => {
    const companyId = await seed();
    const schedule = vi.fn((reminders: readonly ReminderDto[]) => Promise.resolve({ scheduled: reminders.length, skippedPast: 0 }));
    setPlatform({ ...browserPlatform, kind: 'electron', scheduleReminders: schedule });
    renderBell();

    await waitFor(() => expect(schedule).toHaveBeenCalled(), { timeout: 15_000 });
    const first = schedule.mock.calls.at(-1)?.[0] ?? [];
    const outlet = first.filter((r) => r.title.includes(OUTLET_DUTY));
    // Due 2026-11-30: the 7-day reminder (11-23) has passed; the day-before and the day itself are ahead, at 09:00.
    expect(outlet.map((r) => [r.id, r.fireAt])).toEqual([
      [`due|${companyId}|2026-11-30|1`, new Date(2026, 10, 29, 9, 0).toISOString()],
      [`due|${companyId}|2026-11-30|0`, new Date(2026, 10, 30, 9, 0).toISOString()],
    ]);
    expect(first.find((r) => r.id === 'overdue|2026-11-26')?.fireAt).toBe(new Date(2026, 10, 26, 9, 0).toISOString());

    await saveReminderSettings(appRepositories, { ...DEFAULT_REMINDER_SETTINGS, leadDays: [2], timeOfDay: '16:30' });
    await waitFor(() => {
      const latest = schedule.mock.calls.at(-1)?.[0] ?? [];
      expect(latest.filter((r) => r.title.includes(OUTLET_DUTY)).map((r) => [r.id, r.fireAt])).toEqual([
        [`due|${companyId}|2026-11-30|2`, new Date(2026, 10, 28, 16, 30).toISOString()],
      ]);
    }, { timeout: 15_000 });
  }, 60_000);

  it('lists due-soon duties in the panel in the browser build', async () => {
    await seed();
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderBell();
    const bell = await screen.findByLabelText(/^期限提醒：\d+ 项逾期，1 项即将到期$/, { selector: 'button' }, { timeout: 15_000 });
    await user.click(bell);
    expect(await screen.findByText(OUTLET_DUTY, {}, { timeout: 10_000 })).toBeTruthy();
  }, 60_000);
});
