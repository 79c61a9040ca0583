import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chooseOption, loadSamples, openCompany, openSection, shootBothSizes } from './steps';

/*
 * Issue 17, point 7 and the charts, as the data-centre operator's energy officer meets them: the
 * sample opens with its ledger, PUE, chart and export; the chart answers a hover with the month's
 * figures and its legend switches series; a year of readings is pasted from Excel into the
 * 12-month grid, the bad cell is refused in place, fixed, saved, and found in the ledger.
 */

const COMPANY = '北京云泽数据科技有限公司';
const SITE = '云泽亦庄数据中心（数据中心）';
const SITE_ID = 'sample-data-centre-site-yizhuang';
// A year before the sample's readings (2025-01 onwards), so every pasted month is new.
const GRID_YEAR = 2024;
const PASTED = [712.4, 668.1, 705.2, 698, 731.5, 770.2, 802.9, 811.3, 760.4, 728.8, 716, 742.6];

interface SampleReading { readonly siteId: string | null; readonly month: string; readonly energyType: string; readonly amount: number; readonly tce: number; readonly isItEquipment: boolean }

async function sampleReadings(): Promise<SampleReading[]> {
  const workspace = JSON.parse(await readFile(new URL('../../resources/samples/dataCentre.json', import.meta.url), 'utf8')) as { companies: { energyReadings: SampleReading[] }[] };
  return workspace.companies[0]?.energyReadings ?? [];
}

const fmt = (n: number, digits: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Hovers the chart over month `index` (0-based), in the middle of the plot. */
async function hoverMonth(page: Page, chart: Locator, index: number): Promise<Locator> {
  const box = await chart.boundingBox();
  if (!box) throw new Error('chart not laid out');
  // The option's grid on screen: 78 px left, 70 px right (PUE axis), 24 px top, 64 px bottom.
  const slot = (box.width - 78 - 70) / 12;
  await page.mouse.move(box.x + 4, box.y + 4);
  await page.mouse.move(box.x + 78 + slot * (index + 0.5), box.y + 24 + (box.height - 88) / 2, { steps: 4 });
  const tooltip = chart.locator('div').filter({ hasText: '本年合计' }).last();
  await expect(tooltip).toBeVisible();
  return tooltip;
}

/** Pastes `text` into a cell as Excel puts a copied block on the clipboard. */
async function pasteInto(cell: Locator, text: string): Promise<void> {
  await cell.click();
  await cell.evaluate((input, data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
}

test('sample data centre: ledger, PUE, chart hover and legend, then a year pasted into the 12-month grid', async ({ page }) => {
  test.setTimeout(240_000);
  const readings = await sampleReadings();
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/');
  await loadSamples(page);
  await openCompany(page, COMPANY);
  await openSection(page, '能源');
  await expect(page.getByRole('heading', { name: '能源台账' })).toBeVisible();
  const main = page.locator('main');
  await chooseOption(page, main, '场所', SITE);
  await chooseOption(page, main, '年份', '2026 年');

  // First load: the ledger has 2026 up to November, with the PUE row, and the year can be exported.
  const nov = readings.find((r) => r.siteId === SITE_ID && r.month === '2026-11' && r.energyType === '电力' && !r.isItEquipment);
  expect(nov).toBeDefined();
  await expect(main.getByRole('button', { name: new RegExp(`^2026-11 电力：${nov?.amount.toLocaleString('zh-CN')} 万kWh`) })).toBeVisible();
  await expect(main.getByText('PUE（总用电 ÷ IT 用电）')).toBeVisible();
  const download = page.waitForEvent('download');
  await main.getByRole('button', { name: '导出年度台账（.xlsx）' }).click();
  expect((await download).suggestedFilename()).toBe(`${COMPANY}-2026年能源消费台账（企业内部台账）.xlsx`);

  // The analysis: the year's PUE and the chart.
  await page.getByRole('tab', { name: '分析与 PUE' }).click();
  const ofMonth = (month: string, isIt: boolean) => readings.filter((r) => r.siteId === SITE_ID && r.month === month && r.energyType === '电力' && r.isItEquipment === isIt);
  const sum = (list: SampleReading[], key: 'amount' | 'tce') => list.reduce((s, r) => s + r[key], 0);
  const months2026 = Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
  const annualPue = sum(months2026.flatMap((m) => ofMonth(m, false)), 'amount') / sum(months2026.flatMap((m) => ofMonth(m, true)), 'amount');
  await expect(page.getByLabel('年度 PUE')).toContainText(annualPue.toFixed(2));
  const chart = page.getByRole('figure', { name: /2026 年月度综合能耗与 PUE/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('svg').first()).toBeVisible();

  // Hovering March shows its tce by energy type, last year's March and its PUE, from the ledger.
  const marchTce = sum(ofMonth('2026-03', false), 'tce');
  const lastMarchTce = sum(readings.filter((r) => r.siteId === SITE_ID && r.month === '2025-03' && !r.isItEquipment), 'tce');
  const marchPue = sum(ofMonth('2026-03', false), 'amount') / sum(ofMonth('2026-03', true), 'amount');
  let tooltip = await hoverMonth(page, chart, 2);
  await expect(tooltip).toContainText('3月');
  await expect(tooltip).toContainText(`电力：${fmt(marchTce, 3)} tce`);
  await expect(tooltip).toContainText(`上年同月：${fmt(lastMarchTce, 3)} tce`);
  await expect(tooltip).toContainText(`PUE：${fmt(marchPue, 2)}`);
  await shootBothSizes(page, 'energy-chart-tooltip');
  await page.setViewportSize({ width: 1440, height: 1000 });

  // The legend switches last year off: the bars go and the hover card no longer mentions it.
  await chart.getByText('上年同月合计', { exact: true }).click();
  tooltip = await hoverMonth(page, chart, 2);
  await expect(tooltip).toContainText(`电力：${fmt(marchTce, 3)} tce`);
  await expect(tooltip).not.toContainText('上年同月');
  await chart.getByText('上年同月合计', { exact: true }).click();
  tooltip = await hoverMonth(page, chart, 2);
  await expect(tooltip).toContainText('上年同月');

  // The 12-month grid of 2024: a row copied from Excel with one bad cell.
  await page.getByRole('tab', { name: '月度台账' }).click();
  await chooseOption(page, main, '年份', `${GRID_YEAR} 年`);
  await main.getByRole('button', { name: '按年录入（12 个月）' }).click();
  const grid = page.getByRole('dialog', { name: `按年录入（12 个月）· ${GRID_YEAR} 年` });
  const cell = (month: number) => grid.getByRole('textbox', { name: `${GRID_YEAR}-${String(month).padStart(2, '0')} 电力（万kWh）`, exact: true });
  await expect(cell(1)).toBeVisible();
  const excelRow = PASTED.map((v, i) => (i === 2 ? `${v}吨` : v.toLocaleString('en-US'))).join('\t');
  await pasteInto(cell(1), `${excelRow}\r\n`);
  await expect(grid.getByText('已粘贴 12 个单元格')).toBeVisible();
  await expect(cell(12)).toHaveValue('742.6');
  await expect(cell(3)).toHaveAttribute('aria-invalid', 'true');
  await expect(grid.getByText(`用量：“${PASTED[2]}吨”不是数字，请只填写数值，单位另选`)).toBeVisible();
  await expect(grid.getByText('待保存 11 个月')).toBeVisible();
  await shootBothSizes(page, 'energy-grid-refused');
  await page.setViewportSize({ width: 1440, height: 1000 });

  // Keyboard: from February, → moves to the bad March cell, which is corrected there.
  await cell(2).click();
  await cell(2).press('End');
  await cell(2).press('ArrowRight');
  await expect(cell(3)).toBeFocused();
  await cell(3).fill(String(PASTED[2]));
  await expect(cell(3)).toHaveAttribute('aria-invalid', 'false');
  await expect(grid.getByText('待保存 12 个月')).toBeVisible();
  await grid.getByRole('button', { name: '保存' }).click();
  const confirm = page.getByRole('dialog', { name: '保存 12 个月的用量？' });
  await expect(confirm).toContainText(`${GRID_YEAR} 年：新增 12 个月`);
  await confirm.getByRole('button', { name: '保存' }).click();
  await expect(grid).toBeHidden();

  // The months are in the ledger, each with its tce.
  for (const [i, amount] of PASTED.entries()) {
    await expect(main.getByRole('button', { name: new RegExp(`^${GRID_YEAR}-${String(i + 1).padStart(2, '0')} 电力：${amount.toLocaleString('zh-CN')} 万kWh`) })).toBeVisible();
  }
  await shootBothSizes(page, 'energy-grid-saved');
});
