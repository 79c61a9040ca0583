import { expect, test, type Page } from '@playwright/test';
import { loadSamples, openCompany, openFilings, shootBothSizes } from './steps';

/*
 * Issue 16: a value that would need less than 8 pt to fit its box is named to the officer on 表单
 * and on 申报材料包 before the packet is built (the check runs in the PDF worker), apart from the
 * list of fields left unfilled; the built packet's report says how it was printed.
 */

const PHARMACY = '北京康宁大药房有限公司';
const FIELD = '医保信息系统情况';
const LONG = '已接入北京市医保信息平台，进销存系统与医保结算接口联调完成，药品追溯码逐盒扫码上传；'.repeat(20);
const WARNING = /以下字段内容过长，需缩小到 8 磅以下才能放下：医保信息系统情况（需 [2-7](\.5)? 磅）。建议缩短内容，或打印后手工填写。/;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${test.info().outputDir}/${name}-1280.png` });
  await shootBothSizes(page, name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.use({ viewport: { width: 1280, height: 800 } });

test('an over-long value is flagged on 表单 and on 申报材料包 before the packet is built', async ({ page }) => {
  // Three sample companies, the font loaded in the worker, a packet built: a busy machine needs the time.
  test.setTimeout(240_000);
  await page.goto('/');
  await loadSamples(page);
  await openCompany(page, PHARMACY);
  await openFilings(page);
  const main = page.locator('main');

  await main.getByRole('tab', { name: '表单' }).click();
  const forms = main.getByRole('tabpanel');
  await forms.getByLabel(FIELD, { exact: true }).fill(LONG);
  // The font loads in the worker on the first check: allow it time.
  const formsWarning = forms.getByLabel('内容过长的字段');
  await expect(formsWarning).toContainText(WARNING, { timeout: 60_000 });
  await expect(formsWarning).toContainText('生成的表格中这些内容仍以 8 磅打印');
  // "Too long" is its own message: the field is filled, so it is not among those still to fill.
  await expect(formsWarning).not.toContainText('未填写');
  await expect(forms.getByRole('alert').filter({ hasText: FIELD })).toHaveCount(1);
  // Beside the box typed in, too.
  const beside = forms.getByText(/内容过长：医保信息系统情况（需 [2-7](\.5)? 磅），将以 8 磅打印/);
  await expect(beside).toBeVisible();
  await beside.scrollIntoViewIfNeeded();
  await shot(page, 'packet-overflow-forms-field');
  await formsWarning.scrollIntoViewIfNeeded();
  await shot(page, 'packet-overflow-forms');

  await main.getByRole('tab', { name: '申报材料包' }).click();
  const packet = main.getByRole('tabpanel');
  const packetWarning = packet.getByLabel('内容过长的字段');
  await expect(packetWarning).toContainText(WARNING, { timeout: 60_000 });
  await expect(packetWarning).toContainText('见“定点零售药店申请表”');
  await shot(page, 'packet-overflow-packet');

  // Built anyway: the report says how the value was printed.
  const download = page.waitForEvent('download');
  await packet.getByRole('button', { name: '生成申报材料包' }).click();
  await download;
  const report = main.getByRole('alert').filter({ hasText: /已保存“.*申报材料包\.pdf”/ });
  await expect(report).toContainText('“定点零售药店申请表”中内容过长的字段以 8 磅打印、所在栏加高：医保信息系统情况');

  // Shortened on 表单: both warnings go.
  await main.getByRole('tab', { name: '表单' }).click();
  await forms.getByLabel(FIELD, { exact: true }).fill('已接入北京市医保信息平台，进销存系统与医保结算接口联调完成');
  await expect(formsWarning).toHaveCount(0);
  await main.getByRole('tab', { name: '申报材料包' }).click();
  await expect(packet.getByLabel('内容过长的字段')).toHaveCount(0);
});
