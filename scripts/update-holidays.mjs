// Regenerates resources/holidays/cn-holidays.json from the chinese-days package's data (the State
// Council's 节假日安排 as published each year), so the deadline engine never reads node_modules or the
// network at run time.
//
//   node scripts/update-holidays.mjs [path/to/chinese-days.json]
//
// Without an argument it reads node_modules/chinese-days/dist/chinese-days.json. After upgrading
// chinese-days (or given a newer copy of its JSON), run it again and commit the result: every
// duty dated in a year that was provisional (假期安排尚未公布) is recomputed on the next load.
//
// Output format (validated at load time by shared/deadlines/calendar.ts, holidayTableSchema):
//   {
//     "format": "compliance-workbench/cn-holidays", "formatVersion": 1,
//     "source": "chinese-days 1.5.7 (...)",       // where the data came from
//     "coveredFromYear": 2004,                     // first year of the published schedules
//     "publishedThroughYear": 2026,                // last year with a published schedule
//     "holidays": ["2021-10-01", ...],             // 法定节假日 rest days (incl. weekend days inside a holiday)
//     "makeUpWorkdays": ["2021-09-26", ...],       // 调休 weekend days that are working days
//     "holidayNames": { "2021-10-01": "国庆节", ... }
//   }
// Dates are sorted ascending; a date is never in both lists.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceFile = process.argv[2]
  ? path.resolve(process.argv[2])
  : path.join(root, 'node_modules/chinese-days/dist/chinese-days.json');
const packageFile = path.join(root, 'node_modules/chinese-days/package.json');
const outFile = path.join(root, 'resources/holidays/cn-holidays.json');

const data = JSON.parse(readFileSync(sourceFile, 'utf8'));
if (typeof data.holidays !== 'object' || typeof data.workdays !== 'object') {
  throw new Error(`${sourceFile}: expected chinese-days data with "holidays" and "workdays" maps`);
}
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const holidays = Object.keys(data.holidays).filter((d) => isoDate.test(d)).sort();
const makeUpWorkdays = Object.keys(data.workdays).filter((d) => isoDate.test(d)).sort();
const clash = holidays.find((d) => makeUpWorkdays.includes(d));
if (clash) throw new Error(`${clash} is both a holiday and a make-up working day`);

const holidayNames = {};
for (const date of holidays) {
  // Values look like "National Day,国庆节,3": English name, Chinese name, internal day count.
  const name = String(data.holidays[date]).split(',')[1];
  if (name) holidayNames[date] = name;
}
// The make-up working days carry the name of the holiday they make up for (2026-10-10 → 国庆节).
const makeUpWorkdayNames = {};
for (const date of makeUpWorkdays) {
  const name = String(data.workdays[date]).split(',')[1];
  if (name) makeUpWorkdayNames[date] = name;
}
const years = [...holidays, ...makeUpWorkdays].map((d) => Number(d.slice(0, 4)));
let version = 'unknown version';
if (!process.argv[2]) version = JSON.parse(readFileSync(packageFile, 'utf8')).version;

const table = {
  format: 'compliance-workbench/cn-holidays',
  formatVersion: 1,
  source: process.argv[2]
    ? `chinese-days data from ${path.basename(sourceFile)} (https://github.com/vsme/chinese-days)`
    : `chinese-days ${version} (https://github.com/vsme/chinese-days), 国务院办公厅部分节假日安排的通知`,
  coveredFromYear: Math.min(...years),
  publishedThroughYear: Math.max(...years),
  holidays,
  makeUpWorkdays,
  holidayNames,
  makeUpWorkdayNames,
};
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(table, null, 1)}\n`);
console.log(`${path.relative(root, outFile)}: ${holidays.length} holidays, ${makeUpWorkdays.length} make-up working days, ${table.coveredFromYear}–${table.publishedThroughYear}`);
