import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chooseOption, loadSamples, openCompany, shootFullPage, typeDate } from './steps';

/*
 * The energy ledger end to end (issue 8), in Chromium against the built renderer, with a fresh
 * profile: load the sample data-centre operator, enter three months of facility and IT
 * electricity at its data centre, see the refusals in place, the chart and the PUE, record a
 * submission, and export the year's ledger, which is read back with exceljs.
 */

const COMPANY = '北京云泽数据科技有限公司';
const SITE = '云泽亦庄数据中心（数据中心）';
const SHOTS = process.env.ENERGY_SHOTS_DIR;

// A past year, so no month is refused as not yet over whatever day the test runs, and one before
// the sample's own readings (2025 onwards), so the months entered here are the only ones.
const YEAR = Math.min(new Date().getFullYear() - 1, 2024);
const MONTHS = [
  { month: `${YEAR}-01`, totalWan: 512.4, itKwh: 3_640_100 },
  { month: `${YEAR}-02`, totalWan: 468.2, itKwh: 3_352_800 },
  { month: `${YEAR}-03`, totalWan: 520.9, itKwh: 3_731_900 },
] as const;

/** A 1×1 PNG standing in for the photo of a bill. */
const BILL_PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function enterReading(page: Page, entry: { readonly month: string; readonly amount: string; readonly unit: string; readonly isIt: boolean; readonly photo?: string }): Promise<Locator> {
  await page.getByRole('button', { name: '录入用量' }).click();
  const dialog = page.getByRole('dialog', { name: '录入月度用量' });
  await expect(dialog.getByLabel('场所', { exact: true })).toBeVisible();
  await typeDate(dialog, '月份', entry.month, 'Enter');
  await chooseOption(page, dialog, '单位', entry.unit);
  if (entry.isIt) await dialog.getByLabel('IT 设备用电').check();
  await dialog.getByLabel('用量', { exact: true }).fill(entry.amount);
  if (entry.photo) {
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: '添加凭证' }).click();
    await (await chooser).setFiles({ name: entry.photo, mimeType: 'image/png', buffer: BILL_PHOTO });
    await expect(dialog.getByText(entry.photo)).toBeVisible();
  }
  await dialog.getByRole('button', { name: '保存' }).click();
  return dialog;
}

test('enter three months at a data centre, see the chart and PUE, export the ledger', async ({ page }) => {
  // Seven dialogs with pickers: allow for a busy CI machine.
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/');
  await loadSamples(page);
  await openCompany(page, COMPANY);

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '能源' }).click();
  await expect(page.getByRole('heading', { name: '能源台账' })).toBeVisible();
  await chooseOption(page, page.locator('main'), '场所', SITE);
  await chooseOption(page, page.locator('main'), '年份', `${YEAR} 年`);

  // Refusals in place: a negative amount and a non-number, with the message beside the field.
  await page.getByRole('button', { name: '录入用量' }).click();
  let dialog = page.getByRole('dialog', { name: '录入月度用量' });
  await typeDate(dialog, '月份', MONTHS[0].month, 'Enter');
  await dialog.getByLabel('用量', { exact: true }).fill('-5');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('用量：不能为负数（-5）')).toBeVisible();
  await dialog.getByLabel('用量', { exact: true }).fill('五百万');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText(/用量：“五百万”不是数字/)).toBeVisible();
  await shootFullPage(page, SHOTS, '02-refused');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();

  for (const m of MONTHS) {
    const photo = m === MONTHS[0] ? `${m.month}电费单.png` : undefined;
    dialog = await enterReading(page, { month: m.month, amount: String(m.totalWan), unit: '万kWh（万千瓦时）', isIt: false, ...(photo ? { photo } : {}) });
    await expect(dialog).toBeHidden();
    dialog = await enterReading(page, { month: m.month, amount: String(m.itKwh), unit: 'kWh（千瓦时）', isIt: true });
    await expect(dialog).toBeHidden();
  }
  const ledger = page.getByRole('table', { name: `${YEAR} 年月度台账` });
  await expect(ledger.getByRole('button', { name: `${MONTHS[1].month} 电力：468.2 万kWh` })).toBeVisible();
  await expect(ledger.getByRole('button', { name: `${MONTHS[2].month} 电力（其中 IT 设备）：3,731,900 kWh` })).toBeVisible();
  // 512.4 万kWh × 0.1229 kgce/kWh = 629.7396 tce.
  await expect(ledger.getByText('629.740 tce')).toBeVisible();

  // The bill photo is stored with January and opens from its record.
  await ledger.getByRole('button', { name: `${MONTHS[0].month} 电力：512.4 万kWh` }).click();
  const edit = page.getByRole('dialog', { name: `编辑 ${MONTHS[0].month} 电力` });
  await edit.getByRole('button', { name: '查看' }).click();
  await expect(page.getByRole('img', { name: `${MONTHS[0].month}电费单.png` })).toBeVisible();
  await page.getByRole('dialog', { name: `凭证：${MONTHS[0].month}电费单.png` }).getByRole('button', { name: '关闭', exact: true }).last().click();
  await edit.getByRole('button', { name: '取消' }).click();
  await expect(edit).toBeHidden();

  // The same month again is refused on the month field, and nothing is stored twice.
  dialog = await enterReading(page, { month: MONTHS[0].month, amount: '500', unit: '万kWh（万千瓦时）', isIt: false });
  await expect(dialog.getByText(/月份：.*已有记录（512.4 万kWh），不能重复录入/)).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await shootFullPage(page, SHOTS, '03-ledger');

  // The monthly submission: set the day the authority gave, mark January as submitted.
  await page.getByRole('button', { name: '设置报送日', exact: true }).click();
  const dayDialog = page.getByRole('dialog', { name: '设置月度报送日' });
  await dayDialog.getByLabel(/截止日/).fill('10');
  await dayDialog.getByRole('button', { name: '保存' }).click();
  await expect(dayDialog).toBeHidden();
  await expect(page.getByText('次月 10 日前', { exact: true })).toBeVisible();
  const strip = page.getByRole('list', { name: `${YEAR} 年月度报送状态` });
  await strip.getByRole('button', { name: `${MONTHS[0].month} 已逾期` }).click();
  const submitDialog = page.getByRole('dialog', { name: `${MONTHS[0].month} 数据报送` });
  await typeDate(submitDialog, '报送日期', `${YEAR}-02-08`, 'Enter');
  await shootFullPage(page, SHOTS, '03b-submission');
  await submitDialog.getByRole('button', { name: '标记为已报送' }).click();
  await expect(submitDialog).toBeHidden();
  await expect(strip.getByRole('button', { name: `${MONTHS[0].month} 已报送` })).toBeVisible();
  await expect(strip.getByRole('button', { name: `${MONTHS[1].month} 已逾期` })).toBeVisible();

  // The chart and the PUE beside it: Σ total ÷ Σ IT over the three months.
  await page.getByRole('tab', { name: '分析与 PUE' }).click();
  // ECharts draws the chart as SVG inside the figure, PUE series in its legend.
  const chart = page.getByRole('figure', { name: new RegExp(`${YEAR} 年月度综合能耗与 PUE`) });
  await expect(chart).toBeVisible();
  await expect(chart.locator('svg').first()).toBeVisible();
  await expect(chart.getByText('PUE', { exact: true }).first()).toBeVisible();
  const totalKwh = MONTHS.reduce((s, m) => s + m.totalWan * 10_000, 0);
  const itKwh = MONTHS.reduce((s, m) => s + m.itKwh, 0);
  const annual = (totalKwh / itKwh).toFixed(2);
  await expect(page.getByLabel('年度 PUE')).toContainText(annual);
  const comparison = page.getByRole('table', { name: '逐月对比' });
  await expect(comparison.getByRole('row', { name: /^2月/ })).toContainText(((468.2 * 10_000) / 3_352_800).toFixed(2));
  await shootFullPage(page, SHOTS, '04-analysis');

  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 PNG' }).click();
  const png = await (await pngDownload).path();
  const pngBytes = await readFile(png);
  expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  // The year's ledger as .xlsx, read back: amounts as values, tce and PUE as formulas.
  await page.getByRole('tab', { name: '月度台账' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出年度台账（.xlsx）' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${COMPANY}-${YEAR}年能源消费台账（企业内部台账）.xlsx`);
  const workbook = new ExcelJS.Workbook();
  const bytes = await readFile(await file.path());
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '云泽亦庄数据中心', '能源管理与培训']);
  const site = workbook.getWorksheet('云泽亦庄数据中心');
  if (!site) throw new Error('no site sheet');
  const cells: { value: ExcelJS.CellValue; formula: string | undefined }[] = [];
  site.eachRow((row) => row.eachCell((cell) => cells.push({ value: cell.value, formula: cell.formula || undefined })));
  expect(cells.some((c) => c.value === 512.4)).toBe(true);
  expect(cells.some((c) => c.value === 3_731_900)).toBe(true);
  const formulas = cells.filter((c) => c.formula !== undefined);
  expect(formulas.length).toBeGreaterThan(10);
  const summary = workbook.getWorksheet('汇总');
  expect(JSON.stringify(summary?.getSheetValues())).toContain('非北京市节能监测服务平台规定格式');
});

async function meterExport(rows: readonly (readonly (string | number)[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('抄表记录');
  sheet.addRow(['办公区电表导出']);
  sheet.addRow(['抄表月份', '用电量', '单位', '场所', '备注']);
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importFile(page: Page, name: string, bytes: Buffer): Promise<Locator> {
  await page.getByRole('button', { name: '从表格导入' }).click();
  const dialog = page.getByRole('dialog', { name: '从电表或账单表格导入' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: '选择 .xlsx 文件' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
  // The header is on row 2 and every column is recognised from it.
  await expect(dialog.getByText(`文件：${name}`)).toBeVisible();
  await expect(dialog.getByLabel('表头所在行')).toHaveValue('2');
  await shootFullPage(page, SHOTS, `05-mapping-${name}`);
  await dialog.getByRole('button', { name: '检查数据' }).click();
  return dialog;
}

test('a meter export with one bad row imports nothing; the corrected file imports every row at once', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/');
  await loadSamples(page);
  await openCompany(page, COMPANY);
  await page.goto(`/#/energy?year=${YEAR}`);
  await expect(page.getByRole('heading', { name: '能源台账' })).toBeVisible();

  const bad = await meterExport([
    [`${YEAR}-04`, 182_400, 'kWh', '办公区', ''],
    [`${YEAR}-05`, '十六万', 'kWh', '办公区', '抄错'],
    [`${YEAR}-06`, 205_600, 'kWh', '办公区', ''],
    ['合计', 388_000, '', '', ''],
  ]);
  let dialog = await importFile(page, '办公区电表-有误.xlsx', bad);
  await expect(dialog.getByText(/共 4 行，其中 1 行有错误，未导入任何数据/)).toBeVisible();
  await expect(dialog.getByRole('table', { name: '逐行检查结果' }).getByText(/第 4 行 用量：“十六万”不是数字/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: /^导入/ })).toHaveCount(0);
  await shootFullPage(page, SHOTS, '05-import-refused');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByText(`${YEAR} 年尚无能源记录`, { exact: false })).toBeVisible();

  const good = await meterExport([
    [`${YEAR}-04`, 182_400, 'kWh', '办公区', ''],
    [`${YEAR}-05`, 160_000, '千瓦时', '办公区', '更正'],
    [`${YEAR}-06`, 205_600, '度', '办公区', ''],
    ['合计', 548_000, '', '', ''],
  ]);
  dialog = await importFile(page, '办公区电表.xlsx', good);
  await expect(dialog.getByText('可导入 3 条台账记录（1 行空行或合计行已跳过）')).toBeVisible();
  await dialog.getByRole('button', { name: '导入 3 条' }).click();
  await expect(dialog).toBeHidden();
  const ledger = page.getByRole('table', { name: `${YEAR} 年月度台账` });
  await expect(ledger.getByRole('button', { name: `${YEAR}-05 办公区（办公场所） · 电力：160,000 kWh` })).toBeVisible();
  await expect(ledger.getByRole('button', { name: /办公区（办公场所） · 电力：/ })).toHaveCount(3);
  await shootFullPage(page, SHOTS, '06-imported');

  // Each imported month keeps the file as its evidence.
  await ledger.getByRole('button', { name: `${YEAR}-04 办公区（办公场所） · 电力：182,400 kWh` }).click();
  const edit = page.getByRole('dialog', { name: `编辑 ${YEAR}-04 电力` });
  await expect(edit.getByText('该记录由表格导入')).toBeVisible();
  await expect(edit.getByText('办公区电表.xlsx')).toBeVisible();
});
