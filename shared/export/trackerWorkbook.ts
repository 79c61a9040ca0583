import type ExcelJS from 'exceljs';
import { loadExcelJs } from './loadExcelJs';
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate } from 'fflate';
import { daysBetween, toParts, type IsoDate } from '../domain/isoDate';
import type { Duty } from '../deadlines/duties';
import { applyPrintSetup, fitRowHeight, mergedTextRow, rowHeightFor, wrappedLineCount } from './printLayout';

/*
 * The Excel 跟踪表: a summary sheet and one sheet per company, one row per duty. Pure: rows in,
 * bytes out (exceljs' browser build bundles its own Buffer, so this runs in the page as well as
 * in Node). Dates are written as UTC midnights, which exceljs turns into whole Excel serial
 * numbers, so no time zone can move a due date. 剩余天数 and the summary counts are formulas that
 * Excel recalculates on opening (TODAY()), with the values at export time cached for viewers that
 * do not calculate. Formulas use only functions and criteria that Excel, WPS and LibreOffice
 * evaluate alike (a COUNTIFS "*" criterion, for one, also matches dates in LibreOffice); a test
 * recalculates every formula in LibreOffice and compares it with the cached value.
 *
 * The body rows of the company sheets (100,000 in a large fleet) are not built as exceljs cell
 * objects, which took about 20 KB per row: exceljs writes the workbook with one placeholder row per
 * company sheet carrying the four body styles, and the rows are then written as XML, exactly as
 * exceljs writes them, straight into the zip (fflate, in Node and in the worker alike), with
 * their strings appended to exceljs' shared-string table.
 */

const TRACKER_STATUSES = ['待办', '进行中', '已完成', '不适用'] as const;
type TrackerStatus = (typeof TRACKER_STATUSES)[number];
const DONE: TrackerStatus = '已完成';

export interface TrackerRow {
  /** 事项 (with the vehicle, licence or person it concerns). */
  readonly title: string;
  /** 依据: document and article. */
  readonly basis: string;
  /** 触发事件及日期. */
  readonly trigger: string;
  /** 截止日期 as a date, or null with `dueText` (以主管部门通知为准). */
  readonly dueDate: IsoDate | null;
  readonly dueText: string;
  readonly status: TrackerStatus;
  readonly assignee: string;
  readonly doneOn: IsoDate | null;
  readonly evidence: string;
  /** How the date was computed and on what basis. */
  readonly explanation: string;
  readonly isProvisional: boolean;
  /** The duty key, so a filled-in sheet can be matched back to the duties. */
  readonly key: string;
}

export interface TrackerCompany {
  readonly companyId: string;
  readonly companyName: string;
  readonly uscc: string;
  readonly rows: readonly TrackerRow[];
}

export interface TrackerWorkbookInput {
  readonly companies: readonly TrackerCompany[];
  /** The export day: cached formula results are computed for it. */
  readonly today: IsoDate;
  /** The last year whose 国务院办公厅 holiday schedule the app has (shown on the summary sheet). */
  readonly publishedThroughYear: number;
  /**
   * @deprecated Ignored: the holiday table's package name and URL are developer text that must not
   * reach the officer; the sheet describes the source in Chinese from `publishedThroughYear`.
   */
  readonly holidaySource?: string | undefined;
}

/** The 跟踪表 rows of a company's duties. */
export function trackerRowsFromDuties(duties: readonly Duty[]): TrackerRow[] {
  return duties.map((duty) => {
    const tags = [
      duty.actor === 'authority' ? '主管部门办理' : '',
      duty.limit === 'earliest' ? '最早可办理日' : '',
      duty.isApplicabilityUncertain ? '是否适用待确认' : '',
    ].filter((t) => t !== '');
    const subject = duty.subject.kind === 'company' ? '' : `（${duty.subject.label}）`;
    const trigger = duty.trigger.date === null
      ? duty.trigger.kind === 'recurring' ? `${duty.trigger.label}：${duty.trigger.source}` : `${duty.trigger.label}（日期未定）`
      : duty.trigger.kind === 'recurring'
        ? `${duty.trigger.label}：${duty.trigger.source}`
        : `${duty.trigger.label}：${duty.trigger.date}`;
    const legal = duty.basis.legalBasis === '' ? '' : `计算依据：${duty.basis.legalBasis}。`;
    return {
      title: `${duty.title}${subject}${tags.length > 0 ? `［${tags.join('，')}］` : ''}`,
      basis: `${duty.basis.reference}${duty.basis.docNumber === null ? '' : `（${duty.basis.docNumber}）`}`,
      trigger,
      // A period without a set day (本月内) is tracked to the period's end, as in the app.
      dueDate: duty.dueDate ?? duty.window?.closes ?? null,
      dueText: duty.dueText,
      status: duty.tracking?.isDone === true ? DONE : '待办',
      assignee: duty.tracking?.assignee ?? '',
      doneOn: duty.tracking?.doneOn ?? null,
      evidence: duty.tracking?.evidence ?? '',
      explanation: `${duty.isProvisional ? '【暂定：假期安排尚未公布】' : ''}${duty.basis.explanation}${legal}`,
      isProvisional: duty.isProvisional,
      key: duty.key,
    };
  });
}

// ---------------------------------------------------------------------------------------------

const HEADERS = ['事项', '依据', '触发事件及日期', '截止日期', '剩余天数', '状态', '责任人', '完成日期', '证明材料', '计算说明', '事项编号'] as const;
/*
 * Widths chosen so that 事项 to 计算说明 print on a landscape A4 width at about 9.5 pt, wrapped.
 * 事项编号 (K) only matches a filled-in sheet back to the duties: it is left out of the print area.
 */
const WIDTHS = [24, 26, 20, 11, 6, 7, 8, 11, 14, 40, 30];
const PRINTED_COLUMNS = 10;
/** Rows below the data that still get the 状态 drop-down and highlighting, for rows users add. */
const SPARE_ROWS = 200;
const DATE_FORMAT = 'yyyy-mm-dd';

/** Text a spreadsheet could take for a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe. */
export function escapeCellText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Excel serial date of a UTC midnight: whole days, no time-zone shift. */
export function toUtcDate(date: IsoDate): Date {
  const { year, month, day } = toParts(date);
  return new Date(Date.UTC(year, month - 1, day));
}

/** A valid, unique sheet name: ≤ 31 characters, none of []:*?/\, not History, not starting or ending with '. */
export function sheetName(name: string, taken: Set<string>): string {
  let base = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim();
  if (base === '' || base.toLowerCase() === 'history') base = `企业${base}`;
  base = [...base].slice(0, 31).join('');
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) {
    const suffix = `(${i})`;
    candidate = [...base].slice(0, 31 - suffix.length).join('') + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

function quoteSheet(name: string): string {
  return `'${name.replaceAll("'", "''")}'`;
}

const FILL_OVERDUE = 'FFFFC7CE';
const FILL_DUE_SOON = 'FFFFEB9C';
const FILL_HEADER = 'FFDDEBF7';

/*
 * Body cells share these style objects. exceljs caches a style's id by object identity, so one
 * shared object per kind of cell keeps a 10,000-row export from serialising 100,000 styles.
 * They are frozen: setting e.g. `cell.numFmt` would otherwise change every cell that shares them.
 */
const BODY_ALIGNMENT: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };
const BODY_TEXT: Partial<ExcelJS.Style> = Object.freeze({ alignment: BODY_ALIGNMENT });
const BODY_DATE: Partial<ExcelJS.Style> = Object.freeze({ alignment: BODY_ALIGNMENT, numFmt: DATE_FORMAT });
const BODY_DATE_PROVISIONAL: Partial<ExcelJS.Style> = Object.freeze({ alignment: BODY_ALIGNMENT, numFmt: DATE_FORMAT, font: { italic: true } });
const BODY_INTEGER: Partial<ExcelJS.Style> = Object.freeze({ alignment: BODY_ALIGNMENT, numFmt: '0' });
/** The placeholder row's cells: a string for BODY_TEXT (exceljs adds a number format to a number cell without one). */
const PLACEHOLDER_STYLES: readonly { readonly style: Partial<ExcelJS.Style>; readonly value: ExcelJS.CellValue }[] = [
  { style: BODY_TEXT, value: '' }, { style: BODY_DATE, value: new Date(0) }, { style: BODY_DATE_PROVISIONAL, value: new Date(0) }, { style: BODY_INTEGER, value: 0 },
];

/** exceljs 4.4 has `worksheet.dataValidations` (range addresses allowed) but leaves it out of its typings. */
interface WorksheetWithValidations {
  readonly dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_HEADER } };
  });
}

function addCompanySheet(workbook: ExcelJS.Workbook, name: string, company: TrackerCompany): number {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = HEADERS.map((header, i) => ({ header, width: WIDTHS[i] ?? 12 }));
  styleHeader(ws.getRow(1));
  fitRowHeight(ws, 1);
  const validation: ExcelJS.DataValidation = {
    type: 'list', allowBlank: true, formulae: [`"${TRACKER_STATUSES.join(',')}"`],
    showErrorMessage: true, errorStyle: 'stop', errorTitle: '状态', error: `请从列表中选择：${TRACKER_STATUSES.join('、')}`,
  };
  // The placeholder row: one cell of each body style, so that exceljs registers them; writeBodyRows
  // replaces it with the rows and reads the style ids exceljs gave it.
  if (company.rows.length > 0) {
    const placeholder = ws.getRow(2);
    PLACEHOLDER_STYLES.forEach(({ style, value }, i) => {
      const c = placeholder.getCell(i + 1);
      c.value = value;
      c.style = style;
    });
  }
  const lastRow = company.rows.length + 1;
  const lastStyled = lastRow + SPARE_ROWS;
  applyPrintSetup(ws, { widths: WIDTHS.slice(0, PRINTED_COLUMNS), lastRow, titleRows: '1:1', orientation: 'landscape' });
  // One range-wide rule rather than one per cell: the same file, without 10,000 validation objects.
  (ws as unknown as WorksheetWithValidations).dataValidations.add(`F2:F${lastStyled}`, validation);
  for (let r = lastRow + 1; r <= lastStyled; r++) {
    ws.getCell(r, 4).style = BODY_DATE;
    ws.getCell(r, 8).style = BODY_DATE;
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(lastRow, 2), column: HEADERS.length } };
  ws.addConditionalFormatting({
    ref: `A2:K${lastStyled}`,
    rules: [
      {
        type: 'expression', priority: 1,
        formulae: [`AND($F2<>"${DONE}",ISNUMBER($D2),$D2<TODAY())`],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: FILL_OVERDUE } }, font: { color: { argb: 'FF9C0006' } } },
      },
      {
        type: 'expression', priority: 2,
        formulae: [`AND($F2<>"${DONE}",ISNUMBER($D2),$D2>=TODAY(),$D2-TODAY()<=7)`],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: FILL_DUE_SOON } } },
      },
    ],
  });
  return ws.id;
}

const SUMMARY_HEADERS = ['企业名称', '统一社会信用代码', '事项数', '已逾期', '7日内到期', '8–30日内到期', '已完成', '待定日期'] as const;
const SUMMARY_WIDTHS = [30, 22, 8, 8, 10, 12, 8, 10];

function addSummarySheet(workbook: ExcelJS.Workbook, input: TrackerWorkbookInput, names: readonly string[]): void {
  const ws = workbook.getWorksheet('汇总') ?? workbook.addWorksheet('汇总');
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  SUMMARY_WIDTHS.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.getCell('A1').value = '合规事项跟踪表';
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getRow(1).height = 22;
  mergedTextRow(ws, 2, SUMMARY_HEADERS.length, `导出日期：${input.today}。剩余天数与各项计数在每次打开本文件时按当天日期重新计算。`);
  mergedTextRow(
    ws, 3, SUMMARY_HEADERS.length,
    `节假日数据：国务院办公厅节假日安排，数据截至 ${input.publishedThroughYear} 年；此后年份的日期仅按周末推算，标为“暂定”，待国务院公布安排后重新导出。`,
  );
  const header = ws.getRow(4);
  SUMMARY_HEADERS.forEach((h, i) => {
    header.getCell(i + 1).value = h;
  });
  styleHeader(header);
  fitRowHeight(ws, 4);
  input.companies.forEach((company, index) => {
    const r = index + 5;
    const name = names[index] ?? '';
    const n = company.rows.length;
    const last = Math.max(n + 1, 2);
    const sheet = quoteSheet(name);
    const col = (c: string) => `${sheet}!$${c}$2:$${c}$${last}`;
    const open = company.rows.filter((x) => x.status !== DONE);
    const days = (x: TrackerRow) => (x.dueDate === null ? null : daysBetween(input.today, x.dueDate));
    const count = (p: (d: number) => boolean) => open.filter((x) => {
      const d = days(x);
      return d !== null && p(d);
    }).length;
    const row = ws.getRow(r);
    // LibreOffice does not wrap a hyperlink cell's text: a name longer than the column is written
    // as plain wrapped text (readable everywhere) rather than as a link cut at the column's edge.
    const label = escapeCellText(company.companyName);
    if (wrappedLineCount(label, SUMMARY_WIDTHS[0] ?? 0) === 1) {
      row.getCell(1).value = { text: label, hyperlink: `#${sheet}!A1` };
      row.getCell(1).font = { color: { argb: 'FF0563C1' }, underline: true };
    } else row.getCell(1).value = label;
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(2).value = escapeCellText(company.uscc);
    row.height = rowHeightFor([{ text: company.companyName, width: SUMMARY_WIDTHS[0] ?? 0 }]);
    row.getCell(3).value = { formula: `COUNTA(${col('K')})`, result: n };
    row.getCell(4).value = { formula: `COUNTIFS(${col('F')},"<>${DONE}",${col('D')},"<"&TODAY())`, result: count((d) => d < 0) };
    row.getCell(5).value = { formula: `COUNTIFS(${col('F')},"<>${DONE}",${col('D')},">="&TODAY(),${col('D')},"<="&(TODAY()+7))`, result: count((d) => d >= 0 && d <= 7) };
    row.getCell(6).value = { formula: `COUNTIFS(${col('F')},"<>${DONE}",${col('D')},">"&(TODAY()+7),${col('D')},"<="&(TODAY()+30))`, result: count((d) => d > 7 && d <= 30) };
    row.getCell(7).value = { formula: `COUNTIF(${col('F')},"${DONE}")`, result: n - open.length };
    // 待定日期: open rows whose 截止日期 is text. Not COUNTIFS(…,"*"): LibreOffice matches dates with it too.
    row.getCell(8).value = { formula: `SUMPRODUCT((${col('F')}<>"${DONE}")*ISTEXT(${col('D')}))`, result: open.filter((x) => x.dueDate === null).length };
  });
  const lastRow = input.companies.length + 4;
  ws.autoFilter = { from: { row: 4, column: 1 }, to: { row: Math.max(lastRow, 5), column: SUMMARY_HEADERS.length } };
  applyPrintSetup(ws, { widths: SUMMARY_WIDTHS, lastRow, titleRows: '4:4' });
}

/** Builds the .xlsx file. Throws only on an exceljs failure (a programming error). */
export async function buildTrackerWorkbook(input: TrackerWorkbookInput): Promise<Uint8Array> {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = '企业合规工作台';
  workbook.created = toUtcDate(input.today);
  // TODAY() in 剩余天数 and the summary must be current whenever the file is opened.
  workbook.calcProperties = { fullCalcOnLoad: true };
  workbook.addWorksheet('汇总');
  const taken = new Set<string>(['汇总']);
  const names = input.companies.map((c) => sheetName(c.companyName, taken));
  const sheetIds = input.companies.map((company, i) => addCompanySheet(workbook, names[i] ?? company.companyId, company));
  addSummarySheet(workbook, input, names);
  const skeleton = unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()));
  const bodies = new Map<string, TrackerCompany>();
  input.companies.forEach((company, i) => {
    if (company.rows.length > 0) bodies.set(`xl/worksheets/sheet${sheetIds[i] ?? 0}.xml`, company);
  });
  return writeBodyRows(skeleton, bodies, input.today);
}

// ---------------------------------------------------------------------------------------------
// Body rows written as XML: the same elements, attributes and escaping as exceljs 4.4 writes.

const SHARED_STRINGS = 'xl/sharedStrings.xml';
const COLUMN_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K'] as const;
const ROWS_PER_CHUNK = 500;
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry, dropped as exceljs drops them
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const XML_ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

function xmlText(text: string): string {
  return text.replace(XML_SPECIAL, (c) => XML_ENTITIES[c] ?? '');
}

/** The shared strings the body rows add after exceljs' own. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly xml: string[] = [];
  count = 0;

  constructor(private readonly offset: number) {}

  /** The `<c>` of a string cell. */
  cell(ref: string, style: number, text: string): string {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.offset + this.xml.length;
      this.index.set(text, i);
      this.xml.push(`<si><t${/^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : ''}>${xmlText(text)}</t></si>`);
    }
    this.count++;
    return `<c r="${ref}" s="${style}" t="s"><v>${i}</v></c>`;
  }

  get added(): number {
    return this.xml.length;
  }

  /** exceljs' table with these strings appended, in parts (the table of 100,000 rows is tens of MB). */
  *merge(original: string): Generator<string> {
    const end = original.lastIndexOf('</sst>');
    if (end < 0) throw new Error('shared strings without </sst>');
    yield original.slice(0, end)
      .replace(/ count="(\d+)"/, (_, n: string) => ` count="${Number(n) + this.count}"`)
      .replace(/ uniqueCount="(\d+)"/, (_, n: string) => ` uniqueCount="${Number(n) + this.added}"`);
    for (let start = 0; start < this.xml.length; start += ROWS_PER_CHUNK * 10) yield this.xml.slice(start, start + ROWS_PER_CHUNK * 10).join('');
    yield original.slice(end);
  }
}

interface BodyStyles {
  readonly text: number;
  readonly date: number;
  readonly provisional: number;
  readonly integer: number;
}

/** Excel's serial day number of a date (exceljs: milliseconds / 86,400,000 + 25,569). */
function serial(date: IsoDate): number {
  return toUtcDate(date).getTime() / 86_400_000 + 25_569;
}

function rowXml(row: TrackerRow, r: number, today: IsoDate, styles: BodyStyles, strings: SharedStrings): string {
  const ref = (column: number) => `${COLUMN_LETTERS[column - 1] ?? 'A'}${r}`;
  const text = (column: number, value: string) => strings.cell(ref(column), styles.text, value);
  const height = rowHeightFor([
    { text: row.title, width: WIDTHS[0] ?? 0 }, { text: row.basis, width: WIDTHS[1] ?? 0 }, { text: row.trigger, width: WIDTHS[2] ?? 0 },
    { text: row.dueDate === null ? row.dueText : '', width: WIDTHS[3] ?? 0 }, { text: row.assignee, width: WIDTHS[6] ?? 0 },
    { text: row.evidence, width: WIDTHS[8] ?? 0 }, { text: row.explanation, width: WIDTHS[9] ?? 0 }, { text: row.key, width: WIDTHS[10] ?? 0 },
  ]);
  const daysLeft = row.status === DONE || row.dueDate === null ? null : daysBetween(today, row.dueDate);
  const formula = xmlText(`IF(F${r}="${DONE}","",IF(ISNUMBER(D${r}),D${r}-TODAY(),""))`);
  return `<row r="${r}" ht="${height}" customHeight="1" spans="1:11" x14ac:dyDescent="0.25">`
    + text(1, escapeCellText(row.title))
    + text(2, escapeCellText(row.basis))
    + text(3, escapeCellText(row.trigger))
    + (row.dueDate === null
      ? text(4, escapeCellText(row.dueText))
      : `<c r="${ref(4)}" s="${row.isProvisional ? styles.provisional : styles.date}"><v>${serial(row.dueDate)}</v></c>`)
    + (daysLeft === null
      ? `<c r="${ref(5)}" s="${styles.integer}" t="str"><f>${formula}</f><v></v></c>`
      : `<c r="${ref(5)}" s="${styles.integer}"><f>${formula}</f><v>${daysLeft}</v></c>`)
    + text(6, row.status)
    + text(7, escapeCellText(row.assignee))
    + (row.doneOn === null ? `<c r="${ref(8)}" s="${styles.date}"/>` : `<c r="${ref(8)}" s="${styles.date}"><v>${serial(row.doneOn)}</v></c>`)
    + text(9, escapeCellText(row.evidence))
    + text(10, escapeCellText(row.explanation))
    + text(11, escapeCellText(row.key))
    + '</row>';
}

const PLACEHOLDER_ROW = /<row r="2"[^>]*>(.*?)<\/row>/;

function placeholderStyles(sheetXml: string): BodyStyles {
  const row = PLACEHOLDER_ROW.exec(sheetXml)?.[1] ?? '';
  const style = (ref: string) => {
    const match = new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(row);
    if (match?.[1] === undefined) throw new Error(`tracker placeholder cell ${ref} not found`);
    return Number(match[1]);
  };
  return { text: style('A2'), date: style('B2'), provisional: style('C2'), integer: style('D2') };
}

/**
 * The skeleton's files zipped again, each company sheet's placeholder row replaced by its body
 * rows (streamed into the deflater in chunks), the shared strings extended last.
 */
function writeBodyRows(skeleton: Record<string, Uint8Array>, bodies: ReadonlyMap<string, TrackerCompany>, today: IsoDate): Uint8Array {
  const out: Uint8Array[] = [];
  const failures: Error[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) failures.push(error);
    else out.push(chunk);
  });
  const add = (name: string, data: Uint8Array) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(data, true);
  };
  const originalStrings = skeleton[SHARED_STRINGS];
  if (originalStrings === undefined) throw new Error('exceljs wrote no shared strings');
  const stringsXml = strFromU8(originalStrings);
  const strings = new SharedStrings(Number(/ uniqueCount="(\d+)"/.exec(stringsXml)?.[1] ?? 'NaN'));
  for (const [name, data] of Object.entries(skeleton)) {
    if (name === SHARED_STRINGS) continue;
    const company = bodies.get(name);
    if (company === undefined) {
      add(name, data);
      continue;
    }
    const xml = strFromU8(data);
    const placeholder = PLACEHOLDER_ROW.exec(xml);
    if (placeholder === null) throw new Error(`tracker placeholder row not found in ${name}`);
    const styles = placeholderStyles(xml);
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(strToU8(xml.slice(0, placeholder.index)));
    for (let start = 0; start < company.rows.length; start += ROWS_PER_CHUNK) {
      let chunk = '';
      const end = Math.min(start + ROWS_PER_CHUNK, company.rows.length);
      for (let i = start; i < end; i++) {
        const row = company.rows[i];
        if (row !== undefined) chunk += rowXml(row, i + 2, today, styles, strings);
      }
      file.push(strToU8(chunk));
    }
    file.push(strToU8(xml.slice(placeholder.index + placeholder[0].length)), true);
  }
  const sst = new ZipDeflate(SHARED_STRINGS, { level: 6 });
  zip.add(sst);
  for (const part of strings.merge(stringsXml)) sst.push(strToU8(part));
  sst.push(new Uint8Array(0), true);
  zip.end();
  const [failure] = failures;
  if (failure !== undefined) throw failure;
  const bytes = new Uint8Array(out.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of out) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
