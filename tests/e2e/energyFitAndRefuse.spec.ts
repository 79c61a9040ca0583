import { expect, test, type Locator } from '@playwright/test';
import { chooseOption, loadSamples, openCompany, openSection, shootBothSizes } from './steps';

/*
 * Issue 17 at 1280×800 on the data-centre sample's energy page: the 2026 year table keeps its
 * 项目 column (which row is which) and 全年 column in view while the months scroll under them,
 * and 目标与强度 refuses a negative 营业收入 beside the field, storing nothing.
 */

const COMPANY = '北京云泽数据科技有限公司';
const SITE = '云泽亦庄数据中心（数据中心）';

test.use({ viewport: { width: 1280, height: 800 } });

test('月度台账 at 1280: the row titles and 全年 stay in view while the months scroll; a negative 营业收入 is refused', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await loadSamples(page);
  await openCompany(page, COMPANY);
  await openSection(page, '能源');
  const main = page.locator('main');
  await chooseOption(page, main, '场所', SITE);
  await chooseOption(page, main, '年份', '2026 年');

  const table = main.getByRole('table', { name: '2026 年月度台账' }).or(main.locator('[aria-label="2026 年月度台账"]')).first();
  await expect(table).toBeVisible();
  const item = main.getByText('PUE（总用电 ÷ IT 用电）');
  await expect(item).toBeVisible();
  await shootBothSizes(page, 'energy-ledger-year');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Scrolled to December, the row title and the year total are still on screen beside it.
  const december = main.getByRole('button', { name: /^2026-11 电力：/ });
  await december.scrollIntoViewIfNeeded();
  const inView = async (locator: Locator) => {
    const box = await locator.boundingBox();
    return box !== null && box.x >= 0 && box.x + box.width <= 1280;
  };
  expect(await inView(december)).toBe(true);
  expect(await inView(item)).toBe(true);
  expect(await inView(main.getByRole('columnheader', { name: '全年' }))).toBe(true);
  await page.screenshot({ path: `${test.info().outputDir}/energy-ledger-scrolled-1280.png` });

  // 目标与强度: −5 万元 is refused where it was typed, not turned into 0.
  await page.getByRole('tab', { name: '目标与强度' }).click();
  await main.getByRole('button', { name: /^(填写|编辑) 2026 年$/ }).click();
  const dialog = page.getByRole('dialog', { name: '2026 年目标与强度分母' });
  const revenue = dialog.getByLabel('营业收入（万元）', { exact: true });
  const before = await revenue.inputValue();
  await revenue.fill('-5');
  await revenue.press('Tab');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('营业收入不能为负数（填写的是 -5）')).toBeVisible();
  await expect(revenue).toHaveValue('-5');
  await shootBothSizes(page, 'energy-targets-refused');
  await page.setViewportSize({ width: 1280, height: 800 });
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  // Nothing was stored: the table still shows what was there before.
  const row = main.getByRole('row').filter({ has: page.getByRole('cell', { name: '2026', exact: true }) });
  if (before === '') await expect(row).toHaveCount(0);
  else await expect(row).not.toContainText('-5');
});
