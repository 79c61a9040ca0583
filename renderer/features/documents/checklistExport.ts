import ExcelJS from 'exceljs';
import { PDFDocument, rgb } from 'pdf-lib';
import { embedCjkFont, saveWithCjkFonts, setChineseDocumentInfo } from '../../../shared/pdf/cjkFont';
import type { FontSubsetter } from '../../../shared/pdf/fontSubset';
import {
  A4_HEIGHT, A4_WIDTH, baselineInLineBox, drawLine, GREY_TEXT, LABEL_FILL, measurerForFont, PAGE_NUMBER_CHARACTERS, stampPageNumber,
} from '../../../shared/pdf/pdfDraw';
import { wrapText } from '../../../shared/pdf/textLayout';
import { MATERIAL_STATUS_LABELS, type Checklist } from './checklistModel';

/*
 * The checklist as a table, for the officer's file or a colleague: PDF (same font path as the
 * packet, rendered in the worker) and Excel. Both take plain rows so the worker gets clonable data.
 */

export interface ChecklistTable {
  readonly title: string;
  /** 企业、申报日、完成度 lines under the title. */
  readonly subtitle: readonly string[];
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function checklistTable(checklist: Checklist, companyName: string, itemTitle: string, date: string): ChecklistTable {
  return {
    title: `${itemTitle} 材料清单`,
    subtitle: [`企业：${companyName}`, `申报日：${date}    完成：${checklist.completeCount}/${checklist.applicableCount}（${checklist.percent}%）`],
    header: ['序号', '材料', '状态', '所附文件', '核验'],
    rows: checklist.rows.map((row, i) => [
      String(i + 1),
      row.material.name + (row.material.note ? `（${row.material.note}）` : ''),
      MATERIAL_STATUS_LABELS[row.status],
      [...(row.template ? [`${row.template.title}（本应用生成）`] : []), ...row.attached.map((d) => d.title || d.fileName)].join('\n') || '—',
      [...row.checks.map((c) => `${c.isPassed === true ? '√' : c.isPassed === false ? '×' : '？'} ${c.text}`), ...row.warnings, row.notApplicableReason].filter((t) => t !== '').join('\n') || '—',
    ]),
  };
}

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

export async function checklistWorkbook(table: ChecklistTable): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '企业合规工作台';
  const sheet = workbook.addWorksheet('材料清单', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.addRow([table.title]).font = { bold: true, size: 14 };
  for (const line of table.subtitle) sheet.addRow([line]);
  sheet.addRow([]);
  const header = sheet.addRow([...table.header]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  for (const row of table.rows) sheet.addRow([...row]).alignment = { wrapText: true, vertical: 'top' };
  [6, 44, 12, 36, 60].forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
