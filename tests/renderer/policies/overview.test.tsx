import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asIsoDate, localIsoDate } from '../../../shared/domain/isoDate';
import { OverviewPage } from '../../../renderer/features/overview/OverviewPage';
import { KnowledgeBaseStoreProvider } from '../../../renderer/features/policies/KnowledgeBaseProvider';
import { createKnowledgeBaseStore } from '../../../renderer/features/policies/knowledgeBaseStore';
import { importCompanyRecords, savePerson } from '../../../renderer/storage/companyRepository';
import { appDb } from '../../../renderer/storage/connections';
import { clearDatabase, renderWithApp } from '../renderWithApp';
import { SAMPLE_DAY, diskLoader, sampleRecord } from '../../fixtures/policy/diskKnowledgeBase';

const GAP = '医保管理人员：需 2 名劳动合同期限不少于 1 年且在合同期内，现有 1 名';
const APPLICATION = '申请医疗保障定点';
const PREPAID_FILING = '发卡超过规定规模的向行业主管部门备案';

/**
 * The overview page as the app mounts it at `address`, by default judged on the day the samples
 * were written for. `null` keeps the current address: after unmounting, that is a reload (a fresh
 * page and knowledge base, with only the address and the database kept).
 */
function renderOverview(address: string | null = `#/overview?date=${SAMPLE_DAY}`) {
  if (address !== null) window.location.hash = address;
  const store = createKnowledgeBaseStore(diskLoader());
  return renderWithApp(
    <KnowledgeBaseStoreProvider store={store}>
      <OverviewPage />
    </KnowledgeBaseStoreProvider>,
  );
}

// Role queries walk the whole tree computing roles, which is slow on a page of cards in jsdom;
// the overview labels its regions (aria-label), so label and text queries find the same things.
const tab = (label: string) => screen.getByText(new RegExp(`^${label}（\\d+）$`));
const tabCount = (label: string) => Number(/（(\d+)）/.exec(tab(label).textContent ?? '')?.[1] ?? Number.NaN);
const card = (title: string) => screen.getByLabelText(title, { selector: '[role="article"]' });
const findCard = (title: string) => screen.findByLabelText(title, { selector: '[role="article"]' }, { timeout: 20_000 });
const queryCard = (title: string) => screen.queryByLabelText(title, { selector: '[role="article"]' });
const gaps = (article: HTMLElement) => within(article).queryByLabelText('差距', { selector: '[role="group"]' });
const header = (date: string) => screen.findByText(new RegExp(`^按判断日 ${date}(（今天）)? ?判断 ·`));
const hashDate = () => new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('date');

/** Picks a 判断日 with the keyboard: select what the box holds, type over it, Enter. */
async function chooseDate(user: ReturnType<typeof userEvent.setup>, date: string) {
  const input = screen.getByLabelText('判断日');
  await user.tripleClick(input);
  await user.paste(date);
  await user.keyboard('{Enter}');
  await header(date);
}

beforeEach(async () => {
  // The sample pharmacy: 张伟 has a 2-year contract, 赵敏 one of 10 months, so 1 of 2 managers qualifies.
  await importCompanyRecords(appDb, [sampleRecord('retailPharmacy.json')], 'replace');
});
afterEach(clearDatabase);

describe('合规概览', () => {
  it('shows the 医保定点 application with the gap of a pharmacy with 1 qualified 医保管理人员, and drops it once a second one qualifies', async () => {
    renderOverview();
    const application = await findCard(APPLICATION);
    expect(within(application).getByText('适用')).toBeTruthy();
    expect(within(application).getByText('存在差距')).toBeTruthy();
    const gapList = gaps(application);
    expect(gapList?.textContent).toContain(GAP);
    // The gap cites 第五条第（三）项, which opens the text there.
    expect(within(gapList ?? application).getByText('第五条第（三）项')).toBeTruthy();

    // Why: the condition, the value used and the outcome.
    await userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never }).click(within(application).getByText('判断依据与期限'));
    const row = within(application).getByText('至少 2 名医保管理人员签订 1 年以上劳动合同且在合同期内').closest('tr');
    expect(row?.textContent).toContain('1 名');
    expect(row?.textContent).toContain('不满足');

    // 赵敏 signs a two-year contract: the live record changes and the gap goes at once.
    const zhao = sampleRecord('retailPharmacy.json').people.find((p) => p.name === '赵敏');
    if (zhao === undefined) throw new Error('sample has no 赵敏');
    await savePerson(appDb, { ...zhao, contractEnd: asIsoDate('2028-08-31') });
    await waitFor(() => expect(gaps(card(APPLICATION))).toBeNull());
    expect(within(card(APPLICATION)).queryByText(GAP)).toBeNull();
  });

  it('answering a question in place flips an undecided item and saves the answer to the company, on a 判断日 that is not today', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderOverview('#/overview?date=2027-03-01');
    await header('2027-03-01');
    await findCard(APPLICATION);
    await user.click(tab('待确认'));
    // Narrow the list with the kind filter, as an officer would.
    fireEvent.mouseDown(screen.getByLabelText('按条目类型筛选'));
    const option = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.ant-select-item-option[title="备案登记"]');
      if (found === null) throw new Error('option not shown yet');
      return found;
    });
    await user.click(option);
    const filing = await findCard(PREPAID_FILING);
    expect(within(filing).getByText('待确认')).toBeTruthy();
    const undecidedBefore = tabCount('待确认');
    const notApplicableBefore = tabCount('不适用');

    const question = within(filing).getByLabelText(/是否向消费者发行单用途预付卡/, { selector: '[role="radiogroup"]' });
    await user.click(within(question).getByText('否'));

    await waitFor(() => expect(queryCard(PREPAID_FILING)).toBeNull());
    expect(tabCount('待确认')).toBeLessThan(undecidedBefore);
    expect(tabCount('不适用')).toBeGreaterThan(notApplicableBefore);
    const stored = await appDb.companies.get('sample-pharmacy');
    expect(stored?.answers['answer.issuesPrepaidCards']).toBe(false);

    await user.click(tab('不适用'));
    const moved = await findCard(PREPAID_FILING);
    expect(within(moved).getByText('不适用')).toBeTruthy();
    // The saved answer re-rendered the page from the live record; the chosen day stays.
    expect(screen.getByText(/^按判断日 2027-03-01 判断 ·/)).toBeTruthy();
    expect(hashDate()).toBe('2027-03-01');
  });
});

describe('合规概览: 判断日', () => {
  const OPERATING_GAP = '在注册地址正式经营：需至少 3 个月，现已满 2 个月';
  const managerGap = (n: number) => `医保管理人员：需 2 名劳动合同期限不少于 1 年且在合同期内，现有 ${n} 名`;

  it('judges the 医保定点 application on the chosen day: 3 months at the registered address, then 张伟\'s contract ending', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    // The Wangjing store opened at the registered address on 2026-06-20: 3 whole months on 2026-09-20.
    renderOverview('#/overview?date=2026-09-19');
    await header('2026-09-19');
    const before = await findCard(APPLICATION);
    expect(gaps(before)?.textContent).toContain(OPERATING_GAP);
    expect(gaps(before)?.textContent).toContain(managerGap(1));
    await user.click(within(before).getByText('判断依据与期限'));
    const operatingRow = () => within(card(APPLICATION)).getByText('在注册地址正式经营至少 3 个月').closest('tr');
    expect(operatingRow()?.textContent).toContain('2 个月');
    expect(operatingRow()?.textContent).toContain('不满足');

    await chooseDate(user, '2026-09-20');
    expect(hashDate()).toBe('2026-09-20');
    await waitFor(() => expect(gaps(card(APPLICATION))?.textContent).not.toContain('在注册地址正式经营'));
    expect(gaps(card(APPLICATION))?.textContent).toContain(managerGap(1));
    expect(operatingRow()?.textContent).toContain('3 个月');
    expect(operatingRow()?.textContent).toContain('满足');
    expect(operatingRow()?.textContent).not.toContain('不满足');

    // 张伟's two-year contract runs to 2028-06-14: he counts on that day and not the next.
    await chooseDate(user, '2028-06-14');
    await waitFor(() => expect(gaps(card(APPLICATION))?.textContent).toContain(managerGap(1)));
    await chooseDate(user, '2028-06-15');
    await waitFor(() => expect(gaps(card(APPLICATION))?.textContent).toContain(managerGap(0)));
    const managerRow = within(card(APPLICATION)).getByText('至少 2 名医保管理人员签订 1 年以上劳动合同且在合同期内').closest('tr');
    expect(managerRow?.textContent).toContain('张伟：劳动合同已于 2028-06-14 到期');
  });

  it('keeps the chosen day in the address across a reload, and 今天 goes back to today', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    const today = localIsoDate(new Date());
    const first = renderOverview('#/overview');
    await header(today);
    expect(screen.getByText(`按判断日 ${today}（今天）判断`, { exact: false })).toBeTruthy();
    expect(screen.getByRole('button', { name: '今天' }).hasAttribute('disabled')).toBe(true);
    expect(hashDate()).toBeNull();

    await chooseDate(user, '2028-06-15');
    expect(hashDate()).toBe('2028-06-15');
    expect(screen.getByText(`不是今天（今天为 ${today}）`)).toBeTruthy();
    await waitFor(() => expect(gaps(card(APPLICATION))?.textContent).toContain(managerGap(0)));

    first.unmount();
    renderOverview(null);
    await header('2028-06-15');
    expect(screen.getByLabelText<HTMLInputElement>('判断日').value).toBe('2028-06-15');
    expect(gaps(await findCard(APPLICATION))?.textContent).toContain(managerGap(0));

    await user.click(screen.getByRole('button', { name: '今天' }));
    await header(today);
    expect(hashDate()).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('判断日').value).toBe(today);
  });

  it('says so when the address names a day that does not exist, and judges on today', async () => {
    const today = localIsoDate(new Date());
    renderOverview('#/overview?date=2027-02-29');
    await header(today);
    expect(screen.getByText(`网址中的判断日“2027-02-29”不是有效日期，已按今天（${today}）判断。`)).toBeTruthy();
    await userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never }).click(screen.getByRole('button', { name: '今天' }));
    await waitFor(() => expect(screen.queryByText(/不是有效日期/)).toBeNull());
    expect(hashDate()).toBeNull();
  });
});
