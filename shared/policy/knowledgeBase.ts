import { z } from 'zod';
import { isoDateSchema } from '../domain/isoDate';
import { EVENT_KIND_KEYS, type EventKind } from '../domain/vocabulary';

/*
 * The knowledge base: every document of the policy compilation, every enterprise-facing item in
 * it, and the item's conditions, deadlines and materials as data. The app ships it as JSON in
 * resources/policies/ and validates it with this schema at load time (a newer pack in the user's
 * data folder overrides the bundled one only when it validates).
 *
 * Rule: a fact the text does not state is never invented. A missing date or day is recorded as
 * `statedInText: false` with the text's own words in `note`.
 */

/** The compilation's 领域 groups, in its own order. */
export const POLICY_DOMAINS = ['优化营商环境', '科技创新', '商贸服务', '医疗卫生', '人力社保', '文化教育'] as const;
export type PolicyDomain = (typeof POLICY_DOMAINS)[number];

export const ITEM_KINDS = {
  filing: '备案登记',
  reporting: '报送',
  duty: '持续义务',
  application: '申请',
  benefit: '扶持政策',
} as const;
export type ItemKind = keyof typeof ITEM_KINDS;
const ITEM_KIND_KEYS = Object.keys(ITEM_KINDS) as [ItemKind, ...ItemKind[]];

/** Where in a document a rule comes from, and the exact sentences. */
export const citationSchema = z.object({
  /** 条/款/项 or section path as the text numbers it, e.g. "第五条第（二）项" or "三、（三）4."; never blank. */
  ref: z.string().min(1),
  /** 1-based, inclusive line range in the compilation text. */
  lines: z.object({ start: z.number().int().min(1), end: z.number().int().min(1) }),
  /** The sentence(s) quoted, normalised (PDF line breaks and page numbers removed), verbatim otherwise. */
  quote: z.string().min(1),
});
export type Citation = z.infer<typeof citationSchema>;

const datedStatementSchema = z.object({
  date: isoDateSchema.nullable(),
  /** true when the date is not stated as such (e.g. read off a signature line). */
  isInferred: z.boolean(),
  note: z.string().default(''),
});

/*
 * Conditions over company facts. Leaves name a fact from the fact registry (shared/policy/facts.ts)
 * and compare it; each leaf has its own citation and a Chinese label that reads as a requirement
 * ("在注册地址正式经营至少 3 个月"). `param` selects e.g. the licence kind for hasValidLicence.
 */
const COMPARATORS = ['eq', 'neq', 'in', 'gte', 'gt', 'lte', 'lt', 'isTrue', 'isFalse', 'contains', 'startsWith', 'known'] as const;
export type Comparator = (typeof COMPARATORS)[number];

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export interface FactCondition {
  readonly op: 'fact';
  readonly id: string;
  readonly label: string;
  readonly fact: string;
  readonly param?: string | undefined;
  readonly comparator: Comparator;
  readonly value?: string | number | boolean | ReadonlyArray<string | number | boolean> | undefined;
  readonly citation?: Citation | undefined;
  /** Plain-words gap template; `{value}` is replaced by the fact value ("需 2 名……，现有 {value} 名"). */
  readonly gap?: string | undefined;
}
export interface GroupCondition {
  readonly op: 'all' | 'any';
  readonly id: string;
  readonly label: string;
  readonly of: readonly Condition[];
  readonly citation?: Citation | undefined;
}
export interface NotCondition {
  readonly op: 'not';
  readonly id: string;
  readonly label: string;
  readonly of: Condition;
  readonly citation?: Citation | undefined;
}
export type Condition = FactCondition | GroupCondition | NotCondition;

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({
      op: z.literal('fact'),
      id: z.string().min(1),
      label: z.string().min(1),
      fact: z.string().min(1),
      param: z.string().optional(),
      comparator: z.enum(COMPARATORS),
      value: z.union([scalar, z.array(scalar)]).optional(),
      citation: citationSchema.optional(),
      gap: z.string().optional(),
    }),
    z.object({
      op: z.enum(['all', 'any']),
      id: z.string().min(1),
      label: z.string().min(1),
      of: z.array(conditionSchema).min(1),
      citation: citationSchema.optional(),
    }),
    z.object({ op: z.literal('not'), id: z.string().min(1), label: z.string().min(1), of: conditionSchema, citation: citationSchema.optional() }),
  ]),
);

/*
 * A presumption: while the officer has not answered, the app may take an answer as presumed when
 * what it already knows makes the other case implausible (an item addressed to 高端仪器装备和传感器
 * 产业 for a company whose industry code is F5251 药品零售). It is never law: the item shows it as
 * 推定 with the reason in words, and the officer can overturn it with one click
 * (company.overturnedPresumptions), after which the question is asked.
 */
const presumptionSchema = z.object({
  /** The answer presumed. */
  value: scalar,
  /** The presumption is made only when this passes on known facts (unknown facts: no presumption). */
  when: conditionSchema,
  /** Whom the text addresses, in words: "面向高端仪器装备和传感器产业". */
  audience: z.string().min(1),
  /** Why this company is presumed outside it; `{fact}` / `{fact:param}` are replaced by fact values: "本企业行业为 {company.industryCode} {company.industryName}". */
  because: z.string().min(1),
});
export type PresumptionRule = z.infer<typeof presumptionSchema>;

/** A question put to the user when stored facts cannot decide a condition. Answers land in company.answers[key]. */
const questionSchema = z.object({
  key: z.string().regex(/^answer\.[A-Za-z0-9_.]+$/),
  text: z.string().min(1),
  type: z.enum(['boolean', 'number', 'text', 'choice', 'date']),
  options: z.array(z.string()).optional(),
  unit: z.string().optional(),
  help: z.string().optional(),
  presume: presumptionSchema.optional(),
});
export type Question = z.infer<typeof questionSchema>;

export const PERIOD_UNITS = ['day', 'workday', 'month', 'year'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/*
 * Deadlines are rules, never typed-in dates. The deadline engine (shared/deadlines) turns a rule
 * plus a company's facts and events into dated duties.
 *
 * - after:   the trigger date + offset ("自……之日起 60 日内")
 * - before:  the trigger date − offset, e.g. a renewal "期满前 3 个月" is due by then
 * - window:  opens offset before the trigger date and closes on it ("有效期届满前 30 日内")
 * - fixed:   a calendar date the text states ("2022 年 3 月 31 日前")
 * - recurring: every month / year; the text may state no day (then the user sets it)
 * - unspecified: the text gives no date at all ("及时", "年底前" without a year): 以主管部门通知为准
 */
const triggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), event: z.enum(EVENT_KIND_KEYS as [EventKind, ...EventKind[]]), label: z.string().min(1) }),
  /** A date held in the company's facts, e.g. a licence's validTo or a vehicle's registeredOn. */
  z.object({ kind: z.literal('factDate'), fact: z.string().min(1), param: z.string().optional(), label: z.string().min(1) }),
  z.object({ kind: z.literal('fixedDate'), date: isoDateSchema, label: z.string().min(1) }),
  z.object({ kind: z.literal('recurring'), every: z.enum(['month', 'quarter', 'year']), label: z.string().min(1) }),
  z.object({ kind: z.literal('none'), label: z.string().min(1) }),
]);
export type Trigger = z.infer<typeof triggerSchema>;

const deadlineRuleSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  trigger: triggerSchema,
  direction: z.enum(['after', 'before', 'window', 'fixed', 'recurring', 'unspecified']),
  offset: z.object({ amount: z.number().int().min(0), unit: z.enum(PERIOD_UNITS) }).nullable(),
  /** Who must act: the company, or the authority (whose response time the company can expect). */
  actor: z.enum(['company', 'authority']),
  /** The duty recurs per vehicle / store / person / licence rather than once per company. */
  per: z.enum(['company', 'vehicle', 'store', 'person', 'licence']).default('company'),
  /** false when the text gives no day or date; the app then shows 以主管部门通知为准 and lets the user set it. */
  statedInText: z.boolean(),
  /**
   * latest (default): the act is due by the computed date ("……之日起 60 日内").
   * earliest: the act may not happen before it ("整改 3 个月后可再次组织评估", "1 年内不得再次申请",
   * records kept 2 years before they may be discarded).
   */
  limit: z.enum(['latest', 'earliest']).default('latest'),
  /**
   * Events that record the act itself (开业备案 is done by a recorded 备案 event on or after the
   * trigger; a renewal by a 备案延续 inside its window): such an occurrence is done, not open.
   */
  fulfilledBy: z.array(z.enum(EVENT_KIND_KEYS as [EventKind, ...EventKind[]])).optional(),
  note: z.string().default(''),
  /** Only for companies/subjects meeting this (e.g. only 分时租赁 operators). */
  when: conditionSchema.optional(),
  citation: citationSchema,
});
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

const materialSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Kinds of stored documents that satisfy it (document vault types), if any. */
  documentKinds: z.array(z.string()).default([]),
  /** The app can generate it from a template in resources/forms. */
  formTemplate: z.string().optional(),
  needsSignatureAndSeal: z.boolean().default(false),
  /** e.g. 复印件, 一式两份 — as the text says. */
  note: z.string().default(''),
  when: conditionSchema.optional(),
  citation: citationSchema,
});
export type Material = z.infer<typeof materialSchema>;

const benefitSchema = z.object({
  /** What is given, in the text's words: "按实际投资的 30% 给予支持" */
  description: z.string().min(1),
  ratePercent: z.number().nullable().default(null),
  capWanYuan: z.number().nullable().default(null),
  note: z.string().default(''),
});

/**
 * A test case written from the policy text: fact values (key `fact` or `fact:param`; null = unknown)
 * and what the item's conditions must give for them. tests/unit/policy runs every example, so
 * each rule carries cases that make it apply and cases that do not.
 */
const itemExampleSchema = z.object({
  label: z.string().min(1),
  facts: z.record(z.string(), z.union([scalar, z.null()])),
  applies: z.enum(['yes', 'no', 'unknown']),
  /** Expected outcome of `requirements` (only when the item applies or may apply). */
  requirementsMet: z.enum(['yes', 'no', 'unknown']).optional(),
});
export type ItemExample = z.infer<typeof itemExampleSchema>;

export const policyItemSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'item id: <document-id>/<item-slug>'),
  kind: z.enum(ITEM_KIND_KEYS),
  title: z.string().min(1),
  /** One or two sentences in plain words for the officer. */
  summary: z.string().min(1),
  citation: citationSchema,
  /** Who the item concerns. Absent: every enterprise. */
  appliesWhen: conditionSchema.optional(),
  /**
   * The time the text gives the measure ("2021 年第四季度", "至 2022 年底"): outside it the item no
   * longer applies, with this clause as the reason. A document's own 施行日 is information about
   * the item, never a deadline.
   */
  period: z.object({
    from: isoDateSchema.optional(),
    until: isoDateSchema.optional(),
    /** The period in the text's words: "2021 年第四季度". */
    label: z.string().min(1),
    citation: citationSchema,
  }).optional(),
  /** For applications and benefits: what the company must meet; unmet leaves become gaps. */
  requirements: conditionSchema.optional(),
  /** Facts the conditions need that only the user can answer. */
  questions: z.array(questionSchema).default([]),
  deadlines: z.array(deadlineRuleSchema).default([]),
  materials: z.array(materialSchema).default([]),
  benefit: benefitSchema.optional(),
  /** Competent authority, as the text names it. */
  authority: z.string().default(''),
  tags: z.array(z.string()).default([]),
  examples: z.array(itemExampleSchema).default([]),
});
export type PolicyItem = z.infer<typeof policyItemSchema>;

export const policyDocumentSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  issuers: z.array(z.string()).default([]),
  /** 文号, null when the compilation prints none. */
  docNumber: z.string().nullable(),
  issuedOn: datedStatementSchema,
  effectiveOn: datedStatementSchema,
  domain: z.enum(POLICY_DOMAINS),
  lines: z.object({ start: z.number().int().min(1), end: z.number().int().min(1) }),
  /** 仅涉及政府部门: nothing for enterprises; matches nobody. */
  isGovernmentOnly: z.boolean(),
  summary: z.string().min(1),
  items: z.array(policyItemSchema),
});
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

export const KNOWLEDGE_BASE_FORMAT = 'compliance-workbench/knowledge-base';
export const KNOWLEDGE_BASE_SCHEMA_VERSION = 1;

export const knowledgeBaseSchema = z.object({
  format: z.literal(KNOWLEDGE_BASE_FORMAT),
  schemaVersion: z.literal(KNOWLEDGE_BASE_SCHEMA_VERSION),
  /** Data release, compared to decide whether a user-supplied pack is newer: "2026.11.26-1". */
  dataVersion: z.string().regex(/^\d{4}\.\d{2}\.\d{2}-\d+$/),
  source: z.object({ file: z.string(), title: z.string(), lineCount: z.number().int() }),
  documents: z.array(policyDocumentSchema),
});
export type KnowledgeBase = z.infer<typeof knowledgeBaseSchema>;

/**
 * resources/policies/manifest.json: the bundled pack as files, one per document, in compilation
 * order. A user-supplied override pack is instead one file holding a whole KnowledgeBase (with the
 * documents inline and, when the compilation itself changed, its text as `sourceText`).
 */
export const knowledgeBaseManifestSchema = z.object({
  format: z.literal(KNOWLEDGE_BASE_FORMAT),
  schemaVersion: z.literal(KNOWLEDGE_BASE_SCHEMA_VERSION),
  dataVersion: z.string().regex(/^\d{4}\.\d{2}\.\d{2}-\d+$/),
  source: z.object({ file: z.string().min(1), title: z.string(), lineCount: z.number().int() }),
  documents: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), file: z.string().min(1) })),
});

export const knowledgeBasePackSchema = knowledgeBaseSchema.extend({ sourceText: z.string().optional() });
