import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../export/loadExcelJs';
import type { Company, Person, Store } from '../domain/company';
import { applyPrintSetup, columnLetter, fitRowHeight, mergedTextRow, planPrint, printableHeight, rowHeightFor, wrappedLineCount } from '../export/printLayout';
import { escapeCellText } from '../export/trackerWorkbook';
import { err, ok, type Result } from '../util/result';
import { ledgerCompleteness } from './duties';
import { compareEnergyTypes } from './energyTypes';
import { baseAmount, monthsOfYear, yearFigures, type EnergyReading, type EnergySettings, type EnergyTraining, type LedgerMonth } from './ledger';
import { pueFromSums } from './pue';

/*
 * The year's ledger as an .xlsx: a sheet per site with one row per reading and a monthly table,
 * and a 汇总 sheet. Every derived number (折算量, tce, totals, PUE, intensity) is an Excel
 * formula over the entered amounts and coefficients, so the officer can audit and correct it in
 * Excel; the cached results are computed here the same way so viewers that do not recalculate
 * show the same figures. It is the company's own ledger, never the platform's official form.
 *
 * Printing (LibreOffice and WPS keep the file's row heights and page setup as they are): A4, each
 * sheet fitted to the page width at no less than 8 pt, long notes wrapped across merged cells,
 * row heights set, the monthly table kept whole on a page of its own, footer 第 N 页 共 M 页.
 */

export const INTERNAL_LEDGER_NOTE = '本表为企业内部台账，非北京市节能监测服务平台规定格式';
const SUMMARY_SHEET_NAME = '汇总';
const COMPANY_WIDE_SHEET_NAME = '企业整体（未分场所）';
const TRAINING_SHEET_NAME = '能源管理与培训';

export interface EnergyWorkbookInput {
  readonly company: Company;
  readonly stores: readonly Store[];
  readonly people?: readonly Person[];
  /** The company's readings; only the year's are exported. */
  readonly readings: readonly EnergyReading[];
  readonly trainings?: readonly EnergyTraining[];
  readonly settings: EnergySettings;
  readonly year: number;
  /** Shown on the summary sheet, e.g. "2026-11-26 10:30". */
  readonly generatedAt: string;
}

/** Where a site sheet's monthly table lives, for the summary sheet's references. */
interface SiteSheetLayout {
  readonly sheetName: string;
  readonly siteLabel: string;
  readonly kindLabel: string;
  readonly floorAreaSqm: number | null;
  /** Row of each month (Jan…Dec) in the monthly table. */
  readonly monthRows: readonly number[];
  readonly annualRow: number;
  readonly totalColumn: string;
  readonly monthTotals: readonly number[];
  readonly annualTotal: number;
  readonly pueColumn: string | null;
  readonly annualPue: number | null;
}

const DETAIL_HEADER = ['月份', '能源品种', '用量', '单位', '单位换算', '折算量', '折算单位', '折标系数', '系数单位', '折标准煤（tce）', '计入综合能耗', '系数依据', '凭证编号', '备注'] as const;
const DETAIL_FIRST_ROW = 6;
const TCE_FORMAT = '#,##0.000';
const AMOUNT_FORMAT = '#,##0.###';
const PUE_FORMAT = '0.00';
/** Site sheets: 月份, then columns wide enough for a kWh figure (12,345,678) whatever table they hold; 系数依据 wraps. */
const SITE_WIDTHS = [9, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 24, 12, 12];
/** 汇总: 场所, 类型, 12 months, 全年, 建筑面积, 单位面积能耗, PUE: one landscape A4 width at about 8.2 pt. */
const SUMMARY_WIDTHS = [18, 9, ...Array.from({ length: 12 }, () => 10), 11, 10, 11, 8];
const TRAINING_WIDTHS = [14, 14, 36, 8, 16, 16, 16];
const LINK_STYLE: Partial<ExcelJS.Font> = { color: { argb: 'FF0563C1' }, underline: true };

/** Excel sheet names: ≤ 31 characters, none of []:*?/\, unique ignoring case. */
export function safeSheetName(wanted: string, taken: ReadonlySet<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim().slice(0, 31) || '场所';
  const isTaken = (name: string) => [...taken].some((t) => t.toLowerCase() === name.toLowerCase());
  if (!isTaken(base)) return base;
  for (let i = 2; ; i++) {
    const suffix = `（${i}）`;
    const candidate = base.slice(0, 31 - suffix.length) + suffix;
    if (!isTaken(candidate)) return candidate;
  }
}

function sheetRef(sheetName: string, cell: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!${cell}`;
}

function formula(expression: string, result: number | string): ExcelJS.CellFormulaValue {
  return { formula: expression, result, date1904: false };
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8C9BB0' } } };
  });
}

function noteRow(sheet: ExcelJS.Worksheet, rowNumber: number, lastColumn: number): void {
  mergedTextRow(sheet, rowNumber, lastColumn, INTERNAL_LEDGER_NOTE, { bold: true, color: { argb: 'FFB42318' } });
}

function setWidths(sheet: ExcelJS.Worksheet, widths: readonly number[]): void {
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
}

/**
 * A link to the site's sheet. LibreOffice does not wrap the text of a hyperlink cell: a label
 * longer than the column is written as plain wrapped text instead of a link cut at the edge.
 */
function sheetLink(sheetName: string, text: string, width: number): ExcelJS.CellValue {
  const label = escapeCellText(text);
  return wrappedLineCount(label, width) === 1 ? { text: label, hyperlink: `#${sheetRef(sheetName, 'A1')}` } : label;
}

function sortReadings(readings: readonly EnergyReading[]): EnergyReading[] {
  return [...readings].sort((a, b) =>
    a.month.localeCompare(b.month) || compareEnergyTypes(a.energyType, b.energyType) || Number(a.isItEquipment) - Number(b.isItEquipment),
  );
}

function exactTce(r: EnergyReading): number {
  return (r.amount * r.conversion.factor * r.coefficient.value) / 1000;
}

function buildSiteSheet(
  workbook: ExcelJS.Workbook,
  sheetName: string,
  title: string,
  site: Store | null,
  readings: readonly EnergyReading[],
  year: number,
  basisText: string,
): SiteSheetLayout {
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: DETAIL_FIRST_ROW - 1 }] });
  setWidths(sheet, SITE_WIDTHS);
  // Titles, names, notes and custom energy types are user text: escaped so no spreadsheet takes them for formulas.
  mergedTextRow(sheet, 1, DETAIL_HEADER.length, escapeCellText(title), { bold: true, size: 14 });
  noteRow(sheet, 2, DETAIL_HEADER.length);
  mergedTextRow(sheet, 3, DETAIL_HEADER.length, basisText);
  mergedTextRow(sheet, 4, DETAIL_HEADER.length, '折标准煤 = 用量 × 单位换算 × 折标系数 ÷ 1000；“计入综合能耗”为“否”的行是数据中心 IT 设备用电分项，已含在总用电中，只用于计算 PUE。');
  const header = sheet.getRow(DETAIL_FIRST_ROW - 1);
  header.values = [...DETAIL_HEADER];
  styleHeader(header);
  fitRowHeight(sheet, DETAIL_FIRST_ROW - 1);

  const sorted = sortReadings(readings);
  const rowOf = new Map<string, number>();
  sorted.forEach((r, i) => {
    const n = DETAIL_FIRST_ROW + i;
    rowOf.set(r.id, n);
    const row = sheet.getRow(n);
    const notes = [r.note, r.confirmedOutlier ? '已确认：与相邻月份相差 10 倍以上' : ''].filter((t) => t !== '').join('；');
    row.values = [
      r.month, r.isItEquipment ? '电力（其中：IT 设备）' : escapeCellText(r.energyType), r.amount, r.unit, r.conversion.factor,
      formula(`C${n}*E${n}`, baseAmount(r)), r.conversion.toUnit, r.coefficient.value, r.coefficient.unit,
      formula(`C${n}*E${n}*H${n}/1000`, exactTce(r)),
      r.isItEquipment ? '否（IT 设备分项）' : '是',
      escapeCellText(r.coefficient.source === 'GB/T 2589-2020' ? r.coefficient.reference : `${r.coefficient.source}：${r.coefficient.reference}`),
      escapeCellText(r.documentId ?? ''), escapeCellText(notes),
    ];
    row.getCell(3).numFmt = AMOUNT_FORMAT;
    row.getCell(6).numFmt = AMOUNT_FORMAT;
    row.getCell(10).numFmt = TCE_FORMAT;
    row.alignment = { vertical: 'top', wrapText: true };
    fitRowHeight(sheet, n);
  });
  const detailLast = DETAIL_FIRST_ROW + Math.max(sorted.length, 1) - 1;

  // The monthly table: one column per energy type counted in 综合能耗, then the total.
  const types = [...new Set(sorted.filter((r) => !r.isItEquipment).map((r) => r.energyType))].sort(compareEnergyTypes);
  const isDataCentre = site?.kind === '数据中心' || sorted.some((r) => r.isItEquipment);
  const tableTitleRow = detailLast + 2;
  sheet.getCell(tableTitleRow, 1).value = '月度汇总';
  sheet.getCell(tableTitleRow, 1).font = { bold: true };
  const headerRow = tableTitleRow + 1;
  const totalIndex = types.length + 2;
  const statusIndex = totalIndex + 1;
  const dc = isDataCentre
    ? { total: statusIndex + 1, it: statusIndex + 2, pue: statusIndex + 3, countedTotal: statusIndex + 4, countedIt: statusIndex + 5 }
    : null;
  const headers = ['月份', ...types.map((t) => `${t}（tce）`), '综合能耗（tce）', '录入状态'];
  if (dc) headers.push('总用电（kWh）', '其中：IT 设备用电（kWh）', 'PUE', '计入年度 PUE 的总用电（kWh）', '计入年度 PUE 的 IT 用电（kWh）');
  const headerCells = sheet.getRow(headerRow);
  headerCells.values = headers;
  styleHeader(headerCells);
  fitRowHeight(sheet, headerRow);

  const months = monthsOfYear(year);
  const firstMonthRow = headerRow + 1;
  const lastMonthRow = firstMonthRow + 11;
  const monthTotals: number[] = [];
  const counted = { total: 0, it: 0 };
  months.forEach((month: LedgerMonth, m) => {
    const n = firstMonthRow + m;
    const row = sheet.getRow(n);
    row.getCell(1).value = month;
    const ofMonth = sorted.filter((r) => r.month === month);
    let monthTce = 0;
    types.forEach((type, t) => {
      const cells = ofMonth.filter((r) => r.energyType === type && !r.isItEquipment);
      const target = row.getCell(t + 2);
      const value = cells.reduce((sum, r) => sum + exactTce(r), 0);
      monthTce += value;
      target.value = cells.length === 0 ? 0 : formula(cells.map((r) => `J${rowOf.get(r.id) ?? 0}`).join('+'), value);
      target.numFmt = TCE_FORMAT;
    });
    monthTotals.push(monthTce);
    const total = row.getCell(totalIndex);
    total.value = types.length === 0 ? 0 : formula(`SUM(${columnLetter(2)}${n}:${columnLetter(totalIndex - 1)}${n})`, monthTce);
    total.numFmt = TCE_FORMAT;
    row.getCell(statusIndex).value = ofMonth.length === 0 ? '未录入' : '已录入';
    if (dc) {
      const power = ofMonth.filter((r) => r.energyType === '电力' && r.conversion.toUnit === 'kWh');
      const totalRows = power.filter((r) => !r.isItEquipment);
      const itRows = power.filter((r) => r.isItEquipment);
      const totalKwh = totalRows.reduce((s, r) => s + baseAmount(r), 0);
      const itKwh = itRows.reduce((s, r) => s + baseAmount(r), 0);
      if (totalRows.length > 0) row.getCell(dc.total).value = formula(totalRows.map((r) => `F${rowOf.get(r.id) ?? 0}`).join('+'), totalKwh);
      if (itRows.length > 0) row.getCell(dc.it).value = formula(itRows.map((r) => `F${rowOf.get(r.id) ?? 0}`).join('+'), itKwh);
      const isCounted = totalRows.length > 0 && itRows.length > 0 && totalKwh > 0 && itKwh > 0;
      const t = `${columnLetter(dc.total)}${n}`;
      const i = `${columnLetter(dc.it)}${n}`;
      row.getCell(dc.pue).value = formula(`IF(AND(${t}>0,${i}>0),${t}/${i},"")`, isCounted ? totalKwh / itKwh : '');
      row.getCell(dc.countedTotal).value = formula(`IF(AND(${t}>0,${i}>0),${t},0)`, isCounted ? totalKwh : 0);
      row.getCell(dc.countedIt).value = formula(`IF(AND(${t}>0,${i}>0),${i},0)`, isCounted ? itKwh : 0);
      if (isCounted) { counted.total += totalKwh; counted.it += itKwh; }
      for (const c of [dc.total, dc.it, dc.countedTotal, dc.countedIt]) row.getCell(c).numFmt = AMOUNT_FORMAT;
      row.getCell(dc.pue).numFmt = PUE_FORMAT;
    }
  });

  const annualRow = lastMonthRow + 1;
  const annual = sheet.getRow(annualRow);
  annual.getCell(1).value = '全年';
  annual.font = { bold: true };
  const annualTotal = monthTotals.reduce((s, v) => s + v, 0);
  for (let c = 2; c <= totalIndex; c++) {
    const letter = columnLetter(c);
    const value = c === totalIndex
      ? annualTotal
      : sorted.filter((r) => !r.isItEquipment && r.energyType === types[c - 2]).reduce((s, r) => s + exactTce(r), 0);
    annual.getCell(c).value = formula(`SUM(${letter}${firstMonthRow}:${letter}${lastMonthRow})`, value);
    annual.getCell(c).numFmt = TCE_FORMAT;
  }
  let annualPue: number | null = null;
  if (dc) {
    const sumOf = (c: number) => `SUM(${columnLetter(c)}${firstMonthRow}:${columnLetter(c)}${lastMonthRow})`;
    const allTotal = sorted.filter((r) => r.energyType === '电力' && !r.isItEquipment && r.conversion.toUnit === 'kWh').reduce((s, r) => s + baseAmount(r), 0);
    const allIt = sorted.filter((r) => r.isItEquipment).reduce((s, r) => s + baseAmount(r), 0);
    annual.getCell(dc.total).value = formula(sumOf(dc.total), allTotal);
    annual.getCell(dc.it).value = formula(sumOf(dc.it), allIt);
    annualPue = pueFromSums(counted.total, counted.it);
    // A year's PUE is Σ total ÷ Σ IT over the months that have both, not the mean of monthly PUEs.
    annual.getCell(dc.pue).value = formula(`IF(${sumOf(dc.countedIt)}>0,${sumOf(dc.countedTotal)}/${sumOf(dc.countedIt)},"")`, annualPue ?? '');
    annual.getCell(dc.pue).numFmt = PUE_FORMAT;
    annual.getCell(dc.countedTotal).value = formula(sumOf(dc.countedTotal), counted.total);
    annual.getCell(dc.countedIt).value = formula(sumOf(dc.countedIt), counted.it);
    for (const c of [dc.total, dc.it, dc.countedTotal, dc.countedIt]) annual.getCell(c).numFmt = AMOUNT_FORMAT;
  }

  // The monthly table starts a page of its own, so its months are never split. The detail's
  // header repeats on its continuation pages only when the detail needs more than one page: a
  // repeated header would otherwise sit above the monthly table, which has its own.
  sheet.getRow(tableTitleRow - 1).addPageBreak();
  const plan = planPrint(SITE_WIDTHS, undefined, 'landscape');
  let detailHeight = 0;
  for (let n = 1; n <= detailLast; n++) detailHeight += sheet.getRow(n).height ?? 15;
  const isDetailLong = detailHeight * plan.scale > printableHeight('landscape');
  applyPrintSetup(sheet, { widths: SITE_WIDTHS, lastRow: annualRow, orientation: 'landscape', titleRows: isDetailLong ? `${DETAIL_FIRST_ROW - 1}:${DETAIL_FIRST_ROW - 1}` : undefined });
  return {
    sheetName,
    siteLabel: site?.name ?? '企业整体（未分场所）',
    kindLabel: site?.kind ?? '—',
    floorAreaSqm: site?.floorAreaSqm ?? null,
    monthRows: months.map((_, m) => firstMonthRow + m),
    annualRow,
    totalColumn: columnLetter(totalIndex),
    monthTotals,
    annualTotal,
    pueColumn: dc ? columnLetter(dc.pue) : null,
    annualPue,
  };
}

/**
 * Builds the year's ledger workbook. Refuses a year without readings (an empty export would
 * look like a year without consumption).
 */
export async function buildEnergyWorkbook(input: EnergyWorkbookInput): Promise<Result<Uint8Array>> {
  const { company, year, settings } = input;
  const prefix = `${String(year).padStart(4, '0')}-`;
  const ofYear = input.readings.filter((r) => r.companyId === company.id && r.month.startsWith(prefix));
  if (ofYear.length === 0) return err('energy.noReadings', `${company.name} ${year} 年没有能源台账记录，无法导出`);

  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = '企业合规工作台';
  workbook.calcProperties.fullCalcOnLoad = true;
  const summary = workbook.addWorksheet(SUMMARY_SHEET_NAME);
  const taken = new Set<string>([SUMMARY_SHEET_NAME, TRAINING_SHEET_NAME]);
  const basisText = `电力折标口径：${settings.electricityBasis}${settings.electricityBasis === '当量值' ? '（GB/T 2589-2020 附录 A 表 A.1，0.1229 kgce/kWh）' : '（企业填写的等价值系数，见各行系数依据）'}`;

  const siteIds = new Set(ofYear.map((r) => r.siteId));
  const unknownSites = [...siteIds].filter((id): id is string => id !== null && !input.stores.some((s) => s.id === id));
  if (unknownSites.length > 0) return err('energy.unknownSite', `台账中有记录指向不存在的场所（编号 ${unknownSites.join('、')}），请先修正`);
  const layouts: SiteSheetLayout[] = [];
  for (const store of input.stores.filter((s) => siteIds.has(s.id))) {
    const name = safeSheetName(store.name, taken);
    taken.add(name);
    layouts.push(buildSiteSheet(workbook, name, `${store.name}（${store.kind}）${year} 年能源消费台账`, store, ofYear.filter((r) => r.siteId === store.id), year, basisText));
  }
  if (siteIds.has(null)) {
    const name = safeSheetName(COMPANY_WIDE_SHEET_NAME, taken);
    taken.add(name);
    layouts.push(buildSiteSheet(workbook, name, `${company.name} ${year} 年能源消费台账（未分场所）`, null, ofYear.filter((r) => r.siteId === null), year, basisText));
  }

  // 汇总
  const lastColumn = SUMMARY_WIDTHS.length;
  setWidths(summary, SUMMARY_WIDTHS);
  mergedTextRow(summary, 1, lastColumn, escapeCellText(`${company.name} ${year} 年能源消费台账汇总`), { bold: true, size: 14 });
  noteRow(summary, 2, lastColumn);
  mergedTextRow(summary, 3, lastColumn, `统一社会信用代码：${company.uscc || '未填写'}`);
  mergedTextRow(summary, 4, lastColumn, basisText);
  mergedTextRow(summary, 5, lastColumn, '单位：吨标准煤（tce）。各月数值引用各场所工作表的月度汇总；IT 设备用电不重复计入。');
  mergedTextRow(summary, 6, lastColumn, `生成时间：${input.generatedAt}`);
  const headerRow = 8;
  const header = summary.getRow(headerRow);
  header.values = ['场所', '类型', ...monthsOfYear(year).map((_, i) => `${i + 1}月`), '全年（tce）', '建筑面积（m²）', '单位面积能耗（kgce/m²）', '年度 PUE'];
  styleHeader(header);
  fitRowHeight(summary, headerRow);
  layouts.forEach((layout, i) => {
    const n = headerRow + 1 + i;
    const row = summary.getRow(n);
    row.alignment = { vertical: 'top' };
    row.getCell(1).value = sheetLink(layout.sheetName, layout.siteLabel, SUMMARY_WIDTHS[0] ?? 0);
    if (typeof row.getCell(1).value !== 'string') row.getCell(1).font = LINK_STYLE;
    row.getCell(2).value = layout.kindLabel;
    for (const c of [1, 2]) row.getCell(c).alignment = { vertical: 'top', wrapText: true };
    row.height = rowHeightFor([{ text: layout.siteLabel, width: SUMMARY_WIDTHS[0] ?? 0 }, { text: layout.kindLabel, width: SUMMARY_WIDTHS[1] ?? 0 }]);
    layout.monthRows.forEach((monthRow, m) => {
      row.getCell(3 + m).value = formula(sheetRef(layout.sheetName, `${layout.totalColumn}${monthRow}`), layout.monthTotals[m] ?? 0);
      row.getCell(3 + m).numFmt = TCE_FORMAT;
    });
    row.getCell(15).value = formula(`SUM(C${n}:N${n})`, layout.annualTotal);
    row.getCell(15).numFmt = TCE_FORMAT;
    if (layout.floorAreaSqm !== null) {
      row.getCell(16).value = layout.floorAreaSqm;
      row.getCell(17).value = formula(`IF(P${n}>0,O${n}*1000/P${n},"")`, layout.floorAreaSqm > 0 ? (layout.annualTotal * 1000) / layout.floorAreaSqm : '');
      row.getCell(17).numFmt = '#,##0.00';
    }
    if (layout.pueColumn) {
      row.getCell(18).value = formula(sheetRef(layout.sheetName, `${layout.pueColumn}${layout.annualRow}`), layout.annualPue ?? '');
      row.getCell(18).numFmt = PUE_FORMAT;
    }
  });
  const totalRow = headerRow + 1 + layouts.length;
  const total = summary.getRow(totalRow);
  total.getCell(1).value = '合计';
  total.font = { bold: true };
  const companyTotal = layouts.reduce((s, l) => s + l.annualTotal, 0);
  for (let c = 3; c <= 15; c++) {
    const letter = columnLetter(c);
    const value = c === 15 ? companyTotal : layouts.reduce((s, l) => s + (l.monthTotals[c - 3] ?? 0), 0);
    total.getCell(c).value = formula(`SUM(${letter}${headerRow + 1}:${letter}${totalRow - 1})`, value);
    total.getCell(c).numFmt = TCE_FORMAT;
  }

  const figures = yearFigures(settings, year);
  let r = totalRow + 2;
  const totalCell = `O${totalRow}`;
  const put = (label: string, value: ExcelJS.CellValue, numFmt?: string) => {
    // The label spans 场所 and 类型 and wraps: a long label no longer runs under its value.
    summary.getCell(r, 1).value = label;
    summary.getCell(r, 1).font = { bold: true };
    summary.getCell(r, 1).alignment = { vertical: 'top', wrapText: true };
    summary.mergeCells(r, 1, r, 2);
    const labelWidth = (SUMMARY_WIDTHS[0] ?? 0) + (SUMMARY_WIDTHS[1] ?? 0);
    summary.getRow(r).height = rowHeightFor([{ text: label, width: labelWidth }, { text: typeof value === 'string' ? value : '', width: SUMMARY_WIDTHS[2] ?? 0 }]);
    const cell = summary.getCell(r, 3);
    cell.alignment = { vertical: 'top', wrapText: true };
    cell.value = value;
    if (numFmt) cell.numFmt = numFmt;
    r++;
    return r - 1;
  };
  const targetRow = put('年度能耗目标（tce）', figures?.targetTce ?? '未设定', TCE_FORMAT);
  put('目标完成比例', formula(`IF(ISNUMBER(C${targetRow}),${totalCell}/C${targetRow},"")`, figures?.targetTce ? companyTotal / figures.targetTce : ''), '0.0%');
  const revenueRow = put('营业收入（万元）', figures?.revenueWanYuan ?? '未填写', '#,##0.00');
  put('万元营业收入综合能耗（tce/万元）', formula(`IF(ISNUMBER(C${revenueRow}),${totalCell}/C${revenueRow},"")`, figures?.revenueWanYuan ? companyTotal / figures.revenueWanYuan : ''), '0.0000');
  const areaRow = put('建筑面积（m²）', figures?.floorAreaSqm ?? '未填写', '#,##0.00');
  put('单位建筑面积综合能耗（kgce/m²）', formula(`IF(ISNUMBER(C${areaRow}),${totalCell}*1000/C${areaRow},"")`, figures?.floorAreaSqm ? (companyTotal * 1000) / figures.floorAreaSqm : ''), '#,##0.00');
  const missing = ledgerCompleteness(ofYear, year).monthsWithoutEntries;
  put('未录入月份', missing.length === 0 ? '无' : missing.join('、'));

  r++;
  summary.getCell(r, 1).value = '本年使用的折标系数';
  summary.getCell(r, 1).font = { bold: true };
  r++;
  const coefHeader = summary.getRow(r);
  coefHeader.values = ['能源品种', '折标系数', '系数单位', '口径', '来源', '依据'];
  styleHeader(coefHeader);
  summary.mergeCells(r, 6, r, lastColumn);
  const referenceWidth = SUMMARY_WIDTHS.slice(5).reduce((a, b) => a + b, 0);
  const seen = new Set<string>();
  for (const reading of sortReadings(ofYear)) {
    const c = reading.coefficient;
    const key = JSON.stringify([reading.energyType, c.value, c.unit, c.source, c.reference]);
    if (seen.has(key)) continue;
    seen.add(key);
    r++;
    const coefRow = summary.getRow(r);
    coefRow.values = [escapeCellText(reading.energyType), c.value, c.unit, c.basis ?? '—', escapeCellText(c.source), escapeCellText(c.reference)];
    coefRow.alignment = { vertical: 'top', wrapText: true };
    summary.mergeCells(r, 6, r, lastColumn);
    coefRow.height = rowHeightFor([
      { text: reading.energyType, width: SUMMARY_WIDTHS[0] ?? 0 }, { text: c.unit, width: SUMMARY_WIDTHS[2] ?? 0 }, { text: c.basis ?? '—', width: SUMMARY_WIDTHS[3] ?? 0 },
      { text: c.source, width: SUMMARY_WIDTHS[4] ?? 0 }, { text: c.reference, width: referenceWidth },
    ]);
  }
  applyPrintSetup(summary, { widths: SUMMARY_WIDTHS, lastRow: r, orientation: 'landscape', titleRows: `${headerRow}:${headerRow}` });

  if (input.trainings && input.people) buildTrainingSheet(workbook, input.people, input.trainings, year);

  const bytes = await workbook.xlsx.writeBuffer();
  return ok(new Uint8Array(bytes));
}

function buildTrainingSheet(workbook: ExcelJS.Workbook, people: readonly Person[], trainings: readonly EnergyTraining[], year: number): void {
  const sheet = workbook.addWorksheet(TRAINING_SHEET_NAME);
  setWidths(sheet, TRAINING_WIDTHS);
  const columns = TRAINING_WIDTHS.length;
  mergedTextRow(sheet, 1, columns, `${year} 年能源管理负责人及节能培训记录`, { bold: true, size: 14 });
  noteRow(sheet, 2, columns);
  mergedTextRow(sheet, 3, columns, '依据：《北京市进一步强化节能实施方案》八、“要加强能源管理负责人节能教育和岗位节能培训”；方案未规定学时或频次。');
  const managers = people.filter((p) => p.roles.includes('能源管理负责人'));
  mergedTextRow(sheet, 5, columns, `能源管理负责人：${managers.length === 0 ? '未登记' : managers.map((p) => `${p.name}${p.phone ? `（${p.phone}）` : ''}`).join('、')}`);
  const header = sheet.getRow(7);
  header.values = ['姓名', '培训日期', '培训名称', '学时', '组织单位', '证书凭证编号', '备注'];
  styleHeader(header);
  fitRowHeight(sheet, 7);
  const prefix = `${String(year).padStart(4, '0')}-`;
  const rows = trainings.filter((t) => t.date.startsWith(prefix)).sort((a, b) => a.date.localeCompare(b.date));
  rows.forEach((t, i) => {
    sheet.getRow(8 + i).values = [
      escapeCellText(people.find((p) => p.id === t.personId)?.name ?? `（人员 ${t.personId} 不存在）`), t.date, escapeCellText(t.course), t.hours ?? '',
      escapeCellText(t.organizer), escapeCellText(t.certificateDocumentId ?? ''), escapeCellText(t.note),
    ];
    sheet.getRow(8 + i).alignment = { vertical: 'top', wrapText: true };
    fitRowHeight(sheet, 8 + i);
  });
  if (rows.length === 0) sheet.getCell('A8').value = `${year} 年没有培训记录`;
  applyPrintSetup(sheet, { widths: TRAINING_WIDTHS, lastRow: 7 + Math.max(rows.length, 1), orientation: 'portrait', titleRows: '7:7' });
}
