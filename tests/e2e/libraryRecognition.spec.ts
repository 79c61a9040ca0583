import { expect, test } from '@playwright/test';
import { generateScan } from '../ocr/scanGenerator';
import { openCompany, openSection } from './steps';

/*
 * 识别并核对 in the document library (issue 18), end to end through the built page and its real
 * recognition worker: a 营业执照 scan uploaded into 文件库 is recognised and reviewed; its USCC
 * fills the document's 证号, the company fields that differ are listed with 更新, and 保存 writes
 * the document and the company together, the company's history saying where the values came from.
 */

// A seed whose fictional values the pipeline reads exactly (see recognition.spec.ts).
const licence = generateScan('营业执照', 7, { dpi: 200, angle: 0 });
const truth = (field: string): string => {
  const value = licence.truth[field];
  if (value === undefined) throw new Error(`no ${field} in the generated scan`);
  return value;
};

test('a 营业执照 scan uploaded into 文件库 fills its 证号 and, reviewed, updates the company', async ({ page }) => {
  test.setTimeout(480_000);
  const name = truth('名称');
  const uscc = truth('统一社会信用代码');
  const legalRepresentative = truth('法定代表人');

  // A company registered by hand: its name only, and a misspelt legal representative.
  await page.goto('/');
  await page.getByRole('button', { name: '新建企业' }).first().click();
  const form = page.getByRole('dialog', { name: '新建企业' });
  await form.getByLabel('企业名称').fill(name);
  await form.getByLabel('法定代表人').fill('杨永');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await openCompany(page, name);

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '材料与申报' }).click();
  await expect(page.locator('main').getByRole('tab', { name: '文件库' })).toBeVisible();
  await page.getByLabel('选择要上传的文件').setInputFiles({ name: '营业执照.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(licence.jpeg) });
  const dialog = page.getByRole('dialog', { name: '登记材料' });
  await expect(dialog.getByText('文件：营业执照.jpg')).toBeVisible();
  await dialog.getByRole('button', { name: '识别并核对' }).click();

  const review = page.getByRole('dialog', { name: '识别并核对：营业执照.jpg' });
  // The first recognition loads the models into the worker (minutes on a busy 2-core machine).
  await expect(review.getByRole('textbox', { name: '统一社会信用代码' })).toHaveValue(uscc, { timeout: 300_000 });
  await expect(review.getByRole('textbox', { name: '法定代表人' })).toHaveValue(legalRepresentative);
  await review.getByRole('button', { name: '确认' }).click();
  await expect(review).toBeHidden();

  // The document's own metadata, and the company's stored facts beside the recognised ones.
  await expect(dialog.getByLabel('证号/编号')).toHaveValue(uscc);
  const facts = dialog.getByRole('region', { name: '识别结果与已登记信息' });
  const differences = facts.getByRole('table');
  await expect(differences.getByRole('row', { name: new RegExp(`统一社会信用代码 （空） ${uscc}`) })).toBeVisible();
  await expect(differences.getByRole('row', { name: new RegExp(`法定代表人 杨永 ${legalRepresentative}`) })).toBeVisible();
  await expect(facts.getByRole('checkbox', { name: '更新法定代表人' })).toBeChecked();
  await expect(facts.getByRole('row', { name: /企业名称/ })).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: '/tmp/lib-dialog-1280.png' });
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();

  const row = page.locator('main').getByRole('row', { name: /营业执照/ });
  await expect(row.getByText(uscc, { exact: true })).toBeVisible();
  await expect(row.getByText(/^2\d{3}-\d{2}-\d{2}/)).toBeVisible();

  await openSection(page, '企业');
  await openCompany(page, name);
  await expect(page.getByText(uscc)).toBeVisible();
  await expect(page.getByText(legalRepresentative, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '基本信息修改记录' }).click();
  const history = page.getByRole('dialog', { name: `基本信息修改记录：${name}` });
  const source = history.getByRole('region', { name: '识别来源' });
  await expect(source.getByText(/^来源：营业执照扫描件“营业执照\.jpg”识别/)).toBeVisible();
  await expect(source.getByRole('row', { name: new RegExp(`法定代表人 ${legalRepresentative} 未修改`) })).toBeVisible();
  await expect(source.getByRole('row', { name: new RegExp(`统一社会信用代码 ${uscc} 未修改`) })).toBeVisible();
});
