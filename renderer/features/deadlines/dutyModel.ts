import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import type { WorkCalendar } from '../../../shared/deadlines/calendar';
import { computeDuties, type Duty, type DutyStatus } from '../../../shared/deadlines/duties';
import type { SubjectKind } from '../../../shared/deadlines/subjectFacts';
import type { DutyTracking, TrackingState } from '../../../shared/deadlines/tracking';
import { emptyDutyTracking, trackingStateFromRecords } from '../../../shared/deadlines/trackingRecords';
import { MONTHLY_SUBMISSION_DUTY } from '../../../shared/energy/duties';
import type { KnowledgeBase, PolicyDocument, PolicyDomain } from '../../../shared/policy/knowledgeBase';
import { assertNever } from '../../../shared/util/assertNever';

/*
 * What the tracker shows, computed once per change of the records, the tracking state, the
 * knowledge base or the day (never per render): every company's duties, grouped by how urgent
 * they are, with the energy ledger's submissions counted as done.
 */

export const TRACKER_GROUPS = ['overdue', 'dueWithin7', 'dueWithin30', 'later', 'done', 'undated'] as const;
export type TrackerGroup = (typeof TRACKER_GROUPS)[number];

export const TRACKER_GROUP_LABELS: Readonly<Record<TrackerGroup, string>> = {
  overdue: '逾期',
  dueWithin7: '7日内到期',
  dueWithin30: '30日内到期',
  later: '以后',
  done: '已完成',
  undated: '待定',
};

/** antd Tag colours of the groups. */
export const GROUP_COLORS: Readonly<Record<TrackerGroup, string>> = {
  overdue: 'error',
  dueWithin7: 'warning',
  dueWithin30: 'gold',
  later: 'processing',
  done: 'success',
  undated: 'default',
};

export function groupOf(status: DutyStatus): TrackerGroup {
  switch (status) {
    case 'overdue':
    case 'dueWithin7':
    case 'dueWithin30':
    case 'done':
    case 'undated':
      return status;
    case 'later':
    case 'waiting':
    case 'available':
      return 'later';
    default:
      return assertNever(status, 'duty status');
  }
}

export const SUBJECT_KIND_LABELS: Readonly<Record<SubjectKind, string>> = {
  company: '企业',
  vehicle: '车辆',
  licence: '证照',
  person: '人员',
  store: '场所',
};

/** The day a duty is listed under: its due date, or its window's close (本月内 → the month's end). */
function listedDate(duty: Duty): IsoDate | null {
  return duty.dueDate ?? duty.window?.closes ?? null;
}

export interface DutyRow {
  readonly duty: Duty;
  readonly companyId: string;
  readonly companyName: string;
  readonly group: TrackerGroup;
  readonly date: IsoDate | null;
  readonly domain: PolicyDomain | null;
  /** Done because the energy ledger records the month as submitted (not marked here). */
  readonly isDoneInEnergyLedger: boolean;
  /** What the search box matches (searchTextOf), computed with the row so a search does not rebuild it per row. */
  readonly searchText?: string;
}

export interface CompanyDuties {
  readonly record: CompanyRecord;
  readonly rows: readonly DutyRow[];
}

/** The monthly energy submission rule of the knowledge base, if it has one. */
function energyMonthlyRuleIds(kb: KnowledgeBase): readonly string[] {
  for (const document of kb.documents) {
    const item = document.items.find((i) => i.id === MONTHLY_SUBMISSION_DUTY.id);
    if (item !== undefined) return item.deadlines.filter((r) => r.trigger.kind === 'recurring' && r.trigger.every === 'month').map((r) => r.id);
  }
  return [];
}

/**
 * The company's tracking state with the energy ledger folded in: the submission day set there
 * (EnergySettings.submissionDay) when the tracker has none for the monthly duty, and a month the
 * ledger records as submitted counts as done unless the tracker itself marked it done.
 */
export function trackingWithEnergyLedger(kb: KnowledgeBase, record: CompanyRecord): { readonly state: TrackingState; readonly energyDoneKeys: ReadonlySet<string> } {
  const base = trackingStateFromRecords(record.dutyTracking, record.dutySchedules);
  const ruleIds = energyMonthlyRuleIds(kb);
  const energyDoneKeys = new Set<string>();
  if (ruleIds.length === 0) return { state: base, energyDoneKeys };
  const schedules = { ...base.schedules };
  const duties: Record<string, DutyTracking> = { ...base.duties };
  const day = record.energySettings?.submissionDay ?? null;
  for (const ruleId of ruleIds) {
    const scheduleKey = `${MONTHLY_SUBMISSION_DUTY.id}:${ruleId}|${record.company.id}`;
    if (day !== null && schedules[scheduleKey] === undefined) {
      schedules[scheduleKey] = { monthsAfterPeriodStart: day.monthsAfterPeriodStart, dayOfMonth: day.dayOfMonth };
    }
    for (const submission of record.energySubmissions ?? []) {
      const key = `${scheduleKey}|${submission.month}`;
      const tracked = duties[key];
      // The tracker's own done mark wins; any other tracker row (an assignee, a date the authority
      // gave, an undone done) keeps its fields, and the ledger's record makes the month done.
      if (tracked?.isDone === true) continue;
      duties[key] = {
        ...(tracked ?? emptyDutyTracking()),
        isDone: true, doneOn: submission.submittedOn, evidence: `能源台账报送记录${submission.note.trim() === '' ? '' : `：${submission.note.trim()}`}`,
      };
      energyDoneKeys.add(key);
    }
  }
  return { state: { duties, schedules }, energyDoneKeys };
}

/** One company's duties as tracker rows. */
export function computeCompanyDuties(kb: KnowledgeBase, record: CompanyRecord, calendar: WorkCalendar, today: IsoDate, documents: ReadonlyMap<string, PolicyDocument>): CompanyDuties {
  const { state, energyDoneKeys } = trackingWithEnergyLedger(kb, record);
  const duties = computeDuties(kb, record, state, calendar, today);
  const rows = duties.map((duty): DutyRow => {
    const row: DutyRow = {
      duty,
      companyId: record.company.id,
      companyName: record.company.name,
      group: groupOf(duty.status),
      date: listedDate(duty),
      domain: documents.get(duty.basis.documentId)?.domain ?? null,
      isDoneInEnergyLedger: energyDoneKeys.has(duty.key),
    };
    return { ...row, searchText: searchTextOf(row) };
  });
  return { record, rows };
}

export function documentsById(kb: KnowledgeBase): Map<string, PolicyDocument> {
  return new Map(kb.documents.map((d) => [d.id, d]));
}

// One collator for every comparison: localeCompare would build one per call on 20,000-row sorts.
const collator = new Intl.Collator('zh-CN');

const GROUP_ORDER: Readonly<Record<TrackerGroup, number>> = { overdue: 0, dueWithin7: 1, dueWithin30: 2, later: 3, undated: 4, done: 5 };

/** Most urgent first; within a group by date (done: latest completion first), then title. */
export function compareRows(a: DutyRow, b: DutyRow): number {
  if (a.group !== b.group) return GROUP_ORDER[a.group] - GROUP_ORDER[b.group];
  if (a.group === 'done') {
    const x = a.duty.tracking?.doneOn ?? '';
    const y = b.duty.tracking?.doneOn ?? '';
    if (x !== y) return x < y ? 1 : -1;
  } else if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return collator.compare(a.duty.title, b.duty.title) || collator.compare(a.duty.subject.label, b.duty.subject.label) || (a.duty.key < b.duty.key ? -1 : a.duty.key > b.duty.key ? 1 : 0);
}

export interface RowFilter {
  readonly companyId: string | null;
  readonly group: TrackerGroup | null;
  readonly domain: PolicyDomain | null;
  readonly documentId: string | null;
  readonly subjectKind: SubjectKind | null;
  /** Matches the title, the subject (a plate, a name), the item and the reference. */
  readonly text: string;
}

/** The title, subject, item, reference, company and assignee, upper-cased without spaces. */
function searchTextOf(r: DutyRow): string {
  return `${r.duty.title}${r.duty.subject.label}${r.duty.itemTitle}${r.duty.basis.reference}${r.companyName}${r.duty.tracking?.assignee ?? ''}`.toUpperCase().replace(/\s+/g, '');
}

/** Every filter but the group: the counts per group are taken over this. */
export function filterRowsExceptGroup(rows: readonly DutyRow[], filter: RowFilter): DutyRow[] {
  const needle = filter.text.trim().toUpperCase().replace(/\s+/g, '');
  return rows.filter((r) => (filter.companyId === null || r.companyId === filter.companyId)
    && (filter.domain === null || r.domain === filter.domain)
    && (filter.documentId === null || r.duty.basis.documentId === filter.documentId)
    && (filter.subjectKind === null || r.duty.subject.kind === filter.subjectKind)
    && (needle === '' || (r.searchText ?? searchTextOf(r)).includes(needle)));
}

export function countByGroup(rows: readonly DutyRow[]): Record<TrackerGroup, number> {
  const counts = Object.fromEntries(TRACKER_GROUPS.map((g) => [g, 0])) as Record<TrackerGroup, number>;
  for (const r of rows) counts[r.group]++;
  return counts;
}

/** "还剩 3 天", "今天到期", "逾期 12 天". */
export function daysLeftText(duty: Duty): string {
  if (duty.status === 'done') return '—';
  const d = duty.daysLeft;
  if (d === null) return '—';
  if (duty.limit === 'earliest') return d > 0 ? `${d} 天后可办理` : '已可办理';
  if (d < 0) return `逾期 ${-d} 天`;
  if (d === 0) return '今天到期';
  return `${d} 天`;
}

export { subjectSuffix } from './dutyLabels';
