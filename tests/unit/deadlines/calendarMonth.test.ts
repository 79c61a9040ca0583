import { describe, expect, it } from 'vitest';
import { asIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import { buildWorkCalendar, parseHolidayTable } from '../../../shared/deadlines/calendar';
import { dayMark, earliestDay, holidaySourceNote, itemsByDay } from '../../../shared/deadlines/calendarMonth';
import { loadShippedHolidayTable, shippedCalendar } from './holidayFixture';

const calendar = shippedCalendar();
const mark = (s: string) => dayMark(calendar, asIsoDate(s));

describe('day marks of the month calendar (shipped holiday table)', () => {
  it('marks the 国庆节 holiday days 休 with their name', () => {
    expect(mark('2026-10-01')).toEqual({ kind: 'holiday', badge: '休', name: '国庆节', isKnown: true, description: '国庆节（休）' });
    expect(mark('2026-10-07').badge).toBe('休');
    expect(mark('2026-10-08')).toMatchObject({ kind: 'workday', badge: null, name: null });
  });

  it('marks the 调休 working days 班 with the holiday they make up for', () => {
    // 2026-10-10 is a Saturday worked for 国庆节; 2026-09-20 a Sunday; 2026-02-14 for 春节.
    expect(mark('2026-10-10')).toEqual({ kind: 'makeUpWorkday', badge: '班', name: '国庆节', isKnown: true, description: '调休上班日（国庆节）' });
    expect(mark('2026-09-20')).toMatchObject({ badge: '班', name: '国庆节' });
    expect(mark('2026-02-14')).toMatchObject({ badge: '班', name: '春节' });
  });

  it('leaves ordinary weekends unmarked, and a year beyond the data unknown', () => {
    expect(mark('2026-10-11')).toMatchObject({ kind: 'weekend', badge: null, description: '星期日（休息日）' });
    // 2027-10-01 falls on a Friday: without the 2027 schedule it is an ordinary, unconfirmed day.
    expect(mark('2027-10-01')).toMatchObject({ kind: 'workday', badge: null, isKnown: false });
  });

  it('names the make-up day without a holiday when an older table has no names', () => {
    const table = loadShippedHolidayTable();
    const parsed = parseHolidayTable({ ...table, makeUpWorkdayNames: undefined });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(dayMark(buildWorkCalendar(parsed.value), asIsoDate('2026-10-10'))).toMatchObject({ badge: '班', name: null, description: '调休上班日' });
  });
});

describe('the holiday source note of the month header', () => {
  it('says where the data comes from, in Chinese, for a covered year', () => {
    expect(holidaySourceNote(calendar, 2026)).toEqual({ text: '节假日及调休：国务院办公厅节假日安排，数据截至 2026 年', isCovered: true });
  });
  it('says the schedule is not there for a later year instead of pretending', () => {
    const note = holidaySourceNote(calendar, 2027);
    expect(note.isCovered).toBe(false);
    expect(note.text).toContain('2027 年的节假日安排尚未收录');
    expect(note.text).toContain('数据截至 2026 年');
  });
  it('says so for a year before the data', () => {
    expect(holidaySourceNote(calendar, 2003)).toMatchObject({ isCovered: false });
    expect(holidaySourceNote(calendar, 2003).text).toContain('2003 年不在数据范围内');
  });
});

describe('items on their days', () => {
  const item = (title: string, date: string | null, isOverdue = false) => ({ title, date: date === null ? null : asIsoDate(date), isOverdue });
  const items = [item('年报', '2026-10-08'), item('备案变更', '2026-10-08', true), item('待定事项', null), item('延续', '2026-10-20'), item('旧的', '2026-09-01', true)];

  it('lists each dated item on its day, overdue first, undated ones nowhere', () => {
    const byDay = itemsByDay(items, (i) => i.isOverdue);
    expect(byDay.get('2026-10-08' as IsoDate)?.map((i) => i.title)).toEqual(['备案变更', '年报']);
    expect(byDay.get('2026-09-01' as IsoDate)?.map((i) => i.title)).toEqual(['旧的']);
    expect([...byDay.values()].flat().length).toBe(4);
  });

  it('finds the earliest overdue day', () => {
    expect(earliestDay(items, (i) => i.isOverdue)).toBe('2026-09-01');
    expect(earliestDay(items.filter((i) => !i.isOverdue), (i) => i.isOverdue)).toBeNull();
  });
});
