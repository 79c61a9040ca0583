import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { buildWorkCalendar, parseHolidayTable, type WorkCalendar } from '../../../shared/deadlines/calendar';
import { computeDuties, type Duty } from '../../../shared/deadlines/duties';
import { EMPTY_TRACKING } from '../../../shared/deadlines/tracking';
import { buildTrackerWorkbook, toUtcDate, trackerRowsFromDuties, type TrackerRow } from '../../../shared/export/trackerWorkbook';
import type { KnowledgeBase } from '../../../shared/policy/knowledgeBase';
import { loadBundledKnowledgeBase } from '../../../electron/cli/commandInputs';
import { resourcePath } from '../../../electron/cli/resourcePaths';
import { generateCompany } from '../companyGenerator';
import type { Measurement } from '../harness';
import { SeededRandom } from '../seededRandom';

/** Every duty of a 10,000-vehicle fleet, and the Excel 跟踪表 of 10,000 duty rows. */
export function deadlineMeasurements(quick: boolean): Measurement[] {
  const vehicles = quick ? 1000 : 10_000;
  const today = asIsoDate('2026-11-26');
  let kb: KnowledgeBase | null = null;
  let calendar: WorkCalendar | null = null;
  let fleet: CompanyRecord | null = null;
  let rows: TrackerRow[] = [];
  let duties: Duty[] = [];
  const setup = () => {
    if (kb) return;
    const loaded = loadBundledKnowledgeBase();
    if (!loaded.ok) throw new Error(loaded.error.message);
    kb = loaded.value.kb;
    const table = parseHolidayTable(JSON.parse(readFileSync(resourcePath('holidays', 'cn-holidays.json'), 'utf8')));
    if (!table.ok) throw new Error(table.error.message);
    calendar = buildWorkCalendar(table.value);
    fleet = generateCompany(new SeededRandom(7), 0, { kind: 'carRental', vehicles });
    duties = computeDuties(kb, fleet, EMPTY_TRACKING, calendar, today);
    rows = trackerRowsFromDuties(duties).slice(0, quick ? 1000 : 10_000);
  };
  const headers = ['事项', '依据', '触发事件及日期', '截止日期', '剩余天数', '状态', '责任人', '完成日期', '证明材料', '计算说明', '事项编号'];
  return [
    {
      name: '计算车队全部期限',
      get size() { return `${vehicles} 辆车，${duties.length} 项期限`; },
      targetMs: 500,
      setup,
      run: () => computeDuties(kb as KnowledgeBase, fleet as CompanyRecord, EMPTY_TRACKING, calendar as WorkCalendar, today),
    },
    {
      name: '导出 Excel 跟踪表',
      get size() { return `${rows.length} 行（样式、数据验证、条件格式、公式）`; },
      targetMs: 3000,
      maxRatioToReference: 1.5,
      setup,
      run: () => buildTrackerWorkbook({
        companies: [{ companyId: 'fleet', companyName: fleet?.company.name ?? '', uscc: fleet?.company.uscc ?? '', rows }],
        today, holidaySource: 'chinese-days 1.5.7', publishedThroughYear: 2026,
      }),
      reference: {
        name: '同库直接写入相同单元格',
        // The same cells with the same library and no styles, validation or formatting: what the
        // styled export costs on top of writing the data at all.
        run: async () => {
          const workbook = new ExcelJS.Workbook();
          const sheet = workbook.addWorksheet('跟踪表');
          sheet.addRow(headers);
          rows.forEach((row, i) => {
            const r = i + 2;
            sheet.addRow([
              row.title, row.basis, row.trigger, row.dueDate === null ? row.dueText : toUtcDate(row.dueDate),
              { formula: `IF(F${r}="已完成","",IF(ISNUMBER(D${r}),D${r}-TODAY(),""))`, result: '' },
              row.status, row.assignee, row.doneOn === null ? null : toUtcDate(row.doneOn), row.evidence, row.explanation, row.key,
            ]);
          });
          await workbook.xlsx.writeBuffer();
        },
      },
    },
  ];
}
