import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { computeDuties } from '../../../shared/deadlines/duties';
import { trackingStateSchema } from '../../../shared/deadlines/tracking';
import {
  buildTrackerWorkbook, escapeCellText, sheetName, trackerRowsFromDuties, type TrackerRow, type TrackerWorkbookInput,
} from '../../../shared/export/trackerWorkbook';
import { FIXTURE_KB, record } from '../deadlines/fixtures';
import { shippedCalendar } from '../deadlines/holidayFixture';

const today = asIsoDate('2021-09-20');

function row(overrides: Partial<TrackerRow>): TrackerRow {
  return {
    title: '办理备案变更', basis: '《实施意见》三、（三）3.', trigger: '备案事项变更：2021-09-16', dueDate: asIsoDate('2021-10-08'), dueText: '2021-10-08',
    status: '待办', assignee: '', doneOn: null, evidence: '', explanation: '说明', isProvisional: false, key: 'k1', ...overrides,
  };
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

const input: TrackerWorkbookInput = {
  today,
  publishedThroughYear: 2026,
  companies: [
    {
      companyId: 'c1', companyName: '北京测试租车有限公司', uscc: '91110105MA01234567',
      rows: [
        row({ key: 'overdue', dueDate: asIsoDate('2021-09-10') }),
        row({ key: 'soon', dueDate: asIsoDate('2021-09-24'), assignee: '=HYPERLINK("http://evil")', evidence: '+cmd|/C calc!A0' }),
        row({ key: 'done', status: '已完成', doneOn: asIsoDate('2021-09-18'), evidence: '回执编号 123' }),
        row({ key: 'undated', dueDate: null, dueText: '以主管部门通知为准', title: '-实时电耗数据接入', explanation: '@SUM(1)' }),
        row({ key: 'leap', dueDate: asIsoDate('2024-02-29'), basis: '\tTab', trigger: '\rCR' }),
      ],
    },
    { companyId: 'c2', companyName: '北京:测试/药房[1]', uscc: '', rows: [] },
  ],
};

describe('the Excel 跟踪表', () => {
  it('has a summary sheet and one sheet per company with the columns of issue 4', async () => {
    const wb = await load(await buildTrackerWorkbook(input));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '北京测试租车有限公司', '北京_测试_药房_1_']);
    const ws = wb.getWorksheet('北京测试租车有限公司');
    expect(ws).toBeDefined();
    if (!ws) return;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['事项', '依据', '触发事件及日期', '截止日期', '剩余天数', '状态', '责任人', '完成日期', '证明材料', '计算说明', '事项编号']);
  });

  it('writes dates as real Excel dates with no time-zone shift', async () => {
    const bytes = await buildTrackerWorkbook(input);
    const ws = (await load(bytes)).getWorksheet('北京测试租车有限公司');
    if (!ws) throw new Error('sheet missing');
    const due = ws.getCell('D2').value;
    expect(due).toBeInstanceOf(Date);
    expect((due as Date).toISOString()).toBe('2021-09-10T00:00:00.000Z');
    expect((ws.getCell('D6').value as Date).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect((ws.getCell('H4').value as Date).toISOString()).toBe('2021-09-18T00:00:00.000Z');
    expect(ws.getCell('D2').numFmt).toBe('yyyy-mm-dd');
    // The stored serial is a whole number: 2021-09-10 is day 44449 of Excel's 1900 system.
    const sheetXml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet2.xml'] ?? new Uint8Array());
    expect(sheetXml).toMatch(/<c r="D2"[^>]*><v>44449<\/v><\/c>/);
  });

  it('keeps 剩余天数 a live formula with the export-day value cached', async () => {
    const ws = (await load(await buildTrackerWorkbook(input))).getWorksheet('北京测试租车有限公司');
    if (!ws) throw new Error('sheet missing');
    expect(ws.getCell('E2').value).toEqual({ formula: 'IF(F2="已完成","",IF(ISNUMBER(D2),D2-TODAY(),""))', result: -10 });
    expect(ws.getCell('E3').value).toMatchObject({ result: 4 });
    // A done row shows nothing (exceljs reads an empty cached string back as no result).
    expect(ws.getCell('E4').value).toMatchObject({ formula: 'IF(F4="已完成","",IF(ISNUMBER(D4),D4-TODAY(),""))' });
  });

  it('offers the 状态 drop-down, frozen header, autofilter and highlighting for overdue and due-soon rows', async () => {
    const wb = await load(await buildTrackerWorkbook(input));
    const ws = wb.getWorksheet('北京测试租车有限公司');
    if (!ws) throw new Error('sheet missing');
    expect(ws.getCell('F2').dataValidation).toMatchObject({ type: 'list', formulae: ['"待办,进行中,已完成,不适用"'] });
    expect(ws.getCell('F100').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:K6');
    // Read back by exceljs but missing from its type declarations.
    const cf = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0]?.ref).toBe('A2:K206');
    const formulae = cf[0]?.rules.map((r: ExcelJS.ConditionalFormattingRule) => ('formulae' in r ? r.formulae : undefined));
    expect(formulae).toEqual([
      ['AND($F2<>"已完成",ISNUMBER($D2),$D2<TODAY())'],
      ['AND($F2<>"已完成",ISNUMBER($D2),$D2>=TODAY(),$D2-TODAY()<=7)'],
    ]);
  });

  it('escapes text that a spreadsheet could take for a formula', async () => {
    const ws = (await load(await buildTrackerWorkbook(input))).getWorksheet('北京测试租车有限公司');
    if (!ws) throw new Error('sheet missing');
    expect(ws.getCell('G3').value).toBe('\'=HYPERLINK("http://evil")');
    expect(ws.getCell('I3').value).toBe("'+cmd|/C calc!A0");
    expect(ws.getCell('A5').value).toBe("'-实时电耗数据接入");
    expect(ws.getCell('J5').value).toBe("'@SUM(1)");
    expect(ws.getCell('B6').value).toBe("'\tTab");
    // XML parsing turns the CR into LF on reading; the apostrophe in front is what matters.
    expect(ws.getCell('C6').text.startsWith("'")).toBe(true);
    expect(ws.getCell('D5').value).toBe('以主管部门通知为准');
    // No text cell became a formula.
    ws.eachRow((r) => r.eachCell((c) => {
      if (c.fullAddress.col !== 5) expect(c.formula).toBeUndefined();
    }));
    expect(escapeCellText('正常文本')).toBe('正常文本');
  });

  it('summarises each company with live counts and a link to its sheet', async () => {
    const ws = (await load(await buildTrackerWorkbook(input))).getWorksheet('汇总');
    if (!ws) throw new Error('sheet missing');
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['企业名称', '统一社会信用代码', '事项数', '已逾期', '7日内到期', '8–30日内到期', '已完成', '待定日期']);
    expect(ws.getCell('A5').value).toMatchObject({ text: '北京测试租车有限公司', hyperlink: "#'北京测试租车有限公司'!A1" });
    // exceljs' reader drops a cached 0 (the file holds <v>0</v>), hence `?? 0`.
    const results = ['C5', 'D5', 'E5', 'F5', 'G5', 'H5'].map((a) => (ws.getCell(a).value as { result?: unknown }).result ?? 0);
    expect(results).toEqual([5, 1, 1, 0, 1, 1]);
    expect(ws.getCell('D5').value).toMatchObject({ formula: `COUNTIFS('北京测试租车有限公司'!$F$2:$F$6,"<>已完成",'北京测试租车有限公司'!$D$2:$D$6,"<"&TODAY())` });
    expect(ws.getCell('A3').value).toContain('2026');
    // 待定日期: open rows whose 截止日期 is text; COUNTIFS(…,"*") also counted dates in LibreOffice.
    expect(ws.getCell('H5').value).toMatchObject({ formula: `SUMPRODUCT(('北京测试租车有限公司'!$F$2:$F$6<>"已完成")*ISTEXT('北京测试租车有限公司'!$D$2:$D$6))` });
  });

  it('describes the holiday source in Chinese, with no package name, URL or function name', async () => {
    const ws = (await load(await buildTrackerWorkbook({ ...input, holidaySource: 'chinese-days 1.5.7 (https://github.com/vsme/chinese-days)' }))).getWorksheet('汇总');
    const notes = `${ws?.getCell('A2').text ?? ''}${ws?.getCell('A3').text ?? ''}`;
    expect(notes).toContain('国务院办公厅节假日安排，数据截至 2026 年');
    expect(notes).not.toMatch(/[A-Za-z]/);
  });

  it('prints on A4: summary portrait, company sheets landscape at ≥ 8 pt, header repeated, footer, print area without 事项编号', async () => {
    const wb = await load(await buildTrackerWorkbook(input));
    const summary = wb.getWorksheet('汇总');
    const company = wb.getWorksheet('北京测试租车有限公司');
    expect(summary?.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', printTitlesRow: '4:4', printArea: 'A1:H6' });
    expect(company?.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', printArea: 'A1:J6' });
    expect(company?.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    // Rows carry the height of their wrapped text.
    expect(company?.getRow(2).height).toBeGreaterThan(15);
  });

  it('exports the duties of the engine', async () => {
    const rec = record({
      licences: [{ kind: '小微型客车租赁经营备案', validTo: '2024-06-30' }],
      events: [{ kind: 'filingChange', date: '2021-09-16' }],
      vehicles: [{ plate: '京A00001', usageNature: '非营运', inServiceOn: '2020-05-01', registeredOn: '2015-01-01' }],
    });
    const key = 'car-rental-opinions/filing-change:filing-change-15d|c1|event:e1';
    const tracking = trackingStateSchema.parse({ duties: { [key]: { isDone: true, doneOn: '2021-09-30', assignee: '王五', evidence: '备案变更回执' } } });
    const duties = computeDuties(FIXTURE_KB, rec, tracking, shippedCalendar(), today);
    const rows = trackerRowsFromDuties(duties);
    const change = rows.find((r) => r.key === key);
    expect(change).toMatchObject({ status: '已完成', assignee: '王五', doneOn: '2021-09-30', dueDate: '2021-10-08', trigger: '备案事项变更：2021-09-16' });
    expect(change?.explanation).toContain('计算依据：《民法典》第二百零一条、第二百零三条');
    expect(rows.find((r) => r.title.startsWith('车辆使用性质变更为“租赁”（京A00001）'))?.dueDate).toBe('2022-03-31');
    const wb = await load(await buildTrackerWorkbook({ ...input, companies: [{ companyId: 'c1', companyName: rec.company.name, uscc: '', rows }] }));
    const ws = wb.getWorksheet(rec.company.name);
    expect(ws?.getCell(rows.length + 1, 11).value).toBe(rows.at(-1)?.key);
    expect(ws?.getCell(rows.length + 2, 11).value).toBeNull();
  });
});

describe('sheet names', () => {
  it.each([
    ['北京:测试/药房[1]', '北京_测试_药房_1_'],
    ["'引号'", '引号'],
    ['History', '企业History'],
    ['一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三', '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一'],
  ])('%s → %s', (name, expected) => {
    expect(sheetName(name, new Set())).toBe(expected);
  });
  it('makes duplicates unique', () => {
    const taken = new Set<string>(['汇总']);
    expect(['甲公司', '甲公司', '汇总'].map((n) => sheetName(n, taken))).toEqual(['甲公司', '甲公司(2)', '汇总(2)']);
  });
});
