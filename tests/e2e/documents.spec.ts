import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { chooseOption, dataRows, loadSamples, openCompany, shootFullPage, typeDate } from './steps';
import { smallPng } from './pngFixture';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';

/*
 * 材料与申报 end to end (issue 5), in Chromium against the built renderer with a fresh profile:
 * load the samples, open the pharmacy, upload a PDF 营业执照 and a PNG 劳动合同 of its 执业药师,
 * attach them in the 申请医疗保障定点 checklist and see completeness change, build the packet and
 * read the download back with pdf-lib (page count and bookmarks); then a 0-byte file and a text
 * file named .pdf are refused with Chinese errors naming them, and nothing stored changes.
 */

const COMPANY = '北京康宁大药房有限公司';
const APPLICATION = '申请医疗保障定点';
const SHOTS = process.env.DOCUMENTS_SHOTS_DIR;

async function twoPagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of ['Business licence, page 1', 'Business licence, page 2']) doc.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 14, font });
  return Buffer.from(await doc.save());
}

function outlineTitles(doc: PDFDocument): string[] {
  const titles: string[] = [];
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  let node = outlines?.lookupMaybe(PDFName.of('First'), PDFDict);
  while (node) {
    const title = node.lookup(PDFName.of('Title'));
    if (title instanceof PDFHexString || title instanceof PDFString) titles.push(title.decodeText());
    node = node.lookupMaybe(PDFName.of('Next'), PDFDict);
  }
  return titles;
}

async function upload(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByLabel('选择要上传的文件').setInputFiles(file);
}

test('attach files, complete the checklist, build and download the packet; bad files refused', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/');
  await loadSamples(page);
  await openCompany(page, COMPANY);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '材料与申报' }).click();
  const main = page.locator('main');
  await expect(main.getByRole('tab', { name: '文件库' })).toBeVisible();

  // 营业执照 as a PDF.
  await upload(page, { name: '营业执照.pdf', mimeType: 'application/pdf', buffer: await twoPagePdf() });
  let dialog = page.getByRole('dialog', { name: '登记材料' });
  await expect(dialog.getByText('文件：营业执照.pdf')).toBeVisible();
  await dialog.getByLabel('证号/编号').fill('91110105MA00000012');
  await dialog.getByLabel('发证机关').fill('北京市朝阳区市场监督管理局');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();

  // The 执业药师's labour contract as a PNG scan, with its term and person.
  await upload(page, { name: '李芳劳动合同.png', mimeType: 'image/png', buffer: smallPng() });
  dialog = page.getByRole('dialog', { name: '登记材料' });
  await chooseOption(page, dialog, '材料类型', '劳动合同');
  await typeDate(dialog, '有效期起', '2026-06-01', 'Enter');
  await typeDate(dialog, '有效期至', '2029-05-31', 'Enter');
  await chooseOption(page, dialog, '归属（人员、车辆、门店或证照）', '李芳');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  // antd keeps visited tabs rendered (hidden): look inside the active pane only.
  const rows = dataRows(main.getByRole('tabpanel').getByRole('table'));
  await expect(rows).toHaveCount(2);
  await shootFullPage(page, SHOTS, '01-library');

  // Preview of the image opens in place.
  await rows.filter({ hasText: '李芳劳动合同' }).getByRole('button', { name: '预览' }).click();
  await expect(page.getByRole('img', { name: '李芳劳动合同' })).toBeVisible();
  await page.getByRole('dialog').filter({ has: page.getByRole('img', { name: '李芳劳动合同' }) }).getByRole('button', { name: /^(Close|关闭)$/ }).click();

  // The checklist of 第六条: the application form is generated, the rest is missing.
  await main.getByRole('tab', { name: '申报清单' }).click();
  await chooseOption(page, main, '申请事项', APPLICATION);
  const completeness = main.getByLabel('完成度');
  await expect(completeness).toContainText('完成度：1/8');
  await shootFullPage(page, SHOTS, '02-checklist-before');
  const licences = main.getByLabel('材料 药品经营许可证、营业执照和法定代表人、主要负责人或实际控制人身份证复印件');
  await licences.getByRole('button', { name: '附加“营业执照”' }).click();
  await expect(licences.getByLabel('材料状态')).toHaveText('已附');
  await expect(completeness).toContainText('完成度：2/8');
  const pharmacist = main.getByLabel('材料 执业药师资格证书或药学技术人员相关证书及其劳动合同复印件');
  await pharmacist.getByRole('button', { name: '附加“李芳劳动合同”' }).click();
  await expect(pharmacist.getByLabel('材料状态')).toHaveText('已附');
  await expect(pharmacist.getByText(/李芳的劳动合同符合1 年以上劳动合同且在合同期内/)).toBeVisible();
  await expect(completeness).toContainText('完成度：3/8');
  await shootFullPage(page, SHOTS, '03-checklist-after');

  // The packet: built in the worker, downloaded, read back.
  await main.getByRole('tab', { name: '申报材料包' }).click();
  const downloadPromise = page.waitForEvent('download');
  await main.getByRole('button', { name: '生成申报材料包' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`${COMPANY}-${APPLICATION}-申报材料包.pdf`);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 5).toString('ascii')).toBe('%PDF-');
  const packet = await PDFDocument.load(bytes);
  const saved = main.getByText(/已保存“.*申报材料包\.pdf”，共 \d+ 页/);
  await expect(saved).toBeVisible();
  const shownPages = Number(/共 (\d+) 页/.exec((await saved.textContent()) ?? '')?.[1]);
  expect(packet.getPageCount()).toBe(shownPages);
  // Cover, contents, at least one form page, the PDF's 2 pages, the PNG on A4, and 5 note pages for missing materials.
  expect(packet.getPageCount()).toBeGreaterThanOrEqual(1 + 1 + 1 + 2 + 1 + 5);
  const titles = outlineTitles(packet);
  // A bookmark per material in the checklist's order, missing ones marked （缺）.
  expect(titles).toEqual([
    '封面', '目录', '1. 定点零售药店申请表', '2. 药品经营许可证、营业执照和法定代表人、主要负责人或实际控制人身份证复印件',
    '3. 执业药师资格证书或药学技术人员相关证书及其劳动合同复印件', '4. 医保专（兼）职管理人员的劳动合同复印件（缺）',
    '5. 与医疗保障政策对应的内部管理制度和财务制度文本（缺）', '6. 与医保有关的信息系统相关材料（缺）',
    '7. 纳入定点后使用医疗保障基金的预测性分析报告（缺）', '8. 市医疗保障行政部门按相关规定要求提供的其他材料（缺）',
  ]);
  const history = dataRows(main.getByRole('tabpanel').getByRole('table')).filter({ hasText: APPLICATION });
  await expect(history.first()).toContainText('营业执照.pdf');
  await expect(history.first()).toContainText('李芳劳动合同.png');
  await shootFullPage(page, SHOTS, '04-packet');

  // Bad input: refused with the file named, nothing stored changes.
  await main.getByRole('tab', { name: '文件库' }).click();
  await page.getByLabel('选择要上传的文件').setInputFiles([
    { name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) },
    { name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('this is a text file, not a PDF\n'.repeat(10)) },
  ]);
  const refusal = main.getByRole('alert').filter({ hasText: '以下文件未能添加' });
  await expect(refusal).toContainText('文件“empty.pdf”是空文件（0 字节）');
  await expect(refusal).toContainText('文件“fake.pdf”的扩展名是 .pdf，但内容是文本文件');
  await expect(page.getByRole('dialog', { name: '登记材料' })).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  await shootFullPage(page, SHOTS, '05-refused');
  await main.getByRole('tab', { name: '申报清单' }).click();
  await expect(completeness).toContainText('完成度：3/8');
});
