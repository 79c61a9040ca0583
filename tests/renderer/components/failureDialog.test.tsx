import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App, Button } from 'antd';
import { describe, expect, it } from 'vitest';
import { showFailureDialog } from '../../../renderer/components/failureDialog';
import { describeError } from '../../../shared/util/errorDescription';
import { hasLibraryText } from '../../unit/hostile/libraryText';
import { renderWithApp } from '../renderWithApp';

/** A button that fails the way a broken roster does, through the app's failure dialog. */
function Failing() {
  const { modal } = App.useApp();
  const fail = () => {
    let caught: unknown;
    try {
      void (JSON.parse('{}') as { cell: { richText: unknown } }).cell.richText;
    } catch (e) {
      caught = e;
    }
    showFailureDialog(modal, '无法导入“车辆名册.xlsx”', describeError(caught, { reason: '文件内容无法识别，可能已损坏' }), '现有数据没有任何改动。');
  };
  return <Button onClick={fail}>导入</Button>;
}

describe('failure dialog', () => {
  it('says what failed in Chinese and keeps the library text collapsed under 技术详情', async () => {
    const user = userEvent.setup();
    renderWithApp(<Failing />);
    await user.click(screen.getByRole('button', { name: '导入' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('文件内容无法识别，可能已损坏');
    expect(dialog.textContent).toContain('现有数据没有任何改动。');
    // Collapsed: the library's words are not on screen until the officer opens 技术详情.
    expect(dialog.textContent).not.toContain('richText');
    expect(hasLibraryText(dialog.textContent ?? '')).toBe(false);
    await user.click(screen.getByText('技术详情'));
    expect((await screen.findByText(/Cannot read properties of undefined/)).textContent).toContain("reading 'richText'");
  });
});
