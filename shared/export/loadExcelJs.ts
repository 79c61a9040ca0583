import type ExcelJSModule from 'exceljs';

/*
 * exceljs (about 1 MB, 256 KB gzipped) reached only through this dynamic import, when a workbook is
 * read or written: the bundler then keeps it in one chunk of its own that no page loads to show
 * itself (the bundle measurement in tests/bench/measurements/bundleMeasurements.ts fails
 * otherwise). Modules that only name its types import them with `import type`.
 */

export type ExcelJs = typeof ExcelJSModule;

export async function loadExcelJs(): Promise<ExcelJs> {
  return (await import('exceljs')).default;
}
