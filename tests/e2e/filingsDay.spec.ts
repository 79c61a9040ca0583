import { expect, test, type Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { smallPng } from './pngFixture';
import { chooseOption, dataRows, loadSamples, openCompany, openFilings, openSection, openSelectList, shootBothSizes, typeDate, uploadToLibrary } from './steps';

/*
 * Issue 17, an officer's day with forms, documents and filings (points 1–6 and 11), in Chromium
 * against the built renderer with a fresh profile per test. Screenshots at 1280×800 and 1920×1080
 * go to E2E_SHOTS_DIR when set.
 */

const PHARMACY = '北京康宁大药房有限公司';
const CAR_RENTAL = '北京顺达通汽车租赁有限公司';
const APPLICATION = '申请医疗保障定点';

async function shots(page: Page, name: string): Promise<void> {
  await shootBothSizes(page, name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function onePagePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 14, font });
  return Buffer.from(await doc.save());
}

async function openPharmacyFilings(page: Page): Promise<void> {
  await page.goto('/');
  await loadSamples(page);
  await openCompany(page, PHARMACY);
  await openFilings(page);
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('1 · what I type on 表单 is kept and goes into the packet', async ({ page }) => {
  test.setTimeout(180_000);
  await openPharmacyFilings(page);
  const main = page.locator('main');
  await main.getByRole('tab', { name: '表单' }).click();
  const typed = '已接入医保信息系统，进销存与结算接口联调完成';
  await main.getByRole('tabpanel').getByLabel('医保信息系统情况', { exact: true }).fill(typed);
  await shots(page, 'filings-forms');

  // Still there after a reload: the draft is stored, not held by the page.
  await page.reload();
  await openFilings(page);
  await main.getByRole('tab', { name: '表单' }).click();
  await expect(main.getByRole('tabpanel').getByLabel('医保信息系统情况', { exact: true })).toHaveValue(typed);

  await main.getByRole('tab', { name: '申报材料包' }).click();
  const download = page.waitForEvent('download');
  await main.getByRole('button', { name: '生成申报材料包' }).click();
  await download;
  const report = main.getByRole('alert').filter({ hasText: /已保存“.*申报材料包\.pdf”/ });
  await expect(report).toBeVisible();
  await expect(report).not.toContainText('医保信息系统情况');
});

test('2 · a validity period that ends before it starts, or a day that does not exist, is refused in the dialog', async ({ page }) => {
  await openPharmacyFilings(page);
  await page.getByLabel('选择要上传的文件').setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: await onePagePdf('Business licence') });
  const dialog = page.getByRole('dialog', { name: '登记材料' });
  await typeDate(dialog, '有效期起', '2026-06-01');
  await typeDate(dialog, '有效期至', '2026-01-01');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('有效期至应晚于有效期起')).toBeVisible();
  await typeDate(dialog, '有效期起', '2026-02-30');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('有效期起：“2026-02-30”不是有效日期：2026 年 2 月没有 30 日')).toBeVisible();
  await shots(page, 'filings-library-dialog-refused');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dataRows(page.locator('main').getByRole('tabpanel').getByRole('table'))).toHaveCount(0);
});

test('3 · an expired licence is shown before building; I can stop, or enclose it with a note', async ({ page }) => {
  test.setTimeout(180_000);
  await openPharmacyFilings(page);
  const main = page.locator('main');
  await uploadToLibrary(page, { name: '营业执照.pdf', mimeType: 'application/pdf', buffer: await onePagePdf('Business licence') }, async (dialog) => {
    await typeDate(dialog, '有效期起', '2016-02-01');
    await typeDate(dialog, '有效期至', '2026-01-31');
  });
  await main.getByRole('tab', { name: '申报清单' }).click();
  const licences = main.getByLabel('材料 药品经营许可证、营业执照和法定代表人、主要负责人或实际控制人身份证复印件');
  await licences.getByRole('button', { name: '附加“营业执照”' }).click();
  await expect(licences.getByLabel('材料状态')).toHaveText('已过期');

  await main.getByRole('tab', { name: '申报材料包' }).click();
  await expect(main.getByText(/尚缺：.*药品经营许可证、营业执照和法定代表人、主要负责人或实际控制人身份证复印件（已过期）/)).toBeVisible();
  const review = main.getByRole('region', { name: '不在有效期内的文件' });
  await expect(review).toContainText('“营业执照”已于 2026年1月31日 过期');
  await shots(page, 'filings-packet-out-of-date');

  // Stop: nothing is built.
  await main.getByRole('button', { name: '生成申报材料包' }).click();
  const confirm = page.getByRole('dialog', { name: '有 1 份文件在申报日不在有效期内' });
  await expect(confirm).toContainText('“营业执照”已于 2026年1月31日 过期');
  await confirm.getByRole('button', { name: '停止，先更换文件' }).click();
  await expect(confirm).toBeHidden();
  await expect(main.getByText(/已保存“.*申报材料包\.pdf”/)).toHaveCount(0);

  // Enclose it with a note: the packet is built and saved.
  await review.getByLabel('“营业执照”的说明').fill('营业执照正在换发，新证领取后补交。');
  await main.getByRole('button', { name: '生成申报材料包' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('dialog', { name: '有 1 份文件在申报日不在有效期内' }).getByRole('button', { name: '附上并加注说明，继续生成' }).click();
  await download;
  await expect(main.getByText(/已保存“.*申报材料包\.pdf”，共 \d+ 页/)).toBeVisible();
});

test('4 · the application starts on what applies and is remembered across tabs and reloads', async ({ page }) => {
  await openPharmacyFilings(page);
  const main = page.locator('main');
  const picker = () => main.getByRole('tabpanel').getByRole('group', { name: '申请事项' });
  await main.getByRole('tab', { name: '申报清单' }).click();
  await expect(picker()).toContainText(APPLICATION);
  await main.getByRole('tab', { name: '表单' }).click();
  await expect(picker()).toContainText(APPLICATION);

  // The list: what applies first.
  await main.getByRole('tabpanel').getByRole('combobox', { name: '申请事项' }).click();
  const list = openSelectList(page);
  await expect(list.groups.first()).toHaveText('适用于本企业');
  await expect(list.options.first()).toContainText(APPLICATION);
  await shots(page, 'filings-application-picker');
  await page.keyboard.press('Escape');

  await main.getByRole('tab', { name: '申报材料包' }).click();
  await chooseOption(page, main.getByRole('tabpanel'), '申请事项', /小微型客车租赁/);
  await main.getByRole('tab', { name: '申报清单' }).click();
  await expect(picker()).toContainText('小微型客车租赁');
  await page.reload();
  await openFilings(page);
  await main.getByRole('tab', { name: '表单' }).click();
  await expect(picker()).toContainText('小微型客车租赁');
});

test('5 · 标记完成 takes a new file as proof; it lands in the 文件库', async ({ page }) => {
  await page.goto('/');
  await loadSamples(page);
  // The rental firm has open duties; the pharmacy, not yet designated, has none to mark.
  await openCompany(page, CAR_RENTAL);
  await openSection(page, '期限跟踪');
  const markDone = page.getByRole('button', { name: /^标记完成：/ }).first();
  const name = ((await markDone.getAttribute('aria-label')) ?? '').replace(/^标记完成：/, '');
  await markDone.click();
  const dialog = page.getByRole('dialog', { name: `标记完成：${name}` });
  await dialog.getByLabel('选择证明文件').setInputFiles({ name: '受理回执.png', mimeType: 'image/png', buffer: smallPng() });
  await expect(dialog.getByText('受理回执.png')).toBeVisible();
  await dialog.getByLabel('记录人').fill('王敏');
  await shots(page, 'deadlines-mark-done-upload');
  await dialog.getByRole('button', { name: '确认完成' }).click();
  await expect(dialog).toBeHidden();

  await openFilings(page);
  const row = dataRows(page.locator('main').getByRole('tabpanel').getByRole('table')).filter({ hasText: '受理回执.png' });
  await expect(row).toContainText('办理证明');
});

test('6 · the new-company form refuses an impossible 成立日期 and −5 employees where they were typed', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '新建企业' }).first().click();
  const dialog = page.getByRole('dialog', { name: '新建企业' });
  await dialog.getByLabel('企业名称').fill('北京测试科技有限公司');
  await typeDate(dialog, '成立日期', '2026-02-30');
  await dialog.getByLabel('从业人员（人）').fill('-5');
  await dialog.getByLabel('从业人员（人）').press('Tab');
  await expect(dialog.getByLabel('从业人员（人）')).toHaveValue('-5');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('成立日期：“2026-02-30”不是有效日期：2026 年 2 月没有 30 日')).toBeVisible();
  await expect(dialog.getByText('从业人员不能为负数（填写的是 -5）')).toBeVisible();
  await shots(page, 'companies-form-refused');
  await expect(dialog).toBeVisible();
});

test('11 · at 1280×800 the 文件库 shows 状态, 归属 and actions without a horizontal scrollbar; a tall dialog scrolls to its first error', async ({ page }) => {
  await openPharmacyFilings(page);
  await uploadToLibrary(page, { name: '营业执照（副本）扫描件-2026年换发.pdf', mimeType: 'application/pdf', buffer: await onePagePdf('Business licence') }, async (dialog) => {
    await dialog.getByLabel('证号/编号').fill('91110105MA00000012');
    await dialog.getByLabel('发证机关').fill('北京市朝阳区市场监督管理局');
    await typeDate(dialog, '有效期至', '2046-01-31');
  });
  const table = page.locator('main').getByRole('tabpanel').getByRole('table');
  for (const header of ['状态', '归属', '操作']) await expect(table.getByRole('columnheader', { name: header })).toBeInViewport();
  const row = dataRows(table).first();
  await expect(row.getByRole('button', { name: '删除' })).toBeInViewport();
  // The table's scroll box is the element that holds it.
  const overflow = await table.evaluate((e) => { const box = e.parentElement ?? e; return box.scrollWidth - box.clientWidth; });
  expect(overflow).toBeLessThanOrEqual(0);
  await shots(page, 'filings-library');

  // A tall dialog: the new-company form with the error far below the fold.
  await openSection(page, '企业');
  await page.getByRole('button', { name: '新建企业' }).first().click();
  const dialog = page.getByRole('dialog', { name: '新建企业' });
  await dialog.getByLabel('企业名称').fill('北京测试科技有限公司');
  await dialog.getByLabel('资产总额（万元）').fill('-1');
  await dialog.getByLabel('企业名称').click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('资产总额不能为负数（填写的是 -1）')).toBeInViewport();
});
