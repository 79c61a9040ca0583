import { z } from 'zod';

/**
 * zod's built-in messages default to English; users see them inside import and data-pack errors
 * ("第 2 家企业.vehicles[3].usageNature：…"). Every entry point (the page, main, the command line)
 * calls this once before any schema is used.
 */
export function configureChineseValidationMessages(): void {
  z.config(z.locales.zhCN());
}
