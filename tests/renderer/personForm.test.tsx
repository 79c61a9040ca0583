import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PersonFormModal } from '../../renderer/features/companies/PersonFormModal';
import { blankCompanyInput, createCompany, getCompanyRecord } from '../../renderer/storage/companyRepository';
import { appDb } from '../../renderer/storage/connections';
import { clearDatabase, fill, renderWithApp } from './renderWithApp';

afterEach(clearDatabase);

async function companyRecord() {
  const company = await createCompany(appDb, blankCompanyInput('北京测试大药房有限公司'));
  const record = await getCompanyRecord(appDb, company.id);
  if (!record) throw new Error('not stored');
  return record;
}

function fieldOf(label: string): HTMLElement {
  const item = screen.getByLabelText(label).closest('.ant-form-item');
  if (!(item instanceof HTMLElement)) throw new Error(`no form item around ${label}`);
  return item;
}

/** Types a date into an antd DatePicker and commits it with Enter, as a keyboard user does. */
async function typeDate(user: ReturnType<typeof userEvent.setup>, label: string, date: string) {
  await fill(user, label, date);
  await user.keyboard('{Enter}');
}

describe('person form: labour contract', () => {
  it('refuses a contract that ends before it starts, with the error beside 合同终止日期', async () => {
    const user = userEvent.setup({ delay: null });
    const record = await companyRecord();
    const onClose = vi.fn();
    renderWithApp(<PersonFormModal record={record} editing="new" onClose={onClose} />);

    await fill(user, '姓名', '赵敏');
    await typeDate(user, '合同起始日期', '2026-09-01');
    await typeDate(user, '合同终止日期', '2026-08-31');
    await user.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(within(fieldOf('合同终止日期')).getByText('劳动合同终止日期应晚于起始日期')).toBeTruthy());
    expect(onClose).not.toHaveBeenCalled();
    expect(await appDb.people.count()).toBe(0);

    // Correcting the end date clears the error and the person is saved with both dates.
    await user.clear(screen.getByLabelText('合同终止日期'));
    await typeDate(user, '合同终止日期', '2027-06-30');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [person] = await appDb.people.toArray();
    expect(person).toMatchObject({ name: '赵敏', contractStart: '2026-09-01', contractEnd: '2027-06-30', companyId: record.company.id });
  });

  it('warns about an ID number with a wrong check character but saves it', async () => {
    const user = userEvent.setup({ delay: null });
    const record = await companyRecord();
    const onClose = vi.fn();
    renderWithApp(<PersonFormModal record={record} editing="new" onClose={onClose} />);
    await fill(user, '姓名', '张伟');
    // 11010519920917003 + correct check character is valid; "0" is not that character.
    await fill(user, '居民身份证号码', '110105199209170030');
    await user.tab();
    await waitFor(() => expect(within(fieldOf('居民身份证号码')).getByText(/校验位不符/)).toBeTruthy());
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect((await appDb.people.toArray())[0]?.idNumber).toBe('110105199209170030');
  });
});
