import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chooseOption, loadSamples, typeDate } from './steps';

/*
 * The company workspace end to end, in Chromium against the built renderer. Every test gets a
 * fresh browser context (an empty profile, so an empty IndexedDB). Elements are found by role
 * and accessible name; antd Select options through chooseOption (see steps.ts).
 */

/** 91110105MA0000001 + its GB 32100 check character is "2"; "0" is wrong on purpose. */
const WRONG_USCC = '91110105MA00000010';

function companyRows(page: Page): Locator {
  return page.getByRole('table').getByRole('row').filter({ has: page.getByRole('link') });
}

test('create a company with people, a licence and vehicles; everything survives a reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('工作区中还没有企业')).toBeVisible();

  await page.getByRole('button', { name: '新建企业' }).first().click();
  const companyDialog = page.getByRole('dialog', { name: '新建企业' });
  await companyDialog.getByLabel('企业名称').fill('北京测试大药房有限公司');
  await companyDialog.getByLabel('统一社会信用代码').fill(WRONG_USCC);
  await companyDialog.getByLabel('法定代表人').fill('王建国');
  await chooseOption(page, companyDialog, '所在区', '朝阳区');
  await expect(companyDialog.getByText(/统一社会信用代码校验位不符/)).toBeVisible();
  await companyDialog.getByRole('button', { name: '保存' }).click();
  await expect(companyDialog).toBeHidden();

  await expect(companyRows(page)).toHaveCount(1);
  await expect(page.getByText('待核对')).toBeVisible();
  await page.getByRole('link', { name: '北京测试大药房有限公司' }).click();
  await expect(page.getByRole('heading', { name: '北京测试大药房有限公司' })).toBeVisible();
  await expect(page.getByText(/统一社会信用代码校验位不符/).first()).toBeVisible();

  // People: a pharmacist with a 3-year contract, then a draft that must survive a reload.
  await page.getByRole('tab', { name: /人员/ }).click();
  await page.getByRole('button', { name: '添加人员' }).click();
  let personDialog = page.getByRole('dialog', { name: '添加人员' });
  await personDialog.getByLabel('姓名').fill('李芳');
  await personDialog.getByLabel('居民身份证号码').fill('110108198806210022');
  await chooseOption(page, personDialog, '岗位（可多选）', '执业药师');
  await page.keyboard.press('Escape');
  await typeDate(personDialog, '合同起始日期', '2026-06-01', 'Enter');
  await typeDate(personDialog, '合同终止日期', '2026-05-01', 'Enter');
  await personDialog.getByRole('button', { name: '保存' }).click();
  await expect(personDialog.getByText('劳动合同终止日期应晚于起始日期')).toBeVisible();
  await personDialog.getByLabel('合同终止日期', { exact: true }).clear();
  await typeDate(personDialog, '合同终止日期', '2029-05-31', 'Enter');
  await personDialog.getByRole('button', { name: '保存' }).click();
  await expect(personDialog).toBeHidden();
  await expect(page.getByRole('cell', { name: /2026-06-01 至 2029-05-31/ })).toBeVisible();

  await page.getByRole('button', { name: '添加人员' }).click();
  personDialog = page.getByRole('dialog', { name: '添加人员' });
  await personDialog.getByLabel('姓名').fill('张伟（未保存）');
  await page.reload();
  personDialog = page.getByRole('dialog', { name: '添加人员' });
  await expect(personDialog.getByText('已恢复上次未保存的内容')).toBeVisible();
  await expect(personDialog.getByLabel('姓名')).toHaveValue('张伟（未保存）');
  await personDialog.getByRole('button', { name: '取消' }).click();

  // A licence.
  await page.getByRole('tab', { name: /许可证/ }).click();
  await page.getByRole('button', { name: '添加许可证' }).click();
  const licenceDialog = page.getByRole('dialog', { name: '添加许可证/备案' });
  await chooseOption(page, licenceDialog, '许可证类型', '药品经营许可证');
  await licenceDialog.getByLabel('证书编号').fill('京CA1050000');
  await typeDate(licenceDialog, '有效期起', '2026-06-10', 'Enter');
  await typeDate(licenceDialog, '有效期止', '2031-06-09', 'Enter');
  await licenceDialog.getByRole('button', { name: '保存' }).click();
  await expect(licenceDialog).toBeHidden();

  // Two vehicles.
  await page.getByRole('tab', { name: /车辆/ }).click();
  for (const plate of ['京A12345', '京AD12345']) {
    await page.getByRole('button', { name: '添加车辆' }).click();
    const vehicleDialog = page.getByRole('dialog', { name: '添加车辆' });
    await vehicleDialog.getByLabel('号牌号码').fill(plate);
    await typeDate(vehicleDialog, '注册日期', '2024-04-11', 'Enter');
    await vehicleDialog.getByRole('button', { name: '保存' }).click();
    await expect(vehicleDialog).toBeHidden();
  }
  await expect(page.getByText('显示 2 / 共 2 辆')).toBeVisible();

  await page.reload();
  await expect(page.getByText('京AD12345')).toBeVisible();
  await expect(page.getByText('京A12345', { exact: true })).toBeVisible();
  await page.getByRole('tab', { name: /人员/ }).click();
  await expect(page.getByText('李芳', { exact: true })).toBeVisible();
  await expect(page.getByText('张伟（未保存）')).toHaveCount(0);
  await expect(page.getByRole('cell', { name: /2026-06-01 至 2029-05-31/ })).toBeVisible();
  // The ID number is masked until revealed.
  await expect(page.getByText('110***********0022')).toBeVisible();
  await page.getByRole('button', { name: '显示李芳的身份证号码' }).click();
  await expect(page.getByText('110108198806210022')).toBeVisible();
  await page.getByRole('tab', { name: /许可证/ }).click();
  await expect(page.getByText('京CA1050000')).toBeVisible();

  await page.getByRole('button', { name: '返回企业列表' }).click();
  await expect(companyRows(page)).toHaveCount(1);
  await expect(companyRows(page).first()).toContainText(WRONG_USCC);
});

test('load the three sample companies; loading again replaces instead of duplicating', async ({ page }) => {
  await page.goto('/');
  await loadSamples(page);
  await expect(companyRows(page)).toHaveCount(3);
  await expect(page.getByRole('link', { name: '北京康宁大药房有限公司' })).toBeVisible();
  await expect(page.getByRole('link', { name: '北京顺达通汽车租赁有限公司' })).toBeVisible();
  await expect(page.getByRole('link', { name: '北京云泽数据科技有限公司' })).toBeVisible();

  await page.getByRole('button', { name: '载入示例企业' }).first().click();
  const dialog = page.getByRole('dialog', { name: '载入示例企业' });
  await expect(dialog.getByText(/示例企业已在工作区中/)).toBeVisible();
  await dialog.getByRole('button', { name: '替换并载入' }).click();
  await expect(dialog).toBeHidden();
  await expect(companyRows(page)).toHaveCount(3);

  await page.getByRole('link', { name: '北京顺达通汽车租赁有限公司' }).click();
  await page.getByRole('tab', { name: /车辆/ }).click();
  await expect(page.getByText('显示 36 / 共 36 辆')).toBeVisible();
  await chooseOption(page, page, '使用性质筛选', /^非营运（/);
  await expect(page.getByText('显示 5 / 共 36 辆')).toBeVisible();
});

test('export the workspace, re-import it into a fresh profile and see the same data', async ({ page, browser }, testInfo) => {
  await page.goto('/');
  await loadSamples(page);
  // A change of our own, so the round trip carries user data, not only the samples.
  await page.getByRole('link', { name: '北京康宁大药房有限公司' }).click();
  await page.getByRole('tab', { name: /车辆/ }).click();
  await page.getByRole('button', { name: '添加车辆' }).click();
  const vehicleDialog = page.getByRole('dialog', { name: '添加车辆' });
  await vehicleDialog.getByLabel('号牌号码').fill('京Q8M331');
  await vehicleDialog.getByRole('button', { name: '保存' }).click();
  await expect(vehicleDialog).toBeHidden();
  await page.getByRole('button', { name: '返回企业列表' }).click();

  await page.getByRole('button', { name: '导出工作区' }).click();
  // The samples carry no document files, so the choice starts at the plain workspace file.
  const exportDialog = page.getByRole('dialog', { name: '导出工作区' });
  await expect(exportDialog.getByRole('radio', { name: /工作区文件（\.json，仅记录）/ })).toBeChecked();
  const downloadPromise = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: '导出' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^企业合规工作台-工作区-\d{8}\.json$/);
  const exportedPath = testInfo.outputPath('exported.json');
  await download.saveAs(exportedPath);
  const exported = JSON.parse(await readFile(exportedPath, 'utf8')) as { companies: { company: { name: string } }[] };
  expect(exported.companies.map((c) => c.company.name).sort()).toEqual(['北京云泽数据科技有限公司', '北京康宁大药房有限公司', '北京顺达通汽车租赁有限公司']);

  const fresh = await browser.newContext();
  const page2 = await fresh.newPage();
  await page2.goto('/');
  await expect(page2.getByText('工作区中还没有企业')).toBeVisible();
  const chooserPromise = page2.waitForEvent('filechooser');
  await page2.getByRole('button', { name: '导入工作区' }).first().click();
  await (await chooserPromise).setFiles(exportedPath);
  const preview = page2.getByRole('dialog', { name: /导入工作区/ });
  await expect(preview.getByText('3 家企业')).toBeVisible();
  await preview.getByRole('button', { name: '导入' }).click();
  await expect(preview).toBeHidden();

  await expect(companyRows(page2)).toHaveCount(3);
  const pharmacyRow = companyRows(page2).filter({ hasText: '北京康宁大药房有限公司' });
  // 人员 5, 许可证 2, 车辆 1 (the one we added), 门店 1.
  await expect(pharmacyRow.getByRole('cell')).toHaveText(['北京康宁大药房有限公司', /^91110105MA00000012/, '朝阳区', 'F5251 药品零售', '5', '2', '1', '1', '']);
  await expect(companyRows(page2).filter({ hasText: '北京顺达通汽车租赁有限公司' }).getByRole('cell').nth(6)).toHaveText('36');
  await page2.getByRole('link', { name: '北京康宁大药房有限公司' }).click();
  await page2.getByRole('tab', { name: /人员/ }).click();
  await expect(page2.getByRole('cell', { name: /2026-09-01 至 2027-06-30/ })).toBeVisible();
  await fresh.close();
});

test('a malformed workspace file is refused with a Chinese error and nothing changes', async ({ page }) => {
  await page.goto('/');
  await loadSamples(page);
  await expect(companyRows(page)).toHaveCount(3);

  // A workspace whose only company lacks its name and id, next to a good one: nothing may be written.
  const broken = JSON.stringify({
    format: 'compliance-workbench/workspace',
    formatVersion: 1,
    exportedAt: '2026-11-26T00:00:00.000Z',
    companies: [
      { company: { id: 'new-company', name: '北京新企业有限公司', createdAt: '', updatedAt: '' } },
      { company: { uscc: 'X' } },
    ],
  });
  let chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入工作区' }).click();
  await (await chooserPromise).setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  let errorDialog = page.getByRole('dialog').filter({ hasText: '无法导入“broken.json”' });
  await expect(errorDialog).toBeVisible();
  await expect(errorDialog.getByText(/工作区文件内容有误/)).toBeVisible();
  await expect(errorDialog.getByText('工作区中的现有数据没有任何改动。')).toBeVisible();
  await errorDialog.getByRole('button', { name: '知道了' }).click();
  await expect(errorDialog).toBeHidden();

  chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入工作区' }).click();
  await (await chooserPromise).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('这不是 JSON') });
  errorDialog = page.getByRole('dialog').filter({ hasText: '无法导入“notes.json”' });
  await expect(errorDialog.getByText(/文件不是有效的 JSON/)).toBeVisible();
  await errorDialog.getByRole('button', { name: '知道了' }).click();

  await page.reload();
  await expect(companyRows(page)).toHaveCount(3);
  await expect(page.getByRole('link', { name: '北京新企业有限公司' })).toHaveCount(0);
});

test('a company with 5,000 vehicles imports, and its vehicle table stays virtual, filterable and searchable', async ({ page }) => {
  const companyId = 'fleet-5000';
  const stamp = '2026-11-26T00:00:00.000Z';
  const vehicles = Array.from({ length: 5000 }, (_, i) => ({
    id: `fleet-vehicle-${i}`,
    companyId,
    plate: `京A${String(i).padStart(5, '0')}`,
    usageNature: i % 10 === 0 ? '非营运' : '租赁',
    registeredOn: `20${String(10 + (i % 16)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
    filingStatus: i % 7 === 0 ? '未备案' : '已备案',
  }));
  const workspace = {
    format: 'compliance-workbench/workspace',
    formatVersion: 1,
    exportedAt: stamp,
    companies: [{ company: { id: companyId, name: '北京大车队汽车租赁有限公司', createdAt: stamp, updatedAt: stamp }, vehicles }],
  };

  await page.goto('/');
  const chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入工作区' }).first().click();
  await (await chooserPromise).setFiles({ name: 'fleet.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(workspace)) });
  const preview = page.getByRole('dialog', { name: /导入工作区/ });
  await expect(preview.getByText('1 家企业')).toBeVisible();
  await expect(preview.getByText(/5000 辆车辆/)).toBeVisible();
  await preview.getByRole('button', { name: '导入' }).click();
  await expect(preview).toBeHidden();

  await page.getByRole('link', { name: '北京大车队汽车租赁有限公司' }).click();
  await page.getByRole('tab', { name: /车辆/ }).click();
  await expect(page.getByText('显示 5000 / 共 5000 辆')).toBeVisible();
  // Virtual scrolling: only the rows in view exist in the DOM (each has its 编辑 button).
  const renderedRows = page.locator('main').getByRole('button', { name: /^编辑京/ });
  await expect(renderedRows.first()).toBeVisible();
  expect(await renderedRows.count()).toBeLessThan(100);

  await chooseOption(page, page, '备案状态筛选', /^未备案$/);
  await expect(page.getByText('显示 715 / 共 5000 辆')).toBeVisible();
  await page.getByLabel('按号牌搜索').fill('京A04998');
  await expect(page.getByText('显示 1 / 共 5000 辆')).toBeVisible();
  await expect(page.getByText('京A04998')).toBeVisible();
});
