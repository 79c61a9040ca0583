import { expect, type Page } from '@playwright/test';

/*
 * Steps many specs take on the way to what they test, written once. Elements are found by role
 * and accessible name, as a user (or a screen reader) finds them.
 */

/** 「载入示例企业」 from the page that is open: the pharmacy, the rental firm and the data centre. */
export async function loadSamples(page: Page): Promise<void> {
  await page.getByRole('button', { name: '载入示例企业' }).first().click();
  const dialog = page.getByRole('dialog', { name: '载入示例企业' });
  await dialog.getByRole('button', { name: /^(载入|替换并载入)$/ }).click();
  await expect(dialog).toBeHidden();
}

/** Opens a company from the list on the page and waits for its heading. */
export async function openCompany(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}
