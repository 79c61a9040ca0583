import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usccCheckCharacter } from '../../shared/validation/uscc';
import { CompanyFormModal } from '../../renderer/features/companies/CompanyFormModal';
import { appDb } from '../../renderer/storage/connections';
import { clearDatabase, fill, renderWithApp } from './renderWithApp';

afterEach(clearDatabase);

const VALID_FIRST17 = '91110105MA0000001';
const validUscc = `${VALID_FIRST17}${usccCheckCharacter(VALID_FIRST17) ?? ''}`;
/** Same code with a different, wrong check character. */
const wrongUscc = `${VALID_FIRST17}${validUscc.endsWith('0') ? '1' : '0'}`;

function fieldOf(label: string): HTMLElement {
  const input = screen.getByLabelText(label);
  const item = input.closest('.ant-form-item');
  if (!(item instanceof HTMLElement)) throw new Error(`no form item around ${label}`);
  return item;
}

describe('company form', () => {
  it('shows the USCC check-character warning beside the field and still saves', async () => {
    const user = userEvent.setup({ delay: null });
    const onClose = vi.fn();
    renderWithApp(<CompanyFormModal onClose={onClose} />);

    await fill(user, '企业名称', '北京测试科技有限公司');
    await fill(user, '统一社会信用代码', wrongUscc);
    await user.tab();

    const usccItem = fieldOf('统一社会信用代码');
    await waitFor(() => expect(within(usccItem).getByText(/统一社会信用代码校验位不符/)).toBeTruthy());
    expect(within(usccItem).getByText(/仍可保存/)).toBeTruthy();
    // The message belongs to this field, not to the name above it.
    expect(within(fieldOf('企业名称')).queryByText(/校验位/)).toBeNull();

    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const stored = await appDb.companies.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: '北京测试科技有限公司', uscc: wrongUscc });
  });

  it('blocks saving without a name, with the Chinese error beside the name field', async () => {
    const user = userEvent.setup({ delay: null });
    const onClose = vi.fn();
    renderWithApp(<CompanyFormModal onClose={onClose} />);
    await fill(user, '统一社会信用代码', validUscc);
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(within(fieldOf('企业名称')).getByText('请填写企业名称')).toBeTruthy());
    expect(onClose).not.toHaveBeenCalled();
    expect(await appDb.companies.count()).toBe(0);
  });

  it('keeps what was typed as a draft and restores it when the form opens again', async () => {
    const user = userEvent.setup({ delay: null });
    const first = renderWithApp(<CompanyFormModal onClose={() => undefined} />);
    await fill(user, '企业名称', '北京草稿有限公司');
    await fill(user, '法定代表人', '钱七');
    first.unmount();

    renderWithApp(<CompanyFormModal onClose={() => undefined} />);
    expect(screen.getByText('已恢复上次未保存的内容')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('企业名称').value).toBe('北京草稿有限公司');
    expect(screen.getByLabelText<HTMLInputElement>('法定代表人').value).toBe('钱七');

    await user.click(screen.getByRole('button', { name: '取消' }));
    expect(window.localStorage.getItem('workbench.draft.company:new')).toBeNull();
  });
});
