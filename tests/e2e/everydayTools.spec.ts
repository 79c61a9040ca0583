import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chooseOption, loadSamples, notice, openCompany, openSection, shootBothSizes, typeDate } from './steps';

/*
 * Issue 17, points 2 (vehicle form), 10 and 11, as the compliance officer uses them in Chromium
 * against the built renderer with a fresh profile and the shipped samples: the company list is
 * searched, filtered and sorted; a deleted company or vehicle comes back with 撤销; lists print
 * whole; an inverted date pair is refused in place; a tall dialog shows its first error; every
 * table keeps its actions in view at 1280×800.
 */

const PHARMACY = '北京康宁大药房有限公司';
const RENTAL = '北京顺达通汽车租赁有限公司';
const DATA_CENTRE = '北京云泽数据科技有限公司';
const ALL = [PHARMACY, RENTAL, DATA_CENTRE];

/** The company names in the list, top to bottom (the name is the only link in a row). */
async function listedCompanies(page: Page): Promise<string[]> {
  return page.locator('main').getByRole('table').getByRole('link').allTextContents();
}

/** Picks a filter's option and closes the list (the filters take several). */
async function pickFrom(page: Page, combobox: string, option: string): Promise<void> {
  await chooseOption(page, page, combobox, option);
  await page.keyboard.press('Escape');
}

/** The page printed to PDF (as 打印 › 另存为 PDF does), as text. */
async function printedText(page: Page): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  const dir = mkdtempSync(join(tmpdir(), 'print-'));
  writeFileSync(join(dir, 'page.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'page.pdf'), '-'], { encoding: 'utf8' });
}

async function fresh(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await loadSamples(page);
  await expect(page.getByRole('link', { name: RENTAL })).toBeVisible();
}

test('10 · the company list is searched, filtered and sorted, and keeps that across a visit to a company', async ({ page }) => {
  await fresh(page);
  const search = page.getByRole('searchbox', { name: '搜索企业' });

  await search.fill('顺达');
  expect(await listedCompanies(page)).toEqual([RENTAL]);
  await expect(page.getByRole('status').filter({ hasText: '显示 1 家，共 3 家' })).toBeVisible();
  await search.fill('王建国');
  expect(await listedCompanies(page)).toEqual([PHARMACY]);
  await search.fill('ma00000037');
  expect(await listedCompanies(page)).toEqual([DATA_CENTRE]);
  await page.getByRole('button', { name: '清除筛选' }).click();
  expect(await listedCompanies(page)).toHaveLength(3);

  await pickFrom(page, '按所在区筛选', '朝阳区');
  expect(await listedCompanies(page)).toEqual([PHARMACY]);
  await page.getByRole('button', { name: '清除筛选' }).click();
  await pickFrom(page, '按行业筛选', '汽车租赁');
  expect(await listedCompanies(page)).toEqual([RENTAL]);
  await page.getByRole('button', { name: '清除筛选' }).click();

  await pickFrom(page, '排序方式', '成立日期：从晚到早');
  expect(await listedCompanies(page)).toEqual([PHARMACY, DATA_CENTRE, RENTAL]);
  await pickFrom(page, '排序方式', '成立日期：从早到晚');
  expect(await listedCompanies(page)).toEqual([RENTAL, DATA_CENTRE, PHARMACY]);

  await search.fill('有限公司');
  await pickFrom(page, '按企业类型筛选', '有限责任公司(法人独资)');
  await shootBothSizes(page, 'h17d-company-list-filtered');
  await page.setViewportSize({ width: 1280, height: 800 });
  await openCompany(page, DATA_CENTRE);
  await openSection(page, '企业');
  await expect(page.getByRole('searchbox', { name: '搜索企业' })).toHaveValue('有限公司');
  expect(await listedCompanies(page)).toEqual([DATA_CENTRE]);
});

test('10 · a deleted company comes back with 撤销, with all its vehicles', async ({ page }) => {
  await fresh(page);
  await page.getByRole('button', { name: `删除${RENTAL}` }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: `删除企业“${RENTAL}”？` });
  await expect(confirm).toContainText('36 辆车辆');
  await expect(confirm).toContainText('10 秒内可撤销');
  await confirm.getByRole('button', { name: '删除' }).click();
  await expect(page.getByRole('link', { name: RENTAL })).toBeHidden();
  const deleted = notice(page, `已删除企业“${RENTAL}”`);
  await expect(deleted).toBeVisible();
  await deleted.getByRole('button', { name: '撤销' }).click();
  await expect(notice(page, '已恢复企业')).toContainText(`已恢复企业“${RENTAL}”`);

  const row = page.getByRole('row').filter({ hasText: RENTAL });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell', { name: '36', exact: true })).toBeVisible();
  await openCompany(page, RENTAL);
  await page.getByRole('tab', { name: /^车辆/ }).click();
  await expect(page.getByText('显示 36 / 共 36 辆')).toBeVisible();

  // The history says the deletion was undone.
  await page.getByRole('tab', { name: '基本信息' }).click();
  await page.getByRole('button', { name: /修改记录/ }).first().click();
  await expect(page.getByText('撤销删除').first()).toBeVisible();
});

test('10 · a deleted vehicle comes back with 撤销', async ({ page }) => {
  await fresh(page);
  await openCompany(page, RENTAL);
  await page.getByRole('tab', { name: /^车辆/ }).click();
  await expect(page.getByText('显示 36 / 共 36 辆')).toBeVisible();
  const firstDelete = page.getByRole('button', { name: /^删除京/ }).first();
  const plate = (await firstDelete.getAttribute('aria-label'))?.slice('删除'.length) ?? '';
  expect(plate).toMatch(/^京/);
  await firstDelete.click();
  await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
  await expect(page.getByText('显示 35 / 共 35 辆')).toBeVisible();
  await notice(page, `已删除车辆“${plate}”`).getByRole('button', { name: '撤销' }).click();
  await expect(page.getByText('显示 36 / 共 36 辆')).toBeVisible();
  await expect(page.getByRole('button', { name: `编辑${plate}` })).toBeVisible();
});

test('10 · the company list and the whole vehicle list print, without the app around them', async ({ page }) => {
  await fresh(page);
  await expect(page.getByRole('button', { name: '打印' })).toBeVisible();
  const listText = await printedText(page);
  for (const name of ALL) expect(listText).toContain(name);
  expect(listText).toContain('企业列表');
  expect(listText).toMatch(/打印日期：\d{4}-\d{2}-\d{2}/);
  expect(listText).not.toContain('载入示例企业');
  expect(listText).not.toContain('期限跟踪');

  await openCompany(page, RENTAL);
  await page.getByRole('tab', { name: /^车辆/ }).click();
  await expect(page.getByText('显示 36 / 共 36 辆')).toBeVisible();
  const plates = (await page.getByRole('button', { name: /^删除京/ }).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? '')));
  // The screen shows only the rows in view (virtual rendering); paper must carry all 36.
  expect(plates.length).toBeLessThan(36);
  const vehicleText = await printedText(page);
  expect(vehicleText).toContain(`${RENTAL} · 车辆`);
  const printedPlates = new Set(vehicleText.match(/京[A-Z][A-Z0-9]{5,6}/g) ?? []);
  expect(printedPlates.size).toBe(36);

  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: test.info().outputPath('print-vehicles.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
});

test('2 · the vehicle form refuses an inverted date pair and an impossible seat count where they were typed', async ({ page }) => {
  await fresh(page);
  await openCompany(page, RENTAL);
  await page.getByRole('tab', { name: /^车辆/ }).click();
  await page.getByRole('button', { name: '添加车辆' }).click();
  const dialog = page.getByRole('dialog', { name: '添加车辆' });
  await dialog.getByLabel('号牌号码').fill('京B99999');
  await typeDate(dialog, '注册日期', '2024-05-01');
  await typeDate(dialog, '投入经营日期', '2024-04-01');
  await dialog.getByLabel('核定载客（座）').fill('-5');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('投入经营日期不应早于注册日期')).toBeVisible();
  await expect(dialog.getByText('核定载客应在 1–300 之间（填写的是 -5）')).toBeVisible();
  await expect(dialog).toBeVisible();
  await shootBothSizes(page, 'h17d-vehicle-form-refused');
  await page.setViewportSize({ width: 1280, height: 800 });

  await typeDate(dialog, '投入经营日期', '2024-06-01');
  await dialog.getByLabel('核定载客（座）').fill('5');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('显示 37 / 共 37 辆')).toBeVisible();
});

test('11 · a tall dialog scrolls to its first error', async ({ page }) => {
  await fresh(page);
  await page.getByRole('button', { name: '新建企业' }).first().click();
  const dialog = page.getByRole('dialog', { name: '新建企业' });
  await dialog.getByLabel('企业名称').fill('北京测试商贸有限公司');
  const email = dialog.getByLabel('电子邮箱');
  await email.fill('不是邮箱');
  // Back to the top of the dialog, as an officer who scrolled up to check the name would be.
  await dialog.getByLabel('企业名称').evaluate((field) => {
    let box = field.parentElement;
    while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowY)) box = box.parentElement;
    box?.scrollTo(0, 0);
  });
  await expect(email).not.toBeInViewport();
  await dialog.getByRole('button', { name: '保存' }).click();
  const error = dialog.getByText('电子邮箱格式不正确');
  await expect(error).toBeInViewport();
  await expect(dialog).toBeVisible();
});

async function expectInView(locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  await expect(locator).toBeInViewport({ ratio: 1 });
}

test('11 · at 1280×800 every table keeps its row actions in view', async ({ page }) => {
  await fresh(page);
  await expectInView(page.getByRole('button', { name: `删除${RENTAL}` }));
  await shootBothSizes(page, 'h17d-company-list');
  await page.setViewportSize({ width: 1280, height: 800 });

  await openCompany(page, PHARMACY);
  for (const tab of ['人员', '许可证', '门店与场所', '事件记录']) {
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    const panel = page.getByRole('tabpanel');
    await expectInView(panel.getByRole('button', { name: /^删除/ }).first());
    await expectInView(panel.getByRole('button', { name: /^编辑/ }).first());
  }
  await openSection(page, '企业');
  await openCompany(page, RENTAL);
  await page.getByRole('tab', { name: /^车辆/ }).click();
  await expectInView(page.getByRole('tabpanel').getByRole('button', { name: /^删除京/ }).first());
  await shootBothSizes(page, 'h17d-vehicles');
  await page.setViewportSize({ width: 1280, height: 800 });

  await openSection(page, '期限跟踪');
  const more = page.getByRole('button', { name: /^更多操作：/ }).first();
  await expectInView(more);
  await expectInView(page.getByRole('button', { name: /^(标记完成|撤销完成)：/ }).first());
  await shootBothSizes(page, 'h17d-deadlines');
});
