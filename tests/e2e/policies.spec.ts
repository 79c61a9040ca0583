import { expect, test, type Page } from '@playwright/test';
import { chooseOption, loadSamples } from './steps';

/*
 * 合规概览 and 政策库 against the built renderer, with the bundled knowledge base and the shipped
 * sample companies. The clock is fixed to the day the samples were written for, so the sample
 * pharmacy's contracts are judged as their README describes.
 */

const SAMPLE_DAY = new Date('2026-11-26T10:00:00+08:00');
const SHOTS = process.env.POLICIES_SCREENSHOTS;

async function screenshot(page: Page, name: string): Promise<void> {
  if (SHOTS !== undefined && SHOTS !== '') await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

test.beforeEach(async ({ page }) => {
  // Time flows from that day on, so timers (message toasts) still run.
  await page.clock.install({ time: SAMPLE_DAY });
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('合规概览 of the sample pharmacy: the 医保定点 gap, answering a question, a cited sentence', async ({ page }) => {
  await page.goto('/');
  await loadSamples(page);
  await expect(page.getByRole('cell', { name: '北京康宁大药房有限公司', exact: true })).toBeVisible();
  await chooseOption(page, page, '当前企业', /^北京康宁大药房有限公司$/);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '合规概览' }).click();

  await expect(page.getByRole('heading', { name: '合规概览' })).toBeVisible();
  // The print header repeats the judgement day; the first match is the page's own line.
  await expect(page.getByText('判断日 2026-11-26', { exact: false }).first()).toBeVisible();

  // The designation application applies, with the staff gap of 第五条（三）.
  const application = page.getByRole('article', { name: '申请医疗保障定点' });
  await expect(application).toBeVisible();
  await expect(application.getByText('存在差距')).toBeVisible();
  await expect(application.getByRole('group', { name: '差距' })).toContainText('医保管理人员：需 2 名劳动合同期限不少于 1 年且在合同期内，现有 1 名');
  await screenshot(page, 'overview-applicable');

  // Why: every condition with the value used and its outcome.
  await application.getByRole('button', { name: '判断依据与期限' }).click();
  const managerRow = application.getByRole('row', { name: /至少 2 名医保管理人员签订 1 年以上劳动合同/ });
  await expect(managerRow).toContainText('1 名');
  await expect(managerRow).toContainText('不满足');
  await screenshot(page, 'overview-why');

  // A citation opens the compilation at its lines with the quoted sentence marked.
  await application.getByRole('group', { name: '差距' }).getByRole('button', { name: '第五条第（三）项' }).first().click();
  const source = page.getByRole('dialog', { name: '原文' });
  await expect(source).toBeVisible();
  await expect(source.getByText('北京市零售药店医疗保障定点管理暂行办法').first()).toBeVisible();
  const marked = source.locator('mark[data-mark="quote"]');
  await expect(marked.first()).toBeVisible();
  await expect.poll(async () => (await marked.allTextContents()).join('').replace(/\s+/g, '')).toContain('至少有2名熟悉医疗保障法律法规和相关制度规定的专(兼)职医保管理人员');
  await screenshot(page, 'overview-citation');
  await source.getByRole('button', { name: '关闭' }).click();
  await expect(source).toBeHidden();

  // An undecided item moves once its question is answered.
  const undecidedTab = page.getByRole('tab', { name: /^待确认/ });
  const countOf = async () => Number(/（(\d+)）/.exec((await undecidedTab.textContent()) ?? '')?.[1] ?? Number.NaN);
  await undecidedTab.click();
  await chooseOption(page, page, '按领域筛选', /^优化营商环境$/);
  await chooseOption(page, page, '按条目类型筛选', /^备案登记$/);
  const filing = page.getByRole('article', { name: '发卡超过规定规模的向行业主管部门备案' });
  await expect(filing).toBeVisible();
  const before = await countOf();
  await screenshot(page, 'overview-undecided');
  await filing.getByRole('radiogroup', { name: /是否向消费者发行单用途预付卡/ }).getByText('否', { exact: true }).click();
  await expect(filing).toBeHidden();
  await expect.poll(countOf).toBeLessThan(before);
  await page.getByRole('tab', { name: /^不适用/ }).click();
  const moved = page.getByRole('article', { name: '发卡超过规定规模的向行业主管部门备案' });
  await expect(moved).toBeVisible();
  await expect(moved.getByText('不适用', { exact: true })).toBeVisible();
  await moved.getByRole('button', { name: '判断依据与期限' }).click();
  await expect(moved.getByRole('row', { name: /用户回答/ }).first()).toContainText('否');
  await screenshot(page, 'overview-moved');

  // The answer is stored with the company: it survives a reload.
  await page.reload();
  await page.getByRole('button', { name: /已回答的问题（1）/ }).click();
  const answers = page.getByRole('dialog', { name: '已回答的问题（1）' });
  const answer = answers.getByRole('radiogroup', { name: /是否向消费者发行单用途预付卡/ });
  await expect(answer.getByRole('radio', { name: '否' })).toBeChecked();
  await screenshot(page, 'overview-answers');
});

test('政策库: search 预付卡, open the regulation with its items, refuse an invalid data pack', async ({ page }) => {
  await page.goto('/#/policies');
  await expect(page.getByRole('heading', { name: '政策库' })).toBeVisible();
  await expect(page.getByLabel('数据来源')).toHaveText('内置');
  const bundledVersion = await page.getByText(/^\d{4}\.\d{2}\.\d{2}-\d+$/).first().textContent();
  await screenshot(page, 'policies-landing');

  await page.getByRole('textbox', { name: '搜索政策' }).fill('预付卡');
  const results = page.getByRole('list', { name: '搜索结果' });
  await expect(results).toBeVisible();
  const first = results.getByRole('listitem').first();
  await expect(first).toContainText('北京市单用途预付卡管理条例');
  await expect(first.locator('mark').first()).toHaveText('预付卡');
  await screenshot(page, 'policies-search');

  await first.getByRole('button', { name: '北京市单用途预付卡管理条例' }).click();
  await expect(page.getByRole('heading', { name: '北京市单用途预付卡管理条例' })).toBeVisible();
  await expect(page.getByRole('button', { name: /发卡超过规定规模的向行业主管部门备案/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /购卡七日内未兑付的，五日内全额退卡/ })).toBeVisible();
  await page.getByRole('button', { name: /发卡超过规定规模的向行业主管部门备案/ }).click();
  await expect(page.getByRole('region', { name: '适用对象' })).toBeVisible();
  await screenshot(page, 'policies-document');

  // An invalid pack is refused with the reason; the bundled data stays in use.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入政策数据包' }).click();
  await (await chooser).setFiles({
    name: 'knowledge-base.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'compliance-workbench/knowledge-base', schemaVersion: 1, dataVersion: '2099.01.01-1', documents: 'broken' })),
  });
  const refusal = page.getByRole('alert').filter({ hasText: '更新包无效' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('仍在使用内置的政策数据');
  await expect(refusal).toContainText('原因：');
  await expect(page.getByLabel('数据来源')).toHaveText('内置');
  await expect(page.getByText(bundledVersion ?? '', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: '北京市单用途预付卡管理条例' })).toBeVisible();
  await screenshot(page, 'policies-refused');
});
