import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWorkCalendar, parseHolidayTable } from '../../../shared/deadlines/calendar';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { ledgerMonth } from '../../../shared/energy/ledger';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { DutyCalendar } from '../../../renderer/features/deadlines/DutyCalendar';
import { computeCompanyDuties, documentsById, TRACKER_GROUP_LABELS, type DutyRow } from '../../../renderer/features/deadlines/dutyModel';
import { loadTestKnowledgeBase, sampleRecord } from '../../fixtures/policy/diskKnowledgeBase';
import { renderWithApp } from '../renderWithApp';
import { installShippedCalendar } from './deadlinesHarness';

/*
 * The tracker's calendar with the data-centre sample's real duties on 2026-11-26: only October's
 * data was submitted, so earlier months are overdue. Holidays come from the shipped table.
 */

const TODAY = asIsoDate('2026-11-26');
const table = parseHolidayTable(JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/holidays/cn-holidays.json'), 'utf8')) as unknown);
if (!table.ok) throw new Error(table.error.message);
const calendar = buildWorkCalendar(table.value);
const kb = loadTestKnowledgeBase(['energy-saving-plan']).kb;

function rows(): readonly DutyRow[] {
  const sample = sampleRecord('dataCentre.json');
  const record: CompanyRecord = {
    ...sample,
    company: { ...sample.company, answers: { ...sample.company.answers, 'answer.energy.isKeyEnergyUser': true } },
    energySettings: { electricityBasis: '当量值', coefficients: [], densities: [], years: [], submissionDay: { monthsAfterPeriodStart: 1, dayOfMonth: 10, fromMonth: null, source: '' } },
    energySubmissions: [{ id: 's1', companyId: sample.company.id, month: ledgerMonth(2026, 10), submittedOn: asIsoDate('2026-11-08'), receiptDocumentId: null, note: '' }],
  };
  return computeCompanyDuties(kb, record, calendar, TODAY, documentsById(kb)).rows;
}

beforeAll(installShippedCalendar);

describe('DutyCalendar', () => {
  it('has a legend that is a plain key: every colour named, nothing to click or tab to', () => {
    renderWithApp(<DutyCalendar rows={rows()} initialDate="2026-10-01" isCompanyShown={false} onAction={() => undefined} />);
    const legend = screen.getByRole('list', { name: '图例' });
    expect(within(legend).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      ...(['overdue', 'dueWithin7', 'dueWithin30', 'later', 'done'] as const).map((g) => TRACKER_GROUP_LABELS[g]), '休法定节假日', '班调休上班日',
    ]);
    expect(within(legend).queryAllByRole('button')).toEqual([]);
    expect(legend.querySelectorAll('[tabindex], a, button, input')).toHaveLength(0);
  });

  it('marks 国庆节 as 休, lists an overdue month on its due day, and jumps to the earliest overdue day with its day list', async () => {
    const user = userEvent.setup({ delay: null });
    const all = rows();
    const overdue = all.filter((r) => r.group === 'overdue' && r.date !== null).sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
    const first = overdue[0];
    if (first?.date == null) throw new Error('the fixture should have an overdue month');
    renderWithApp(<DutyCalendar rows={all} initialDate="2026-10-01" isCompanyShown={false} onAction={() => undefined} />);

    expect(screen.getByRole('group', { name: /^10月1日 国庆节（休）/ })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain(`逾期 ${overdue.length} 项，最早的到期日 ${first.date}`);

    await user.click(screen.getByRole('button', { name: '查看最早的逾期事项' }));
    const [y, m, d] = first.date.split('-').map(Number);
    const dayList = screen.getByRole('region', { name: '当天的事项' });
    const onDay = overdue.filter((r) => r.date === first.date);
    expect(within(dayList).getByText(`${y}年${m}月${d}日 的事项（${all.filter((r) => r.date === first.date).length}）`)).toBeTruthy();
    expect(within(dayList).getAllByText(onDay[0]?.duty.title ?? '—', { exact: false }).length).toBeGreaterThan(0);
    // On the calendar the overdue item is said to be overdue (the red mark is for sighted users).
    const cellList = screen.getByRole('list', { name: `${first.date} 的事项` });
    expect(within(cellList).getAllByText('逾期：').length).toBe(Math.min(onDay.length, 3));
  });
});
