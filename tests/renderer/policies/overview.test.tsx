import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { RequireCompany } from '../../../renderer/app/RequireCompany';
import { CompanyOverview } from '../../../renderer/features/overview/CompanyOverview';
import { KnowledgeBaseProvider, KnowledgeBaseStoreProvider } from '../../../renderer/features/policies/KnowledgeBaseProvider';
import { createKnowledgeBaseStore } from '../../../renderer/features/policies/knowledgeBaseStore';
import { importCompanyRecords, savePerson } from '../../../renderer/storage/companyRepository';
import { appDb } from '../../../renderer/storage/database';
import { clearDatabase, renderWithApp } from '../renderWithApp';
import { SAMPLE_DAY, diskLoader, sampleRecord } from './diskKnowledgeBase';

const GAP = '医保管理人员：需 2 名劳动合同期限不少于 1 年且在合同期内，现有 1 名';
const APPLICATION = '申请医疗保障定点';
const PREPAID_FILING = '发卡超过规定规模的向行业主管部门备案';

function renderOverview() {
  const store = createKnowledgeBaseStore(diskLoader());
  return renderWithApp(
    <KnowledgeBaseStoreProvider store={store}>
      <KnowledgeBaseProvider>
        <RequireCompany>{(record) => <CompanyOverview record={record} date={SAMPLE_DAY} />}</RequireCompany>
      </KnowledgeBaseProvider>
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

  it('answering a question in place flips an undecided item and saves the answer to the company', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderOverview();
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
  });
});
