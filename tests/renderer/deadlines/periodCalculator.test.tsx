import { screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { PeriodCalculator } from '../../../renderer/features/deadlines/PeriodCalculator';
import { fill, renderWithApp } from '../renderWithApp';
import { installShippedCalendar } from './deadlinesHarness';

beforeAll(installShippedCalendar);

async function setStart(user: ReturnType<typeof userEvent.setup>, date: string): Promise<void> {
  await fill(user, '起算日期', date);
  await user.keyboard('{Enter}');
}

describe('期限计算器', () => {
  it('shows 2021-10-08 for 2021-09-16 + 15 日: the last day falls in the National Day holiday (第二百零三条)', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderWithApp(<PeriodCalculator />);
    await setStart(user, '2021-09-16');
    await waitFor(() => expect(screen.getByLabelText('计算出的截止日期').textContent).toBe('2021-10-08'));
    expect(screen.getByText(/第15日为2021年10月1日。该日为法定节假日（国庆节），依《民法典》第二百零三条/)).toBeTruthy();
    expect(screen.getByText('2021-10-01，法定节假日（国庆节）')).toBeTruthy();
  });

  it('counts working days, and marks a date beyond the published holidays as provisional', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderWithApp(<PeriodCalculator />);
    await setStart(user, '2021-09-30');
    await user.click(screen.getByLabelText('期间单位'));
    await user.click(await screen.findByTitle('个工作日'));
    const amount = screen.getByLabelText('期间长度');
    await user.clear(amount);
    await user.type(amount, '2');
    // 2021-10-01..07 are holidays, 10-09 (Saturday) is a make-up working day: the 2nd working day is 10-09.
    await waitFor(() => expect(screen.getByLabelText('计算出的截止日期').textContent).toBe('2021-10-09'));

    await user.clear(screen.getByLabelText('起算日期'));
    await setStart(user, '2040-01-01');
    await waitFor(() => expect(screen.getByText('暂定日期：假期安排尚未公布')).toBeTruthy());
  });
});
