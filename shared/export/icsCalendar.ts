import { addDays, type IsoDate } from '../domain/isoDate';
import { err, ok, type Result } from '../util/result';
import type { Duty } from '../deadlines/duties';

/*
 * The duties as an iCalendar file (RFC 5545) for Outlook and Apple Calendar: one all-day VEVENT
 * per dated duty, with a reminder. Pure: events in, text out. UIDs derive from the duty keys, so
 * importing a newer export updates the events instead of duplicating them.
 */

export interface CalendarEvent {
  /** Stable across exports (RFC 5545 3.8.4.7). */
  readonly uid: string;
  readonly date: IsoDate;
  readonly summary: string;
  readonly description: string;
  /** Days before the date the reminder fires; null for none. */
  readonly reminderDaysBefore: number | null;
}

export interface CalendarOptions {
  readonly calendarName: string;
  /** DTSTAMP: the export instant (UTC); a parameter so that output is reproducible. */
  readonly stamp: Date;
}

const ICS_PRODID = '-//Compliance Workbench//Deadline Tracker//ZH';
const UID_DOMAIN = 'compliance-workbench.local';
const DEFAULT_REMINDER_DAYS = 7;

/** TEXT escaping (3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** UTF-8 length of one code point (shared/ has no TextEncoder in every runtime's types). */
function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

function utf8ByteLength(text: string): number {
  let n = 0;
  for (const char of text) n += utf8Length(char);
  return n;
}

/**
 * Folds a content line at 75 octets (3.1): continuation lines start with one space, and a
 * multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  if (utf8ByteLength(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  // The first line holds 75 octets; continuation lines 74 after their leading space.
  let limit = 75;
  for (const char of line) {
    const size = utf8Length(char);
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
      limit = 74;
    }
    current += char;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function basicDate(date: IsoDate): string {
  return date.replaceAll('-', '');
}

function utcStamp(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The whole calendar, CRLF line endings, ready to save as .ics (UTF-8). Refuses an empty list:
 * RFC 5545 requires at least one component in a VCALENDAR, and a placeholder event would sit in
 * the officer's Outlook as if it were a deadline; saying there is nothing to export is clearer.
 */
export function buildIcsCalendar(events: readonly CalendarEvent[], options: CalendarOptions): Result<string> {
  if (events.length === 0) return err('ics.noEvents', '没有未完成且有日期的事项，无需导出日历（空日历不符合日历文件格式，Outlook 等无法导入）');
  const stamp = utcStamp(options.stamp);
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    `PRODID:${ICS_PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(options.calendarName)}`,
  ];
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
      `DTEND;VALUE=DATE:${basicDate(addDays(event.date, 1))}`,
      `SUMMARY:${escapeIcsText(event.summary)}`,
      `DESCRIPTION:${escapeIcsText(event.description)}`,
      // A deadline is a marker, not a busy block in the officer's day.
      'TRANSP:TRANSPARENT',
    );
    if (event.reminderDaysBefore !== null) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${escapeIcsText(event.summary)}`,
        `TRIGGER:-P${event.reminderDaysBefore}D`,
        'END:VALARM',
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return ok(`${lines.map(foldLine).join('\r\n')}\r\n`);
}

/** A UID from the company and duty key: percent-encoded, so it is ASCII and unique per duty. */
export function dutyUid(companyId: string, dutyKey: string): string {
  return `${encodeURIComponent(`${companyId}/${dutyKey}`)}@${UID_DOMAIN}`;
}

/**
 * Calendar events for a company's open, dated duties (a window's closing day; done and undated
 * duties are left out: there is nothing to remind of, or no day to put it on).
 */
export function calendarEventsFromDuties(
  company: { readonly id: string; readonly name: string },
  duties: readonly Duty[],
  reminderDaysBefore: number | null = DEFAULT_REMINDER_DAYS,
): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const duty of duties) {
    if (duty.status === 'done') continue;
    const date = duty.dueDate ?? duty.window?.closes ?? null;
    if (date === null) continue;
    const prefix = duty.limit === 'earliest' ? '【可办理】' : duty.actor === 'authority' ? '【主管部门期限】' : '【截止】';
    const subject = duty.subject.kind === 'company' ? '' : ` ${duty.subject.label}`;
    const window = duty.window === null ? '' : `办理期间：${duty.window.opens}至${duty.window.closes}\n`;
    events.push({
      uid: dutyUid(company.id, duty.key),
      date,
      summary: `${prefix}${duty.title}${subject}（${company.name}）`,
      description: [
        `事项：${duty.itemTitle}`,
        `依据：${duty.basis.reference}`,
        `${window}截止日期：${date}${duty.isProvisional ? '（暂定：假期安排尚未公布）' : ''}`,
        `计算说明：${duty.basis.explanation}`,
      ].join('\n'),
      reminderDaysBefore: duty.limit === 'earliest' ? null : reminderDaysBefore,
    });
  }
  return events;
}
