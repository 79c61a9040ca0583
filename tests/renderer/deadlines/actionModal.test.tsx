import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { Form, Input } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { ActionModal } from '../../../renderer/features/deadlines/dutyDialogs/ActionModal';
import { renderWithApp } from '../renderWithApp';

/*
 * The tracker's small dialogs run their 清除… button through the same path as 保存: a refused
 * step is said inside the dialog and the dialog stays open with what was typed; a step that
 * succeeds closes it. Before, 清除填写的日期 and 清除报送日 dropped a failure silently.
 */

interface Values {
  readonly actor: string;
}

function renderDialog(secondary: (values: Values) => Promise<string>, onClose: () => void): void {
  renderWithApp(
    <ActionModal<Values>
      title="填写截止日期：示例事项"
      okText="保存"
      initialValues={{ actor: '' }}
      onSubmit={() => Promise.resolve('已保存截止日期')}
      onClose={onClose}
      secondaryAction={{ label: '清除填写的日期', danger: true, run: secondary }}
    >
      <Form.Item name="actor" label="记录人">
        <Input aria-label="记录人" />
      </Form.Item>
    </ActionModal>,
  );
}

describe('a tracker dialog\'s secondary action', () => {
  it('shows a refused 清除 in Chinese inside the dialog and keeps it open; a 清除 that succeeds closes it with the typed 记录人', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    const onClose = vi.fn();
    const run = vi.fn<(values: Values) => Promise<string>>()
      .mockRejectedValueOnce(new Error('数据库已锁定：请先输入恢复密码解锁'))
      .mockResolvedValueOnce('已清除填写的日期，按规则计算的日期恢复');
    renderDialog(run, onClose);

    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('记录人'));
    await user.paste('李强');
    await user.click(within(dialog).getByText('清除填写的日期'));
    await waitFor(() => expect(within(dialog).getByText('数据库已锁定：请先输入恢复密码解锁')).toBeTruthy());
    expect(onClose).not.toHaveBeenCalled();
    expect(within(dialog).getByLabelText<HTMLInputElement>('记录人').value).toBe('李强');

    await user.click(within(dialog).getByText('清除填写的日期'));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(run.mock.calls.map(([values]) => values.actor)).toEqual(['李强', '李强']);
  });
});
