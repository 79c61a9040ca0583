import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildWorkCalendar, parseHolidayTable, type HolidayTable, type WorkCalendar } from '../../../shared/deadlines/calendar';

/** The shipped holiday table (resources/holidays/cn-holidays.json), as the app loads it. */
export function loadShippedHolidayTable(): HolidayTable {
  const file = path.resolve(import.meta.dirname, '../../../resources/holidays/cn-holidays.json');
  const parsed = parseHolidayTable(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

let cached: WorkCalendar | null = null;
export function shippedCalendar(): WorkCalendar {
  cached ??= buildWorkCalendar(loadShippedHolidayTable());
  return cached;
}
