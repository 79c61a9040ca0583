import type { CompanyRecord } from '../domain/company';
import type { IsoDate } from '../domain/isoDate';
import { assertNever } from '../util/assertNever';
import { FACTS, factLabel, factQuestion, isAnswerFact, readFact, type FactQuestion, type FactReading } from './facts';
import type {
  Citation, Condition, FactCondition, ItemExample, ItemKind, KnowledgeBase, PolicyDocument, PolicyItem, Question,
} from './knowledgeBase';

/*
 * Matching a company against the knowledge base. Three-valued: a condition passes, fails, or is
 * unknown because a fact is missing; unknowns that could change the result become questions.
 * Pure and synchronous; facts are read once per (record, date) through a cache.
 */

export type Applicability = 'yes' | 'no' | 'unknown';
export type Outcome = 'pass' | 'fail' | 'unknown';

/** Reads facts for one evaluation; implementations cache. */
export interface FactSource {
  readonly read: (fact: string, param: string | undefined) => FactReading;
}

export function createFactContext(record: CompanyRecord, date: IsoDate): FactSource {
  const cache = new Map<string, FactReading>();
  return {
    read(fact, param) {
      const key = param === undefined ? fact : `${fact}\u0000${param}`;
      let reading = cache.get(key);
      if (reading === undefined) {
        reading = readFact(record, date, fact, param);
        cache.set(key, reading);
      }
      return reading;
    },
  };
}

/** Fact values given directly (keys `fact` or `fact:param`; null or absent = unknown), for examples and tests. */
export function createFixedFacts(values: Readonly<Record<string, string | number | boolean | null>>): FactSource {
  return {
    read(fact, param) {
      const value = values[param === undefined ? fact : `${fact}:${param}`];
      return value === undefined || value === null ? { value: undefined } : { value };
    },
  };
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
}

// ---------------------------------------------------------------------------------------------

const UNKNOWN_READING: FactReading = { value: undefined };

interface Node {
  readonly condition: Condition;
  readonly outcome: Outcome;
  readonly reading?: FactReading;
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
      return { condition, outcome: compareLeaf(condition, reading), reading, children: NO_CHILDREN };
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

/** Evaluates one item against a fact source (a company on a date, or fixed facts). */
export function evaluateItem(item: PolicyItem, document: Pick<PolicyDocument, 'id' | 'isGovernmentOnly'>, facts: FactSource): ItemEvaluation {
  const questions = questionIndex(item);
  if (document.isGovernmentOnly) {
    return { id: item.id, documentId: document.id, kind: item.kind, title: item.title, applies: 'no', requirementsMet: null, citation: item.citation, reasons: [], missingFacts: [], gaps: [] };
  }
  const reasons: ConditionReason[] = [];
  const pending: Node[] = [];
  let applies: Applicability = 'yes';
  if (item.appliesWhen !== undefined) {
    const node = evaluateNode(item.appliesWhen, facts);
    applies = toApplicability(node.outcome);
    flatten(node, 'appliesWhen', 0, questions, reasons);
    decisiveUnknowns(node, pending);
  }
  let requirementsMet: Applicability | null = null;
  const gaps: Gap[] = [];
  if (item.requirements !== undefined && applies !== 'no') {
    const node = evaluateNode(item.requirements, facts);
    requirementsMet = toApplicability(node.outcome);
    flatten(node, 'requirements', 0, questions, reasons);
    openUnknowns(node, pending);
    collectGaps(node, questions, gaps);
  }
  const missingFacts = pending.length === 0 ? [] : missingFactsOf(pending, questions, facts);
  return { id: item.id, documentId: document.id, kind: item.kind, title: item.title, applies, requirementsMet, citation: item.citation, reasons, missingFacts, gaps };
}

/** Every item of every enterprise-facing document, for one company on one date. */
export function evaluateCompany(kb: KnowledgeBase, record: CompanyRecord, date: IsoDate): ItemEvaluation[] {
  const facts = createFactContext(record, date);
  const out: ItemEvaluation[] = [];
  for (const document of kb.documents) {
    if (document.isGovernmentOnly) continue;
    for (const item of document.items) out.push(evaluateItem(item, document, facts));
  }
  return out;
}

/** Runs an item's own example (a case written from the policy text). */
export function evaluateExample(item: PolicyItem, documentId: string, example: ItemExample): ItemEvaluation {
  return evaluateItem(item, { id: documentId, isGovernmentOnly: false }, createFixedFacts(example.facts));
}
