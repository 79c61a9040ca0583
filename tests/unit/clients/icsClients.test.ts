import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { computeDuties } from '../../../shared/deadlines/duties';
import { trackingStateSchema } from '../../../shared/deadlines/tracking';
import { buildIcsCalendar, calendarEventsFromDuties, type CalendarEvent } from '../../../shared/export/icsCalendar';
import { FIXTURE_KB, record } from '../deadlines/fixtures';
import { shippedCalendar } from '../deadlines/holidayFixture';

/*
 * Every .ics the app writes, read by two independent parsers: ical.js (Mozilla's, used by
 * Thunderbird) and node-ical (a separate line parser). Both must see the same events, dates,
 * texts and reminders as the app put in.
 */

const stamp = new Date(Date.UTC(2021, 8, 20, 8, 30, 0));

function calendars(): Array<{ name: string; events: CalendarEvent[] }> {
  const rec = record({
    licences: [{ kind: '小微型客车租赁经营备案', validTo: '2024-06-30' }],
    events: [{ kind: 'filingChange', date: '2021-09-16' }],
    vehicles: [{ plate: '京A00001', usageNature: '非营运', inServiceOn: '2020-05-01', registeredOn: '2015-01-01' }],
  });
  const duties = computeDuties(FIXTURE_KB, rec, trackingStateSchema.parse({ duties: {} }), shippedCalendar(), asIsoDate('2021-09-20'));
  const engine = calendarEventsFromDuties({ id: rec.company.id, name: rec.company.name }, duties);
  const hostile: CalendarEvent = {
    uid: 'hostile@compliance-workbench.local', date: asIsoDate('2024-02-29'),
    summary: '【截止】逗号,分号;反斜杠\\与换行\n之后（很长的标题'.padEnd(120, '长'),
    description: `第一行\n第二行：a;b,c\\d ${'汉字'.repeat(60)}😀`, reminderDaysBefore: null,
  };
  return [
    { name: 'engine', events: engine },
    { name: 'single', events: [hostile] },
  ];
}

describe('the .ics files in two independent parsers', () => {
  for (const { name, events } of calendars()) {
    const built = buildIcsCalendar(events, { calendarName: '北京测试租车有限公司 合规事项', stamp });
    if (!built.ok) throw new Error(built.error.message);
    const text = built.value;

    it(`${name}: ical.js reads every event with its all-day date, texts and reminder`, () => {
      expect(events.length).toBeGreaterThan(0);
      const component = new ICAL.Component(ICAL.parse(text) as unknown[]);
      expect(component.getFirstPropertyValue('version')).toBe('2.0');
      const vevents = component.getAllSubcomponents('vevent');
      expect(vevents).toHaveLength(events.length);
      for (const [i, vevent] of vevents.entries()) {
        const expected = events[i];
        if (!expected) throw new Error('event missing');
        const event = new ICAL.Event(vevent);
        expect(event.uid).toBe(expected.uid);
        expect(event.summary).toBe(expected.summary);
        expect(event.description).toBe(expected.description);
        expect(event.startDate.isDate).toBe(true);
        expect(event.startDate.toString()).toBe(expected.date);
        const alarms = vevent.getAllSubcomponents('valarm');
        expect(alarms).toHaveLength(expected.reminderDaysBefore === null ? 0 : 1);
        if (expected.reminderDaysBefore !== null) {
          expect(String(alarms[0]?.getFirstPropertyValue('trigger'))).toBe(`-P${expected.reminderDaysBefore}D`);
        }
      }
    });

    it(`${name}: node-ical reads every event with its date, texts and reminder`, () => {
      const parsed = nodeIcal.sync.parseICS(text);
      const vevents = Object.values(parsed).filter((c): c is nodeIcal.VEvent => c?.type === 'VEVENT');
      expect(vevents).toHaveLength(events.length);
      for (const expected of events) {
        const event = vevents.find((v) => v.uid === expected.uid);
        expect(event, expected.uid).toBeDefined();
        if (!event) continue;
        const summary = typeof event.summary === 'string' ? event.summary : event.summary.val;
        const description = typeof event.description === 'string' ? event.description : event.description?.val;
        expect(summary).toBe(expected.summary);
        expect(description).toBe(expected.description);
        expect(event.datetype).toBe('date');
        // node-ical gives an all-day date as a Date at local midnight of that day.
        const start = event.start;
        const local = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}`;
        expect(local).toBe(expected.date);
      }
    });
  }
});
