import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadSamples } from './steps';
import ExcelJS from 'exceljs';
import { buildRoster, excelDate, STANDARD_HEADERS } from '../fixtures/fleet/buildRoster';

/*
 * The deadline tracker end to end in Chromium against the built renderer: load the samples,
 * import a fleet roster with bad rows (the rejected-rows report, then only the good rows), see
 * the new vehicles' duties, mark one done with a note, and export the 跟踪表 and read it back.
 */

const COMPANY = '北京顺达通汽车租赁有限公司';
const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(tmpdir(), 'deadlines-e2e-shots');

let workDir = '';

test.beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'deadlines-e2e-'));
});

test.afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function writeRoster(): Promise<string> {
  const bytes = await buildRoster({
    preamble: [[`${COMPANY} 车辆花名册`], []],
    headers: [...STANDARD_HEADERS],
    rows: [
      // A 非营运 vehicle in service before 2021-04-01: must have changed to 租赁 by 2022-03-31 (overdue).
      ['京A7E301', '非营运', excelDate('2019-06-10'), excelDate('2019-07-01'), '已备案', '大众朗逸', '', '否'],
      ['京A7E302', '租赁', excelDate('2020-03-02'), '2020/3/15', '已备案', '丰田卡罗拉', '', '否'],
      ['京A7E303', '租赁', '2021年5月6日', excelDate('2021-05-20'), '已备案', '别克英朗', '', '是'],
      ['京AD7E304', '租赁', excelDate('2023-09-01'), excelDate('2023-09-10'), '未备案', '比亚迪秦PLUS', '', '否'],
      ['京I7E305', '租赁', excelDate('2020-01-01'), excelDate('2020-02-01'), '已备案', '', '', '否'],
      ['京A7E306', '租赁', '', excelDate('2020-02-01'), '已备案', '', '', '否'],
      ['京A7E307', '营转非', excelDate('2020-01-01'), excelDate('2020-02-01'), '已备案', '', '', '否'],
      ['京N3K218', '租赁', excelDate('2018-05-22'), excelDate('2018-05-22'), '已备案', '', '', '否'],
    ],
    numFmts: { 2: 'yyyy-mm-dd', 3: 'yyyy-mm-dd' },
  });
  const file = path.join(workDir, '车辆花名册.xlsx');
  await writeFile(file, bytes);
  return file;
}

test('import a fleet roster, mark a duty done and export the tracker', async ({ page }) => {
  const rosterFile = await writeRoster();
  await page.goto('/');
  await loadSamples(page);

  // The roster, from the company's 车辆 tab.
  await page.getByRole('link', { name: COMPANY }).click();
  await page.getByRole('tab', { name: /车辆/ }).click();
  await page.getByRole('button', { name: '从 Excel 导入' }).click();
  const dialog = page.getByRole('dialog', { name: `从 Excel 导入车辆：${COMPANY}` });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: '选择 Excel 文件' }).click();
  await (await chooser).setFiles(rosterFile);

  // Column mapping suggested from the header names, header row found below the title block.
  await expect(dialog.getByLabel('标题行')).toHaveValue('3');
  await expect(dialog.getByText('A 列：号牌号码')).toBeVisible();
  await expect(dialog.getByText('C 列：注册日期')).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, '1-mapping.png') });
  await dialog.getByRole('button', { name: '检查数据' }).click();

  // The rejected rows, each with its reason; nothing dropped silently.
  await expect(dialog.getByText('共 8 行：可导入 4 辆，未通过检查 4 行')).toBeVisible();
  const rejected = dialog.getByRole('region', { name: '未通过检查的行' });
  await expect(rejected.getByRole('row', { name: /京I7E305.*格式不正确/ })).toBeVisible();
  await expect(rejected.getByRole('row', { name: /京A7E306.*缺少注册日期/ })).toBeVisible();
  await expect(rejected.getByRole('row', { name: /京A7E307.*使用性质“营转非”无法识别/ })).toBeVisible();
  await expect(rejected.getByRole('row', { name: /京N3K218.*本企业已登记号牌/ })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, '2-rejected.png') });
  await dialog.getByRole('button', { name: '导入 4 辆车' }).click();
  await expect(dialog.getByText('已导入 4 辆车')).toBeVisible();
  await dialog.getByRole('button', { name: '查看车辆期限' }).click();

  // The new vehicles and their duties in the tracker (filtered to vehicles).
  await expect(page.getByRole('heading', { name: '期限跟踪' })).toBeVisible();
  const duty = '将车辆使用性质变更为“租赁”（京A7E301）';
  const dutyRow = page.getByRole('row', { name: new RegExp(`将车辆使用性质变更为“租赁”.*京A7E301`) });
  await expect(dutyRow).toBeVisible();
  await expect(dutyRow.getByText('已逾期')).toBeVisible();
  await expect(page.getByRole('row', { name: /京AD7E304/ }).first()).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, '3-tracker.png'), fullPage: true });

  // How the date was computed, next to it.
  await dutyRow.getByRole('button', { name: `计算说明：${duty}` }).click();
  await expect(page.getByText('截止日期如何计算')).toBeVisible();
  await expect(page.getByText(/原文规定的日期：2022年3月31日/)).toBeVisible();
  await page.keyboard.press('Escape');

  // Mark it done with a note; it moves to 已完成 and the history records it.
  await dutyRow.getByRole('button', { name: `标记完成：${duty}` }).click();
  const doneDialog = page.getByRole('dialog', { name: `标记完成：${duty}` });
  await doneDialog.getByLabel('证明材料').fill('已于 2022-03-20 变更行驶证使用性质，复印件存车辆档案');
  await doneDialog.getByLabel('记录人').fill('王敏');
  await doneDialog.getByRole('button', { name: '确认完成' }).click();
  await expect(doneDialog).toBeHidden();
  await page.getByRole('button', { name: /^已完成 \d+ 项$/ }).click();
  const doneRow = page.getByRole('row', { name: new RegExp(`将车辆使用性质变更为“租赁”.*京A7E301`) });
  await expect(doneRow.getByText('已完成', { exact: true })).toBeVisible();
  await doneRow.getByRole('button', { name: `更多操作：${duty}` }).click();
  await page.getByRole('menuitem', { name: '操作记录' }).click();
  const history = page.getByRole('dialog', { name: `操作记录：${duty}` });
  await expect(history.getByRole('row', { name: /标记完成.*王敏/ })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, '4-history.png') });
  await history.getByRole('button', { name: 'Close' }).or(history.getByRole('button', { name: '关闭' })).first().click();

  // Export the 跟踪表 and read it back.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出跟踪表' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^合规事项跟踪表-北京顺达通汽车租赁有限公司-\d{8}\.xlsx$/);
  const saved = path.join(workDir, 'tracker.xlsx');
  await file.saveAs(saved);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(saved);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(['汇总', COMPANY]);
  const sheet = workbook.getWorksheet(COMPANY);
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= 11; c++) cells.push(row.getCell(c).text);
    rows.push(cells);
  });
  expect(rows[0]?.slice(0, 6)).toEqual(['事项', '依据', '触发事件及日期', '截止日期', '剩余天数', '状态']);
  const doneLine = rows.find((r) => r[0]?.includes('京A7E301') && r[0].includes('使用性质'));
  expect(doneLine?.[5]).toBe('已完成');
  expect(doneLine?.[8]).toContain('已于 2022-03-20 变更行驶证使用性质');
  expect(rows.filter((r) => r[0]?.includes('京A7E30')).length).toBeGreaterThanOrEqual(4);
});

test('the 期限计算器 computes a period over the National Day holiday', async ({ page }) => {
  await page.goto('/#/deadlines?tab=calculator');
  const start = page.getByLabel('起算日期');
  await start.click();
  await start.fill('2021-09-16');
  await start.press('Enter');
  await page.getByLabel('期间长度').fill('15');
  await expect(page.getByLabel('计算出的截止日期')).toHaveText('2021-10-08');
  await expect(page.getByText(/依《民法典》第二百零三条/)).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, '5-calculator.png') });
});
