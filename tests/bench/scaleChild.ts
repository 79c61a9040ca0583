import { readFileSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { asIsoDate } from '../../shared/domain/isoDate';
import { buildWorkCalendar, parseHolidayTable } from '../../shared/deadlines/calendar';
import { computeDuties } from '../../shared/deadlines/duties';
import { EMPTY_TRACKING } from '../../shared/deadlines/tracking';
import { buildTrackerWorkbook, toUtcDate, trackerRowsFromDuties, type TrackerRow } from '../../shared/export/trackerWorkbook';
import { rowHeightFor } from '../../shared/export/printLayout';
import { evaluateCompany } from '../../shared/policy/evaluate';
import { loadBundledKnowledgeBase, loadFontSubsetter } from '../../electron/cli/commandInputs';
import { resourcePath } from '../../electron/cli/resourcePaths';
import { generateCompany, generateWorkspace } from './companyGenerator';
import { peakRssKiB } from './childProcess';
import { buildPacketFromInputs } from './packetBuild';
import type { PacketResult } from '../../shared/pdf/packet';
import type { PacketInputs } from './packetInputs';
import { buildRosterXlsx, importRoster } from './measurements/rosterMeasurements';
import { SeededRandom } from './seededRandom';

/*
 * One large job in a process of its own, so that its peak memory is the job's alone:
 *   node --import tsx tests/bench/scaleChild.ts <job> <size> <folder>
 * Jobs: tracker-input (writes the rows, not measured) | tracker | tracker-stream (exceljs' streaming
 * writer on the same cells) | packet (streamed to a file) | packet-in-memory |
 * roster-input (writes the roster file, not measured) | roster | match. Prints one JSON line:
 * wall ms, CPU ms, peak RSS and RSS before the job (its inputs loaded), plus job figures.
 */

const [job, sizeArg, dir] = process.argv.slice(2);
const size = Number(sizeArg);
if (job === undefined || !Number.isInteger(size) || size <= 0 || dir === undefined) throw new Error('usage: scaleChild.ts <job> <size> <folder>');

const today = asIsoDate('2026-11-26');

/** `count` 跟踪表 rows: every duty of a rental fleet large enough to have that many. */
function trackerRows(count: number): { rows: TrackerRow[]; name: string; uscc: string } {
  const loaded = loadBundledKnowledgeBase();
  if (!loaded.ok) throw new Error(loaded.error.message);
  const table = parseHolidayTable(JSON.parse(readFileSync(resourcePath('holidays', 'cn-holidays.json'), 'utf8')));
  if (!table.ok) throw new Error(table.error.message);
  const calendar = buildWorkCalendar(table.value);
  for (let vehicles = Math.ceil(count / 4); ; vehicles *= 2) {
    const fleet = generateCompany(new SeededRandom(7), 0, { kind: 'carRental', vehicles });
    const rows = trackerRowsFromDuties(computeDuties(loaded.value.kb, fleet, EMPTY_TRACKING, calendar, today));
    if (rows.length >= count) return { rows: rows.slice(0, count), name: fleet.company.name, uscc: fleet.company.uscc };
  }
}

const HEADERS = ['事项', '依据', '触发事件及日期', '截止日期', '剩余天数', '状态', '责任人', '完成日期', '证明材料', '计算说明', '事项编号'];
const WIDTHS = [24, 26, 20, 11, 6, 7, 8, 11, 14, 40, 30];

/**
 * The reference: exceljs' streaming WorkbookWriter (Node only) writing the same body cells with
 * the same styles, row heights, validation and conditional formatting, into memory.
 */
async function streamingTracker(rows: readonly TrackerRow[]): Promise<number> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  const ws = workbook.addWorksheet('跟踪表', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = HEADERS.map((header, i) => ({ header, width: WIDTHS[i] ?? 12 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const alignment: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };
  const text = { alignment };
  const date = { alignment, numFmt: 'yyyy-mm-dd' };
  const integer = { alignment, numFmt: '0' };
  rows.forEach((row, i) => {
    const r = i + 2;
    const excelRow = ws.getRow(r);
    const values: ExcelJS.CellValue[] = [
      row.title, row.basis, row.trigger, row.dueDate === null ? row.dueText : toUtcDate(row.dueDate),
      { formula: `IF(F${r}="已完成","",IF(ISNUMBER(D${r}),D${r}-TODAY(),""))`, result: '' },
      row.status, row.assignee, row.doneOn === null ? null : toUtcDate(row.doneOn), row.evidence, row.explanation, row.key,
    ];
    values.forEach((value, c) => {
      const cell = excelRow.getCell(c + 1);
      cell.value = value;
      cell.style = c === 3 || c === 7 ? date : c === 4 ? integer : text;
    });
    excelRow.height = rowHeightFor([{ text: row.title, width: 24 }, { text: row.basis, width: 26 }, { text: row.explanation, width: 40 }]);
    excelRow.commit();
  });
  (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`F2:F${rows.length + 201}`, {
    type: 'list', allowBlank: true, formulae: ['"待办,进行中,已完成,不适用"'],
  });
  ws.addConditionalFormatting({
    ref: `A2:K${rows.length + 201}`,
    rules: [{ type: 'expression', priority: 1, formulae: ['AND($F2<>"已完成",ISNUMBER($D2),$D2<TODAY())'], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } }],
  });
  ws.commit();
  await workbook.commit();
  return chunks.reduce((n, c) => n + c.byteLength, 0);
}

let extra: Record<string, number | string> = {};
let work: () => Promise<void>;

switch (job) {
  case 'tracker-input': {
    // The rows as the worker receives them, without the garbage of computing the duties.
    await writeFile(path.join(dir, `tracker-${size}.json`), JSON.stringify(trackerRows(size)));
    process.stdout.write('{}\n');
    process.exit(0);
    break;
  }
  case 'tracker':
  case 'tracker-stream': {
    const { rows, name, uscc } = JSON.parse(await readFile(path.join(dir, `tracker-${size}.json`), 'utf8')) as ReturnType<typeof trackerRows>;
    work = async () => {
      const bytes = job === 'tracker'
        ? (await buildTrackerWorkbook({ companies: [{ companyId: 'fleet', companyName: name, uscc, rows }], today, publishedThroughYear: 2026 })).byteLength
        : await streamingTracker(rows);
      extra = { outputMB: Number((bytes / 2 ** 20).toFixed(1)) };
    };
    break;
  }
  case 'packet':
  case 'packet-in-memory': {
    const inputs = JSON.parse(await readFile(path.join(dir, 'inputs.json'), 'utf8')) as PacketInputs;
    const subsetter = await loadFontSubsetter();
    const out = path.join(dir, 'packet-child.pdf');
    work = async () => {
      let result: PacketResult;
      if (job === 'packet') {
        // As the CLI and the worker should: written to the file while it is built.
        const file = await open(out, 'w');
        try {
          result = await buildPacketFromInputs(inputs, subsetter, { write: async (chunk) => { await file.write(chunk); } });
        } finally {
          await file.close();
        }
      } else {
        result = await buildPacketFromInputs(inputs, subsetter);
        await writeFile(out, result.bytes);
      }
      extra = { outputMB: Number((result.byteLength / 2 ** 20).toFixed(1)), pages: result.pageCount };
    };
    break;
  }
  case 'roster-input': {
    await writeFile(path.join(dir, `roster-${size}.xlsx`), await buildRosterXlsx(size));
    process.stdout.write('{}\n');
    process.exit(0);
    break;
  }
  case 'roster': {
    const bytes = new Uint8Array(await readFile(path.join(dir, `roster-${size}.xlsx`)));
    work = async () => {
      const report = await importRoster(bytes);
      if (report.accepted.length + report.rejected.length !== size) throw new Error(`report covers ${report.accepted.length + report.rejected.length} of ${size} rows`);
      extra = { fileMB: Number((bytes.byteLength / 2 ** 20).toFixed(1)), accepted: report.accepted.length, rejected: report.rejected.length };
    };
    break;
  }
  case 'match': {
    const loaded = loadBundledKnowledgeBase();
    if (!loaded.ok) throw new Error(loaded.error.message);
    const kb = loaded.value.kb;
    const records = generateWorkspace(11, { companies: size, vehiclesPerRentalCompany: 20 });
    work = () => {
      let matched = 0;
      for (const record of records) matched += evaluateCompany(kb, record, today).length;
      extra = { results: matched };
      return Promise.resolve();
    };
    break;
  }
  default:
    throw new Error(`unknown job ${job}`);
}

// The peak from here on is the job's: Linux resets VmHWM to the current RSS on "5" in clear_refs.
(globalThis as { gc?: () => void }).gc?.();
try {
  await writeFile('/proc/self/clear_refs', '5');
} catch {
  // Not Linux: the peak includes preparing the inputs.
}
const baselineRssKiB = peakRssKiB();
const cpuStart = process.cpuUsage();
const start = performance.now();
await work();
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKiB: peakRssKiB(), baselineRssKiB, ...extra })}\n`);
