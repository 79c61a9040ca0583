import { expect, test } from '@playwright/test';
import { chooseOption, loadSamples, openCompany, openSection, shootBothSizes } from './steps';

/*
 * Issue 17, points 7–10 and 13, as the compliance officer walks them in Chromium against the built
 * renderer with a fresh profile and the shipped samples.
 */

const DATA_CENTRE = '北京云泽数据科技有限公司';

test('7 · the sample data centre opens its energy page with a year of readings and its PUE', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await loadSamples(page);
  await openCompany(page, DATA_CENTRE);
  await openSection(page, '能源');
  await expect(page.getByRole('heading', { name: '能源台账' })).toBeVisible();
  await chooseOption(page, page.locator('main'), '场所', '云泽亦庄数据中心（数据中心）');
  await chooseOption(page, page.locator('main'), '年份', '2025 年');
  const ledger = page.getByRole('table', { name: '2025 年月度台账' });
  await expect(ledger.getByRole('button', { name: /^2025-07 电力：/ })).toBeVisible();
  await expect(ledger.getByRole('button', { name: /^2025-07 电力（其中 IT 设备）：/ })).toBeVisible();
  await page.getByRole('tab', { name: '分析与 PUE' }).click();
  await expect(page.getByLabel('年度 PUE')).toContainText('12 个月');
  await expect(page.getByLabel('年度 PUE')).toContainText('1.42');
  await shootBothSizes(page, '07-energy-analysis');
});
