import type { CompanyRecord } from '../domain/companyRecord';
import {
  addDays, daysBetween, daysInMonth, fromParts, isIsoDate, toParts, type IsoDate,
} from '../domain/isoDate';
import { EVENT_KINDS } from '../domain/vocabulary';
import {
  createFactContext, evaluateCondition, evaluateItem, type Applicability, type FactSource,
} from '../policy/evaluate';
import { factLabel } from '../policy/facts';
import type {
  Citation, DeadlineRule, KnowledgeBase, PolicyDocument, PolicyItem, Trigger,
} from '../policy/knowledgeBase';
import { assertNever } from '../util/assertNever';
import type { WorkCalendar } from './calendar';
import {
  addMonthsClamped, computePeriod, computeWindowBefore, formatDateZh, formatPeriod, type PeriodResult,
} from './period';
import {
  isSubjectFact, readSubjectDate, readSubjectFact, subjectFactKind, subjectFactLabel, subjectsOf, type Subject, type SubjectKind,
} from './subjectFacts';
import type { DutyTracking, RecurringSchedule, TrackingState } from './tracking';

/*
 * Duties: every dated act a company owes (or may expect from an authority), one per rule, subject
 * and occurrence, computed from the knowledge base's deadline rules and the company's records.
 * Each duty carries its due date with the computation and legal basis spelled out in Chinese.
 */

const DUTY_STATUSES = ['overdue', 'dueWithin7', 'dueWithin30', 'later', 'done', 'undated', 'waiting', 'available'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

export const DUTY_STATUS_LABELS: Readonly<Record<DutyStatus, string>> = {
  overdue: '已逾期',
  dueWithin7: '7日内到期',
  dueWithin30: '30日内到期',
  later: '未到期',
  done: '已完成',
  undated: '待定日期',
  // For `limit: 'earliest'` rules: the act may not happen before the date.
  waiting: '未到可办理日期',
  available: '已可办理',
};

/** Shown for a date the text leaves open. */
const UNDATED_TEXT = '以主管部门通知为准';

/** Shown while a recurring duty whose text states no day waits for the day the authority gave. */
export const AWAITING_DAY_TEXT = '待定：需设定报送日';

/** Shown where the text fixes the period but the date it runs from is not recorded yet. */
export function needsTriggerText(triggerLabel: string): string {
  return `需填写“${triggerLabel}”后计算`;
}

interface DutyBasis {
  readonly documentId: string;
  readonly documentTitle: string;
  readonly docNumber: string | null;
  readonly citation: Citation;
  /** 《北京市……实施意见》三、(三)3. */
  readonly reference: string;
  /** The counting rules used: 《民法典》第二百零一条、第二百零三条. */
  readonly legalBasis: string;
  /** How the date was computed, step by step (Chinese). */
  readonly explanation: string;
}

export interface Duty {
  /** Stable per occurrence: `<itemId>:<ruleId>|<subjectId>|<periodKey>`; the tracking state's key. */
  readonly key: string;
  /** `<itemId>:<ruleId>|<subjectId>`: the key of a recurring duty's user-set schedule. */
  readonly scheduleKey: string;
  readonly itemId: string;
  readonly itemTitle: string;
  readonly ruleId: string;
  /** The rule's label: what must be done. */
  readonly title: string;
  readonly actor: DeadlineRule['actor'];
  readonly limit: DeadlineRule['limit'];
  readonly authority: string;
  readonly basis: DutyBasis;
  readonly trigger: {
    readonly kind: Trigger['kind'];
    readonly label: string;
    readonly date: IsoDate | null;
    /** Where the date came from: 事件记录, 车辆行驶证注册日期, 原文规定… */
    readonly source: string;
  };
  /** The last day to act (or, for `earliest`, the first day one may); null when undated. */
  readonly dueDate: IsoDate | null;
  /** For windows (届满前30日内) and recurring periods without a set day (本月内). */
  readonly window: { readonly opens: IsoDate; readonly closes: IsoDate } | null;
  /** The due date as shown: a date, "本月内", or 以主管部门通知为准. */
  readonly dueText: string;
  /** Relies on a year whose holiday schedule is not published (假期安排尚未公布). */
  readonly isProvisional: boolean;
  readonly statedInText: boolean;
  readonly isUserSetDate: boolean;
  /** no: the company or subject is known to qualify; unknown: facts are missing (待确认). */
  readonly isApplicabilityUncertain: boolean;
  readonly status: DutyStatus;
  /** Days from today to the due date (or window close); negative when overdue; null when undated. */
  readonly daysLeft: number | null;
  readonly subject: { readonly kind: SubjectKind; readonly id: string; readonly label: string };
  readonly periodKey: string;
  readonly tracking: DutyTracking | null;
  /** A recorded event that is the act itself (rule.fulfilledBy): the duty is done by it. */
  readonly fulfilledByEvent: { readonly kind: string; readonly label: string; readonly date: IsoDate } | null;
  /**
   * What the authority must do in the same matter (公布, 审核, 核查), as information: an authority's
   * time limit is never the company's to-do, so it is shown here instead of as a duty.
   */
  readonly authorityActs: readonly string[];
  /** The rule's note (the text's own words when it gives no date). */
  readonly note: string;
}

export interface ComputeDutiesOptions {
  /**
   * Recurring duties are listed for the occurrences falling due in [from, to] (by their due date,
   * or the end of their period while no day is set); default 90 days before today.
   */
  readonly from?: IsoDate;
  /** Default: 365 days after today. */
  readonly to?: IsoDate;
}

interface Occurrence {
  readonly periodKey: string;
  readonly date: IsoDate | null;
  readonly source: string;
  /** Why the date is unknown, when it is. */
  readonly missing?: string;
  /** From the company's own records of this subject or event (not a fallback, a fixed date or a schedule). */
  readonly isRecorded?: boolean;
  /** For recurring occurrences: the period. */
  readonly period?: { readonly start: IsoDate; readonly end: IsoDate; readonly every: RecurringEvery };
}

type RecurringEvery = Extract<Trigger, { kind: 'recurring' }>['every'];

interface Context {
  readonly record: CompanyRecord;
  readonly tracking: TrackingState;
  readonly calendar: WorkCalendar;
  readonly today: IsoDate;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly facts: FactSource;
  /** Fleets share dates: one computation per distinct period. */
  readonly periods: Map<string, PeriodResult>;
  /**
   * The day the company ends business (its earliest 终止经营 event, planned or past), or null.
   * After it only the duties the text attaches to ending remain (shared/deadlines README: 企业存续).
   */
  readonly endedOn: IsoDate | null;
}

/**
 * Every duty of one company. `tracking` is the company's tracking state (EMPTY_TRACKING when
 * none); `today` decides statuses and the range of recurring occurrences. Pure and synchronous;
 * a 10,000-vehicle fleet takes well under half a second (see tests/unit/deadlines).
 */
export function computeDuties(
  kb: KnowledgeBase,
  record: CompanyRecord,
  tracking: TrackingState,
  calendar: WorkCalendar,
  today: IsoDate,
  options: ComputeDutiesOptions = {},
): Duty[] {
  const ctx: Context = {
    record, tracking, calendar, today,
    from: options.from ?? addDays(today, -90),
    to: options.to ?? addDays(today, 365),
    facts: createFactContext(record, today),
    periods: new Map(),
    endedOn: record.events.filter((e) => e.kind === 'termination').map((e) => e.date).sort()[0] ?? null,
  };
  const duties: Duty[] = [];
  for (const document of kb.documents) {
    if (document.isGovernmentOnly) continue;
    for (const item of document.items) {
      if (item.deadlines.length === 0) continue;
      const applies = evaluateItem(item, document, ctx.facts).applies;
      if (applies === 'no') continue;
      const authorityActs = authorityActsOf(document, item);
      for (const rule of item.deadlines) {
        // 公布, 审核, 核查 by the authority: information on the company's duties, never a to-do.
        if (rule.actor === 'authority') continue;
        addRuleDuties(ctx, document, item, rule, applies, authorityActs, duties);
      }
    }
  }
  return duties.sort(compareDuties);
}

/** The item's authority time limits in words ("主管部门公布备案信息：办理备案后 2 个工作日内（三、（六））"). */
function authorityActsOf(document: PolicyDocument, item: PolicyItem): readonly string[] {
  const acts: string[] = [];
  for (const rule of item.deadlines) {
    if (rule.actor !== 'authority') continue;
    const span = rule.offset === null ? '' : formatPeriod(rule.offset.amount, rule.offset.unit);
    let when = '';
    if (rule.trigger.kind === 'fixedDate') when = `于${formatDateZh(rule.trigger.date)}前`;
    else if (span !== '' && rule.trigger.kind !== 'none') when = `${rule.trigger.label}后${span}内`;
    else if (span !== '') when = `${span}内`;
    acts.push(`${rule.label}${when === '' ? '' : `：${when}`}（《${document.title}》${rule.citation.ref}）`);
  }
  return acts;
}

/** The day a document takes effect (施行日), else the day it was issued. */
function takesEffectOn(document: PolicyDocument): IsoDate | null {
  return document.effectiveOn.date ?? document.issuedOn.date;
}

/** Rules the text attaches to ending business: they alone survive a 终止经营. */
function isEndingRule(rule: DeadlineRule): boolean {
  const t = rule.trigger;
  return (t.kind === 'event' && t.event === 'termination') || (t.kind === 'factDate' && t.fact === 'company.terminationDate');
}

function compareDuties(a: Duty, b: Duty): number {
  const x = a.dueDate ?? a.window?.closes ?? null;
  const y = b.dueDate ?? b.window?.closes ?? null;
  if (x !== y) {
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The kind of subject a rule's duties concern: its trigger's subject fact decides, else `per`. */
function ruleSubjectKind(rule: DeadlineRule): SubjectKind {
  if (rule.trigger.kind === 'factDate' && isSubjectFact(rule.trigger.fact)) return subjectFactKind(rule.trigger.fact);
  return rule.per;
}

function addRuleDuties(
  ctx: Context, document: PolicyDocument, item: PolicyItem, rule: DeadlineRule, itemApplies: Applicability,
  authorityActs: readonly string[], out: Duty[],
): void {
  const kind = ruleSubjectKind(rule);
  const trigger = rule.trigger;
  // Where the company's qualifying is unknown, only duties its own records point to are shown
  // (an event it recorded, a vehicle it holds); a monthly report for a company that may not be a
  // 重点用能单位 would only be noise until the question is answered.
  if (itemApplies === 'unknown' && kind === 'company' && (trigger.kind === 'recurring' || trigger.kind === 'none' || trigger.kind === 'fixedDate')) return;
  const subjectFact = trigger.kind === 'factDate' && isSubjectFact(trigger.fact) ? trigger.fact : undefined;
  const param = trigger.kind === 'factDate' ? trigger.param : undefined;
  const subjects = subjectsOf(ctx.record, kind, subjectFact === undefined ? undefined : param, subjectFact);
  const info: RuleInfo = { ruleKey: `${item.id}:${rule.id}`, reference: `《${document.title}》${rule.citation.ref}`, authorityActs };
  for (const subject of subjects) {
    let when: 'pass' | 'fail' | 'unknown' = 'pass';
    if (rule.when !== undefined) {
      when = evaluateCondition(rule.when, subject.kind === 'company' ? ctx.facts : subjectFacts(subject, ctx.facts));
      if (when === 'fail') continue;
    }
    // A company-wide condition left open is a question for the matching view, not a duty yet.
    if (when === 'unknown' && subject.kind === 'company') continue;
    const isUncertain = itemApplies !== 'yes' || when !== 'pass';
    for (const occurrence of occurrencesOf(ctx, document, rule, subject)) {
      // Where applicability is open, only what the company itself recorded (an event, a vehicle)
      // makes a duty worth showing; the rest waits for the matching view's questions.
      if (isUncertain && (occurrence.date === null || (subject.kind === 'company' && occurrence.isRecorded !== true))) continue;
      const duty = buildDuty(ctx, document, item, rule, info, subject, occurrence, isUncertain);
      if (duty !== null) out.push(duty);
    }
  }
}

function subjectFacts(subject: Subject, company: FactSource): FactSource {
  return { read: (fact, param) => (isSubjectFact(fact) ? readSubjectFact(subject, fact, param) : company.read(fact, param)) };
}

// ---------------------------------------------------------------------------------------------
// Occurrences: the dated instances of a rule for one subject

function occurrencesOf(ctx: Context, document: PolicyDocument, rule: DeadlineRule, subject: Subject): Occurrence[] {
  const trigger = rule.trigger;
  switch (trigger.kind) {
    case 'event': {
      const label = EVENT_KINDS[trigger.event];
      const found: Occurrence[] = [];
      // A period the document starts runs from triggers on or after its 施行日: a company registered
      // in 2010 owed nothing under opinions of 2021 "登记后 60 日内" (transitional clauses carry their own
      // fixed dates and are not events).
      const effective = takesEffectOn(document);
      for (const e of ctx.record.events) {
        if (e.kind !== trigger.event) continue;
        if (subject.kind !== 'company' && e.subjectId !== subject.id) continue;
        if (effective !== null && e.date < effective) continue;
        found.push({
          periodKey: `event:${e.id}`, date: e.date, isRecorded: true,
          source: `事件记录：${label}${e.note.trim() === '' ? '' : `（${e.note.trim().slice(0, 60)}）`}`,
        });
      }
      // 市场监管登记 is the day on the 营业执照 when no event was recorded for it.
      if (
        found.length === 0 && trigger.event === 'marketRegistration' && subject.kind === 'company' && ctx.record.company.establishedOn !== null
        && (effective === null || ctx.record.company.establishedOn >= effective)
      ) {
        found.push({ periodKey: 'established', date: ctx.record.company.establishedOn, source: '营业执照成立日期' });
      }
      return found;
    }
    case 'factDate': {
      if (isSubjectFact(trigger.fact)) {
        const read = readSubjectDate(subject, trigger.fact, trigger.param);
        switch (read.state) {
          case 'known':
            return [{ periodKey: read.date, date: read.date, isRecorded: true, source: `${subject.label}的${subjectFactLabel(trigger.fact)}` }];
          case 'missing':
            return [{ periodKey: 'missing', date: null, source: subject.label, missing: `${subject.label}：${read.reason}` }];
          case 'none':
            return [];
          default:
            return assertNever(read, 'subject date');
        }
      }
      const reading = ctx.facts.read(trigger.fact, trigger.param);
      const value = reading.value;
      const label = factLabel(trigger.fact, trigger.param);
      if (typeof value === 'string' && isIsoDate(value)) {
        return [{ periodKey: value, date: value, source: reading.detail === undefined ? label : `${label}（${reading.detail}）` }];
      }
      return [{ periodKey: 'missing', date: null, source: label, missing: `${label}未知${reading.detail === undefined ? '' : `（${reading.detail}）`}` }];
    }
    case 'fixedDate':
      return [{ periodKey: 'fixed', date: trigger.date, source: '原文规定的日期' }];
    case 'recurring':
      return recurringOccurrences(ctx, document, rule, trigger.every);
    case 'none':
      return [{ periodKey: 'once', date: null, source: '原文未规定触发日期' }];
    default:
      return assertNever(trigger, 'trigger');
  }
}

const MONTHS_PER: Readonly<Record<RecurringEvery, number>> = { month: 1, quarter: 3, year: 12 };

function periodStartOf(date: IsoDate, every: RecurringEvery): IsoDate {
  const { year, month } = toParts(date);
  switch (every) {
    case 'month':
      return fromParts(year, month, 1);
    case 'quarter':
      return fromParts(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
    case 'year':
      return fromParts(year, 1, 1);
    default:
      return assertNever(every, 'recurrence');
  }
}

function periodKeyOf(start: IsoDate, every: RecurringEvery): string {
  const { year, month } = toParts(start);
  switch (every) {
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'year':
      return String(year);
    default:
      return assertNever(every, 'recurrence');
  }
}

function recurringOccurrences(ctx: Context, document: PolicyDocument, rule: DeadlineRule, every: RecurringEvery): Occurrence[] {
  const step = MONTHS_PER[every];
  // Start early enough that a period whose report falls due after it (每年结束后3个月内) is included.
  const lagMonths = rule.offset === null ? 0 : rule.offset.unit === 'year' ? rule.offset.amount * 12 : rule.offset.unit === 'month' ? rule.offset.amount : 2;
  const lookBack = Math.ceil((lagMonths + 24) / step) * step;
  // No occurrence before the policy took effect or the company existed.
  const notBefore = [document.effectiveOn.date ?? document.issuedOn.date, ctx.record.company.establishedOn].filter((d): d is IsoDate => d !== null).sort().at(-1);
  const out: Occurrence[] = [];
  let start = periodStartOf(addMonthsClamped(ctx.from, -lookBack).date, every);
  // buildDuty keeps those falling due in the range; the loop only bounds the candidates.
  while (start <= ctx.to) {
    const end = addDays(addMonthsClamped(start, step).date, -1);
    if (notBefore === undefined || end >= notBefore) {
      out.push({ periodKey: periodKeyOf(start, every), date: start, source: periodLabel(start, every), period: { start, end, every } });
    }
    start = addMonthsClamped(start, step).date;
  }
  return out;
}

function periodLabel(start: IsoDate, every: RecurringEvery): string {
  const { year, month } = toParts(start);
  switch (every) {
    case 'month':
      return `${year}年${month}月`;
    case 'quarter':
      return `${year}年第${Math.floor((month - 1) / 3) + 1}季度`;
    case 'year':
      return `${year}年度`;
    default:
      return assertNever(every, 'recurrence');
  }
}

// ---------------------------------------------------------------------------------------------
// Dates of one occurrence

interface Dating {
  /** A recurring period whose text states no day and for which no day is set: 待定, never overdue. */
  readonly isAwaitingDay?: boolean;
  readonly dueDate: IsoDate | null;
  readonly window: { readonly opens: IsoDate; readonly closes: IsoDate } | null;
  readonly dueText: string | null;
  readonly isProvisional: boolean;
  readonly legalBasis: string;
  readonly explanation: string;
}

const UNDATED: Omit<Dating, 'explanation'> = { dueDate: null, window: null, dueText: null, isProvisional: false, legalBasis: '' };

function period(ctx: Context, from: IsoDate, offset: NonNullable<DeadlineRule['offset']>, direction: 'after' | 'before'): PeriodResult {
  const key = `${from}|${offset.amount}|${offset.unit}|${direction}`;
  let result = ctx.periods.get(key);
  if (result === undefined) {
    result = computePeriod(ctx.calendar, { from, amount: offset.amount, unit: offset.unit, direction });
    ctx.periods.set(key, result);
  }
  return result;
}

function dateOccurrence(ctx: Context, rule: DeadlineRule, occurrence: Occurrence): Dating {
  const { date } = occurrence;
  const offset = rule.offset;
  if (occurrence.period !== undefined) return dateRecurring(ctx, rule, occurrence.period);
  if (date === null) {
    if (occurrence.missing !== undefined) return { ...UNDATED, explanation: `缺少触发日期：${occurrence.missing}，补充后即可计算。` };
    if (offset === null) return { ...UNDATED, explanation: '' };
    const span = formatPeriod(offset.amount, offset.unit);
    const label = rule.trigger.label;
    const phrase = rule.direction === 'before' ? `“${label}”前${span}` : rule.direction === 'window' ? `“${label}”前${span}内` : `自“${label}”起${span}内`;
    return { ...UNDATED, explanation: `期限为${phrase}；记录中没有该日期，在跟踪中填写该日期后即可计算。` };
  }
  switch (rule.direction) {
    case 'after':
    case 'before': {
      if (offset === null) return { ...UNDATED, explanation: '' };
      const result = period(ctx, date, offset, rule.direction);
      if (rule.limit === 'earliest' && rule.direction === 'after') {
        // "整改3个月后可再次…", "1年内不得再次申请": allowed from the day after the period ends.
        const first = addDays(result.dueDate, 1);
        return {
          dueDate: first, window: null, dueText: null, isProvisional: result.isProvisional, legalBasis: result.legalBasis,
          explanation: `${result.explanation}期间届满后，自${formatDateZh(first)}起方可办理。`,
        };
      }
      return { dueDate: result.dueDate, window: null, dueText: null, isProvisional: result.isProvisional, legalBasis: result.legalBasis, explanation: result.explanation };
    }
    case 'window': {
      if (offset === null) return { ...UNDATED, explanation: '' };
      const w = computeWindowBefore(ctx.calendar, date, offset.amount, offset.unit);
      return {
        dueDate: w.closes, window: { opens: w.opens, closes: w.closes }, dueText: null,
        isProvisional: w.isProvisional, legalBasis: w.legalBasis, explanation: w.explanation,
      };
    }
    case 'fixed':
      return {
        dueDate: date, window: null, dueText: null, isProvisional: false, legalBasis: '',
        explanation: rule.trigger.kind === 'fixedDate' ? '' : `以该日期${formatDateZh(date)}为期限。`,
      };
    case 'recurring':
    case 'unspecified':
      return { ...UNDATED, explanation: '' };
    default:
      return assertNever(rule.direction, 'direction');
  }
}

function dateRecurring(ctx: Context, rule: DeadlineRule, p: NonNullable<Occurrence['period']>): Dating {
  const label = periodLabel(p.start, p.every);
  if (rule.offset !== null) {
    const result = period(ctx, p.end, rule.offset, 'after');
    return {
      dueDate: result.dueDate, window: null, dueText: null, isProvisional: result.isProvisional, legalBasis: result.legalBasis,
      explanation: `${label}（${formatDateZh(p.start)}至${formatDateZh(p.end)}）结束后${formatPeriod(rule.offset.amount, rule.offset.unit)}内。${result.explanation}`,
    };
  }
  // No day in the text: buildDuty applies the user's schedule or tracks the whole period.
  return { ...UNDATED, window: { opens: p.start, closes: p.end }, explanation: '' };
}

// ---------------------------------------------------------------------------------------------

/** Per rule, shared by all its duties so a fleet's duties share one string each. */
interface RuleInfo {
  readonly ruleKey: string;
  readonly reference: string;
  readonly authorityActs: readonly string[];
}

function buildDuty(
  ctx: Context, document: PolicyDocument, item: PolicyItem, rule: DeadlineRule, info: RuleInfo, subject: Subject, found: Occurrence, isUncertain: boolean,
): Duty | null {
  const scheduleKey = `${info.ruleKey}|${subject.id}`;
  const key = `${scheduleKey}|${found.periodKey}`;
  const tracking = ctx.tracking.duties[key] ?? null;
  const occurrence: Occurrence = found.date === null && found.period === undefined && tracking?.userSetTriggerDate != null
    ? { periodKey: found.periodKey, date: tracking.userSetTriggerDate, source: '用户填写的日期' }
    : found;
  const dating = scheduleRecurring(ctx, rule, occurrence, scheduleKey, dateOccurrence(ctx, rule, occurrence));

  const triggerDate = occurrence.date;
  // Recurring occurrences are those whose due date (or period's end) lies in the requested range.
  if (occurrence.period !== undefined) {
    const reference = dating.dueDate ?? dating.window?.closes ?? occurrence.period.end;
    if (reference < ctx.from || reference > ctx.to) return null;
    // Without a day, a period not yet begun is nothing to act on; the ones begun wait for the day.
    if (dating.isAwaitingDay === true && occurrence.period.start > ctx.today) return null;
  }
  const closes = dating.dueDate ?? dating.window?.closes ?? null;
  // A date before the document took effect was never owed under it (its period began under earlier rules).
  const effective = takesEffectOn(document);
  if (effective !== null && occurrence.period === undefined && rule.trigger.kind !== 'fixedDate' && closes !== null && closes < effective) return null;
  // After the company ends business only what the text attaches to ending remains.
  if (ctx.endedOn !== null && !isEndingRule(rule)) {
    if (occurrence.period !== undefined ? occurrence.period.start > ctx.endedOn : closes === null || closes > ctx.endedOn) return null;
  }
  // A vehicle that left the filing owes nothing falling due after it left, except what its leaving triggers.
  const isLeavingRule = rule.trigger.kind === 'event' || (rule.trigger.kind === 'factDate' && rule.trigger.fact === 'vehicle.leftFilingOn');
  if (subject.kind === 'vehicle' && !isLeavingRule) {
    const v = subject.vehicle;
    const hasLeft = v.leftFilingOn !== null || v.filingStatus === '已移出备案';
    const reference = dating.dueDate ?? dating.window?.closes ?? triggerDate;
    if (hasLeft && (v.leftFilingOn === null || reference === null || v.leftFilingOn <= reference)) return null;
  }

  const isUserSetDate = tracking?.userSetDueDate != null;
  const dueDate = tracking?.userSetDueDate ?? dating.dueDate;
  const fulfilledByEvent = tracking?.isDone === true ? null : fulfillingEvent(ctx, rule, subject, triggerDate, dating);
  const isDone = tracking?.isDone === true || fulfilledByEvent !== null;
  const reference = dueDate ?? (isUserSetDate || dating.isAwaitingDay === true ? null : dating.window?.closes ?? null);
  const daysLeft = reference === null ? null : daysBetween(ctx.today, reference);
  const status = statusOf(rule.limit, reference, daysLeft, isDone);
  const dueText = dueDate !== null
    ? dueDate
    : dating.dueText
      ?? (dating.window !== null ? `${dating.window.opens}至${dating.window.closes}` : rule.offset !== null && rule.statedInText ? needsTriggerText(rule.trigger.label) : UNDATED_TEXT);
  // Built when first read: a 10,000-vehicle fleet's list needs dates and statuses, not 20,000 paragraphs.
  let explanation: string | undefined;
  return {
    key, scheduleKey, itemId: item.id, itemTitle: item.title, ruleId: rule.id, title: rule.label,
    actor: rule.actor, limit: rule.limit, authority: item.authority,
    basis: {
      documentId: document.id, documentTitle: document.title, docNumber: document.docNumber, citation: rule.citation,
      reference: info.reference,
      legalBasis: isUserSetDate ? '' : dating.legalBasis,
      get explanation(): string {
        explanation ??= explainDuty(rule, occurrence, dating, tracking, isUncertain, fulfilledByEvent, info.authorityActs);
        return explanation;
      },
    },
    trigger: { kind: rule.trigger.kind, label: rule.trigger.label, date: triggerDate, source: occurrence.source },
    dueDate, window: isUserSetDate ? null : dating.window, dueText,
    isProvisional: !isUserSetDate && dating.isProvisional,
    statedInText: rule.statedInText, isUserSetDate,
    isApplicabilityUncertain: isUncertain,
    status, daysLeft,
    subject: { kind: subject.kind, id: subject.id, label: subject.label },
    periodKey: occurrence.periodKey, tracking, fulfilledByEvent, authorityActs: info.authorityActs, note: rule.note,
  };
}

/**
 * The recorded event that is the act itself (rule.fulfilledBy): on or after the trigger for a
 * period that runs from it, inside the window for a window (a 备案延续 recorded in its 30 days).
 */
function fulfillingEvent(ctx: Context, rule: DeadlineRule, subject: Subject, triggerDate: IsoDate | null, dating: Dating): Duty['fulfilledByEvent'] {
  const kinds = rule.fulfilledBy ?? [];
  if (kinds.length === 0 || triggerDate === null) return null;
  let found: Duty['fulfilledByEvent'] = null;
  for (const e of ctx.record.events) {
    if (!kinds.includes(e.kind)) continue;
    if (subject.kind !== 'company' && e.subjectId !== null && e.subjectId !== subject.id) continue;
    const inRange = dating.window !== null && rule.direction === 'window'
      ? e.date >= dating.window.opens && e.date <= dating.window.closes
      : e.date >= triggerDate;
    if (inRange && (found === null || e.date < found.date)) found = { kind: e.kind, label: EVENT_KINDS[e.kind], date: e.date };
  }
  return found;
}

/** A recurring duty with no day in the text: the day the user set, else the whole period (本月内). */
function scheduleRecurring(ctx: Context, rule: DeadlineRule, occurrence: Occurrence, scheduleKey: string, dating: Dating): Dating {
  const p = occurrence.period;
  if (p === undefined || rule.offset !== null) return dating;
  const schedule = ctx.tracking.schedules[scheduleKey];
  if (schedule !== undefined) {
    const due = scheduledDate(p.start, schedule);
    return {
      ...dating, dueDate: due, window: null, dueText: null,
      explanation: `${periodLabel(p.start, p.every)}：原文未规定具体日期，按用户设定的报送日（期初后第${schedule.monthsAfterPeriodStart}个月的${schedule.dayOfMonth}日）为${formatDateZh(due)}。`,
    };
  }
  // The text states no day: no period is overdue until the officer records the day the authority
  // gave (once, for every period), so the occurrence is 待定 rather than "due within the period".
  return {
    ...dating, isAwaitingDay: true, dueText: AWAITING_DAY_TEXT,
    explanation: `${periodLabel(p.start, p.every)}（${formatDateZh(p.start)}至${formatDateZh(p.end)}）：原文未规定每期报送的具体日期，不按期末计为逾期；请设定主管部门或报送平台告知的报送日（设定一次，各期通用），设定后按该日计算。`,
  };
}

/** How the duty's date was found, step by step, in Chinese. */
function explainDuty(
  rule: DeadlineRule, occurrence: Occurrence, dating: Dating, tracking: DutyTracking | null, isUncertain: boolean,
  fulfilledByEvent: Duty['fulfilledByEvent'], authorityActs: readonly string[],
): string {
  const parts: string[] = [];
  const triggerDate = occurrence.date;
  if (rule.trigger.kind === 'fixedDate' && triggerDate !== null) {
    const label = rule.trigger.label.replace(/\s+/g, '');
    parts.push(`原文规定的日期：${formatDateZh(triggerDate)}${label === formatDateZh(triggerDate) ? '' : `（${rule.trigger.label}）`}。`);
  } else if (occurrence.period === undefined) {
    parts.push(triggerDate === null
      ? `触发：${rule.trigger.label}${occurrence.missing === undefined ? '' : '（日期未知）'}。`
      : `触发：${rule.trigger.label}，${formatDateZh(triggerDate)}（${occurrence.source}）。`);
  }
  if (dating.explanation !== '') parts.push(dating.explanation);
  const note = rule.note.trim().replace(/[。.]+$/, '');
  if (!rule.statedInText) {
    const isOpen = dating.dueDate === null && dating.window === null;
    parts.push(`原文未规定具体${isOpen ? '日期' : '期限'}${note === '' ? '' : `：${note}`}。${isOpen ? `${UNDATED_TEXT}，可填写主管部门告知的日期。` : ''}`);
  } else if (note !== '') {
    parts.push(`注：${note}。`);
  }
  if (tracking?.userSetDueDate != null) {
    const computed = dating.dueDate;
    parts.push(`按用户填写的日期${formatDateZh(tracking.userSetDueDate)}跟踪${computed === null ? '（依主管部门通知）' : `（按规则计算的日期为${formatDateZh(computed)}）`}。`);
  }
  if (fulfilledByEvent !== null) parts.push(`已完成：事件记录“${fulfilledByEvent.label}”（${formatDateZh(fulfilledByEvent.date)}）。`);
  if (authorityActs.length > 0) parts.push(`主管部门的办理时限（供参考，不是企业的待办）：${authorityActs.join('；')}。`);
  if (isUncertain) parts.push('是否适用待确认：相关信息不全，请补充企业或对象信息。');
  return parts.join('');
}

function scheduledDate(periodStart: IsoDate, schedule: RecurringSchedule): IsoDate {
  const month = addMonthsClamped(periodStart, schedule.monthsAfterPeriodStart).date;
  const { year, month: m } = toParts(month);
  return fromParts(year, m, Math.min(schedule.dayOfMonth, daysInMonth(year, m)));
}

function statusOf(limit: DeadlineRule['limit'], date: IsoDate | null, daysLeft: number | null, isDone: boolean): DutyStatus {
  if (isDone) return 'done';
  if (date === null || daysLeft === null) return 'undated';
  if (limit === 'earliest') return daysLeft > 0 ? 'waiting' : 'available';
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= 7) return 'dueWithin7';
  if (daysLeft <= 30) return 'dueWithin30';
  return 'later';
}

/** Counts per status, for summaries. */
export function countByStatus(duties: readonly Duty[]): Record<DutyStatus, number> {
  const counts = Object.fromEntries(DUTY_STATUSES.map((s) => [s, 0])) as Record<DutyStatus, number>;
  for (const d of duties) counts[d.status]++;
  return counts;
}
