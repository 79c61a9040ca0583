import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeadlinesPage } from '../../../renderer/features/deadlines/DeadlinesPage';
import { importCompanyRecords } from '../../../renderer/storage/companyRepository';
import { appDb } from '../../../renderer/storage/connections';
import { sampleRecord } from '../../fixtures/policy/diskKnowledgeBase';
import { clearDatabase, renderWithApp } from '../renderWithApp';
import { installShippedCalendar, knowledgeBaseStore, WithKnowledgeBase } from './deadlinesHarness';

/*
 * The tracker page over the shipped car-rental sample: 京N3K218 is a 非营运 vehicle in service
 * before 2021-04-01, so its 使用性质 had to change to 租赁 by 2022-03-31 and the duty is overdue
 * until marked done. Marking it done writes the history and moves it to 已完成; undoing is
 * recorded too and the duty is overdue again.
 */

const DUTY = '将车辆使用性质变更为“租赁”（京N3K218）';

beforeAll(installShippedCalendar);
afterEach(clearDatabase);

/*
 * Buttons are found by their aria-label, not by role: role queries check every ancestor's
 * computed style, which takes seconds per query over an antd table in jsdom.
 */
const byLabel = (name: string | RegExp): HTMLElement => screen.getByLabelText(name, { selector: 'button, [role="button"]' });
const queryByLabel = (name: string | RegExp): HTMLElement | null => screen.queryByLabelText(name, { selector: 'button, [role="button"]' });
const findByLabel = (name: string | RegExp): Promise<HTMLElement> => screen.findByLabelText(name, { selector: 'button, [role="button"]' }, { timeout: 15_000 });

function dutyRow(): HTMLElement {
  const button = byLabel(`更多操作：${DUTY}`);
  const row = button.closest('tr');
  if (!(row instanceof HTMLElement)) throw new Error('no row around the duty');
  return row;
}

/**
 * An antd dialog by its title. In tests rc-util gives every generated id the value "test-id", so
 * the accessible name from aria-labelledby is not reliable here; the title element is.
 */
async function findDialog(title: string): Promise<HTMLElement> {
  return waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('[role="dialog"]')].find((d) => d.querySelector('.ant-modal-title')?.textContent === title);
    if (found === undefined) throw new Error(`no dialog titled ${title}`);
    return found;
  }, { timeout: 10_000 });
}

describe('marking a duty done', () => {
  it('writes the history, moves the duty to 已完成, and undoing it is recorded too', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    // The sample company with one of its vehicles: a short list keeps jsdom quick.
    const sample = sampleRecord('carRental.json');
    const record = { ...sample, vehicles: sample.vehicles.filter((v) => v.plate === '京N3K218'), events: sample.events.filter((e) => e.subjectId === null).slice(0, 2), dutyTracking: [], dutyHistory: [] };
    await importCompanyRecords(appDb, [record], 'replace');
    window.localStorage.setItem('workbench.currentCompanyId', record.company.id);
    renderWithApp(
      <WithKnowledgeBase store={knowledgeBaseStore(['car-rental-opinions'])}>
        <DeadlinesPage />
      </WithKnowledgeBase>,
    );

    await findByLabel(`标记完成：${DUTY}`);
    expect(within(dutyRow()).getByText('已逾期')).toBeTruthy();
    const overdueBefore = byLabel(/^逾期 \d+ 项$/).getAttribute('aria-label') ?? '';
    const overdueCount = Number(/(\d+)/.exec(overdueBefore)?.[1]);
    expect(overdueCount).toBeGreaterThanOrEqual(1);

    await user.click(byLabel(`标记完成：${DUTY}`));
    const dialog = await findDialog(`标记完成：${DUTY}`);
    await user.click(within(dialog).getByLabelText('证明材料'));
    await user.paste('行驶证使用性质已变更，复印件存档');
    await user.click(within(dialog).getByLabelText('记录人'));
    await user.paste('王敏');
    await user.click(within(dialog).getByText('确认完成'));

    await waitFor(() => expect(byLabel(`撤销完成：${DUTY}`)).toBeTruthy(), { timeout: 10_000 });
    expect(within(dutyRow()).getByText('已完成')).toBeTruthy();
    expect(byLabel(`逾期 ${overdueCount - 1} 项`)).toBeTruthy();
    expect(byLabel('已完成 1 项')).toBeTruthy();

    const history = await appDb.dutyHistory.toArray();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ companyId: record.company.id, action: 'markDone', actor: '王敏', dutyTitle: DUTY, before: null });
    expect(history[0]?.after).toMatchObject({ isDone: true, evidence: '行驶证使用性质已变更，复印件存档' });

    // The 已完成 group lists it; the 逾期 group no longer does.
    await user.click(byLabel('已完成 1 项'));
    await waitFor(() => expect(queryByLabel(`更多操作：${DUTY}`)).toBeTruthy(), { timeout: 10_000 });
    await user.click(byLabel(`逾期 ${overdueCount - 1} 项`));
    await waitFor(() => expect(queryByLabel(`更多操作：${DUTY}`)).toBeNull(), { timeout: 10_000 });

    // Undo: a recorded action with its reason; the duty is overdue again.
    await user.click(byLabel(/^全部 \d+ 项$/));
    await user.click(await findByLabel(`撤销完成：${DUTY}`));
    const undo = await findDialog(`撤销完成：${DUTY}`);
    await user.click(within(undo).getByLabelText('撤销原因'));
    await user.paste('证明材料对应的是另一辆车');
    await user.click(within(undo).getByText('撤销完成', { selector: 'button span' }));
    await waitFor(() => expect(byLabel(`标记完成：${DUTY}`)).toBeTruthy(), { timeout: 10_000 });
    expect(within(dutyRow()).getByText('已逾期')).toBeTruthy();
    const actions = (await appDb.dutyHistory.toArray()).map((h) => h.action).sort();
    expect(actions).toEqual(['markDone', 'undoDone']);
  }, 120_000);
});
