import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { defaultEnergySettings, type EnergySettings } from '../../../shared/energy/ledger';
import { CoefficientSettings } from '../../../renderer/features/energy/CoefficientSettings';
import { SubmissionStrip } from '../../../renderer/features/energy/SubmissionStrip';
import { TrainingPanel } from '../../../renderer/features/energy/TrainingPanel';
import { YearFiguresPanel } from '../../../renderer/features/energy/YearFiguresPanel';
import { blankCompanyInput, createCompany, getCompanyRecord, savePerson } from '../../../renderer/storage/companyRepository';
import { appDb } from '../../../renderer/storage/connections';
import { clearDatabase, renderWithApp } from '../renderWithApp';

/*
 * The energy page's forms refuse what they cannot store, beside the field and in Chinese, and
 * store nothing: a typed impossible date is not replaced by the date the field held before, and a
 * negative or out-of-range number is not clamped to the nearest allowed value.
 */

afterEach(clearDatabase);

const TODAY = asIsoDate('2021-10-12');
const SETTINGS: EnergySettings = { ...defaultEnergySettings(), submissionDay: { monthsAfterPeriodStart: 1, dayOfMonth: 10, fromMonth: null, source: '' } };

type User = ReturnType<typeof userEvent.setup>;

async function company(): Promise<CompanyRecord> {
  const created = await createCompany(appDb, blankCompanyInput('北京测试能源有限公司'));
  await savePerson(appDb, {
    companyId: created.id, name: '李四', idNumber: '11010519491231002X', roles: ['能源管理负责人'], phone: '', storeId: null, practiceStoreId: null,
    certificates: [], contractStart: null, contractEnd: null, isContractOpenEnded: false, note: '',
  });
  const record = await getCompanyRecord(appDb, created.id);
  if (!record) throw new Error('not stored');
  return record;
}

function dialogTitled(title: string): HTMLElement {
  return screen.getByRole('dialog', { name: title });
}

/** Replaces what a field holds with `text`, as typing over a selected value does, and leaves the field. */
async function typeOver(user: User, input: HTMLElement, text: string): Promise<void> {
  await user.tripleClick(input);
  await user.paste(text);
  await user.tab();
}

describe('energy forms refuse bad input where it was typed', () => {
  it('报送日期: an impossible date is refused, not replaced by the date the field held', async () => {
    const user = userEvent.setup({ delay: null });
    const record = await company();
    renderWithApp(<SubmissionStrip record={record} settings={SETTINGS} year={2021} today={TODAY} />);

    await user.click(screen.getByRole('button', { name: '2021-08 已逾期' }));
    const box = dialogTitled('2021-08 数据报送');
    const date = within(box).getByLabelText<HTMLInputElement>('报送日期');
    expect(date.value).toBe('2021-10-12');
    await typeOver(user, date, '2021-09-31');
    await user.click(within(box).getByRole('button', { name: '标记为已报送' }));

    expect(await within(box).findByText('报送日期：“2021-09-31”不是有效日期：2021 年 9 月没有 31 日')).toBeTruthy();
    expect(await appDb.energySubmissions.count()).toBe(0);
  });

  it('截止日 32 is refused beside the field, not clamped to 31, and the stored day is kept', async () => {
    const user = userEvent.setup({ delay: null });
    const record = await company();
    renderWithApp(<SubmissionStrip record={record} settings={SETTINGS} year={2021} today={TODAY} />);

    await user.click(screen.getByRole('button', { name: '设置报送日' }));
    const box = dialogTitled('设置月度报送日');
    await typeOver(user, within(box).getByLabelText('截止日'), '32');
    await user.click(within(box).getByRole('button', { name: '保存' }));

    expect(await within(box).findByText('截止日应在 1–31 之间（填写的是 32）')).toBeTruthy();
    expect(await appDb.energySettings.count()).toBe(0);
  });

  it('培训日期 and 学时: an impossible date and negative hours are each refused, and no training is stored', async () => {
    const user = userEvent.setup({ delay: null });
    const record = await company();
    renderWithApp(<TrainingPanel record={record} year={2025} personFilter={null} onPersonFilter={() => undefined} />);

    await user.click(screen.getByRole('button', { name: '添加培训记录' }));
    const box = dialogTitled('添加培训记录');
    await user.click(within(box).getByLabelText('培训名称'));
    await user.paste('重点用能单位能源管理负责人节能培训');
    await typeOver(user, within(box).getByLabelText('培训日期'), '2025-02-29');
    await typeOver(user, within(box).getByLabelText('学时（可选）'), '-8');
    await user.click(within(box).getByRole('button', { name: '保存' }));

    expect(await within(box).findByText('培训日期：“2025-02-29”不是有效日期：2025 年 2 月没有 29 日')).toBeTruthy();
    expect(within(box).getByText('学时不能为负数（填写的是 -8）')).toBeTruthy();
    expect(await appDb.energyTrainings.count()).toBe(0);
  });

  it('目标与强度: a negative 营业收入 is refused, not turned into 0, and the year is not saved', async () => {
    const user = userEvent.setup({ delay: null });
    const record = await company();
    renderWithApp(<YearFiguresPanel companyId={record.company.id} settings={defaultEnergySettings()} readings={[]} stores={[]} year={2025} />);

    await user.click(screen.getByRole('button', { name: '填写 2025 年' }));
    const box = dialogTitled('2025 年目标与强度分母');
    await typeOver(user, within(box).getByLabelText('营业收入（万元）'), '-5');
    await user.click(within(box).getByRole('button', { name: '保存' }));

    expect(await within(box).findByText('营业收入不能为负数（填写的是 -5）')).toBeTruthy();
    expect(await appDb.energySettings.count()).toBe(0);
  });

  it('折标系数: a negative coefficient is refused as typed, and no coefficient is saved', async () => {
    const user = userEvent.setup({ delay: null });
    const record = await company();
    renderWithApp(<CoefficientSettings companyId={record.company.id} settings={defaultEnergySettings()} readings={[]} stores={[]} year={2025} />);

    await user.click(screen.getByRole('button', { name: '添加系数' }));
    const box = dialogTitled('添加折标系数');
    await user.click(within(box).getByRole('combobox', { name: '能源品种（可输入新品种，如液化石油气）' }));
    await user.paste('液化石油气');
    await typeOver(user, within(box).getByLabelText('折标系数（kgce/单位）'), '-1.7');
    await user.click(within(box).getByLabelText('依据（必填）'));
    await user.paste('供气单位热值单');
    await user.click(within(box).getByRole('button', { name: '保存' }));

    expect(await within(box).findByText('折标系数不能为负数（填写的是 -1.7）')).toBeTruthy();
    await waitFor(async () => expect(await appDb.energySettings.count()).toBe(0));
  });
});
