import { expect, test } from '@playwright/test';
import { chooseOption } from './steps';

/*
 * 合规概览 on a chosen 判断日, against the built renderer with the shipped sample pharmacy. The
 * clock is fixed to the day the samples were written for, so "today" is known.
 */

const SAMPLE_DAY = new Date('2026-11-26T10:00:00+08:00');
const SHOTS = process.env.POLICIES_SCREENSHOTS;
const OPERATING_GAP = '在注册地址正式经营：需至少 3 个月，现已满 2 个月';

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: SAMPLE_DAY });
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('合规概览 judged on a chosen day: the 医保定点 gap of that day, kept across a reload, 今天 goes back', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例企业' }).first().click();
  const dialog = page.getByRole('dialog', { name: '载入示例企业' });
  await dialog.getByRole('button', { name: '载入' }).click();
  // Three companies with two years of energy readings: allow a busy machine to finish the import.
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await chooseOption(page, page, '当前企业', /^北京康宁大药房有限公司$/);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '合规概览' }).click();

  await expect(page.getByText('按判断日 2026-11-26（今天）判断', { exact: false }).filter({ visible: true })).toBeVisible();
  const application = page.getByRole('article', { name: '申请医疗保障定点' });
  await expect(application.getByRole('group', { name: '差距' })).not.toContainText('在注册地址正式经营');

  // The day before the store's third month at the registered address is complete.
  const dateBox = page.getByRole('textbox', { name: '判断日' });
  await dateBox.click();
  await dateBox.fill('2026-09-19');
  await dateBox.press('Enter');
  await expect(page.getByText('按判断日 2026-09-19 判断', { exact: false }).filter({ visible: true })).toBeVisible();
  await expect(page.getByText('不是今天（今天为 2026-11-26）')).toBeVisible();
  await expect(application.getByRole('group', { name: '差距' })).toContainText(OPERATING_GAP);
  expect(page.url()).toContain('date=2026-09-19');
  if (SHOTS !== undefined && SHOTS !== '') await page.screenshot({ path: `${SHOTS}/overview-date.png`, fullPage: false });

  await page.reload();
  await expect(page.getByText('按判断日 2026-09-19 判断', { exact: false }).filter({ visible: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: '判断日' })).toHaveValue('2026-09-19');
  await expect(page.getByRole('article', { name: '申请医疗保障定点' }).getByRole('group', { name: '差距' })).toContainText(OPERATING_GAP);

  await page.getByRole('button', { name: '今天', exact: true }).click();
  await expect(page.getByText('按判断日 2026-11-26（今天）判断', { exact: false }).filter({ visible: true })).toBeVisible();
  expect(page.url()).not.toContain('date=');
  await expect(page.getByRole('article', { name: '申请医疗保障定点' }).getByRole('group', { name: '差距' })).not.toContainText('在注册地址正式经营');
});
