import { expect, test, type Page } from '@playwright/test';
import { typeDate } from './steps';

/*
 * The change history (issue 6) end to end, in Chromium against the built renderer, on a fresh
 * profile: a change made through the ordinary forms is recorded by the storage layer and can be
 * read back per record and per company, with the ID number masked until the officer asks.
 */

async function createCompany(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: '新建企业' }).first().click();
  const dialog = page.getByRole('dialog', { name: '新建企业' });
  await dialog.getByLabel('企业名称').fill(name);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

test("a person's contract end date change shows before and after in 修改记录", async ({ page }, testInfo) => {
  await page.goto('/');
  await createCompany(page, '北京修改记录测试大药房有限公司');

  await page.getByRole('tab', { name: /人员/ }).click();
  await page.getByRole('button', { name: '添加人员' }).click();
  const addDialog = page.getByRole('dialog', { name: '添加人员' });
  await addDialog.getByLabel('姓名').fill('李芳');
  await addDialog.getByLabel('居民身份证号码').fill('110108198806210022');
  await typeDate(addDialog, '合同起始日期', '2026-06-01', 'Enter');
  await typeDate(addDialog, '合同终止日期', '2029-05-31', 'Enter');
  await addDialog.getByRole('button', { name: '保存' }).click();
  await expect(addDialog).toBeHidden();

  await page.getByRole('button', { name: '编辑李芳' }).click();
  const editDialog = page.getByRole('dialog', { name: '编辑人员：李芳' });
  await editDialog.getByLabel('合同终止日期', { exact: true }).clear();
  await typeDate(editDialog, '合同终止日期', '2030-05-31', 'Enter');
  await editDialog.getByRole('button', { name: '保存' }).click();
  await expect(editDialog).toBeHidden();
  await expect(page.getByRole('cell', { name: /2026-06-01 至 2030-05-31/ })).toBeVisible();

  await page.getByRole('button', { name: '查看李芳的修改记录' }).click();
  const drawer = page.getByRole('dialog', { name: '修改记录：李芳' });
  const entries = drawer.getByRole('article');
  await expect(entries).toHaveCount(2);

  // Newest first: the edit, with only the changed field.
  const edit = entries.first();
  await expect(edit.getByText('修改', { exact: true })).toBeVisible();
  await expect(edit.getByRole('columnheader')).toHaveText(['字段', '修改前', '修改后']);
  const changed = edit.getByRole('row').filter({ hasText: '合同终止日期' });
  await expect(changed.getByRole('cell')).toHaveText(['合同终止日期', '2029-05-31', '2030-05-31']);
  await expect(edit.getByRole('row')).toHaveCount(2);
  await expect(edit).toContainText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);

  // The creation lists what was entered, the ID number masked until asked for.
  const creation = entries.nth(1);
  await expect(creation.getByText('新增', { exact: true })).toBeVisible();
  await expect(creation.getByRole('row').filter({ hasText: '姓名' }).getByRole('cell')).toHaveText(['姓名', '李芳']);
  await expect(creation.getByText('110***********0022')).toBeVisible();
  await expect(drawer.getByText('110108198806210022')).toHaveCount(0);
  // For a person to look at (kept in the test's output folder).
  await page.screenshot({ path: testInfo.outputPath('history-drawer.png') });
  await drawer.getByRole('button', { name: /显示身份证号码/ }).click();
  await expect(creation.getByText('110108198806210022')).toBeVisible();

  // Closed and opened again, it starts masked.
  await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: '关闭' })).click();
  await expect(drawer).toBeHidden();
  await page.getByRole('button', { name: '查看李芳的修改记录' }).click();
  await expect(drawer.getByText('110***********0022')).toBeVisible();
  await expect(drawer.getByText('110108198806210022')).toHaveCount(0);
  await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: '关闭' })).click();
  await expect(drawer).toBeHidden();

  // The company's whole history names each record.
  // The icon's own label ("history") is part of the button's accessible name.
  await page.getByRole('button', { name: /^(history )?修改记录$/ }).click();
  const companyDrawer = page.getByRole('dialog', { name: '修改记录：北京修改记录测试大药房有限公司' });
  await expect(companyDrawer.getByRole('article').filter({ hasText: '人员：李芳' })).toHaveCount(2);
  await expect(companyDrawer.getByRole('article').filter({ hasText: '企业信息：北京修改记录测试大药房有限公司' }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('history-company.png') });
});
