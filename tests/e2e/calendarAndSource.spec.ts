import { expect, test, type Page } from '@playwright/test';
import { loadSamples, openSection, shootBothSizes } from './steps';

/*
 * Issue 17, points 8 and 9, in Chromium against the built renderer, as an officer reads them:
 * the 期限跟踪 calendar of October 2026 (国庆节 and its 调休 days) shows an overdue item in its own
 * colour with a legend, the full title on hover, every item of a day in the day list, and the
 * holiday (休) and 调休 (班) days marked; a citation opens the original text reflowed into
 * paragraphs, with the document's outline and the cited sentence marked and in view.
 */

// A fixed day in October 2026, so the month shown holds 国庆节 (10-01…10-07) and its 调休 Saturday (10-10).
const TODAY = new Date('2026-10-15T10:00:00+08:00');

async function openTrackerCalendar(page: Page): Promise<void> {
  await openSection(page, '期限跟踪');
  await page.getByRole('radiogroup', { name: '范围' }).getByText(/全部企业/).click();
  await page.getByRole('radiogroup', { name: '视图' }).getByText('日历').click();
}

test('the calendar marks overdue items, holidays and 调休 days, shows full titles and a day list', async ({ page }) => {
  await page.clock.install({ time: TODAY });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/');
  await loadSamples(page);
  await openTrackerCalendar(page);

  // Where the holiday data comes from, in Chinese.
  await expect(page.getByLabel('节假日数据来源')).toHaveText('节假日及调休：国务院办公厅节假日安排，数据截至 2026 年');
  // The legend names the colours.
  const legend = page.getByRole('list', { name: '图例' });
  for (const entry of ['逾期', '7日内到期', '已完成', '法定节假日', '调休上班日']) await expect(legend.getByText(entry, { exact: true })).toBeVisible();
  // A key, not a filter: nothing in it to click or reach with Tab.
  await expect(legend.locator('button, a, input, [tabindex]')).toHaveCount(0);

  // 国庆节 is marked 休 on its days, and the Saturday worked for it 班.
  await expect(page.getByRole('group', { name: /^10月1日 国庆节（休）/ })).toBeVisible();
  await expect(page.getByRole('group', { name: /^10月7日 国庆节（休）/ })).toBeVisible();
  await expect(page.getByRole('group', { name: /^10月10日 调休上班日（国庆节）/ })).toBeVisible();
  await expect(page.getByRole('group', { name: /^10月10日/ }).getByText('班', { exact: true })).toBeVisible();
  await shootBothSizes(page, 'calendar-month');

  // The overdue items: a banner says how many, and jumps to the earliest; it sits on its day in red.
  const banner = page.getByRole('alert').filter({ hasText: /^逾期 \d+ 项/ });
  await expect(banner).toBeVisible();
  const firstOverdue = /最早的到期日 (\d{4}-\d{2}-\d{2})/.exec((await banner.textContent()) ?? '')?.[1] ?? '';
  expect(firstOverdue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await banner.getByRole('button', { name: '查看最早的逾期事项' }).click();
  const dayItems = page.getByRole('list', { name: `${firstOverdue} 的事项` });
  const overdueChip = dayItems.getByRole('listitem').filter({ hasText: /^逾期：/ }).first();
  await expect(overdueChip).toBeVisible();
  await expect(overdueChip).toHaveCSS('background-color', 'rgb(255, 241, 240)');
  await expect(overdueChip).toHaveCSS('border-left-color', 'rgb(207, 19, 34)');

  // Hovering shows the full title; the day list lists every item of that day with its status.
  // The chip reads "! 京N3K218 将车辆使用性质…" (cut); the tooltip gives "将车辆使用性质变更为“租赁”（京N3K218）".
  const chipText = ((await overdueChip.textContent()) ?? '').replace(/^逾期：!\s*/, '');
  const [subject = '', ...words] = chipText.split(' ');
  const shortTitle = words.join(' ');
  expect(shortTitle.length).toBeGreaterThan(4);
  await overdueChip.hover();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText(subject);
  await expect(tooltip).toContainText(`${shortTitle}（${subject}）`);
  await expect(tooltip).toContainText('逾期');
  const dayList = page.getByRole('region', { name: '当天的事项' });
  const [year, month, day] = firstOverdue.split('-').map(Number);
  await expect(dayList).toContainText(`${year}年${month}月${day}日 的事项`);
  const chips = await dayItems.getByRole('listitem').count();
  const rowsInList = dayList.getByRole('row').filter({ hasText: shortTitle.slice(0, 6) });
  await expect(rowsInList.first()).toBeVisible();
  await expect(rowsInList.first()).toContainText('逾期');
  expect(await dayList.getByRole('row').count()).toBeGreaterThanOrEqual(Math.min(chips, 3));
  await shootBothSizes(page, 'calendar-overdue-day');

  // A 休 day clicked says what it is in the day list.
  await page.getByRole('radiogroup', { name: '视图' }).getByText('列表').click();
  await page.getByRole('radiogroup', { name: '视图' }).getByText('日历').click();
  await page.getByRole('group', { name: /^10月10日/ }).click();
  await expect(dayList.getByText('调休上班日（国庆节）')).toBeVisible();

  // A year the data does not cover says so instead of pretending: 2027-10-01 is not marked 休.
  await page.goto('/#/deadlines?view=calendar&date=2027-10-01');
  await expect(page.getByLabel('节假日数据来源')).toContainText('2027 年的节假日安排尚未收录');
  await expect(page.getByRole('group', { name: /^10月1日 国庆节/ })).toHaveCount(0);
  await shootBothSizes(page, 'calendar-beyond-data');
});

test('a citation opens the original text reflowed, with its outline and the cited sentence marked and in view', async ({ page }) => {
  await page.clock.install({ time: TODAY });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/#/policies');
  // The first visit loads the knowledge base and the compilation: allow a busy machine its time.
  await expect(page.getByRole('heading', { name: '政策库' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('textbox', { name: '搜索政策' }).fill('预付卡');
  const results = page.getByRole('list', { name: '搜索结果' });
  await results.getByRole('listitem').first().getByRole('button', { name: '北京市单用途预付卡管理条例' }).click();
  await expect(page.getByRole('heading', { name: '北京市单用途预付卡管理条例' })).toBeVisible();

  // The item citing 第十六条: its citation opens the text there.
  const item = page.getByRole('button', { name: /购卡七日内未兑付的，五日内全额退卡/ });
  await item.click();
  await page.getByRole('button', { name: '第十六条', exact: true }).first().click();
  const source = page.getByRole('dialog', { name: '原文' });
  await expect(source).toBeVisible();

  // Reflowed: the first article reads as one paragraph, the PDF's line break inside "市场秩序" gone.
  const text = source.getByRole('document', { name: '汇编原文' });
  await expect(text.getByText(/^第一条 为了加强单用途预付卡管理，保护消费者的合法权益，规范市场秩序，防范社会风险/)).toHaveCount(1);
  // The outline: five chapters, and the cited article among them.
  const outline = source.getByRole('navigation', { name: '文件结构' });
  for (const chapter of ['第一章 总则', '第二章 发行与兑付', '第五章 附则']) await expect(outline.getByText(chapter, { exact: true })).toBeVisible();

  // The cited sentence is marked and in view, and the source lines are named.
  const marked = text.locator('mark[data-mark="quote"]');
  await expect(marked.first()).toBeVisible();
  await expect(marked.first()).toBeInViewport();
  await expect.poll(async () => (await marked.allTextContents()).join('')).toContain('消费者自购买预付卡之日起七日内未兑付商品或者服务的');
  // The outline has the cited article selected and scrolled into its view.
  const citedArticle = outline.getByRole('treeitem', { selected: true });
  await expect(citedArticle).toContainText('第十六条');
  await expect(citedArticle).toBeInViewport();
  await expect(source.getByText(/^引文位于汇编原文第 \d+–\d+ 行$/)).toBeVisible();
  await expect(text.getByText(/（原文第 \d+–\d+ 行）/).first()).toBeVisible();
  await shootBothSizes(page, 'source-citation');

  // The outline jumps: 第五章 附则 comes into view.
  await outline.getByText('第三十五条 本条例自2022年6月1日起施行', { exact: true }).click();
  await expect(text.getByText(/^第三十五条 本条例自2022年6月1日起施行/)).toBeInViewport();
  await shootBothSizes(page, 'source-outline-jump');

  // 查看原文 on the document: the whole text, every sentence the library cites lightly marked.
  await source.getByRole('button', { name: '关闭' }).click();
  await expect(source).toBeHidden();
  await page.getByRole('button', { name: '查看原文' }).click();
  await expect(source.getByText(/^全文（汇编原文第 \d+–\d+ 行），浅蓝色为本库引用的语句$/)).toBeVisible();
  await expect(text.locator('mark[data-mark="cited"]').first()).toBeVisible();
  await expect(text.locator('mark[data-mark="quote"]')).toHaveCount(0);
});
