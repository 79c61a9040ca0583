import { describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { computeDuties } from '../../../shared/deadlines/duties';
import { trackingStateSchema } from '../../../shared/deadlines/tracking';
import {
  buildIcsCalendar, calendarEventsFromDuties, dutyUid, escapeIcsText, foldLine, type CalendarEvent,
} from '../../../shared/export/icsCalendar';
import { FIXTURE_KB, record } from '../deadlines/fixtures';
import { shippedCalendar } from '../deadlines/holidayFixture';

const stamp = new Date(Date.UTC(2021, 8, 20, 8, 30, 0));
const event: CalendarEvent = {
  uid: 'abc@compliance-workbench.local', date: asIsoDate('2021-10-08'),
  summary: '【截止】办理备案变更（北京测试租车有限公司）', description: '依据：《实施意见》三、（三）3.\n计算说明：a;b,c\\d', reminderDaysBefore: 7,
};

function icsText(events: readonly CalendarEvent[], calendarName: string): string {
  const built = buildIcsCalendar(events, { calendarName, stamp });
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

/** Unfolds (RFC 5545 3.1) and splits into content lines. */
function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
}

describe('the .ics calendar', () => {
  const text = icsText([event], '企业合规事项');

  it('has the structure Outlook and Apple Calendar accept', () => {
    const lines = unfold(text);
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR', 'PRODID:-//Compliance Workbench//Deadline Tracker//ZH', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:企业合规事项',
    ]);
    expect(lines).toContain('DTSTART;VALUE=DATE:20211008');
    expect(lines).toContain('DTEND;VALUE=DATE:20211009');
    expect(lines).toContain('DTSTAMP:20210920T083000Z');
    expect(lines).toContain('UID:abc@compliance-workbench.local');
    const alarm = lines.slice(lines.indexOf('BEGIN:VALARM'), lines.indexOf('END:VALARM') + 1);
    expect(alarm).toEqual(['BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:【截止】办理备案变更（北京测试租车有限公司）', 'TRIGGER:-P7D', 'END:VALARM']);
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    // Components nest properly.
    let depth = 0;
    for (const l of lines) {
      if (l.startsWith('BEGIN:')) depth++;
      if (l.startsWith('END:')) depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });

  it('uses CRLF line endings only and lines of at most 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('escapes backslash, semicolon, comma and newlines in text', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(unfold(text)).toContain('DESCRIPTION:依据：《实施意见》三、（三）3.\\n计算说明：a\\;b\\,c\\\\d');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'备案'.repeat(40)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(' ')).toBe(true);
      // Every part decodes to whole characters: no replacement character after a round trip.
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
    });
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:ok')).toBe('SHORT:ok');
    const emoji = foldLine(`X:${'😀'.repeat(30)}`);
    for (const p of emoji.split('\r\n')) expect(p.includes('\uFFFD')).toBe(false);
  });

  it('makes stable, unique, ASCII UIDs from duty keys', () => {
    const a = dutyUid('c1', 'car-rental-opinions/filing-change:filing-change-15d|c1|event:e1');
    expect(a).toBe(dutyUid('c1', 'car-rental-opinions/filing-change:filing-change-15d|c1|event:e1'));
    expect(a).not.toBe(dutyUid('c2', 'car-rental-opinions/filing-change:filing-change-15d|c1|event:e1'));
    expect(a).toMatch(/^[\x21-\x7e]+$/);
  });
});

describe('events from duties', () => {
  it('one event per open dated duty; done and undated ones are left out', () => {
    const rec = record({
      licences: [{ kind: '小微型客车租赁经营备案', validTo: '2024-06-30' }],
      company: { answers: { 'answer.energy.isKeyEnergyUnit': true } },
      events: [{ kind: 'filingChange', date: '2021-09-16' }, { kind: 'termination', date: '2024-07-01' }],
    });
    const doneKey = 'car-rental-opinions/exit:deregister-15d|c1|event:e2';
    const tracking = trackingStateSchema.parse({ duties: { [doneKey]: { isDone: true } } });
    const duties = computeDuties(FIXTURE_KB, rec, tracking, shippedCalendar(), asIsoDate('2021-09-20'));
    const events = calendarEventsFromDuties({ id: 'c1', name: '北京测试租车有限公司' }, duties);
    expect(events.some((e) => e.uid === dutyUid('c1', doneKey))).toBe(false);
    expect(duties.some((d) => d.status === 'undated')).toBe(true);
    expect(events).toHaveLength(duties.filter((d) => d.status !== 'done' && (d.dueDate ?? d.window?.closes) != null).length);
    const change = events.find((e) => e.summary.includes('办理备案变更'));
    expect(change).toMatchObject({ date: '2021-10-08', summary: '【截止】办理备案变更（北京测试租车有限公司）', reminderDaysBefore: 7 });
    expect(change?.description).toContain('国庆节');
    const renewal = events.find((e) => e.summary.includes('备案届满延续'));
    expect(renewal?.description).toContain('办理期间：2024-05-31至2024-06-28');
    const text = icsText(events, '北京测试租车有限公司 合规事项');
    expect(unfold(text).filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(events.length);
  });
});

describe('an empty calendar', () => {
  it('is refused with a Chinese message, not written as a VCALENDAR without components (RFC 5545 3.6)', () => {
    const built = buildIcsCalendar([], { calendarName: '企业合规事项', stamp });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.error.code).toBe('ics.noEvents');
    expect(built.error.message).toMatch(/^没有未完成且有日期的事项/);
  });
});
