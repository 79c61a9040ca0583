import { addDays, daysBetween, toParts, type IsoDate } from '../../../shared/domain/isoDate';
import type { ReminderDto } from '../../../shared/ipc/contract';
import type { CompanyDuties, DutyRow } from './dutyModel';
import { subjectSuffix } from './dutyLabels';
import type { ReminderSettings } from './reminderSettings';

/*
 * Desktop reminders from the duties: one notification per company, day and lead time (a fleet's
 * 200 vehicles falling due on one day are one notification, not 200), plus one a day while
 * anything is overdue. The page hands main the complete list whenever duties or settings change;
 * main shows them at their time, also while the window is hidden in the tray.
 */

/** Reminders are scheduled this far ahead; the page reschedules at least daily (at midnight). */
const REMINDER_HORIZON_DAYS = 60;
/** main accepts at most 10,000 (shared/ipc/requestSchemas.ts). */
const MAX_REMINDERS = 10_000;

/** Open duties with a date that reminders are about (not "may act from" dates). */
function isRemindable(row: DutyRow): boolean {
  return row.group !== 'done' && row.group !== 'undated' && row.date !== null && row.duty.limit !== 'earliest';
}

function fireAtOf(date: IsoDate, timeOfDay: string): Date {
  const { year, month, day } = toParts(date);
  const [h, m] = timeOfDay.split(':').map(Number);
  return new Date(year, month - 1, day, h ?? 9, m ?? 0, 0, 0);
}

function dutyLine(row: DutyRow): string {
  return `${row.duty.title}${subjectSuffix(row.duty)}`;
}

function listBody(rows: readonly DutyRow[], max = 3): string {
  const lines = rows.slice(0, max).map((r) => `· ${dutyLine(r)}（截止 ${r.date ?? ''}）`);
  if (rows.length > max) lines.push(`……等共 ${rows.length} 项`);
  return lines.join('\n');
}

function leadText(lead: number): string {
  return lead === 0 ? '今天到期' : lead === 1 ? '明天到期' : `${lead} 天后到期`;
}

/** The reminder id encodes where a click should lead. */
function dueReminderId(companyId: string, date: IsoDate, lead: number): string {
  return `due|${companyId}|${date}|${lead}`;
}

const OVERDUE_REMINDER_PREFIX = 'overdue|';

/** The page to open for a clicked reminder. */
export function reminderTarget(id: string): string {
  if (id.startsWith(OVERDUE_REMINDER_PREFIX)) return '/deadlines?scope=all&group=overdue';
  const [kind, companyId, date] = id.split('|');
  if (kind === 'due' && companyId !== undefined && date !== undefined) {
    return `/deadlines?company=${encodeURIComponent(companyId)}&view=calendar&date=${encodeURIComponent(date)}`;
  }
  return '/deadlines';
}

export function buildReminders(companies: readonly CompanyDuties[], settings: ReminderSettings, today: IsoDate, now: Date): ReminderDto[] {
  if (!settings.isEnabled) return [];
  const horizon = addDays(today, REMINDER_HORIZON_DAYS);
  const reminders: ReminderDto[] = [];
  for (const company of companies) {
    const byFire = new Map<string, { date: IsoDate; fire: IsoDate; lead: number; rows: DutyRow[] }>();
    for (const row of company.rows) {
      if (!isRemindable(row) || row.date === null) continue;
      for (const lead of settings.leadDays) {
        const fire = addDays(row.date, -lead);
        if (fire < today || fire > horizon) continue;
        const id = dueReminderId(company.record.company.id, row.date, lead);
        const entry = byFire.get(id) ?? { date: row.date, fire, lead, rows: [] };
        entry.rows.push(row);
        byFire.set(id, entry);
      }
    }
    for (const [id, entry] of byFire) {
      const fireAt = fireAtOf(entry.fire, settings.timeOfDay);
      if (fireAt.getTime() <= now.getTime()) continue;
      const first = entry.rows[0];
      const what = entry.rows.length === 1 && first !== undefined ? dutyLine(first) : `${entry.rows.length} 项事项`;
      reminders.push({
        id,
        title: `${company.record.company.name}：${what}${leadText(entry.lead)}`.slice(0, 200),
        body: `截止日期 ${entry.date}\n${listBody(entry.rows)}`.slice(0, 2000),
        fireAt: fireAt.toISOString(),
      });
    }
  }
  if (settings.isOverdueDaily) {
    const overdue = companies.flatMap((c) => c.rows.filter((r) => r.group === 'overdue'));
    const fireAt = fireAtOf(today, settings.timeOfDay);
    if (overdue.length > 0 && fireAt.getTime() > now.getTime()) {
      const companyCount = new Set(overdue.map((r) => r.companyId)).size;
      reminders.push({
        id: `${OVERDUE_REMINDER_PREFIX}${today}`,
        title: `${overdue.length} 项事项已逾期${companyCount > 1 ? `（${companyCount} 家企业）` : ''}`,
        body: `逾期事项在标记完成前会一直提醒。\n${listBody(overdue)}`.slice(0, 2000),
        fireAt: fireAt.toISOString(),
      });
    }
  }
  reminders.sort((a, b) => (a.fireAt < b.fireAt ? -1 : a.fireAt > b.fireAt ? 1 : 0));
  return reminders.slice(0, MAX_REMINDERS);
}

/** What the in-app reminder panel lists: overdue, and open duties within the largest lead time. */
export function dueSoonRows(rows: readonly DutyRow[], settings: ReminderSettings, today: IsoDate): DutyRow[] {
  const window = Math.max(0, ...settings.leadDays);
  return rows.filter((r) => isRemindable(r) && r.date !== null && (r.group === 'overdue' || daysBetween(today, r.date) <= window));
}
