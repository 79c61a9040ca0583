/*
 * The straightforward matching engine as it was before issue 15's speed work (shared/policy/evaluate.ts
 * at 8fcbb27), kept verbatim as the reference the optimised engine must equal, result for result.
 * Only the import paths differ. Do not optimise this file. It duplicates evaluate.ts on purpose, as
 * an oracle: a deliberate change of what matching decides is made here too, in the plain form.
 */
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import { assertNever } from '../../../shared/util/assertNever';
import { FACTS, factAnswerKey, factLabel, factQuestion, isAnswerFact, readFact, type FactQuestion, type FactReading } from '../../../shared/policy/facts';
import type {
  Citation, Condition, FactCondition, ItemExample, ItemKind, KnowledgeBase, PolicyDocument, PolicyItem, PresumptionRule, Question,
} from '../../../shared/policy/knowledgeBase';

/*
 * Matching a company against the knowledge base. Three-valued: a condition passes, fails, or is
 * unknown because a fact is missing; unknowns that could change the result become questions.
 * Pure and synchronous; facts are read once per (record, date) through a cache.
 */

export type Applicability = 'yes' | 'no' | 'unknown';
export type Outcome = 'pass' | 'fail' | 'unknown';

/** A presumed answer in force: what is taken as the answer, and why, in words. */
export interface PresumptionUse {
  /** The answer key it stands in for (company.answers[key]); also the key to overturn it. */
  readonly key: string;
  readonly value: string | number | boolean;
  /** "面向高端仪器装备和传感器产业；本企业行业为 F5251 药品零售". */
  readonly reason: string;
}

/** Reads facts for one evaluation; implementations cache. */
export interface FactSource {
  readonly read: (fact: string, param: string | undefined) => FactReading;
  /** The presumption standing in for an unknown fact, if any (never when the officer overturned it). */
  readonly presumed?: (fact: string, param: string | undefined) => PresumptionUse | undefined;
}

/** Presumption rules by answer key: knowledge-base questions first, then registry facts (facts.ts). */
export type PresumptionIndex = ReadonlyMap<string, PresumptionRule>;

const presumptionIndexes = new WeakMap<KnowledgeBase, PresumptionIndex>();

export function presumptionIndexOf(kb: KnowledgeBase): PresumptionIndex {
  let index = presumptionIndexes.get(kb);
  if (index === undefined) {
    const map = new Map<string, PresumptionRule>();
    for (const doc of kb.documents) for (const item of doc.items) for (const q of item.questions) if (q.presume !== undefined && !map.has(q.key)) map.set(q.key, q.presume);
    index = map;
    presumptionIndexes.set(kb, index);
  }
  return index;
}

function presumptionsOfItem(item: PolicyItem): PresumptionIndex {
  return new Map(item.questions.flatMap((q) => (q.presume === undefined ? [] : [[q.key, q.presume] as const])));
}

function answerKeyOf(fact: string, param: string | undefined): string {
  return isAnswerFact(fact) ? fact : factAnswerKey(fact, param);
}

function factText(reading: FactReading, fact: string): string {
  return reading.value === undefined ? '未知' : formatValue(reading, unitOf(fact, undefined));
}

/** The `because` text with `{fact}` / `{fact:param}` replaced by the values read. */
function fillBecause(template: string, read: FactSource['read']): string {
  return template.replace(/\{([A-Za-z0-9_.]+)(?::([^}]+))?\}/g, (_m, fact: string, param: string | undefined) => factText(read(fact, param), fact));
}

/**
 * Wraps a plain fact reader with presumptions: an unknown fact whose rule's `when` passes on the
 * facts known is read as the presumed value, marked as such. Overturned keys are never presumed.
 */
function withPresumptions(plain: FactSource['read'], rules: PresumptionIndex, overturned: ReadonlySet<string>): FactSource {
  const uses = new Map<string, PresumptionUse | null>();
  const presumed = (fact: string, param: string | undefined): PresumptionUse | undefined => {
    const key = answerKeyOf(fact, param);
    const cached = uses.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let use: PresumptionUse | null = null;
    const rule = rules.get(key) ?? FACTS.get(fact)?.presume;
    if (rule !== undefined && !overturned.has(key) && plain(fact, param).value === undefined) {
      // `when` reads known facts only (no presumption builds on another), so the chain stays one step long.
      if (evaluateNode(rule.when, { read: plain }).outcome === 'pass') {
        use = { key, value: rule.value, reason: `${rule.audience}；${fillBecause(rule.because, plain)}` };
      }
    }
    uses.set(key, use);
    return use ?? undefined;
  };
  return {
    read(fact, param) {
      const reading = plain(fact, param);
      if (reading.value !== undefined) return reading;
      const use = presumed(fact, param);
      return use === undefined ? reading : { value: use.value, detail: `推定：${use.reason}` };
    },
    presumed,
  };
}

export function createFactContext(record: CompanyRecord, date: IsoDate, presumptions?: PresumptionIndex): FactSource {
  const cache = new Map<string, FactReading>();
  const plain = (fact: string, param: string | undefined): FactReading => {
    const key = param === undefined ? fact : `${fact}\u0000${param}`;
    let reading = cache.get(key);
    if (reading === undefined) {
      reading = readFact(record, date, fact, param);
      cache.set(key, reading);
    }
    return reading;
  };
  if (presumptions === undefined) return { read: plain };
  return withPresumptions(plain, presumptions, new Set(Object.keys(record.company.overturnedPresumptions ?? {})));
}

/**
 * Fact values given directly (keys `fact` or `fact:param`; null or absent = unknown), for examples
 * and tests; with `presumptions`, unknown answers are presumed as in the app.
 */
export function createFixedFacts(values: Readonly<Record<string, string | number | boolean | null>>, presumptions?: PresumptionIndex): FactSource {
  const plain = (fact: string, param: string | undefined): FactReading => {
    const value = values[param === undefined ? fact : `${fact}:${param}`];
    return value === undefined || value === null ? { value: undefined } : { value };
  };
  return presumptions === undefined ? { read: plain } : withPresumptions(plain, presumptions, new Set());
}

export interface ConditionReason {
  readonly conditionId: string;
  /** The condition's label, a requirement in plain words. */
  readonly condition: string;
  readonly scope: 'appliesWhen' | 'requirements';
  readonly op: Condition['op'];
  /** Nesting depth, for showing the tree (0 = top). */
  readonly depth: number;
  readonly fact?: string;
  readonly param?: string;
  /** The fact value used; null when unknown. */
  readonly value: string | number | boolean | readonly string[] | null;
  /** The value as shown: "1 名", "是", "未知（至少 1 名）". */
  readonly valueText: string;
  readonly detail?: string;
  readonly outcome: Outcome;
  readonly citation?: Citation;
}

export interface MissingFact {
  readonly fact: string;
  readonly param?: string;
  readonly label: string;
  /** The conditions waiting on this fact. */
  readonly conditionIds: readonly string[];
  /** The question to put to the user; the answer is saved as company.answers[question.key]. */
  readonly question: Question | FactQuestion;
  /** Where the underlying record lives, when the user would rather complete the record. */
  readonly recordField?: string;
  readonly detail?: string;
}

export interface Gap {
  readonly conditionId: string;
  /** Plain words: "医保管理人员：需 2 名劳动合同期限不少于 1 年且在合同期内，现有 1 名". */
  readonly text: string;
  readonly citation?: Citation;
}

export interface ItemEvaluation {
  readonly id: string;
  readonly documentId: string;
  readonly kind: ItemKind;
  readonly title: string;
  readonly applies: Applicability;
  /** For items with requirements that apply or may apply: are they met; otherwise null. */
  readonly requirementsMet: Applicability | null;
  readonly citation: Citation;
  readonly reasons: readonly ConditionReason[];
  readonly missingFacts: readonly MissingFact[];
  readonly gaps: readonly Gap[];
  /**
   * What the applicability rests on once decided: 'facts' (the records, the answers, the date) or
   * 'presumption' (it would be undecided without a presumed answer, listed in `presumptions`);
   * null while undecided.
   */
  readonly basis: 'facts' | 'presumption' | null;
  /** Likewise for `requirementsMet`: 'presumption' when a presumed answer (e.g. no recorded 协议解除) settles it. */
  readonly requirementsBasis: 'facts' | 'presumption' | null;
  /** Presumed answers the result rests on; each can be overturned by its key. */
  readonly presumptions: readonly PresumptionUse[];
  /** For a decided item: each fact it rests on with its value, and the sentence that makes it matter. */
  readonly grounds: readonly Ground[];
  /** The item's period (措施期限), when the text limits it, and where the judgement date falls. */
  readonly period?: { readonly label: string; readonly status: 'before' | 'within' | 'after'; readonly citation: Citation };
}

export interface Ground {
  /** "国民经济行业分类代码：F5251", "判断日 2026-12-05 已过措施期限（2021 年第四季度）". */
  readonly text: string;
  readonly citation: Citation;
  readonly presumed: boolean;
}

// ---------------------------------------------------------------------------------------------

const UNKNOWN_READING: FactReading = { value: undefined };

interface Node {
  readonly condition: Condition;
  readonly outcome: Outcome;
  readonly reading?: FactReading;
  /** Set on a leaf whose value is a presumed answer. */
  readonly presumption?: PresumptionUse;
  readonly children: readonly Node[];
}

const pass = (b: boolean): Outcome => (b ? 'pass' : 'fail');
const toApplicability = (o: Outcome): Applicability => (o === 'pass' ? 'yes' : o === 'fail' ? 'no' : 'unknown');

function compareNumbers(comparator: 'gte' | 'gt' | 'lte' | 'lt', a: number | string, b: number | string): boolean {
  switch (comparator) {
    case 'gte':
      return a >= b;
    case 'gt':
      return a > b;
    case 'lte':
      return a <= b;
    case 'lt':
      return a < b;
    default:
      return assertNever(comparator, 'comparator');
  }
}

function asList(value: FactCondition['value']): ReadonlyArray<string | number | boolean> {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as ReadonlyArray<string | number | boolean>) : [value as string | number | boolean];
}

function compareLeaf(c: FactCondition, reading: FactReading): Outcome {
  const v = reading.value;
  const expected = c.value;
  if (c.comparator === 'known') return v === undefined ? 'fail' : 'pass';
  if (v === undefined) {
    // A partly known count can still decide a threshold: at least 1 of 2 qualifies ≥ 1.
    const single = typeof expected === 'number' ? expected : undefined;
    if (single === undefined || reading.min === undefined || reading.max === undefined) return 'unknown';
    switch (c.comparator) {
      case 'gte':
        return reading.min >= single ? 'pass' : reading.max < single ? 'fail' : 'unknown';
      case 'gt':
        return reading.min > single ? 'pass' : reading.max <= single ? 'fail' : 'unknown';
      case 'lte':
        return reading.max <= single ? 'pass' : reading.min > single ? 'fail' : 'unknown';
      case 'lt':
        return reading.max < single ? 'pass' : reading.min >= single ? 'fail' : 'unknown';
      case 'eq':
      case 'neq':
      case 'in':
      case 'isTrue':
      case 'isFalse':
      case 'contains':
      case 'startsWith':
        return 'unknown';
      default:
        return assertNever(c.comparator, 'comparator');
    }
  }
  switch (c.comparator) {
    case 'isTrue':
      return typeof v === 'boolean' ? pass(v) : 'unknown';
    case 'isFalse':
      return typeof v === 'boolean' ? pass(!v) : 'unknown';
    case 'eq':
      return pass(v === expected);
    case 'neq':
      return pass(v !== expected);
    case 'in':
      return pass(asList(expected).some((x) => x === v));
    case 'gte':
    case 'gt':
    case 'lte':
    case 'lt': {
      if ((typeof v === 'number' && typeof expected === 'number') || (typeof v === 'string' && typeof expected === 'string')) {
        return pass(compareNumbers(c.comparator, v, expected));
      }
      return 'unknown';
    }
    case 'contains': {
      const wanted = asList(expected).map(String);
      if (typeof v === 'string') return pass(wanted.some((w) => v.includes(w)));
      if (Array.isArray(v)) return pass(wanted.some((w) => (v as readonly string[]).includes(w)));
      return 'unknown';
    }
    case 'startsWith': {
      const prefixes = asList(expected).map(String);
      return typeof v === 'string' ? pass(prefixes.some((p) => v.startsWith(p))) : 'unknown';
    }
    default:
      return assertNever(c.comparator, 'comparator');
  }
}

const NO_CHILDREN: readonly Node[] = [];

function combine(op: 'all' | 'any', children: readonly Node[]): Outcome {
  let hasPass = false;
  let hasFail = false;
  let hasUnknown = false;
  for (const child of children) {
    if (child.outcome === 'pass') hasPass = true;
    else if (child.outcome === 'fail') hasFail = true;
    else hasUnknown = true;
  }
  if (op === 'all') return hasFail ? 'fail' : hasUnknown ? 'unknown' : 'pass';
  return hasPass ? 'pass' : hasUnknown ? 'unknown' : 'fail';
}

function evaluateNode(condition: Condition, facts: FactSource): Node {
  switch (condition.op) {
    case 'fact': {
      const reading = facts.read(condition.fact, condition.param);
      const presumption = facts.presumed?.(condition.fact, condition.param);
      // A presumption stands in only for a fact the records leave unknown.
      const isPresumed = presumption !== undefined && reading.value === presumption.value;
      return { condition, outcome: compareLeaf(condition, reading), reading, ...(isPresumed ? { presumption } : {}), children: NO_CHILDREN };
    }
    case 'all':
    case 'any': {
      const children: Node[] = [];
      for (const c of condition.of) children.push(evaluateNode(c, facts));
      return { condition, outcome: combine(condition.op, children), children };
    }
    case 'not': {
      const child = evaluateNode(condition.of, facts);
      const outcome: Outcome = child.outcome === 'pass' ? 'fail' : child.outcome === 'fail' ? 'pass' : 'unknown';
      return { condition, outcome, children: [child] };
    }
    default:
      return assertNever(condition, 'condition');
  }
}

/** Evaluates one condition tree (e.g. a deadline rule's `when`) against a fact source. */
export function evaluateCondition(condition: Condition, facts: FactSource): Outcome {
  return evaluateNode(condition, facts).outcome;
}

function unitOf(fact: string, question: Question | undefined): string {
  return question?.unit ?? FACTS.get(fact)?.unit ?? '';
}

function withUnit(n: number, unit: string): string {
  return unit === '' ? String(n) : `${n} ${unit}`;
}

function formatValue(reading: FactReading, unit: string): string {
  const v = reading.value;
  if (v === undefined) {
    if (reading.min !== undefined && reading.max !== undefined) return `未知（${withUnit(reading.min, unit)} 至 ${withUnit(reading.max, unit)}）`;
    return '未知';
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return withUnit(v, unit);
  if (typeof v === 'string') return v;
  return v.join('、');
}

type MutableReason = { -readonly [K in keyof ConditionReason]: ConditionReason[K] };

function flatten(node: Node, scope: ConditionReason['scope'], depth: number, questions: ReadonlyMap<string, Question>, out: ConditionReason[]): void {
  const c = node.condition;
  let reason: MutableReason;
  if (c.op === 'fact') {
    const reading = node.reading ?? UNKNOWN_READING;
    reason = {
      conditionId: c.id, condition: c.label, scope, op: c.op, depth, fact: c.fact,
      value: reading.value ?? null,
      valueText: formatValue(reading, unitOf(c.fact, questions.get(c.fact))),
      outcome: node.outcome,
    };
    if (c.param !== undefined) reason.param = c.param;
    if (reading.detail !== undefined) reason.detail = reading.detail;
  } else {
    reason = { conditionId: c.id, condition: c.label, scope, op: c.op, depth, value: null, valueText: '', outcome: node.outcome };
  }
  if (c.citation !== undefined) reason.citation = c.citation;
  out.push(reason);
  for (const child of node.children) flatten(child, scope, depth + 1, questions, out);
}

/** Unknown leaves whose answer could change the node's outcome (for applicability: ask no more than needed). */
function decisiveUnknowns(node: Node, out: Node[]): void {
  if (node.outcome !== 'unknown') return;
  if (node.condition.op === 'fact') {
    out.push(node);
    return;
  }
  for (const child of node.children) decisiveUnknowns(child, out);
}

/**
 * Unknown leaves still to settle in requirements: also those beside a requirement already failed,
 * because the officer completes the whole application file, not just the first gap. Unknowns in
 * an `any` group that already passes are moot.
 */
function openUnknowns(node: Node, out: Node[]): void {
  if (node.condition.op === 'fact') {
    if (node.outcome === 'unknown') out.push(node);
    return;
  }
  if (node.condition.op === 'any' && node.outcome === 'pass') return;
  for (const child of node.children) openUnknowns(child, out);
}

function gapText(c: FactCondition, reading: FactReading, questions: ReadonlyMap<string, Question>): string {
  const value = reading.value !== undefined ? formatPlain(reading.value) : reading.min !== undefined ? String(reading.min) : '未知';
  if (c.gap !== undefined) return c.gap.replaceAll('{value}', value);
  return `未满足：${c.label}（现为${formatValue(reading, unitOf(c.fact, questions.get(c.fact)))}）`;
}

function formatPlain(v: string | number | boolean | readonly string[]): string {
  if (typeof v === 'boolean') return v ? '是' : '否';
  return Array.isArray(v) ? v.join('、') : String(v);
}

/** Failed requirements in plain words: the failing leaves of failing `all` groups, or a failed group as a whole. */
function collectGaps(node: Node, questions: ReadonlyMap<string, Question>, out: Gap[]): void {
  if (node.outcome !== 'fail') return;
  const c = node.condition;
  const citation = c.citation === undefined ? {} : { citation: c.citation };
  switch (c.op) {
    case 'fact':
      out.push({ conditionId: c.id, text: gapText(c, node.reading ?? { value: undefined }, questions), ...citation });
      return;
    case 'all':
      for (const child of node.children) collectGaps(child, questions, out);
      return;
    case 'any':
    case 'not':
      out.push({ conditionId: c.id, text: `未满足：${c.label}`, ...citation });
      return;
    default:
      assertNever(c, 'condition');
  }
}

function missingFactsOf(leaves: readonly Node[], questions: ReadonlyMap<string, Question>, facts: FactSource): MissingFact[] {
  const byKey = new Map<string, { fact: string; param: string | undefined; ids: string[] }>();
  for (const leaf of leaves) {
    if (leaf.condition.op !== 'fact') continue;
    const { fact, param, id } = leaf.condition;
    const key = param === undefined ? fact : `${fact}:${param}`;
    const entry = byKey.get(key);
    if (entry === undefined) byKey.set(key, { fact, param, ids: [id] });
    else if (!entry.ids.includes(id)) entry.ids.push(id);
  }
  return [...byKey.values()].map(({ fact, param, ids }) => {
    const asked = isAnswerFact(fact) ? questions.get(fact) : undefined;
    const question: Question | FactQuestion = asked ?? (isAnswerFact(fact) ? { key: fact, text: `请回答：${fact}`, type: 'text' } : factQuestion(fact, param));
    const recordField = FACTS.get(fact)?.recordField;
    const detail = facts.read(fact, param).detail;
    return {
      fact, ...(param === undefined ? {} : { param }),
      label: isAnswerFact(fact) ? question.text : factLabel(fact, param),
      conditionIds: ids, question,
      ...(recordField === undefined ? {} : { recordField }),
      ...(detail === undefined ? {} : { detail }),
    };
  });
}

const questionIndexes = new WeakMap<PolicyItem, ReadonlyMap<string, Question>>();

function questionIndex(item: PolicyItem): ReadonlyMap<string, Question> {
  let index = questionIndexes.get(item);
  if (index === undefined) {
    index = new Map(item.questions.map((q) => [q.key, q]));
    questionIndexes.set(item, index);
  }
  return index;
}

/** The outcome with presumed leaves taken as unknown: what the facts alone decide. */
function outcomeOnFacts(node: Node): Outcome {
  const c = node.condition;
  switch (c.op) {
    case 'fact':
      return node.presumption === undefined ? node.outcome : 'unknown';
    case 'all':
    case 'any':
      return combine(c.op, node.children.map((child) => ({ ...child, outcome: outcomeOnFacts(child) })));
    case 'not': {
      const o = outcomeOnFacts(node.children[0] as Node);
      return o === 'pass' ? 'fail' : o === 'fail' ? 'pass' : 'unknown';
    }
    default:
      return assertNever(c, 'condition');
  }
}

function presumptionsIn(node: Node, out: PresumptionUse[]): void {
  if (node.presumption !== undefined && !out.some((p) => p.key === node.presumption?.key)) out.push(node.presumption);
  for (const child of node.children) presumptionsIn(child, out);
}

/**
 * The leaves that decide a decided node: every child of a passing `all` or failing `any`, the
 * failing children of a failing `all`, the passing children of a passing `any`. Each leaf is
 * cited with its own sentence, else its nearest cited group's, else the item's.
 */
function decidingLeaves(node: Node, inherited: Citation, questions: ReadonlyMap<string, Question>, out: Ground[]): void {
  const c = node.condition;
  const citation = c.citation ?? inherited;
  if (c.op === 'fact') {
    const reading = node.reading ?? UNKNOWN_READING;
    const label = isAnswerFact(c.fact) ? (questions.get(c.fact)?.text ?? c.label) : factLabel(c.fact, c.param);
    const value = formatValue(reading, unitOf(c.fact, questions.get(c.fact)));
    out.push({ text: `${label}：${value}${node.presumption === undefined ? '' : '（推定）'} → ${node.outcome === 'pass' ? '满足' : '不满足'}“${c.label}”`, citation, presumed: node.presumption !== undefined });
    return;
  }
  const wanted: Outcome = node.outcome;
  const children = c.op === 'not' ? node.children : node.children.filter((child) => child.outcome === wanted);
  for (const child of children) decidingLeaves(child, citation, questions, out);
}

function periodStatus(period: NonNullable<PolicyItem['period']>, date: IsoDate | undefined): 'before' | 'within' | 'after' {
  if (date === undefined) return 'within';
  if (period.until !== undefined && date > period.until) return 'after';
  if (period.from !== undefined && date < period.from) return 'before';
  return 'within';
}

function judgementDateOf(facts: FactSource): IsoDate | undefined {
  const v = facts.read('evaluation.date', undefined).value;
  return typeof v === 'string' ? (v as IsoDate) : undefined;
}

/** Evaluates one item against a fact source (a company on a date, or fixed facts). */
export function evaluateItem(item: PolicyItem, document: Pick<PolicyDocument, 'id' | 'isGovernmentOnly'>, facts: FactSource): ItemEvaluation {
  const questions = questionIndex(item);
  const base = { id: item.id, documentId: document.id, kind: item.kind, title: item.title, citation: item.citation };
  if (document.isGovernmentOnly) {
    return { ...base, applies: 'no', requirementsMet: null, reasons: [], missingFacts: [], gaps: [], basis: 'facts', requirementsBasis: null, presumptions: [], grounds: [{ text: '文件仅涉及政府部门，不对企业设定事项', citation: item.citation, presumed: false }] };
  }
  let period: ItemEvaluation['period'];
  if (item.period !== undefined) {
    const date = judgementDateOf(facts);
    const status = periodStatus(item.period, date);
    period = { label: item.period.label, status, citation: item.period.citation };
    if (status !== 'within' && date !== undefined) {
      const text = status === 'after'
        ? `判断日 ${date} 已过措施期限（${item.period.label}）`
        : `判断日 ${date} 尚未进入措施期限（${item.period.label}）`;
      return { ...base, applies: 'no', requirementsMet: null, reasons: [], missingFacts: [], gaps: [], basis: 'facts', requirementsBasis: null, presumptions: [], grounds: [{ text, citation: item.period.citation, presumed: false }], period };
    }
  }
  const reasons: ConditionReason[] = [];
  const pending: Node[] = [];
  let applies: Applicability = 'yes';
  let basis: ItemEvaluation['basis'] = 'facts';
  const presumptions: PresumptionUse[] = [];
  const grounds: Ground[] = [];
  if (item.appliesWhen !== undefined) {
    const node = evaluateNode(item.appliesWhen, facts);
    applies = toApplicability(node.outcome);
    flatten(node, 'appliesWhen', 0, questions, reasons);
    decisiveUnknowns(node, pending);
    if (applies === 'unknown') basis = null;
    else {
      if (outcomeOnFacts(node) !== node.outcome) {
        basis = 'presumption';
        presumptionsIn(node, presumptions);
      }
      decidingLeaves(node, item.citation, questions, grounds);
    }
  } else {
    grounds.push({ text: '原文未限定适用对象：适用于所有企业', citation: item.citation, presumed: false });
  }
  let requirementsMet: Applicability | null = null;
  let requirementsBasis: ItemEvaluation['requirementsBasis'] = null;
  const gaps: Gap[] = [];
  if (item.requirements !== undefined && applies !== 'no') {
    const node = evaluateNode(item.requirements, facts);
    requirementsMet = toApplicability(node.outcome);
    if (requirementsMet !== 'unknown') requirementsBasis = outcomeOnFacts(node) === node.outcome ? 'facts' : 'presumption';
    presumptionsIn(node, presumptions);
    flatten(node, 'requirements', 0, questions, reasons);
    // Whether the company meets an item's conditions is asked only once the item is known to apply:
    // asking 是否被列为失信被执行人 before knowing whether the company issues prepaid cards at all makes
    // the 企业画像 longer without deciding anything. Known gaps are still shown for items that may apply.
    if (applies === 'yes') openUnknowns(node, pending);
    collectGaps(node, questions, gaps);
  }
  const missingFacts = pending.length === 0 ? [] : missingFactsOf(pending, questions, facts);
  return {
    ...base, applies, requirementsMet, reasons, missingFacts, gaps, basis, requirementsBasis, presumptions, grounds,
    ...(period === undefined ? {} : { period }),
  };
}

/** Every item of every enterprise-facing document, for one company on one date. */
export function evaluateCompany(kb: KnowledgeBase, record: CompanyRecord, date: IsoDate): ItemEvaluation[] {
  const facts = createFactContext(record, date, presumptionIndexOf(kb));
  const out: ItemEvaluation[] = [];
  for (const document of kb.documents) {
    if (document.isGovernmentOnly) continue;
    for (const item of document.items) out.push(evaluateItem(item, document, facts));
  }
  return out;
}

/** Runs an item's own example (a case written from the policy text). */
export function evaluateExample(item: PolicyItem, documentId: string, example: ItemExample): ItemEvaluation {
  return evaluateItem(item, { id: documentId, isGovernmentOnly: false }, createFixedFacts(example.facts, presumptionsOfItem(item)));
}

/** The overview's counts: what `cli evaluate --json` prints as `summary` and 合规概览 shows. */
export interface EvaluationSummary {
  /** Items of enterprise-facing documents. */
  readonly enterpriseFacing: number;
  readonly applicable: number;
  readonly undecided: number;
  readonly notApplicable: number;
  /** Of applicable and not applicable: decided on a presumption the officer may overturn. */
  readonly presumed: number;
  readonly presumedApplicable: number;
  readonly presumedNotApplicable: number;
  /** Distinct questions still open on items that apply or may apply. */
  readonly openQuestions: number;
}

/** Open questions of items that apply or may apply, by answer key, each once with the items waiting on it. */
export function openQuestionsOf<E extends { readonly evaluation: ItemEvaluation }>(entries: readonly E[]): Map<string, { missing: MissingFact; entries: E[] }> {
  const byKey = new Map<string, { missing: MissingFact; entries: E[] }>();
  for (const entry of entries) {
    if (entry.evaluation.applies === 'no') continue;
    for (const missing of entry.evaluation.missingFacts) {
      const found = byKey.get(missing.question.key);
      if (found === undefined) byKey.set(missing.question.key, { missing, entries: [entry] });
      else if (!found.entries.includes(entry)) found.entries.push(entry);
    }
  }
  return byKey;
}

export function summarizeEvaluations(results: readonly ItemEvaluation[]): EvaluationSummary {
  const count = (f: (e: ItemEvaluation) => boolean) => results.filter(f).length;
  return {
    enterpriseFacing: results.length,
    applicable: count((e) => e.applies === 'yes'),
    undecided: count((e) => e.applies === 'unknown'),
    notApplicable: count((e) => e.applies === 'no'),
    presumed: count((e) => e.basis === 'presumption'),
    presumedApplicable: count((e) => e.basis === 'presumption' && e.applies === 'yes'),
    presumedNotApplicable: count((e) => e.basis === 'presumption' && e.applies === 'no'),
    openQuestions: openQuestionsOf(results.map((evaluation) => ({ evaluation }))).size,
  };
}
