import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { defaultEnergySettings, ledgerMonth, type EnergyReading } from '../../../shared/energy/ledger';
import { buildReading } from '../../../shared/energy/readingConversion';
import { ReadingFormModal } from '../../../renderer/features/energy/ReadingFormModal';
import { blankCompanyInput, createCompany, getCompanyRecord, saveStore } from '../../../renderer/storage/companyRepository';
import { appDb } from '../../../renderer/storage/connections';
import { saveEnergyReading } from '../../../renderer/storage/energyRepository';
import { clearDatabase, fill, renderWithApp } from '../renderWithApp';

afterEach(clearDatabase);

const TODAY = asIsoDate('2021-12-15');

async function dataCentreCompany(stored: readonly { month: number; amount: number }[] = []): Promise<{ record: CompanyRecord; siteId: string }> {
  const company = await createCompany(appDb, blankCompanyInput('北京测试数据有限公司'));
  const site = await saveStore(appDb, { companyId: company.id, name: '亦庄数据中心', kind: '数据中心', address: '', district: null, operatingSince: null, floorAreaSqm: null, note: '' });
  for (const { month, amount } of stored) {
    const built = buildReading({
      id: `r-${month}`, companyId: company.id, siteId: site.id, month: ledgerMonth(2021, month), energyType: '电力', amount, unit: 'kWh',
      isItEquipment: false, documentId: null, note: '', confirmedOutlier: false, entryMethod: '手工录入',
    }, defaultEnergySettings());
    if (!built.ok) throw new Error(built.error.message);
    await saveEnergyReading(appDb, built.value);
  }
  const record = await getCompanyRecord(appDb, company.id);
  if (!record) throw new Error('not stored');
  return { record, siteId: site.id };
}

function fieldOf(label: string): HTMLElement {
  const item = screen.getByLabelText(label, { exact: true }).closest('.ant-form-item');
  if (!(item instanceof HTMLElement)) throw new Error(`no form item around ${label}`);
  return item;
}

/**
 * The confirmation dialog. Found by its title text: under test rc-util gives every modal title
 * the id "test-id", so an accessible name would resolve to the entry form's title instead.
 */
async function outlierDialog(): Promise<HTMLElement> {
  const title = await screen.findByText('用量与相邻月份相差 10 倍以上', { selector: '.ant-modal-confirm-title' });
  const dialog = title.closest('.ant-modal');
  if (!(dialog instanceof HTMLElement)) throw new Error('no dialog around the title');
  return dialog;
}

function renderForm(record: CompanyRecord, siteId: string, onClose = vi.fn()) {
  renderWithApp(
    <ReadingFormModal
      record={record}
      settings={defaultEnergySettings()}
      editing={null}
      defaults={{ siteKey: siteId, month: '2021-10', energyType: '电力', unit: 'kWh' }}
      today={TODAY}
      onClose={onClose}
    />,
  );
  return onClose;
}

async function stored(): Promise<EnergyReading[]> {
  return (await appDb.energyReadings.toArray()).sort((a, b) => a.month.localeCompare(b.month) || Number(a.isItEquipment) - Number(b.isItEquipment));
}

describe('energy entry form: refusals in place', () => {
  it.each([
    ['-5', '用量：不能为负数（-5）'],
    ['12吨', '用量：“12吨”不是数字，请只填写数值，单位另选'],
  ])('refuses the amount "%s" with the message beside 用量 and stores nothing', async (typed, text) => {
    const user = userEvent.setup({ delay: null });
    const { record, siteId } = await dataCentreCompany();
    const onClose = renderForm(record, siteId);
    if (typed !== '') await fill(user, '用量', typed);
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(within(fieldOf('用量')).getByText(text)).toBeTruthy());
    expect(onClose).not.toHaveBeenCalled();
    expect(await stored()).toEqual([]);

    // Typing a valid amount clears the message; saving stores the reading with its tce.
    await user.clear(screen.getByLabelText('用量', { exact: true }));
    await fill(user, '用量', '1,000');
    await waitFor(() => expect(within(fieldOf('用量')).queryByText(text)).toBeNull());
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(await stored()).toEqual([expect.objectContaining({ month: '2021-10', amount: 1000, unit: 'kWh', tce: 0.1229, siteId, entryMethod: '手工录入' })]);
  });

  it('refuses a month that has not ended, on the month field', async () => {
    const user = userEvent.setup({ delay: null });
    const { record, siteId } = await dataCentreCompany();
    renderWithApp(
      <ReadingFormModal record={record} settings={defaultEnergySettings()} editing={null} defaults={{ siteKey: siteId, month: '2022-01' }} today={TODAY} onClose={vi.fn()} />,
    );
    await fill(user, '用量', '100');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(within(fieldOf('月份')).getByText('月份：2022-01 尚未结束，不能录入以后月份的用量')).toBeTruthy());
    expect(await stored()).toEqual([]);
  });

  it('refuses a duplicate month of the same site and energy type beside 月份', async () => {
    const user = userEvent.setup({ delay: null });
    const { record, siteId } = await dataCentreCompany([{ month: 10, amount: 5000 }]);
    const onClose = renderForm(record, siteId);
    await fill(user, '用量', '5100');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(within(fieldOf('月份')).getByText(/“亦庄数据中心” 2021-10 的电力已有记录（5000 kWh），不能重复录入/)).toBeTruthy());
    expect(onClose).not.toHaveBeenCalled();
    expect((await stored()).map((r) => r.amount)).toEqual([5000]);

    // The IT sub-meter of the same month is another series and is accepted.
    await user.click(screen.getByLabelText('IT 设备用电'));
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect((await stored()).map((r) => [r.amount, r.isItEquipment])).toEqual([[5000, false], [5100, true]]);
  });

  it('shows the coefficient it will use and the resulting tce before saving', async () => {
    const user = userEvent.setup({ delay: null });
    const { record, siteId } = await dataCentreCompany();
    renderForm(record, siteId);
    await fill(user, '用量', '10000');
    const preview = screen.getByLabelText('折算预览');
    expect(within(preview).getByText(/0\.1229 kgce\/kWh（当量值），GB\/T 2589-2020 附录 A 表 A\.1 电力（当量值）/)).toBeTruthy();
    expect(within(preview).getByText('1.229 tce')).toBeTruthy();
  });
});

describe('energy entry form: ten-times outliers', () => {
  it('asks for confirmation instead of refusing; going back stores nothing', async () => {
    const user = userEvent.setup({ delay: null });
    const { record, siteId } = await dataCentreCompany([{ month: 9, amount: 1000 }]);
    const onClose = renderForm(record, siteId);
    await fill(user, '用量', '25000');
    await user.click(screen.getByRole('button', { name: '保存' }));
    const dialog = await outlierDialog();
    expect(within(dialog).getByText(/2021-10 电力为 25,000 kWh，是 2021-09（1,000 kWh）的约 25 倍/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '返回修改' }));
    await waitFor(() => expect(within(fieldOf('用量')).getByText(/约 25 倍/)).toBeTruthy());
    expect(onClose).not.toHaveBeenCalled();
    expect((await stored()).map((r) => r.month)).toEqual(['2021-09']);
  });

  it('stores the reading marked as a confirmed outlier once the user confirms', async () => {
    const user = userEvent.setup({ delay: null });
    const { record, siteId } = await dataCentreCompany([{ month: 9, amount: 1000 }]);
    const onClose = renderForm(record, siteId);
    await fill(user, '用量', '25000');
    await user.click(screen.getByRole('button', { name: '保存' }));
    const dialog = await outlierDialog();
    await user.click(within(dialog).getByRole('button', { name: '确认无误，保存' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect((await stored()).map((r) => [r.month, r.amount, r.confirmedOutlier])).toEqual([['2021-09', 1000, false], ['2021-10', 25000, true]]);
  });
});

describe('energy entry form: corrections keep the month\'s coefficient', () => {
  it('editing the amount recomputes tce with the stored coefficient, not today\'s settings', async () => {
    const user = userEvent.setup({ delay: null });
    const { record } = await dataCentreCompany([{ month: 10, amount: 1000 }]);
    const original = record.energyReadings?.[0];
    if (!original) throw new Error('no reading');
    // A stored snapshot that differs from what the settings would give today.
    const snapshot = { ...original, coefficient: { ...original.coefficient, value: 0.2, reference: '旧版系数' }, tce: 0.2 };
    await saveEnergyReading(appDb, snapshot);
    const onClose = vi.fn();
    renderWithApp(<ReadingFormModal record={record} settings={defaultEnergySettings()} editing={snapshot} today={TODAY} onClose={onClose} />);
    expect(screen.getByText(/沿用该记录保存时的系数/)).toBeTruthy();
    await user.clear(screen.getByLabelText('用量', { exact: true }));
    await fill(user, '用量', '2000');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(await stored()).toEqual([expect.objectContaining({ id: original.id, amount: 2000, tce: 0.4, coefficient: expect.objectContaining({ value: 0.2, reference: '旧版系数' }) as unknown })]);
  });
});
