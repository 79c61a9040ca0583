import type { CompanyRecord } from '../domain/companyRecord';
import type { IsoDate } from '../domain/isoDate';
import { assertNever } from '../util/assertNever';
import {
  FACTS, factAnswerKey, factLabel, factQuestion, factReader, isAnswerFact, readFact, type FactQuestion, type FactReading, type FactScalar,
} from './facts';
import type {
  Citation, Condition, FactCondition, GroupCondition, ItemExample, ItemKind, KnowledgeBase, NotCondition, PolicyDocument, PolicyItem, PresumptionRule,
  Question,
} from './knowledgeBase';

/*
 * Matching a company against the knowledge base. Three-valued: a condition passes, fails, or is
 * unknown because a fact is missing; unknowns that could change the result become questions.
 * Pure and synchronous; facts are read once per (record, date) through a cache, and each item's
 * conditions are compiled once (see "Compiled items" below).
 */

export type Applicability = 'yes' | 'no' | 'unknown';
export type Outcome = 'pass' | 'fail' | 'unknown';

/** A presumed answer in force: what is taken as the answer, and why, in words. */
interface PresumptionUse {
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

/** A leaf's fact as one evaluation sees it: the reading, and the presumption when the value is a presumed one. */
interface LeafValue {
  readonly reading: FactReading;
  /** Set only when the reading's value is the presumed answer (a presumption stands in only for an unknown fact). */
  readonly presumption: PresumptionUse | undefined;
  /**
   * Within the leaf's slot, a number for everything the results can show of this value (the
   * value, its range and detail, the presumption's value and reason); -1 when not remembered.
   */
  readonly id: number;
  /**
   * For a known value with a detail and nothing else (企业规模 with how it was worked out): a number
   * for the value alone, within the slot; -1 otherwise. See `memoKey`.
   */
  readonly valueOnlyId: number;
}

/**
 * The fast path of a company's fact context: a leaf's value by its slot (one per distinct fact and
 * parameter), computed once per context. Other fact sources go through `read` and `presumed`.
 */
const LEAF_VALUE = Symbol('leafValue');
const COMBINATION = Symbol('combination');
const REASONS = Symbol('reasons');
interface FastFactSource extends FactSource {
  readonly [LEAF_VALUE]: (leaf: CompiledLeaf) => LeafValue;
  /** The number of the combination of values the tuple's leaves read now (see LeafTuple); -1: not numbered. */
  readonly [COMBINATION]: (tuple: LeafTuple) => number;
  /** This company's leaf reasons made for remembered results, by reason shape and outcome. */
  readonly [REASONS]: (ConditionReason | undefined)[];
}

function isFast(facts: FactSource): facts is FastFactSource {
  return (facts as Partial<FastFactSource>)[LEAF_VALUE] !== undefined;
}

/** Slot numbers for (fact, param) pairs, shared by every compiled condition. */
const slotIds = new Map<string, number>();
const cacheKeyOf = (fact: string, param: string | undefined): string => (param === undefined ? fact : `${fact}\u0000${param}`);
/** Each slot's fact reader (readFact for its fact and param). */
const slotReaders: ((record: CompanyRecord, date: IsoDate) => FactReading)[] = [];
function slotOf(key: string, fact: string, param: string | undefined): number {
  let slot = slotIds.get(key);
  if (slot === undefined) {
    slot = slotIds.size;
    slotIds.set(key, slot);
    slotReaders[slot] = factReader(fact, param);
  }
  return slot;
}

type PresumedByKey = (key: string, fact: string, param: string | undefined) => PresumptionUse | undefined;
/** A plain fact read with its cache key (cacheKeyOf) worked out already. */
type KeyedRead = (key: string, fact: string, param: string | undefined) => FactReading;

/** A condition with each leaf's cache key worked out, for reading facts without building keys. */
type KeyedCondition =
  | { readonly op: 'fact'; readonly condition: FactCondition; readonly key: string }
  | { readonly op: 'all' | 'any'; readonly of: readonly KeyedCondition[] }
  | { readonly op: 'not'; readonly of: KeyedCondition };

function keyedCondition(c: Condition): KeyedCondition {
  switch (c.op) {
    case 'fact':
      return { op: 'fact', condition: c, key: cacheKeyOf(c.fact, c.param) };
    case 'all':
    case 'any':
      return { op: c.op, of: c.of.map(keyedCondition) };
    case 'not':
      return { op: 'not', of: keyedCondition(c.of) };
    default:
      return assertNever(c, 'condition');
  }
}

function keyedOutcome(c: KeyedCondition, read: KeyedRead): Outcome {
  switch (c.op) {
    case 'fact':
      return compareLeaf(c.condition, read(c.key, c.condition.fact, c.condition.param));
    case 'all':
    case 'any': {
      let hasPass = false;
      let hasFail = false;
      let hasUnknown = false;
      for (const child of c.of) {
        const o = keyedOutcome(child, read);
        if (o === 'pass') hasPass = true;
        else if (o === 'fail') hasFail = true;
        else hasUnknown = true;
      }
      return combineFlags(c.op, hasPass, hasFail, hasUnknown);
    }
    case 'not':
      return invert(keyedOutcome(c.of, read));
    default:
      return assertNever(c, 'condition');
  }
}

/** A fact a rule reads (in `when` or a `because` placeholder): the fact and param, their cache key and slot. */
interface RuleRead { readonly fact: string; readonly param: string | undefined; readonly key: string; readonly slot: number }

/** A presumption rule made ready once: its `when` keyed, its `because` cut at the placeholders. */
interface CompiledRule {
  readonly when: KeyedCondition;
  /** Text, then a placeholder, alternately (see fillBecause). */
  readonly because: readonly (string | RuleRead)[];
  /** Every fact `when` and `because` read, each once: what decides the rule's use. */
  readonly reads: readonly RuleRead[];
  /** Uses already made, by answer key and reason: equal uses are one object, shared (frozen). */
  readonly uses: Map<string, Map<string, PresumptionUse>>;
  /** The tuple of `reads` (interned: rules reading the same facts share one). */
  readonly tuple: ReadTuple;
  /**
   * Company contexts only: the use (null: `when` does not pass) by answer key, then by the combination
   * number of the values `reads` has (see ReadTuple), of which `when` and the reason are functions.
   */
  readonly usesByCombination: Map<string, (PresumptionUse | null | undefined)[]>;
}

/**
 * Facts read together by presumption rules (most read 行业代码, 行业名称 and 经营范围): each combination
 * of their value ids (valueId, plain readings) met is numbered once, per tuple, so that a company
 * works out its combination once for all the rules reading these facts.
 */
interface ReadTuple {
  readonly index: number;
  readonly reads: readonly RuleRead[];
  readonly root: CombinationNode;
  combinations: number;
}

/** A class, so that every node has one shape (lookups stay monomorphic). */
class CombinationNode {
  /** At the end of a path: the combination's number; -1 inside. */
  combination = -1;
  next: (CombinationNode | undefined)[] | undefined = undefined;
}

/** Combinations numbered per tuple, bounded; beyond, uses are decided anew for each company. */
const COMBINATIONS_PER_TUPLE = 4096;

const readTuples = new Map<string, ReadTuple>();

function readTupleOf(reads: readonly RuleRead[]): ReadTuple {
  const name = reads.map((r) => r.slot).join(',');
  let tuple = readTuples.get(name);
  if (tuple === undefined) {
    tuple = { index: readTuples.size, reads, root: new CombinationNode(), combinations: 0 };
    readTuples.set(name, tuple);
  }
  return tuple;
}

/** The number of the combination of values the tuple's facts have now (numbered if new); -1 if not numbered. */
function combinationOf(tuple: ReadTuple, plainIdOf: PlainIdOf): number {
  let node: CombinationNode | undefined = tuple.root;
  for (const read of tuple.reads) {
    const id = plainIdOf(read.slot, read.fact, read.param);
    node = id < 0 ? undefined : childOf(tuple, node, id);
    if (node === undefined) return -1;
  }
  return numberOf(tuple, node);
}

/** The trie node after `node` for value id `id`, made if new; undefined once the tuple is full. */
function childOf(tuple: { combinations: number }, node: CombinationNode, id: number): CombinationNode | undefined {
  const next = node.next?.[id];
  if (next !== undefined) return next;
  if (tuple.combinations >= COMBINATIONS_PER_TUPLE) return undefined;
  const made = new CombinationNode();
  node.next ??= [];
  node.next[id] = made;
  return made;
}

/** The number of the combination ending at `node`, given if new; -1 once the tuple is full. */
function numberOf(tuple: { combinations: number }, node: CombinationNode): number {
  if (node.combination < 0) {
    if (tuple.combinations >= COMBINATIONS_PER_TUPLE) return -1;
    node.combination = tuple.combinations++;
  }
  return node.combination;
}

const compiledRules = new WeakMap<PresumptionRule, CompiledRule>();

function compiledRule(rule: PresumptionRule): CompiledRule {
  let compiled = compiledRules.get(rule);
  if (compiled === undefined) {
    const reads = new Map<string, RuleRead>();
    const readOf = (fact: string, param: string | undefined): RuleRead => {
      const key = cacheKeyOf(fact, param);
      let read = reads.get(key);
      if (read === undefined) {
        read = { fact, param, key, slot: slotOf(key, fact, param) };
        reads.set(key, read);
      }
      return read;
    };
    const when = keyedCondition(rule.when);
    const visit = (c: KeyedCondition): void => {
      if (c.op === 'fact') readOf(c.condition.fact, c.condition.param);
      else if (c.op === 'not') visit(c.of);
      else c.of.forEach(visit);
    };
    visit(when);
    const because: (string | RuleRead)[] = [];
    const placeholder = /\{([A-Za-z0-9_.]+)(?::([^}]+))?\}/g;
    let at = 0;
    for (let m = placeholder.exec(rule.because); m !== null; m = placeholder.exec(rule.because)) {
      because.push(rule.because.slice(at, m.index), readOf(m[1] as string, m[2]));
      at = m.index + m[0].length;
    }
    because.push(rule.because.slice(at));
    const readList = [...reads.values()];
    compiled = { when, because, reads: readList, uses: new Map(), tuple: readTupleOf(readList), usesByCombination: new Map() };
    compiledRules.set(rule, compiled);
  }
  return compiled;
}

/** A plain reading's value id by slot (company contexts: see valueId), read on first use. */
type PlainIdOf = (slot: number, fact: string, param: string | undefined) => number;

/** A rule's remembered uses for an answer key, by combination. */
function usesOf(compiled: CompiledRule, key: string): (PresumptionUse | null | undefined)[] {
  let uses = compiled.usesByCombination.get(key);
  if (uses === undefined) {
    uses = [];
    compiled.usesByCombination.set(key, uses);
  }
  return uses;
}

/** A slot's presumption rule under one presumption index, compiled, with the root of its remembered uses; null: none. */
interface SlotRule {
  readonly rule: PresumptionRule;
  readonly compiled: CompiledRule;
  readonly key: string;
  readonly uses: (PresumptionUse | null | undefined)[];
}
const slotRulesByIndex = new WeakMap<PresumptionIndex, (SlotRule | null | undefined)[]>();

function slotRulesOf(rules: PresumptionIndex): (SlotRule | null | undefined)[] {
  let bySlot = slotRulesByIndex.get(rules);
  if (bySlot === undefined) {
    bySlot = [];
    slotRulesByIndex.set(rules, bySlot);
  }
  return bySlot;
}

/**
 * Presumptions over a plain fact reader: an unknown fact whose rule's `when` passes on the facts
 * known is read as the presumed value, marked as such. Overturned keys are never presumed.
 * `decideLeaf` is the company contexts' way: once per leaf slot, the slot's plain reading known to be unknown.
 */
function presumer(
  read: KeyedRead, rules: PresumptionIndex, overturned: ReadonlySet<string>, plainIdOf?: PlainIdOf,
): { byKey: PresumedByKey; decideLeaf: (leaf: CompiledLeaf) => PresumptionUse | undefined } {
  /** Combination numbers by tuple index, worked out once per context. */
  const combinations: number[] = [];
  const combinationNow = (tuple: ReadTuple): number => {
    if (plainIdOf === undefined) return -1;
    let combination = combinations[tuple.index];
    if (combination === undefined) {
      combination = combinationOf(tuple, plainIdOf);
      combinations[tuple.index] = combination;
    }
    return combination;
  };
  /** The use once the rule applies to an unknown, not overturned fact; `remembered`: the rule's uses for the key, if to be remembered. */
  const decideRule = (rule: PresumptionRule, compiled: CompiledRule, key: string, remembered: (PresumptionUse | null | undefined)[] | undefined): PresumptionUse | undefined => {
    const combination = remembered === undefined ? -1 : combinationNow(compiled.tuple);
    if (combination >= 0) {
      const known = (remembered as (PresumptionUse | null | undefined)[])[combination];
      if (known !== undefined) return known ?? undefined;
    }
    // `when` reads known facts only (no presumption builds on another), so the chain stays one step long.
    const use = keyedOutcome(compiled.when, read) === 'pass' ? makeUse(compiled, rule, key, read) : null;
    if (combination >= 0) (remembered as (PresumptionUse | null | undefined)[])[combination] = use;
    return use ?? undefined;
  };
  const uses = new Map<string, PresumptionUse | null>();
  const byKey: PresumedByKey = (key, fact, param) => {
    const cached = uses.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const rule = rules.get(key) ?? FACTS.get(fact)?.presume;
    let use: PresumptionUse | undefined;
    if (rule !== undefined && !overturned.has(key) && read(cacheKeyOf(fact, param), fact, param).value === undefined) {
      const compiled = compiledRule(rule);
      use = decideRule(rule, compiled, key, plainIdOf === undefined ? undefined : usesOf(compiled, key));
    }
    uses.set(key, use ?? null);
    return use;
  };
  const slotRules = slotRulesOf(rules);
  const decideLeaf = (leaf: CompiledLeaf): PresumptionUse | undefined => {
    let slotRule = slotRules[leaf.slot];
    if (slotRule === undefined) {
      // The answer key and the fact are functions of the slot (fact and param).
      const rule = rules.get(leaf.answerKey) ?? FACTS.get(leaf.fact)?.presume;
      const compiled = rule === undefined ? undefined : compiledRule(rule);
      slotRule = rule === undefined || compiled === undefined ? null : { rule, compiled, key: leaf.answerKey, uses: usesOf(compiled, leaf.answerKey) };
      slotRules[leaf.slot] = slotRule;
    }
    if (slotRule === null || (overturned.size > 0 && overturned.has(slotRule.key))) return undefined;
    return decideRule(slotRule.rule, slotRule.compiled, slotRule.key, plainIdOf === undefined ? undefined : slotRule.uses);
  };
  return { byKey, decideLeaf };
}

/** The use of a rule whose `when` passed: the `because` text with `{fact}` / `{fact:param}` replaced by the values read. */
function makeUse(compiled: CompiledRule, rule: PresumptionRule, key: string, read: KeyedRead): PresumptionUse {
  let because = '';
  for (const part of compiled.because) because += typeof part === 'string' ? part : factText(read(part.key, part.fact, part.param), part.fact);
  const reason = `${rule.audience}；${because}`;
  let byReason = compiled.uses.get(key);
  if (byReason === undefined) {
    byReason = new Map();
    compiled.uses.set(key, byReason);
  }
  let use = byReason.get(reason);
  if (use === undefined) {
    use = Object.freeze({ key, value: rule.value, reason });
    if (byReason.size < SHARED_VALUES_PER_LEAF) byReason.set(reason, use);
  }
  return use;
}

const presumedReading = (use: PresumptionUse): FactReading => ({ value: use.value, detail: `推定：${use.reason}` });

/** Wraps a plain fact reader with presumptions (see `presumer`). */
function withPresumptions(
  keyed: KeyedRead, rules: PresumptionIndex, overturned: ReadonlySet<string>, plainIdOf?: PlainIdOf,
): FactSource & { readonly decideLeaf: (leaf: CompiledLeaf) => PresumptionUse | undefined } {
  const plain = (fact: string, param: string | undefined): FactReading => keyed(cacheKeyOf(fact, param), fact, param);
  const { byKey, decideLeaf } = presumer(keyed, rules, overturned, plainIdOf);
  const presumed = (fact: string, param: string | undefined): PresumptionUse | undefined => byKey(answerKeyOf(fact, param), fact, param);
  return {
    read(fact, param) {
      const reading = plain(fact, param);
      if (reading.value !== undefined) return reading;
      const use = presumed(fact, param);
      return use === undefined ? reading : presumedReading(use);
    },
    presumed,
    decideLeaf,
  };
}

export function createFactContext(record: CompanyRecord, date: IsoDate, presumptions?: PresumptionIndex): FactSource {
  // Readings by slot (every fact a compiled condition names), others by key.
  const readings = new Array<FactReading | undefined>(slotIds.size);
  let others: Map<string, FactReading> | undefined;
  const bySlot = (slot: number, fact: string, param: string | undefined): FactReading => {
    let reading = readings[slot];
    if (reading === undefined) {
      const reader = slotReaders[slot];
      reading = reader === undefined ? readFact(record, date, fact, param) : reader(record, date);
      readings[slot] = reading;
    }
    return reading;
  };
  const keyed = (key: string, fact: string, param: string | undefined): FactReading => {
    const slot = slotIds.get(key);
    if (slot !== undefined) return bySlot(slot, fact, param);
    others ??= new Map();
    let reading = others.get(key);
    if (reading === undefined) {
      reading = readFact(record, date, fact, param);
      others.set(key, reading);
    }
    return reading;
  };
  const plain = (fact: string, param: string | undefined): FactReading => keyed(cacheKeyOf(fact, param), fact, param);
  const slots = new Array<LeafValue | undefined>(slotIds.size);
  const combinations: number[] = [];
  const combinationNow = (readLeaf: LeafReader, tuple: LeafTuple): number => {
    let combination = combinations[tuple.index];
    if (combination === undefined) {
      combination = leafCombinationOf(tuple, readLeaf);
      combinations[tuple.index] = combination;
    }
    return combination;
  };
  if (presumptions === undefined) {
    const readLeaf = (leaf: CompiledLeaf): LeafValue => {
      let value = slots[leaf.slot];
      if (value === undefined) {
        const reading = bySlot(leaf.slot, leaf.fact, leaf.param);
        value = leafValue(leaf.slot, reading);
        slots[leaf.slot] = value;
      }
      return value;
    };
    const fast: FastFactSource = {
      read: plain,
      [LEAF_VALUE]: readLeaf,
      [COMBINATION]: (tuple) => combinationNow(readLeaf, tuple),
      [REASONS]: [],
    };
    return fast;
  }
  const plainIds: (number | undefined)[] = [];
  const plainIdOf: PlainIdOf = (slot, fact, param) => {
    let id = plainIds[slot];
    if (id === undefined) {
      id = valueId(slot, bySlot(slot, fact, param), undefined);
      plainIds[slot] = id;
    }
    return id;
  };
  const overturned = new Set(Object.keys(record.company.overturnedPresumptions ?? {}));
  const { read, presumed, decideLeaf } = withPresumptions(keyed, presumptions, overturned, plainIdOf);
  const readLeaf = (leaf: CompiledLeaf): LeafValue => {
    let value = slots[leaf.slot];
    if (value === undefined) {
      const reading = bySlot(leaf.slot, leaf.fact, leaf.param);
      // decideLeaf: for a leaf whose plain reading (this one) is unknown.
      const use = reading.value === undefined ? decideLeaf(leaf) : undefined;
      value = use === undefined ? leafValue(leaf.slot, reading) : presumedLeafValue(leaf.slot, use);
      slots[leaf.slot] = value;
    }
    return value;
  };
  const fast: FastFactSource = {
    read,
    presumed,
    [LEAF_VALUE]: readLeaf,
    [COMBINATION]: (tuple) => combinationNow(readLeaf, tuple),
    [REASONS]: [],
  };
  return fast;
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
  if (presumptions === undefined) return { read: plain };
  const { read, presumed } = withPresumptions((_key, fact, param) => plain(fact, param), presumptions, new Set());
  return { read, presumed };
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

interface Gap {
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

interface Ground {
  /** "国民经济行业分类代码：F5251", "判断日 2026-12-05 已过措施期限（2021 年第四季度）". */
  readonly text: string;
  readonly citation: Citation;
  readonly presumed: boolean;
}

// ---------------------------------------------------------------------------------------------

const UNKNOWN_READING: FactReading = { value: undefined };

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

function combineFlags(op: 'all' | 'any', hasPass: boolean, hasFail: boolean, hasUnknown: boolean): Outcome {
  if (op === 'all') return hasFail ? 'fail' : hasUnknown ? 'unknown' : 'pass';
  return hasPass ? 'pass' : hasUnknown ? 'unknown' : 'fail';
}

const invert = (o: Outcome): Outcome => (o === 'pass' ? 'fail' : o === 'fail' ? 'pass' : 'unknown');

/** A condition's outcome on a plain reader, building nothing (presumption `when`s, material and deadline conditions). */
function outcomeOf(condition: Condition, read: FactSource['read']): Outcome {
  switch (condition.op) {
    case 'fact':
      return compareLeaf(condition, read(condition.fact, condition.param));
    case 'all':
    case 'any': {
      let hasPass = false;
      let hasFail = false;
      let hasUnknown = false;
      for (const c of condition.of) {
        const o = outcomeOf(c, read);
        if (o === 'pass') hasPass = true;
        else if (o === 'fail') hasFail = true;
        else hasUnknown = true;
      }
      return combineFlags(condition.op, hasPass, hasFail, hasUnknown);
    }
    case 'not':
      return invert(outcomeOf(condition.of, read));
    default:
      return assertNever(condition, 'condition');
  }
}

/** Evaluates one condition tree (e.g. a deadline rule's `when`) against a fact source. */
export function evaluateCondition(condition: Condition, facts: FactSource): Outcome {
  return outcomeOf(condition, facts.read);
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

function formatPlain(v: string | number | boolean | readonly string[]): string {
  if (typeof v === 'boolean') return v ? '是' : '否';
  return Array.isArray(v) ? v.join('、') : String(v);
}

// ---------------------------------------------------------------------------------------------
// Compiled items (issue 15: matching 100,000 companies). Each item's condition trees are compiled
// once into nodes in pre-order with what never changes between companies worked out: depth, the
// citation a ground inherits, the unit and label of a leaf, the reason of a group for each outcome.
// An evaluation then fills two arrays (outcome and leaf value per node) and builds the result from
// them. Reasons and grounds that depend on a plain value only (no detail, no range, not presumed)
// are shared between evaluations: results are read-only, and each such object is frozen.

type Scope = ConditionReason['scope'];

interface CompiledBase {
  /** Position in the tree's pre-order list. */
  readonly index: number;
  readonly depth: number;
  /** The citation a deciding leaf below (or this leaf) is cited with. */
  readonly groundCitation: Citation;
}

interface CompiledLeaf extends CompiledBase {
  readonly op: 'fact';
  readonly condition: FactCondition;
  readonly fact: string;
  readonly param: string | undefined;
  /** The fact context's cache key for (fact, param), and the slot numbered for it. */
  readonly cacheKey: string;
  readonly slot: number;
  readonly answerKey: string;
  readonly unit: string;
  /** The fact's label in grounds: the question's text for answers, else the registry label. */
  readonly groundLabel: string;
  /** Reasons and grounds of plain values (no detail, no range, not presumed), shared. */
  readonly reasonsByValue: Map<FactScalar, ConditionReason>;
  readonly groundsByValue: Map<FactScalar, Ground>;
  /** Leaves whose reasons differ only by the value have one number (see `REASONS`). */
  readonly reasonShape: number;
}

interface CompiledGroup extends CompiledBase {
  readonly op: 'all' | 'any' | 'not';
  readonly condition: GroupCondition | NotCondition;
  readonly children: readonly CompiledNode[];
  /** The group's reason for each outcome (frozen, shared). */
  readonly reasons: { readonly [O in Outcome]: ConditionReason };
}

type CompiledNode = CompiledLeaf | CompiledGroup;

interface CompiledTree {
  readonly root: CompiledNode;
  /** Pre-order: the order of `reasons`. */
  readonly nodes: readonly CompiledNode[];
  readonly scope: Scope;
}

interface CompiledItem {
  readonly questions: ReadonlyMap<string, Question>;
  readonly appliesWhen: CompiledTree | undefined;
  readonly requirements: CompiledTree | undefined;
  readonly unlimitedGrounds: readonly Ground[];
  /** The leaves in evaluation order: appliesWhen's, then requirements' (pre-order each). */
  readonly appliesLeaves: readonly CompiledLeaf[];
  readonly requirementLeaves: readonly CompiledLeaf[];
  /** The leaves' tuples (see LeafTuple); requirements' undefined without requirements. */
  readonly appliesTuple: LeafTuple;
  readonly requirementsTuple: LeafTuple | undefined;
  /** Results of earlier evaluations on company contexts, by document (see `rememberedResult`). */
  readonly memo: WeakMap<object, MemoNode>;
  memoSize: number;
}

/**
 * An item's remembered results: by the combination of values its appliesWhen leaves read, then,
 * when requirements were evaluated (which appliesWhen's values decide), by the combination of
 * values their leaves read. An evaluation is a function of exactly these values, so an equal
 * pair of combinations gives an equal result.
 */
class MemoNode {
  result: ItemEvaluation | undefined = undefined;
  /** Reasons of the result to make anew for each company: leaves remembered by value alone (keyOfLeaf). */
  patches: readonly ReasonPatch[] | undefined = undefined;
  /** With patches: the result's reasons, to copy and patch. */
  reasons: readonly ConditionReason[] | undefined = undefined;
  /** By combination number (dense per tuple). */
  next: (MemoNode | undefined)[] | undefined = undefined;
  /** At an item's root: its result on judgement dates outside its period, by date. */
  outsidePeriod: Map<string, ItemEvaluation> | undefined = undefined;
}

/** Judgement dates whose outside-period results are kept per item. */
const OUTSIDE_PERIOD_DATES = 16;

/**
 * Leaves read together (an item's appliesWhen, or its requirements), interned by slot and
 * comparator kind, so items whose leaves read the same facts the same way share one: each
 * combination of the leaves' keys (keyOfLeaf) met is numbered once, and a company works out its
 * combination once for all the items sharing the tuple.
 */
interface LeafTuple {
  readonly index: number;
  /** A leaf per element (what the slot reads is the same for every leaf of the slot), and its key kind. */
  readonly leaves: readonly CompiledLeaf[];
  readonly kinds: readonly ValueOnlyKind[];
  readonly root: CombinationNode;
  combinations: number;
}

/**
 * For which known values a comparator never gives 'unknown' (compareLeaf): any value (0), booleans
 * (1), numbers (2), strings (3), none (4). Such a value is remembered by value alone (keyOfLeaf).
 */
type ValueOnlyKind = 0 | 1 | 2 | 3 | 4;

function valueOnlyKindOf(c: FactCondition): ValueOnlyKind {
  switch (c.comparator) {
    case 'known':
    case 'eq':
    case 'neq':
    case 'in':
      return 0;
    case 'isTrue':
    case 'isFalse':
      return 1;
    case 'gte':
    case 'gt':
    case 'lte':
    case 'lt':
      return typeof c.value === 'number' ? 2 : typeof c.value === 'string' ? 3 : 4;
    case 'contains':
    case 'startsWith':
      return 3;
    default:
      return assertNever(c.comparator, 'comparator');
  }
}

/**
 * The number a leaf's value is remembered by; -1: not remembered. A known value whose detail is
 * all that sets it apart (企业规模 and how it was worked out, different for every company) is
 * remembered by its value alone when it decides the leaf: the detail then shows only in the leaf's
 * own reason (grounds, gaps and the outcome follow from the value), which a result remembered
 * this way gets anew for each company (see MemoNode.patches).
 */
function keyOfLeaf(kind: ValueOnlyKind, value: LeafValue): number {
  if (value.valueOnlyId < 0 || kind === 4) return value.id;
  const v = value.reading.value;
  const decides = kind === 0 || (kind === 1 ? typeof v === 'boolean' : kind === 2 ? typeof v === 'number' : typeof v === 'string');
  return decides ? value.valueOnlyId : value.id;
}

const leafTuples = new Map<string, LeafTuple>();

function leafTupleOf(leaves: readonly CompiledLeaf[]): LeafTuple {
  const kinds = leaves.map((leaf) => valueOnlyKindOf(leaf.condition));
  const name = leaves.map((leaf, i) => `${leaf.slot}:${kinds[i] as number}`).join(',');
  let tuple = leafTuples.get(name);
  if (tuple === undefined) {
    tuple = { index: leafTuples.size, leaves, kinds, root: new CombinationNode(), combinations: 0 };
    leafTuples.set(name, tuple);
  }
  return tuple;
}

/** The number of the combination of keys the tuple's leaves have now (numbered if new); -1 if not numbered. */
function leafCombinationOf(tuple: LeafTuple, readLeaf: LeafReader): number {
  let node: CombinationNode | undefined = tuple.root;
  for (let i = 0; i < tuple.leaves.length; i++) {
    const id = keyOfLeaf(tuple.kinds[i] as ValueOnlyKind, readLeaf(tuple.leaves[i] as CompiledLeaf));
    node = id < 0 ? undefined : childOf(tuple, node, id);
    if (node === undefined) return -1;
  }
  return numberOf(tuple, node);
}

interface ReasonPatch {
  /** Position in the result's reasons. */
  readonly index: number;
  readonly leaf: CompiledLeaf;
  readonly scope: Scope;
}
const MEMO_RESULTS_PER_ITEM = 1024;

/** Enough distinct plain values per leaf to share (industry codes, yes/no, small counts), bounded. */
const SHARED_VALUES_PER_LEAF = 64;

const EMPTY: readonly never[] = Object.freeze([]);

function compileTree(condition: Condition, scope: Scope, questions: ReadonlyMap<string, Question>, itemCitation: Citation): CompiledTree {
  const nodes: CompiledNode[] = [];
  const visit = (c: Condition, depth: number, inherited: Citation): CompiledNode => {
    const index = nodes.length;
    const groundCitation = c.citation ?? inherited;
    if (c.op === 'fact') {
      const question = questions.get(c.fact);
      const leaf: CompiledLeaf = {
        index, depth, groundCitation, op: 'fact', condition: c, fact: c.fact, param: c.param,
        cacheKey: cacheKeyOf(c.fact, c.param), slot: slotOf(cacheKeyOf(c.fact, c.param), c.fact, c.param), answerKey: answerKeyOf(c.fact, c.param), unit: unitOf(c.fact, question),
        groundLabel: isAnswerFact(c.fact) ? (question?.text ?? c.label) : factLabel(c.fact, c.param),
        reasonsByValue: new Map(), groundsByValue: new Map(), reasonShape: reasonShapeOf(c, scope, depth, unitOf(c.fact, question)),
      };
      nodes.push(leaf);
      return leaf;
    }
    const groupReason = (outcome: Outcome): ConditionReason => {
      const reason: MutableReason = { conditionId: c.id, condition: c.label, scope, op: c.op, depth, value: null, valueText: '', outcome };
      if (c.citation !== undefined) reason.citation = c.citation;
      return Object.freeze(reason);
    };
    const children: CompiledNode[] = [];
    const group: CompiledGroup = {
      index, depth, groundCitation, op: c.op, condition: c, children,
      reasons: { pass: groupReason('pass'), fail: groupReason('fail'), unknown: groupReason('unknown') },
    };
    nodes.push(group);
    if (c.op === 'not') children.push(visit(c.of, depth + 1, groundCitation));
    else for (const child of c.of) children.push(visit(child, depth + 1, groundCitation));
    return group;
  };
  const root = visit(condition, 0, itemCitation);
  return { root, nodes, scope };
}

const reasonShapes = new Map<string, number>();

/** The number of everything a leaf's reason takes from the leaf (leafReason): equal numbers, equal reasons for equal values. */
function reasonShapeOf(c: FactCondition, scope: Scope, depth: number, unit: string): number {
  const name = JSON.stringify([c.id, c.label, scope, c.op, depth, c.fact, c.param ?? null, c.citation ?? null, unit]);
  let shape = reasonShapes.get(name);
  if (shape === undefined) {
    shape = reasonShapes.size;
    reasonShapes.set(name, shape);
  }
  return shape;
}

const compiledItems = new WeakMap<PolicyItem, CompiledItem>();

function compiledItem(item: PolicyItem): CompiledItem {
  let compiled = compiledItems.get(item);
  if (compiled === undefined) {
    const questions = new Map(item.questions.map((q) => [q.key, q]));
    const appliesWhen = item.appliesWhen === undefined ? undefined : compileTree(item.appliesWhen, 'appliesWhen', questions, item.citation);
    const requirements = item.requirements === undefined ? undefined : compileTree(item.requirements, 'requirements', questions, item.citation);
    const appliesLeaves = leavesOf(appliesWhen);
    const requirementLeaves = leavesOf(requirements);
    compiled = {
      questions,
      appliesWhen,
      requirements,
      unlimitedGrounds: Object.freeze([Object.freeze({ text: '原文未限定适用对象：适用于所有企业', citation: item.citation, presumed: false })]),
      appliesLeaves,
      requirementLeaves,
      appliesTuple: leafTupleOf(appliesLeaves),
      requirementsTuple: requirements === undefined ? undefined : leafTupleOf(requirementLeaves),
      memo: new WeakMap(),
      memoSize: 0,
    };
    compiledItems.set(item, compiled);
  }
  return compiled;
}

/** One evaluation of a compiled tree: outcome and leaf value per node, by pre-order index. */
interface TreeRun {
  readonly tree: CompiledTree;
  readonly outcomes: Outcome[];
  readonly values: (LeafValue | undefined)[];
  /** Some leaf's value is a presumed answer. */
  hasPresumption: boolean;
}

type LeafReader = (leaf: CompiledLeaf) => LeafValue;

function genericLeafReader(facts: FactSource): LeafReader {
  return (leaf) => {
    const reading = facts.read(leaf.fact, leaf.param);
    const presumption = facts.presumed?.(leaf.fact, leaf.param);
    // A presumption stands in only for a fact the records leave unknown.
    return { reading, presumption: presumption !== undefined && reading.value === presumption.value ? presumption : undefined, id: -1, valueOnlyId: -1 };
  };
}

function runTree(tree: CompiledTree, readLeaf: LeafReader): TreeRun {
  const run: TreeRun = { tree, outcomes: new Array<Outcome>(tree.nodes.length), values: new Array<LeafValue | undefined>(tree.nodes.length), hasPresumption: false };
  runNode(tree.root, readLeaf, run);
  return run;
}

function runNode(node: CompiledNode, readLeaf: LeafReader, run: TreeRun): Outcome {
  let outcome: Outcome;
  if (node.op === 'fact') {
    const value = readLeaf(node);
    run.values[node.index] = value;
    if (value.presumption !== undefined) run.hasPresumption = true;
    outcome = compareLeaf(node.condition, value.reading);
  } else if (node.op === 'not') {
    outcome = invert(runNode(node.children[0] as CompiledNode, readLeaf, run));
  } else {
    let hasPass = false;
    let hasFail = false;
    let hasUnknown = false;
    for (const child of node.children) {
      const o = runNode(child, readLeaf, run);
      if (o === 'pass') hasPass = true;
      else if (o === 'fail') hasFail = true;
      else hasUnknown = true;
    }
    outcome = combineFlags(node.op, hasPass, hasFail, hasUnknown);
  }
  run.outcomes[node.index] = outcome;
  return outcome;
}

const outcomeAt = (run: TreeRun, node: CompiledNode): Outcome => run.outcomes[node.index] as Outcome;
const valueAt = (run: TreeRun, leaf: CompiledLeaf): LeafValue => run.values[leaf.index] ?? { reading: UNKNOWN_READING, presumption: undefined, id: -1, valueOnlyId: -1 };

type MutableReason = { -readonly [K in keyof ConditionReason]: ConditionReason[K] };

/** A reading that is its value alone: everything shown follows from the value. */
function plainScalar(value: LeafValue): FactScalar | undefined {
  const r = value.reading;
  if (value.presumption !== undefined || r.detail !== undefined || r.min !== undefined || r.max !== undefined) return undefined;
  const v = r.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

const leavesOf = (tree: CompiledTree | undefined): CompiledLeaf[] => (tree === undefined ? [] : tree.nodes.filter((n): n is CompiledLeaf => n.op === 'fact'));

/**
 * Value ids per slot: a slot's values as the results show them, numbered in the order first met.
 * Plain values (no detail, no range) by value; others by value, range, detail or presumption reason.
 */
interface SlotValues {
  count: number;
  readonly plain: Map<FactScalar | undefined, number>;
  readonly other: Map<unknown, unknown>;
  /** Known values that come with a detail, by value alone (LeafValue.valueOnlyId). */
  readonly valueOnly: Map<FactScalar, number>;
}
const slotValues: SlotValues[] = [];
/** Distinct values numbered per slot; beyond, values are not remembered (memory stays bounded). */
const VALUE_IDS_PER_SLOT = 1024;
const PRESUMED = Symbol('presumed');
const NONE = Symbol('none');

function slotValuesOf(slot: number): SlotValues {
  let table = slotValues[slot];
  if (table === undefined) {
    table = { count: 0, plain: new Map(), other: new Map(), valueOnly: new Map() };
    slotValues[slot] = table;
  }
  return table;
}

/** The value of a leaf's slot that is a presumed answer: a function of the slot and the (shared) use, made once. */
const presumedValues = new WeakMap<PresumptionUse, { readonly slot: number; readonly value: LeafValue }>();
function presumedLeafValue(slot: number, use: PresumptionUse): LeafValue {
  const made = presumedValues.get(use);
  if (made !== undefined && made.slot === slot) return made.value;
  // valueId reads nothing of an unknown reading but its value (undefined) when a use is given.
  const value: LeafValue = { reading: presumedReading(use), presumption: use, id: valueId(slot, UNKNOWN_READING, use), valueOnlyId: -1 };
  if (made === undefined) presumedValues.set(use, { slot, value });
  return value;
}

/** A company context's value of a leaf's slot that is not a presumption. */
function leafValue(slot: number, reading: FactReading): LeafValue {
  return { reading, presumption: undefined, id: valueId(slot, reading, undefined), valueOnlyId: valueOnlyId(slot, reading) };
}

function valueOnlyId(slot: number, reading: FactReading): number {
  const v = reading.value;
  if (reading.detail === undefined || reading.min !== undefined || reading.max !== undefined) return -1;
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return -1;
  const table = slotValuesOf(slot);
  const found = table.valueOnly.get(v);
  if (found !== undefined) return found;
  if (table.count >= VALUE_IDS_PER_SLOT) return -1;
  const id = table.count++;
  table.valueOnly.set(v, id);
  return id;
}

function valueId(slot: number, reading: FactReading, presumption: PresumptionUse | undefined): number {
  const v = reading.value;
  if (v !== undefined && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return -1;
  const table = slotValuesOf(slot);
  // Once the slot is full, values already numbered are still found; new ones are not numbered.
  const full = table.count >= VALUE_IDS_PER_SLOT;
  let map: Map<unknown, unknown> | undefined;
  let last: unknown;
  if (presumption !== undefined) {
    // The reading shown is the presumed value with `推定：reason`; the use's key is the slot's answer key.
    map = descend(descend(table.other, PRESUMED, full), presumption.value, full);
    last = presumption.reason;
  } else if (reading.detail === undefined && reading.min === undefined && reading.max === undefined) {
    map = table.plain;
    last = v;
  } else {
    map = descend(descend(descend(table.other, v ?? NONE, full), reading.min ?? NONE, full), reading.max ?? NONE, full);
    last = reading.detail ?? NONE;
  }
  const found = map?.get(last);
  if (found !== undefined) return found as number;
  if (map === undefined || full) return -1;
  const id = table.count++;
  map.set(last, id);
  return id;
}

function descend(map: Map<unknown, unknown> | undefined, key: unknown, findOnly: boolean): Map<unknown, unknown> | undefined {
  if (map === undefined) return undefined;
  let next = map.get(key) as Map<unknown, unknown> | undefined;
  if (next === undefined && !findOnly) {
    next = new Map();
    map.set(key, next);
  }
  return next;
}

/** The remembered result for what the leaves read now, if any (reading the leaves as evaluation would). */
function rememberedResult(root: MemoNode, compiled: CompiledItem, facts: FastFactSource): ItemEvaluation | undefined {
  const applies = facts[COMBINATION](compiled.appliesTuple);
  let node = applies < 0 ? undefined : root.next?.[applies];
  if (node === undefined) return undefined;
  if (node.result === undefined) {
    if (compiled.requirementsTuple === undefined) return undefined;
    const requirements = facts[COMBINATION](compiled.requirementsTuple);
    node = requirements < 0 ? undefined : node.next?.[requirements];
    if (node === undefined) return undefined;
  }
  const result = node.result;
  if (result === undefined || node.patches === undefined || node.reasons === undefined) return result;
  // This company's reasons for the leaves remembered by value alone, with their detail.
  const reasons = node.reasons.slice();
  const readLeaf = facts[LEAF_VALUE];
  const made = facts[REASONS];
  for (const { index, leaf, scope } of node.patches) {
    const outcome = (reasons[index] as ConditionReason).outcome;
    // Items with the same condition (企业规模 in 18 of one document's items) share this company's reason.
    const at = leaf.reasonShape * 3 + (outcome === 'pass' ? 0 : outcome === 'fail' ? 1 : 2);
    let reason = made[at];
    if (reason === undefined) {
      reason = leafReason(leaf, scope, readLeaf(leaf), outcome);
      made[at] = reason;
    }
    reasons[index] = reason;
  }
  return withReasons(result, reasons);
}

/** The result with other reasons, its fields in the same order (itemResult). */
function withReasons(r: ItemEvaluation, reasons: readonly ConditionReason[]): ItemEvaluation {
  if (r.period === undefined) {
    return {
      id: r.id, documentId: r.documentId, kind: r.kind, title: r.title, citation: r.citation, applies: r.applies, requirementsMet: r.requirementsMet,
      reasons, missingFacts: r.missingFacts, gaps: r.gaps, basis: r.basis, requirementsBasis: r.requirementsBasis, presumptions: r.presumptions, grounds: r.grounds,
    };
  }
  return {
    id: r.id, documentId: r.documentId, kind: r.kind, title: r.title, citation: r.citation, applies: r.applies, requirementsMet: r.requirementsMet,
    reasons, missingFacts: r.missingFacts, gaps: r.gaps, basis: r.basis, requirementsBasis: r.requirementsBasis, presumptions: r.presumptions, grounds: r.grounds,
    period: r.period,
  };
}

function remember(root: MemoNode, compiled: CompiledItem, facts: FastFactSource, appliesRun: TreeRun | undefined, requirementsRun: TreeRun | undefined, result: ItemEvaluation): void {
  if (compiled.memoSize >= MEMO_RESULTS_PER_ITEM) return;
  let patches: ReasonPatch[] | undefined;
  // Reasons are the runs' nodes in order (flattenRun): a run's reasons start after the runs before.
  let offset = 0;
  let node = root;
  const stages: [LeafTuple, TreeRun | undefined][] = [[compiled.appliesTuple, appliesRun]];
  if (requirementsRun !== undefined && compiled.requirementsTuple !== undefined) stages.push([compiled.requirementsTuple, requirementsRun]);
  for (const [tuple, run] of stages) {
    const combination = facts[COMBINATION](tuple);
    if (combination < 0) return;
    if (run !== undefined) {
      tuple.leaves.forEach((_, i) => {
        // The item's own leaf at this position: the tuple's leaves are another item's when shared.
        const leaf = (run.tree === compiled.appliesWhen ? compiled.appliesLeaves : compiled.requirementLeaves)[i] as CompiledLeaf;
        const value = valueAt(run, leaf);
        if (keyOfLeaf(tuple.kinds[i] as ValueOnlyKind, value) !== value.id) (patches ??= []).push({ index: offset + leaf.index, leaf, scope: run.tree.scope });
      });
      offset += run.tree.nodes.length;
    }
    node.next ??= [];
    let next = node.next[combination];
    if (next === undefined) {
      next = new MemoNode();
      node.next[combination] = next;
    }
    node = next;
  }
  if (patches !== undefined) {
    node.patches = patches;
    node.reasons = result.reasons.slice();
  }
  node.result = freezeResult(result);
  compiled.memoSize += 1;
}

function leafReason(leaf: CompiledLeaf, scope: Scope, value: LeafValue, outcome: Outcome): ConditionReason {
  const c = leaf.condition;
  const reading = value.reading;
  const reason: MutableReason = {
    conditionId: c.id, condition: c.label, scope, op: c.op, depth: leaf.depth, fact: c.fact,
    value: reading.value ?? null,
    valueText: formatValue(reading, leaf.unit),
    outcome,
  };
  if (c.param !== undefined) reason.param = c.param;
  if (reading.detail !== undefined) reason.detail = reading.detail;
  if (c.citation !== undefined) reason.citation = c.citation;
  return reason;
}

/** The tree's reasons in pre-order, appended to `out`. */
function flattenRun(run: TreeRun, out: ConditionReason[]): void {
  const scope = run.tree.scope;
  for (const node of run.tree.nodes) {
    const outcome = outcomeAt(run, node);
    if (node.op !== 'fact') {
      out.push(node.reasons[outcome]);
      continue;
    }
    const value = valueAt(run, node);
    const key = plainScalar(value);
    if (key === undefined) {
      out.push(leafReason(node, scope, value, outcome));
      continue;
    }
    let reason = node.reasonsByValue.get(key);
    if (reason === undefined) {
      reason = leafReason(node, scope, value, outcome);
      if (node.reasonsByValue.size < SHARED_VALUES_PER_LEAF) node.reasonsByValue.set(key, Object.freeze(reason));
    }
    out.push(reason);
  }
}

/** Unknown leaves whose answer could change the node's outcome (for applicability: ask no more than needed). */
function decisiveUnknowns(run: TreeRun, node: CompiledNode, out: CompiledLeaf[]): void {
  if (outcomeAt(run, node) !== 'unknown') return;
  if (node.op === 'fact') {
    out.push(node);
    return;
  }
  for (const child of node.children) decisiveUnknowns(run, child, out);
}

/**
 * Unknown leaves still to settle in requirements: also those beside a requirement already failed,
 * because the officer completes the whole application file, not just the first gap. Unknowns in
 * an `any` group that already passes are moot.
 */
function openUnknowns(run: TreeRun, node: CompiledNode, out: CompiledLeaf[]): void {
  if (node.op === 'fact') {
    if (outcomeAt(run, node) === 'unknown') out.push(node);
    return;
  }
  if (node.op === 'any' && outcomeAt(run, node) === 'pass') return;
  for (const child of node.children) openUnknowns(run, child, out);
}

function gapText(c: FactCondition, reading: FactReading, unit: string): string {
  const value = reading.value !== undefined ? formatPlain(reading.value) : reading.min !== undefined ? String(reading.min) : '未知';
  if (c.gap !== undefined) return c.gap.replaceAll('{value}', value);
  return `未满足：${c.label}（现为${formatValue(reading, unit)}）`;
}

/** Failed requirements in plain words: the failing leaves of failing `all` groups, or a failed group as a whole. */
function collectGaps(run: TreeRun, node: CompiledNode, out: Gap[]): void {
  if (outcomeAt(run, node) !== 'fail') return;
  const c = node.condition;
  switch (node.op) {
    case 'fact': {
      const text = gapText(node.condition, valueAt(run, node).reading, node.unit);
      out.push(c.citation === undefined ? { conditionId: c.id, text } : { conditionId: c.id, text, citation: c.citation });
      return;
    }
    case 'all':
      for (const child of node.children) collectGaps(run, child, out);
      return;
    case 'any':
    case 'not': {
      const text = `未满足：${c.label}`;
      out.push(c.citation === undefined ? { conditionId: c.id, text } : { conditionId: c.id, text, citation: c.citation });
      return;
    }
    default:
      assertNever(node, 'condition');
  }
}

function missingFactsOf(leaves: readonly CompiledLeaf[], questions: ReadonlyMap<string, Question>, facts: FactSource): MissingFact[] {
  const byKey = new Map<string, { fact: string; param: string | undefined; ids: string[] }>();
  for (const leaf of leaves) {
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

/** The outcome with presumed leaves taken as unknown: what the facts alone decide. */
function outcomeOnFacts(run: TreeRun, node: CompiledNode): Outcome {
  switch (node.op) {
    case 'fact':
      return valueAt(run, node).presumption === undefined ? outcomeAt(run, node) : 'unknown';
    case 'all':
    case 'any': {
      let hasPass = false;
      let hasFail = false;
      let hasUnknown = false;
      for (const child of node.children) {
        const o = outcomeOnFacts(run, child);
        if (o === 'pass') hasPass = true;
        else if (o === 'fail') hasFail = true;
        else hasUnknown = true;
      }
      return combineFlags(node.op, hasPass, hasFail, hasUnknown);
    }
    case 'not':
      return invert(outcomeOnFacts(run, node.children[0] as CompiledNode));
    default:
      return assertNever(node, 'condition');
  }
}

/** Whether the facts alone decide the tree as it was decided (always, when nothing was presumed). */
const decidedOnFacts = (run: TreeRun): boolean => !run.hasPresumption || outcomeOnFacts(run, run.tree.root) === outcomeAt(run, run.tree.root);

function presumptionsIn(run: TreeRun, out: PresumptionUse[]): void {
  if (!run.hasPresumption) return;
  for (const node of run.tree.nodes) {
    if (node.op !== 'fact') continue;
    const presumption = valueAt(run, node).presumption;
    if (presumption !== undefined && !out.some((p) => p.key === presumption.key)) out.push(presumption);
  }
}

function leafGround(leaf: CompiledLeaf, value: LeafValue, outcome: Outcome): Ground {
  const presumed = value.presumption !== undefined;
  const text = `${leaf.groundLabel}：${formatValue(value.reading, leaf.unit)}${presumed ? '（推定）' : ''} → ${outcome === 'pass' ? '满足' : '不满足'}“${leaf.condition.label}”`;
  return { text, citation: leaf.groundCitation, presumed };
}

/**
 * The leaves that decide a decided node: every child of a passing `all` or failing `any`, the
 * failing children of a failing `all`, the passing children of a passing `any`. Each leaf is
 * cited with its own sentence, else its nearest cited group's, else the item's.
 */
function decidingLeaves(run: TreeRun, node: CompiledNode, out: Ground[]): void {
  const outcome = outcomeAt(run, node);
  if (node.op === 'fact') {
    const value = valueAt(run, node);
    const key = plainScalar(value);
    if (key === undefined) {
      out.push(leafGround(node, value, outcome));
      return;
    }
    let ground = node.groundsByValue.get(key);
    if (ground === undefined) {
      ground = leafGround(node, value, outcome);
      if (node.groundsByValue.size < SHARED_VALUES_PER_LEAF) node.groundsByValue.set(key, Object.freeze(ground));
    }
    out.push(ground);
    return;
  }
  for (const child of node.children) if (node.op === 'not' || outcomeAt(run, child) === outcome) decidingLeaves(run, child, out);
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

/** The result with its fields in the order they have always been printed (`cli evaluate --json`). */
function itemResult(
  item: PolicyItem, documentId: string, applies: Applicability, requirementsMet: Applicability | null, reasons: readonly ConditionReason[],
  missingFacts: readonly MissingFact[], gaps: readonly Gap[], basis: ItemEvaluation['basis'], requirementsBasis: ItemEvaluation['requirementsBasis'],
  presumptions: readonly PresumptionUse[], grounds: readonly Ground[], period: ItemEvaluation['period'],
): ItemEvaluation {
  if (period === undefined) {
    return {
      id: item.id, documentId, kind: item.kind, title: item.title, citation: item.citation,
      applies, requirementsMet, reasons, missingFacts, gaps, basis, requirementsBasis, presumptions, grounds,
    };
  }
  return {
    id: item.id, documentId, kind: item.kind, title: item.title, citation: item.citation,
    applies, requirementsMet, reasons, missingFacts, gaps, basis, requirementsBasis, presumptions, grounds, period,
  };
}

/** Evaluates one item against a fact source (a company on a date, or fixed facts). */
export function evaluateItem(item: PolicyItem, document: Pick<PolicyDocument, 'id' | 'isGovernmentOnly'>, facts: FactSource): ItemEvaluation {
  if (document.isGovernmentOnly) {
    return itemResult(item, document.id, 'no', null, [], [], [], 'facts', null, [], [{ text: '文件仅涉及政府部门，不对企业设定事项', citation: item.citation, presumed: false }], undefined);
  }
  const compiled = compiledItem(item);
  return evaluateCompiled(item, document, facts, compiled, isFast(facts) ? memoRoot(compiled, document) : undefined);
}

/** Where an item's remembered results for a document start (company contexts only). */
function memoRoot(compiled: CompiledItem, document: object): MemoNode {
  let root = compiled.memo.get(document);
  if (root === undefined) {
    root = new MemoNode();
    compiled.memo.set(document, root);
  }
  return root;
}

/** evaluateItem for an enterprise-facing document, compiled; `root` only for a company context. */
function evaluateCompiled(
  item: PolicyItem, document: Pick<PolicyDocument, 'id'>, facts: FactSource, compiled: CompiledItem, root: MemoNode | undefined,
): ItemEvaluation {
  let period: ItemEvaluation['period'];
  if (item.period !== undefined) {
    const date = judgementDateOf(facts);
    const status = periodStatus(item.period, date);
    period = { label: item.period.label, status, citation: item.period.citation };
    if (status !== 'within' && date !== undefined) {
      // A function of the date alone: company contexts share one (frozen) per date.
      const shared = root?.outsidePeriod?.get(date);
      if (shared !== undefined) return shared;
      const text = status === 'after'
        ? `判断日 ${date} 已过措施期限（${item.period.label}）`
        : `判断日 ${date} 尚未进入措施期限（${item.period.label}）`;
      const result = itemResult(item, document.id, 'no', null, [], [], [], 'facts', null, [], [{ text, citation: item.period.citation, presumed: false }], period);
      if (root !== undefined && (root.outsidePeriod?.size ?? 0) < OUTSIDE_PERIOD_DATES) {
        root.outsidePeriod ??= new Map();
        root.outsidePeriod.set(date, freezeResult(result));
      }
      return result;
    }
  }
  const fast = isFast(facts) ? facts : undefined;
  const readLeaf: LeafReader = fast === undefined ? genericLeafReader(facts) : fast[LEAF_VALUE];
  if (root !== undefined && fast !== undefined) {
    // Company contexts only: their leaf values are numbered.
    const remembered = rememberedResult(root, compiled, fast);
    if (remembered !== undefined) return remembered;
  }
  const appliesRun = compiled.appliesWhen === undefined ? undefined : runTree(compiled.appliesWhen, readLeaf);
  const appliesOutcome: Outcome = appliesRun === undefined ? 'pass' : outcomeAt(appliesRun, appliesRun.tree.root);
  const requirementsRun = compiled.requirements !== undefined && appliesOutcome !== 'fail' ? runTree(compiled.requirements, readLeaf) : undefined;
  const result = buildResult(item, document.id, compiled, appliesRun, requirementsRun, facts, period);
  if (root !== undefined && fast !== undefined) remember(root, compiled, fast, appliesRun, requirementsRun, result);
  return result;
}

/** Shared between evaluations from now on: frozen, with its lists. */
function freezeResult(result: ItemEvaluation): ItemEvaluation {
  for (const list of [result.reasons, result.missingFacts, result.gaps, result.presumptions, result.grounds]) Object.freeze(list);
  return Object.freeze(result);
}

function buildResult(
  item: PolicyItem, documentId: string, compiled: CompiledItem, appliesRun: TreeRun | undefined, requirementsRun: TreeRun | undefined,
  facts: FactSource, period: ItemEvaluation['period'],
): ItemEvaluation {
  const reasons: ConditionReason[] = [];
  let pending: CompiledLeaf[] | undefined;
  let applies: Applicability = 'yes';
  let basis: ItemEvaluation['basis'] = 'facts';
  let presumptions: PresumptionUse[] | undefined;
  let grounds: readonly Ground[] = compiled.unlimitedGrounds;
  if (appliesRun !== undefined) {
    const run = appliesRun;
    const outcome = outcomeAt(run, run.tree.root);
    applies = toApplicability(outcome);
    flattenRun(run, reasons);
    if (outcome === 'unknown') {
      pending = [];
      decisiveUnknowns(run, run.tree.root, pending);
      basis = null;
      grounds = EMPTY;
    } else {
      if (!decidedOnFacts(run)) {
        basis = 'presumption';
        presumptions = [];
        presumptionsIn(run, presumptions);
      }
      const decided: Ground[] = [];
      decidingLeaves(run, run.tree.root, decided);
      grounds = decided;
    }
  }
  let requirementsMet: Applicability | null = null;
  let requirementsBasis: ItemEvaluation['requirementsBasis'] = null;
  let gaps: Gap[] | undefined;
  if (requirementsRun !== undefined) {
    const run = requirementsRun;
    requirementsMet = toApplicability(outcomeAt(run, run.tree.root));
    if (requirementsMet !== 'unknown') requirementsBasis = decidedOnFacts(run) ? 'facts' : 'presumption';
    if (run.hasPresumption) {
      presumptions ??= [];
      presumptionsIn(run, presumptions);
    }
    flattenRun(run, reasons);
    // Whether the company meets an item's conditions is asked only once the item is known to apply:
    // asking 是否被列为失信被执行人 before knowing whether the company issues prepaid cards at all makes
    // the 企业画像 longer without deciding anything. Known gaps are still shown for items that may apply.
    if (applies === 'yes') {
      pending ??= [];
      openUnknowns(run, run.tree.root, pending);
    }
    if (outcomeAt(run, run.tree.root) === 'fail') {
      gaps = [];
      collectGaps(run, run.tree.root, gaps);
    }
  }
  const missingFacts = pending === undefined || pending.length === 0 ? EMPTY : missingFactsOf(pending, compiled.questions, facts);
  return itemResult(item, documentId, applies, requirementsMet, reasons, missingFacts, gaps ?? EMPTY, basis, requirementsBasis, presumptions ?? EMPTY, grounds, period);
}

/** Every item of every enterprise-facing document, for one company on one date. */
export function evaluateCompany(kb: KnowledgeBase, record: CompanyRecord, date: IsoDate): ItemEvaluation[] {
  const facts = createFactContext(record, date, presumptionIndexOf(kb));
  const plan = companyPlanOf(kb);
  const out = new Array<ItemEvaluation>(plan.length);
  for (let i = 0; i < plan.length; i++) {
    const entry = plan[i] as PlanEntry;
    out[i] = evaluateCompiled(entry.item, entry.document, facts, entry.compiled, entry.root);
  }
  return out;
}

interface PlanEntry {
  readonly item: PolicyItem;
  readonly document: PolicyDocument;
  readonly compiled: CompiledItem;
  readonly root: MemoNode;
}

const companyPlans = new WeakMap<KnowledgeBase, readonly PlanEntry[]>();

/** The enterprise-facing items of a knowledge base in order, compiled, with where their results are remembered. */
function companyPlanOf(kb: KnowledgeBase): readonly PlanEntry[] {
  let plan = companyPlans.get(kb);
  if (plan === undefined) {
    const entries: PlanEntry[] = [];
    for (const document of kb.documents) {
      if (document.isGovernmentOnly) continue;
      for (const item of document.items) {
        const compiled = compiledItem(item);
        entries.push({ item, document, compiled, root: memoRoot(compiled, document) });
      }
    }
    plan = entries;
    companyPlans.set(kb, plan);
  }
  return plan;
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
function openQuestionsOf<E extends { readonly evaluation: ItemEvaluation }>(entries: readonly E[]): Map<string, { missing: MissingFact; entries: E[] }> {
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
