import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { MONTHLY_SUBMISSION_DUTY } from '../../../shared/energy/duties';
import { defaultEnergySettings, ledgerMonth, type EnergySettings } from '../../../shared/energy/ledger';
import { SubmissionStrip } from '../../../renderer/features/energy/SubmissionStrip';
import { blankCompanyInput, createCompany, getCompanyRecord } from '../../../renderer/storage/companyRepository';
import { appDb } from '../../../renderer/storage/connections';
import { saveEnergySubmission } from '../../../renderer/storage/energyRepository';
import { markDutyDone, undoDutyDone } from '../../../renderer/storage/trackingRepository';
import { clearDatabase, renderWithApp } from '../renderWithApp';

afterEach(clearDatabase);

const TODAY = asIsoDate('2021-10-12');
const SETTINGS: EnergySettings = { ...defaultEnergySettings(), submissionDay: { monthsAfterPeriodStart: 1, dayOfMonth: 10, fromMonth: null, source: '' } };

/** The tracker's key of one data month, as the deadline engine builds it for the bundled rule. */
function monthKey(companyId: string, month: string): string {
  return `${MONTHLY_SUBMISSION_DUTY.id}:monthly-report|${companyId}|${month}`;
}

async function reload(companyId: string): Promise<CompanyRecord> {
  const record = await getCompanyRecord(appDb, companyId);
  if (!record) throw new Error('not stored');
  return record;
}

/** A company whose September 2021 is marked done in 期限跟踪 on 2021-10-08, and nothing in the ledger. */
async function doneInTracker(): Promise<CompanyRecord> {
  const company = await createCompany(appDb, blankCompanyInput('北京测试能源有限公司'));
  await markDutyDone(appDb, {
    companyId: company.id, key: monthKey(company.id, '2021-09'), dutyTitle: '报送月度能耗数据', actor: '张三',
    doneOn: '2021-10-08', evidence: '平台回执 NO.123', today: TODAY,
  });
  return reload(company.id);
}

function dialog(): HTMLElement {
  const title = screen.getByText('2021-09 数据报送');
  const box = title.closest('.ant-modal');
  if (!(box instanceof HTMLElement)) throw new Error('no dialog');
  return box;
}

describe('SubmissionStrip and the deadline tracker', () => {
  it('shows a month done in the tracker as 已报送 with the label and the date done, and offers 补登 prefilled from it', async () => {
    const user = userEvent.setup({ delay: null });
    const record = await doneInTracker();
    renderWithApp(<SubmissionStrip record={record} settings={SETTINGS} year={2021} today={TODAY} />);

    const month = screen.getByRole('button', { name: '2021-09 已报送（已在期限跟踪中标记完成）' });
    expect(within(month).getByText('期限跟踪 10-08')).toBeTruthy();
    // August has neither record: still overdue, and the strip counts only it.
    expect(screen.getByRole('button', { name: '2021-08 已逾期' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '2021-09 已逾期' })).toBeNull();

    await user.click(month);
    const box = dialog();
    expect(within(box).getByText('已在期限跟踪中标记完成：2021-10-08')).toBeTruthy();
    expect(within(box).getByText('证明材料：平台回执 NO.123')).toBeTruthy();
    expect(within(box).getByRole('link', { name: '在期限跟踪中查看' }).getAttribute('href'))
      .toBe(`#/deadlines?company=${encodeURIComponent(record.company.id)}&focus=${encodeURIComponent(monthKey(record.company.id, '2021-09'))}`);
    // The record form is not there until asked for: the month needs no ledger record to count.
    expect(within(box).queryByLabelText('报送日期')).toBeNull();

    await user.click(within(box).getByRole('button', { name: '补登报送记录' }));
    expect(within(box).getByLabelText<HTMLInputElement>('报送日期').value).toBe('2021-10-08');
    expect(within(box).getByLabelText<HTMLTextAreaElement>('备注').value).toBe('平台回执 NO.123');
    await user.click(within(box).getByRole('button', { name: '保存报送记录' }));

    await waitFor(async () => expect(await appDb.energySubmissions.toArray()).toEqual([
      expect.objectContaining({ companyId: record.company.id, month: '2021-09', submittedOn: '2021-10-08', note: '平台回执 NO.123', receiptDocumentId: null }),
    ]));
  });

  it('a done with no date recorded leaves the 补登 date empty, never today', async () => {
    const user = userEvent.setup({ delay: null });
    const company = await createCompany(appDb, blankCompanyInput('北京测试能源有限公司'));
    const key = monthKey(company.id, '2021-09');
    // A workspace file may carry a done without a date; the tracker's own dialog always asks for one.
    await appDb.dutyTracking.put({
      id: `${company.id}::${key}`, companyId: company.id, key, updatedAt: '2021-10-09T00:00:00.000Z',
      isDone: true, doneOn: null, evidence: '导入的完成记录', assignee: '', userSetDueDate: null, userSetTriggerDate: null, note: '',
    });
    renderWithApp(<SubmissionStrip record={await reload(company.id)} settings={SETTINGS} year={2021} today={TODAY} />);

    await user.click(screen.getByRole('button', { name: '2021-09 已报送（已在期限跟踪中标记完成）' }));
    const box = dialog();
    expect(within(box).getByText('已在期限跟踪中标记完成：未填写完成日期')).toBeTruthy();
    await user.click(within(box).getByRole('button', { name: '补登报送记录' }));
    expect(within(box).getByLabelText<HTMLInputElement>('报送日期').value).toBe('');
    await user.click(within(box).getByRole('button', { name: '保存报送记录' }));
    expect(await within(box).findByText('报送日期：请填写')).toBeTruthy();
    expect(await appDb.energySubmissions.count()).toBe(0);
  });

  it('undoing the done in the tracker puts the month back to 已逾期', async () => {
    const record = await doneInTracker();
    await undoDutyDone(appDb, { companyId: record.company.id, key: monthKey(record.company.id, '2021-09'), dutyTitle: '报送月度能耗数据', actor: '张三', reason: '回执有误' });
    renderWithApp(<SubmissionStrip record={await reload(record.company.id)} settings={SETTINGS} year={2021} today={TODAY} />);
    expect(screen.getByRole('button', { name: '2021-09 已逾期' })).toBeTruthy();
    expect(screen.getByText('2021 年有 9 个月已逾期未报送。')).toBeTruthy();
  });

  it('a month with a ledger record shows that record, not the tracker label, when both exist', async () => {
    const record = await doneInTracker();
    await saveEnergySubmission(appDb, { id: 's-1', companyId: record.company.id, month: ledgerMonth(2021, 9), submittedOn: asIsoDate('2021-10-09'), receiptDocumentId: null, note: '' });
    renderWithApp(<SubmissionStrip record={await reload(record.company.id)} settings={SETTINGS} year={2021} today={TODAY} />);
    const month = screen.getByRole('button', { name: '2021-09 已报送' });
    expect(within(month).getByText('10-09')).toBeTruthy();
  });
});
