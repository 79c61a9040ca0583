import { expect, test } from '@playwright/test';
import { generateScan } from '../ocr/scanGenerator';
import { openCompany, pickFiles, shootBothSizes } from './steps';

/*
 * Scan recognition (issue 18) end to end through the built page and its real recognition worker
 * (onnxruntime-web): a company created from a generated 营业执照 scan and a vehicle from a
 * generated 行驶证 scan through the roster import's review table; the stored facts and the
 * change history's 来源 note are read back through the page.
 */

// Seeds whose fictional values the Node pipeline reads exactly (npm run cli -- recognize).
const licence = generateScan('营业执照', 7, { dpi: 200, angle: 0 });
const vehicle = generateScan('行驶证', 6, { dpi: 200, angle: 0 });
const truth = (scan: typeof licence, field: string): string => {
  const value = scan.truth[field];
  if (value === undefined) throw new Error(`no ${field} in the generated scan`);
  return value;
};

test('a company from a 营业执照 scan and a vehicle from a 行驶证 scan, reviewed, stored and in the history', async ({ page }) => {
  test.setTimeout(300_000);
  const name = truth(licence, '名称');
  const uscc = truth(licence, '统一社会信用代码');
  const plate = truth(vehicle, '号牌号码');
  const registeredOn = truth(vehicle, '注册日期');

  await page.goto('/');
  await page.getByRole('button', { name: '新建企业' }).first().click();
  const form = page.getByRole('dialog', { name: '新建企业' });
  await form.getByRole('button', { name: '从营业执照识别' }).click();
  const review = page.getByRole('dialog', { name: '从营业执照识别' });
  await pickFiles(page, () => review.getByRole('button', { name: '选择扫描件' }).click(), [{ name: '营业执照.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(licence.jpeg) }]);
  // The first recognition loads the models into the worker.
  await expect(review.getByRole('textbox', { name: '统一社会信用代码' })).toHaveValue(uscc, { timeout: 120_000 });
  await expect(review.getByRole('textbox', { name: '名称' })).toHaveValue(name);
  await expect(review.getByRole('img', { name: '“统一社会信用代码”在扫描件上的位置' })).toBeVisible();
  await expect(review.getByText('企业信息中没有“注册资本”一项，此值不会保存')).toBeVisible();
  // The officer corrects the legal representative before confirming: the history keeps both values.
  await review.getByRole('textbox', { name: '法定代表人' }).fill('杨永');
  await shootBothSizes(page, 'recognition-licence-review');
  await review.getByRole('button', { name: '确认' }).click();
  await expect(review).toBeHidden();
  await expect(form.getByLabel('企业名称')).toHaveValue(name);
  await expect(form.getByLabel('统一社会信用代码')).toHaveValue(uscc);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();

  await openCompany(page, name);
  await expect(page.getByText(uscc)).toBeVisible();
  await page.getByRole('button', { name: '基本信息修改记录' }).click();
  const companyHistory = page.getByRole('dialog', { name: `基本信息修改记录：${name}` });
  const source = companyHistory.getByRole('region', { name: '识别来源' });
  await expect(source.getByText('来源：营业执照扫描件“营业执照.jpg”识别，核对时修改了 1 项')).toBeVisible();
  await expect(source.getByRole('row', { name: /法定代表人 杨勇 改为：杨永/ })).toBeVisible();
  await companyHistory.getByRole('button', { name: 'Close' }).or(companyHistory.getByRole('button', { name: '关闭' })).first().click();

  await page.getByRole('tab', { name: /车辆/ }).click();
  await page.getByRole('button', { name: '识别行驶证' }).click();
  const fleet = page.getByRole('dialog', { name: `识别行驶证：${name}` });
  await pickFiles(page, () => fleet.getByRole('button', { name: '选择行驶证扫描件' }).click(), [{ name: '行驶证.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(vehicle.jpeg) }]);
  const toImport = fleet.getByRole('region', { name: '将导入的车辆' });
  await expect(toImport.getByRole('row', { name: new RegExp(`行驶证\\.jpg.*${plate}.*租赁.*${registeredOn}`) })).toBeVisible({ timeout: 120_000 });
  await shootBothSizes(page, 'recognition-vehicle-review');
  await fleet.getByRole('button', { name: '导入 1 辆车' }).click();
  await expect(fleet.getByText('已导入 1 辆车')).toBeVisible();
  await fleet.getByRole('button', { name: '关闭' }).last().click();

  // The vehicle list is a virtual table (no row roles): its one vehicle's cells are read by text.
  const list = page.getByRole('tabpanel', { name: /车辆/ });
  await expect(list.getByText(plate, { exact: true })).toBeVisible();
  await expect(list.getByText(new RegExp(`^${registeredOn}（`))).toBeVisible();
  await expect(list.getByText(truth(vehicle, '品牌型号'), { exact: true })).toBeVisible();
  await list.getByRole('button', { name: `查看${plate}的修改记录` }).click();
  const vehicleHistory = page.getByRole('dialog', { name: `修改记录：${plate}` });
  await expect(vehicleHistory.getByText('来源：机动车行驶证扫描件“行驶证.jpg”识别，识别值均未修改')).toBeVisible();
  await expect(vehicleHistory.getByRole('region', { name: '识别来源' }).getByRole('row', { name: new RegExp(`号牌号码 ${plate} 未修改`) })).toBeVisible();
});
