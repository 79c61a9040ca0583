import { loadExcelJs } from '../../../shared/export/loadExcelJs';
import { PDFDocument, rgb } from 'pdf-lib';
import { applyPrintSetup, mergedTextRow, rowHeightFor } from '../../../shared/export/printLayout';
import { embedCjkFont, saveWithCjkFonts, setChineseDocumentInfo } from '../../../shared/pdf/cjkFont';
import type { FontSubsetter } from '../../../shared/pdf/fontSubset';
import {
  A4_HEIGHT, A4_WIDTH, baselineInLineBox, drawLine, GREY_TEXT, LABEL_FILL, measurerForFont, PAGE_NUMBER_CHARACTERS, stampPageNumber,
} from '../../../shared/pdf/pdfDraw';
import { wrapText } from '../../../shared/pdf/textLayout';
import type { ChecklistTable } from './checklistTable';

/*
 * The checklist as a table, for the officer's file or a colleague: PDF (same font path as the
 * packet, rendered in the worker) and Excel. Both take plain rows so the worker gets clonable data
 * (checklistTable.ts, which the page builds without loading pdf-lib or exceljs).
 */

const COLUMN_WIDTHS = [30, 150, 56, 120, 127.28];
const MARGIN = 56;
const SIZE = 9.5;
const LINE = 14;

export async function checklistPdf(table: ChecklistTable, subsetter: FontSubsetter): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  setChineseDocumentInfo(doc, table.title);
  const allText = [table.title, ...table.subtitle, ...table.header, ...table.rows.flat(), PAGE_NUMBER_CHARACTERS, '√×？—'].join('');
  const { pdfFont: font } = embedCjkFont(doc, subsetter, allText);
  const measure = measurerForFont(font);
  let page = doc.addPage([A4_WIDTH, A4_HEIGHT]);
  let y = A4_HEIGHT - MARGIN;
  drawLine(page, table.title, MARGIN, y - 16, { font, size: 16, isBold: true });
  y -= 30;
  for (const line of table.subtitle) {
    drawLine(page, line, MARGIN, y - 11, { font, size: 10, color: GREY_TEXT });
    y -= 16;
  }
  y -= 6;
  const drawRow = (cells: readonly string[], isHeader: boolean) => {
    const wrapped = cells.map((cell, i) => cell.split('\n').flatMap((p) => wrapText(p, measure, (COLUMN_WIDTHS[i] ?? 60) - 8, SIZE)));
    const height = Math.max(...wrapped.map((w) => w.length)) * LINE + 8;
    if (y - height < MARGIN) {
      page = doc.addPage([A4_WIDTH, A4_HEIGHT]);
      y = A4_HEIGHT - MARGIN;
    }
    let x = MARGIN;
    wrapped.forEach((lines, i) => {
      const width = COLUMN_WIDTHS[i] ?? 60;
      page.drawRectangle({ x, y: y - height, width, height, borderColor: rgb(0.3, 0.3, 0.3), borderWidth: 0.6, ...(isHeader ? { color: LABEL_FILL } : {}) });
      lines.forEach((text, j) => drawLine(page, text, x + 4, baselineInLineBox(y - 4 - j * LINE, LINE, SIZE), { font, size: SIZE, isBold: isHeader }));
      x += width;
    });
    y -= height;
  };
  drawRow(table.header, true);
  for (const row of table.rows) drawRow(row, false);
  const pages = doc.getPages();
  pages.forEach((p, i) => stampPageNumber(p, font, i + 1, pages.length));
  return saveWithCjkFonts(doc, [font]);
}

/** 序号, 材料, 状态, 所附文件, 核验: a landscape A4 width at about 10 pt. */
const SHEET_WIDTHS = [6, 44, 12, 36, 60];

/*
 * The Excel checklist. Row heights are set from the wrapped text (LibreOffice and WPS keep a row
 * one line high otherwise, hiding attached documents and 核验 lines); title and subtitle wrap across
 * the table's width; printed on A4 with the header repeated and 第 N 页 共 M 页.
 */
export async function checklistWorkbook(table: ChecklistTable): Promise<Uint8Array> {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = '企业合规工作台';
  const sheet = workbook.addWorksheet('材料清单');
  SHEET_WIDTHS.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  const columns = SHEET_WIDTHS.length;
  mergedTextRow(sheet, 1, columns, table.title, { bold: true, size: 14 });
  table.subtitle.forEach((line, i) => mergedTextRow(sheet, 2 + i, columns, line));
  const headerRow = table.subtitle.length + 3;
  const header = sheet.getRow(headerRow);
  header.values = [...table.header];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  header.height = rowHeightFor(table.header.map((text, i) => ({ text, width: SHEET_WIDTHS[i] ?? 10 })));
  table.rows.forEach((cells, i) => {
    const row = sheet.getRow(headerRow + 1 + i);
    row.values = [...cells];
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = rowHeightFor(cells.map((text, c) => ({ text, width: SHEET_WIDTHS[c] ?? 10 })));
  });
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  applyPrintSetup(sheet, { widths: SHEET_WIDTHS, lastRow: headerRow + table.rows.length, titleRows: `${headerRow}:${headerRow}`, orientation: 'landscape' });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
