import { expect, test, type Locator, type Page } from '@playwright/test';
import { chooseOption, loadSamples, openCompany, typeDate } from './steps';

/*
 * The monthly energy submission is one fact on both pages that record it. In Chromium against the
 * built renderer: the sample data-centre operator, a declared 重点用能单位, has two months marked
 * done in 期限跟踪, the energy page counts them as submitted (saying where), one done is undone and
 * its month goes back, and the other is entered in the ledger from what the tracker recorded.
 */

const COMPANY = '北京云泽数据科技有限公司';
const DUTY = '报送月度能耗数据';
// A fixed day, so the months and their tracker rows are the same whenever the test runs.
const TODAY = new Date('2026-03-15T10:00:00+08:00');

function nav(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name });
}

function trackerRow(page: Page, period: string): Locator {
  return page.getByRole('row', { name: new RegExp(`${DUTY}.*${period}`) });
}

async function markDone(page: Page, period: string, doneOn: string, evidence: string): Promise<void> {
  await trackerRow(page, period).getByRole('button', { name: `标记完成：${DUTY}` }).click();
  const dialog = page.getByRole('dialog', { name: `标记完成：${DUTY}` });
  await typeDate(dialog, '完成日期', doneOn, 'Enter');
  await dialog.getByLabel('证明材料', { exact: true }).fill(evidence);
  await dialog.getByRole('button', { name: '确认完成' }).click();
  await expect(dialog).toBeHidden();
  await expect(trackerRow(page, period).getByRole('button', { name: `撤销完成：${DUTY}` })).toBeVisible();
}

test('a month marked done in 期限跟踪 counts on the energy page, goes back when undone, and can be entered in the ledger', async ({ page }) => {
  await page.clock.install({ time: TODAY });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/');
  await loadSamples(page);
  await openCompany(page, COMPANY);

  // The sample declares itself a 重点用能单位 (answered in its facts), so the monthly duty applies.
  await nav(page, '合规概览').click();
  await page.getByRole('tab', { name: /^适用/ }).click();
  await chooseOption(page, page, '按领域筛选', /^优化营商环境$/);
  await chooseOption(page, page, '按条目类型筛选', /^报送$/);
  await expect(page.getByRole('article', { name: '向北京市节能监测服务平台报送月度能耗数据' })).toBeVisible();

  // 期限跟踪: January and February 2026 marked done there, with the date and evidence the officer gives.
  await nav(page, '期限跟踪').click();
  await expect(page.getByRole('heading', { name: '期限跟踪' })).toBeVisible();
  await page.getByLabel('搜索事项').fill(DUTY);
  await markDone(page, '2026年1月', '2026-02-06', '平台回执 2026-01');
  await markDone(page, '2026年2月', '2026-03-09', '平台回执 2026-02');

  // The energy page counts both as submitted and says where; the tracker's dates, not today's.
  await nav(page, '能源').click();
  await expect(page.getByRole('heading', { name: '能源台账' })).toBeVisible();
  const strip = page.getByRole('list', { name: '2026 年月度报送状态' });
  await expect(strip.getByRole('button', { name: '2026-01 已报送（已在期限跟踪中标记完成）' })).toContainText('期限跟踪 02-06');
  await expect(strip.getByRole('button', { name: '2026-02 已报送（已在期限跟踪中标记完成）' })).toContainText('期限跟踪 03-09');

  // Undo January in the tracker: the energy page shows its computed status again.
  await nav(page, '期限跟踪').click();
  await page.getByLabel('搜索事项').fill(DUTY);
  await trackerRow(page, '2026年1月').getByRole('button', { name: `撤销完成：${DUTY}` }).click();
  const undo = page.getByRole('dialog', { name: `撤销完成：${DUTY}` });
  await undo.getByLabel('撤销原因').fill('回执对应的是 2025 年 12 月');
  await undo.getByRole('button', { name: '撤销完成' }).click();
  await expect(undo).toBeHidden();
  await nav(page, '能源').click();
  await expect(strip.getByRole('button', { name: '2026-01 未设置报送日' })).toBeVisible();
  await expect(strip.getByRole('button', { name: '2026-02 已报送（已在期限跟踪中标记完成）' })).toBeVisible();

  // 补登 February in the ledger: the form starts from what the tracker recorded.
  await strip.getByRole('button', { name: '2026-02 已报送（已在期限跟踪中标记完成）' }).click();
  const dialog = page.getByRole('dialog', { name: '2026-02 数据报送' });
  await expect(dialog.getByText('已在期限跟踪中标记完成：2026-03-09')).toBeVisible();
  await dialog.getByRole('button', { name: '补登报送记录' }).click();
  await expect(dialog.getByLabel('报送日期', { exact: true })).toHaveValue('2026-03-09');
  await expect(dialog.getByLabel('备注', { exact: true })).toHaveValue('平台回执 2026-02');
  await dialog.getByRole('button', { name: '保存报送记录' }).click();
  await expect(dialog).toBeHidden();
  const february = strip.getByRole('button', { name: '2026-02 已报送', exact: true });
  await expect(february).toContainText('03-09');
  await expect(february).not.toContainText('期限跟踪');
});
