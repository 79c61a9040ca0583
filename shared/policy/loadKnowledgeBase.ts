import { describeJsonSyntaxError } from '../util/technicalDetail';
import type { z } from 'zod';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../util/jsonDepth';
import { err, ok, type Result } from '../util/result';
import { findBadText } from '../validation/recordSafety';
import { describePackPath } from './packFieldLabels';
import { isSubjectFact, subjectFactKind, type PerSubjectKind } from '../deadlines/subjectFacts';
import { FACTS, checkFactReference, isAnswerFact } from './facts';
import { refusalMessage } from './packText';
import {
  KNOWLEDGE_BASE_FORMAT, KNOWLEDGE_BASE_SCHEMA_VERSION, knowledgeBaseManifestSchema, knowledgeBasePackSchema,
  policyDocumentSchema, type Citation, type Condition, type DeadlineRule, type KnowledgeBase, type PolicyDocument,
  type PolicyItem,
} from './knowledgeBase';

/*
 * Loading the knowledge base: the bundled pack (manifest + one file per document + the
 * compilation's text) or a user-supplied override pack. Everything is checked before use: the
 * zod schema, then integrity (ids, line ranges, facts, and that every quote really is in the
 * compilation). Pure: callers read the files and pass their text.
 */

export interface LoadedKnowledgeBase {
  readonly kb: KnowledgeBase;
  readonly sourceText: string;
}

const MAX_LISTED_PROBLEMS = 20;

// ---------------------------------------------------------------------------------------------
// The compilation's text, normalised for quote checks

/** The text is PDF-extracted: a lone page number sits on its own line and line breaks split words. */
const PAGE_NUMBER_LINE = /^\s*\d{1,4}\s*$/;

export function normalizeForQuote(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !PAGE_NUMBER_LINE.test(line))
    .join('')
    .replace(/\s+/g, '');
}

/** Line-addressable, normalised view of the compilation for checking quotes against line ranges. */
export class SourceIndex {
  readonly lines: readonly string[];
  private readonly normalized: string;
  /** offsets[i] = start of line i+1 in `normalized`; offsets[lineCount] = its length. */
  private readonly offsets: readonly number[];

  constructor(text: string) {
    const lines = text.split(/\r?\n/);
    // The text ends with a newline and a stray space; trailing blank lines are not numbered (as `wc -l`).
    while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
    this.lines = lines;
    const offsets: number[] = [0];
    let normalized = '';
    for (const line of lines) {
      if (!PAGE_NUMBER_LINE.test(line)) normalized += line.replace(/\s+/g, '');
      offsets.push(normalized.length);
    }
    this.normalized = normalized;
    this.offsets = offsets;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** Normalised text of lines start..end (1-based, inclusive). */
  rangeText(start: number, end: number): string {
    const from = this.offsets[Math.max(0, start - 1)] ?? 0;
    const to = this.offsets[Math.min(this.lines.length, end)] ?? this.normalized.length;
    return this.normalized.slice(from, to);
  }

  /** The original lines start..end, for showing a citation as printed. */
  originalText(start: number, end: number): string {
    return this.lines.slice(Math.max(0, start - 1), Math.min(this.lines.length, end)).join('\n');
  }

  containsQuote(quote: string, start: number, end: number): boolean {
    const q = normalizeForQuote(quote);
    return q !== '' && this.rangeText(start, end).includes(q);
  }
}

// ---------------------------------------------------------------------------------------------

function formatZodIssues(issues: readonly z.core.$ZodIssue[], prefix: string): string[] {
  return issues.map((issue) => `${prefix}${issue.path.length > 0 ? ` ${describePackPath(issue.path)}` : ''}：${issue.message}`);
}

function summarize(problems: readonly string[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `- ${p}`).join('\n');
  const more = problems.length > MAX_LISTED_PROBLEMS ? `\n（另有 ${problems.length - MAX_LISTED_PROBLEMS} 处问题）` : '';
  return `${listed}${more}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  // Conditions nest (all/any/not), and zod and the evaluator recurse through them.
  if (exceedsJsonDepth(text)) return { ok: false, message: `嵌套超过 ${MAX_JSON_DEPTH} 层` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    // Where it stopped, in words; JavaScript's own text stays out of the officer's sentence.
    return { ok: false, message: describeJsonSyntaxError(text, e) };
  }
}

/**
 * Assembles the bundled pack from its manifest and document files. `readFile` returns a file's
 * text (path relative to the manifest's folder) or undefined when it does not exist.
 */
export function assembleKnowledgeBase(
  manifestText: string,
  readFile: (relativePath: string) => string | undefined,
  sourceText: string,
): Result<KnowledgeBase> {
  const json = parseJson(manifestText);
  if (!json.ok) return err('kb.manifestNotJson', `知识库清单（manifest.json）不是有效的 JSON：${json.message}`);
  const manifest = knowledgeBaseManifestSchema.safeParse(json.value);
  if (!manifest.success) {
    return err('kb.manifestInvalid', `知识库清单（manifest.json）格式有误：\n${summarize(formatZodIssues(manifest.error.issues, '清单'))}`);
  }
  const problems: string[] = [];
  const documents: PolicyDocument[] = [];
  for (const entry of manifest.data.documents) {
    const text = readFile(entry.file);
    if (text === undefined) {
      problems.push(`文书 ${entry.id}：缺少文件 ${entry.file}`);
      continue;
    }
    const parsed = parseJson(text);
    if (!parsed.ok) {
      problems.push(`文书 ${entry.id}：${entry.file} 不是有效的 JSON（${parsed.message}）`);
      continue;
    }
    const doc = policyDocumentSchema.safeParse(parsed.value);
    if (!doc.success) {
      problems.push(...formatZodIssues(doc.error.issues, `文书 ${entry.id}（${entry.file}）`));
      continue;
    }
    if (doc.data.id !== entry.id) problems.push(`文书 ${entry.id}：文件 ${entry.file} 中的 id 是“${doc.data.id}”，与清单不一致`);
    documents.push(doc.data);
  }
  if (problems.length > 0) return err('kb.invalid', `知识库数据有误，无法加载：\n${summarize(problems)}`, problems);
  const { format, schemaVersion, dataVersion, source } = manifest.data;
  return validateKnowledgeBase({ format, schemaVersion, dataVersion, source, documents }, sourceText);
}

// ---------------------------------------------------------------------------------------------
// Integrity

interface CheckContext {
  readonly source: SourceIndex;
  readonly problems: string[];
}

function checkCitation(ctx: CheckContext, doc: PolicyDocument, where: string, citation: Citation): void {
  const { start, end } = citation.lines;
  if (start > end) {
    ctx.problems.push(`${where}：引用行号 ${start}–${end} 起止颠倒`);
    return;
  }
  if (start < doc.lines.start || end > doc.lines.end) {
    ctx.problems.push(`${where}：引用行号 ${start}–${end} 超出文书范围 ${doc.lines.start}–${doc.lines.end}`);
    return;
  }
  if (!ctx.source.containsQuote(citation.quote, start, end)) {
    ctx.problems.push(`${where}（${citation.ref}）：引文在原文第 ${start}–${end} 行中找不到：“${citation.quote.slice(0, 40)}${citation.quote.length > 40 ? '……' : ''}”`);
  }
}

const SUBJECT_KIND_LABELS: Readonly<Record<PerSubjectKind, string>> = { vehicle: '车辆', licence: '证照', person: '人员', store: '门店或场所' };

/**
 * `subjectKind` is set for the `when` of a per-vehicle/licence/person/store deadline rule: there,
 * facts of that one subject (vehicle.usageNature, licence.kind ...) may be used as well.
 */
function checkCondition(
  ctx: CheckContext, doc: PolicyDocument, item: PolicyItem, where: string, condition: Condition, ids: Set<string>,
  subjectKind?: DeadlineRule['per'],
): void {
  const here = `${where} 条件 ${condition.id}`;
  if (ids.has(condition.id)) ctx.problems.push(`${here}：条件编号重复`);
  ids.add(condition.id);
  if (condition.citation !== undefined) checkCitation(ctx, doc, here, condition.citation);
  switch (condition.op) {
    case 'fact': {
      if (isSubjectFact(condition.fact)) {
        const kind = subjectFactKind(condition.fact);
        if (subjectKind !== kind) ctx.problems.push(`${here}：“${condition.fact}”是单个${SUBJECT_KIND_LABELS[kind]}的事实，只能用于按${SUBJECT_KIND_LABELS[kind]}逐一计算的期限条件`);
      } else {
        const problem = checkFactReference(condition.fact, condition.param);
        if (problem !== null) ctx.problems.push(`${here}：${problem}`);
      }
      if (isAnswerFact(condition.fact) && !item.questions.some((q) => q.key === condition.fact)) {
        ctx.problems.push(`${here}：使用了问题“${condition.fact}”，但条目没有该问题`);
      }
      const v = condition.value;
      switch (condition.comparator) {
        case 'isTrue':
        case 'isFalse':
        case 'known':
          if (v !== undefined) ctx.problems.push(`${here}：比较方式 ${condition.comparator} 不需要比较值`);
          break;
        case 'in':
          if (!Array.isArray(v)) ctx.problems.push(`${here}：比较方式 in 需要一个值列表`);
          break;
        case 'gte':
        case 'gt':
        case 'lte':
        case 'lt':
          if (typeof v !== 'number' && typeof v !== 'string') ctx.problems.push(`${here}：比较方式 ${condition.comparator} 需要数值或日期`);
          break;
        case 'eq':
        case 'neq':
        case 'contains':
        case 'startsWith':
          if (v === undefined) ctx.problems.push(`${here}：比较方式 ${condition.comparator} 需要比较值`);
          break;
      }
      return;
    }
    case 'all':
    case 'any':
      for (const child of condition.of) checkCondition(ctx, doc, item, where, child, ids, subjectKind);
      return;
    case 'not':
      checkCondition(ctx, doc, item, where, condition.of, ids, subjectKind);
      return;
  }
}

function checkDeadline(ctx: CheckContext, doc: PolicyDocument, item: PolicyItem, where: string, rule: DeadlineRule, conditionIds: Set<string>): void {
  const here = `${where} 期限 ${rule.id}`;
  checkCitation(ctx, doc, here, rule.citation);
  if (rule.when !== undefined) checkCondition(ctx, doc, item, here, rule.when, conditionIds, rule.per);
  const needsOffset = rule.direction === 'after' || rule.direction === 'before' || rule.direction === 'window';
  if (needsOffset && rule.offset === null) ctx.problems.push(`${here}：方向 ${rule.direction} 需要期间（offset）`);
  if (rule.direction === 'fixed' && rule.trigger.kind !== 'fixedDate') ctx.problems.push(`${here}：固定日期期限的触发应为 fixedDate`);
  if (rule.direction === 'recurring' && rule.trigger.kind !== 'recurring') ctx.problems.push(`${here}：周期性期限的触发应为 recurring`);
  if (!rule.statedInText && rule.note.trim() === '') ctx.problems.push(`${here}：原文未规定日期时，note 须引用原文说明`);
  if (rule.trigger.kind === 'factDate') {
    const fact = rule.trigger.fact;
    if (isSubjectFact(fact)) {
      const kind = subjectFactKind(fact);
      if (rule.per !== kind) ctx.problems.push(`${here}：触发日期 ${fact} 属于单个${SUBJECT_KIND_LABELS[kind]}，期限应按${SUBJECT_KIND_LABELS[kind]}逐一计算（per: ${kind}）`);
    } else {
      const def = FACTS.get(fact);
      if (def === undefined) ctx.problems.push(`${here}：触发日期“${fact}”不在事实登记表中`);
      else if (def.type !== 'date') ctx.problems.push(`${here}：触发事实“${fact}”不是日期`);
      else {
        const problem = checkFactReference(fact, rule.trigger.param);
        if (problem !== null) ctx.problems.push(`${here}：${problem}`);
      }
    }
  }
}

function checkItem(ctx: CheckContext, doc: PolicyDocument, item: PolicyItem): void {
  const where = `条目 ${item.id}`;
  if (!item.id.startsWith(`${doc.id}/`)) ctx.problems.push(`${where}：条目编号应以文书编号“${doc.id}/”开头`);
  checkCitation(ctx, doc, where, item.citation);
  const questionKeys = new Set<string>();
  for (const q of item.questions) {
    if (questionKeys.has(q.key)) ctx.problems.push(`${where}：问题“${q.key}”重复`);
    questionKeys.add(q.key);
    if (q.type === 'choice' && (q.options === undefined || q.options.length < 2)) ctx.problems.push(`${where}：选择题“${q.key}”至少需要两个选项`);
    // A presumption reads registry facts only; its condition ids are its own.
    if (q.presume !== undefined) checkCondition(ctx, doc, item, `${where} 问题“${q.key}”的推定`, q.presume.when, new Set());
  }
  if (item.period !== undefined) checkCitation(ctx, doc, `${where} 措施期限`, item.period.citation);
  const conditionIds = new Set<string>();
  if (item.appliesWhen !== undefined) checkCondition(ctx, doc, item, where, item.appliesWhen, conditionIds);
  if (item.requirements !== undefined) checkCondition(ctx, doc, item, where, item.requirements, conditionIds);
  const ruleIds = new Set<string>();
  for (const rule of item.deadlines) {
    if (ruleIds.has(rule.id)) ctx.problems.push(`${where}：期限编号 ${rule.id} 重复`);
    ruleIds.add(rule.id);
    checkDeadline(ctx, doc, item, where, rule, conditionIds);
  }
  const materialIds = new Set<string>();
  for (const material of item.materials) {
    const here = `${where} 材料 ${material.id}`;
    if (materialIds.has(material.id)) ctx.problems.push(`${here}：材料编号重复`);
    materialIds.add(material.id);
    checkCitation(ctx, doc, here, material.citation);
    if (material.when !== undefined) checkCondition(ctx, doc, item, here, material.when, conditionIds);
  }
  for (const example of item.examples) {
    for (const key of Object.keys(example.facts)) {
      const colon = key.indexOf(':');
      const fact = colon < 0 ? key : key.slice(0, colon);
      const param = colon < 0 ? undefined : key.slice(colon + 1);
      const problem = checkFactReference(fact, param);
      if (problem !== null) ctx.problems.push(`${where} 示例“${example.label}”：${problem}`);
    }
  }
}

/** Integrity checks beyond the schema; every problem is listed in Chinese. */
export function validateKnowledgeBase(kb: KnowledgeBase, sourceText: string): Result<KnowledgeBase> {
  const source = new SourceIndex(sourceText);
  const ctx: CheckContext = { source, problems: [] };
  if (kb.source.lineCount !== source.lineCount) {
    ctx.problems.push(`原文行数不符：数据声明 ${kb.source.lineCount} 行，原文实际 ${source.lineCount} 行`);
  }
  const docIds = new Set<string>();
  const itemIds = new Set<string>();
  // Answers are stored per company, so one key must mean the same question everywhere.
  const questionShapes = new Map<string, { shape: string; itemId: string }>();
  let previousEnd = 0;
  for (const doc of kb.documents) {
    const where = `文书 ${doc.id}`;
    if (docIds.has(doc.id)) ctx.problems.push(`${where}：文书编号重复`);
    docIds.add(doc.id);
    if (doc.lines.start > doc.lines.end || doc.lines.end > source.lineCount) {
      ctx.problems.push(`${where}：行号范围 ${doc.lines.start}–${doc.lines.end} 无效（原文共 ${source.lineCount} 行）`);
      continue;
    }
    if (doc.lines.start <= previousEnd) ctx.problems.push(`${where}：行号范围 ${doc.lines.start}–${doc.lines.end} 与前一文书重叠或顺序颠倒`);
    previousEnd = doc.lines.end;
    if (!source.containsQuote(doc.title, doc.lines.start, Math.min(doc.lines.end, doc.lines.start + 10))) {
      ctx.problems.push(`${where}：标题“${doc.title}”不在其起始行附近`);
    }
    if (doc.isGovernmentOnly && doc.items.length > 0) ctx.problems.push(`${where}：标为“仅涉及政府部门”的文书不应有面向企业的条目`);
    if (!doc.isGovernmentOnly && doc.items.length === 0) ctx.problems.push(`${where}：没有条目，应标为“仅涉及政府部门”`);
    if (doc.issuedOn.isInferred && doc.issuedOn.note.trim() === '') ctx.problems.push(`${where}：推定的发文日期须在 note 中说明依据`);
    if (doc.effectiveOn.isInferred && doc.effectiveOn.note.trim() === '') ctx.problems.push(`${where}：推定的施行日期须在 note 中说明依据`);
    for (const item of doc.items) {
      if (itemIds.has(item.id)) ctx.problems.push(`条目 ${item.id}：条目编号重复`);
      itemIds.add(item.id);
      checkItem(ctx, doc, item);
      for (const question of item.questions) {
        const shape = `${question.type}|${(question.options ?? []).join('|')}`;
        const seen = questionShapes.get(question.key);
        if (seen === undefined) questionShapes.set(question.key, { shape, itemId: item.id });
        else if (seen.shape !== shape) ctx.problems.push(`条目 ${item.id}：问题“${question.key}”的类型或选项与条目 ${seen.itemId} 中的不一致`);
      }
    }
  }
  if (ctx.problems.length > 0) return err('kb.integrity', `知识库数据校验未通过：\n${summarize(ctx.problems)}`, ctx.problems);
  return ok(kb);
}

// ---------------------------------------------------------------------------------------------
// Override packs

/** Compares data versions "YYYY.MM.DD-N"; negative when a is older. */
export function compareDataVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [date = '', serial = '0'] = v.split('-');
    return { date, serial: Number(serial) };
  };
  const x = parse(a);
  const y = parse(b);
  if (x.date !== y.date) return x.date < y.date ? -1 : 1;
  return x.serial - y.serial;
}

export interface KnowledgeBaseChoice extends LoadedKnowledgeBase {
  readonly origin: 'bundled' | 'override';
  /** Chinese, shown to the user when an override was found (used or refused); null otherwise. */
  readonly message: string | null;
}

/** Parses and fully checks a user-supplied pack (one JSON file holding a whole knowledge base). */
export function parseKnowledgeBasePack(text: string, fallbackSourceText: string): Result<LoadedKnowledgeBase> {
  const json = parseJson(text);
  if (!json.ok) return err('kb.packNotJson', `不是有效的 JSON：${json.message}`);
  const header = json.value as { format?: unknown; schemaVersion?: unknown } | null;
  if (typeof header !== 'object' || header === null || header.format !== KNOWLEDGE_BASE_FORMAT) {
    return err('kb.packWrongFormat', '不是企业合规工作台的政策数据包（format 字段缺失或不符）');
  }
  if (typeof header.schemaVersion === 'number' && header.schemaVersion > KNOWLEDGE_BASE_SCHEMA_VERSION) {
    return err('kb.packNewerSchema', `数据包格式版本 ${header.schemaVersion} 高于本应用支持的 ${KNOWLEDGE_BASE_SCHEMA_VERSION}，请先升级应用`);
  }
  // The same text checks as every other importer (shared/validation/recordSafety.ts): refused, never repaired.
  const badText = findBadText(json.value);
  if (badText !== null) return err('kb.packBadText', `数据包${badText.path === '' ? '' : ` ${describePackPath(badText.path)} `}${badText.reason}，已拒绝`);
  const parsed = knowledgeBasePackSchema.safeParse(json.value);
  if (!parsed.success) return err('kb.packInvalid', `格式有误：\n${summarize(formatZodIssues(parsed.error.issues, '数据包'))}`);
  const { sourceText, ...kb } = parsed.data;
  const text2 = sourceText ?? fallbackSourceText;
  const checked = validateKnowledgeBase(kb, text2);
  return checked.ok ? ok({ kb: checked.value, sourceText: text2 }) : checked;
}

/**
 * Decides which knowledge base to use: a user-supplied pack only when it is valid and newer than
 * the bundled one; otherwise the bundled one, with a Chinese message saying why.
 */
export function chooseKnowledgeBase(bundled: LoadedKnowledgeBase, overrideText: string | null | undefined): KnowledgeBaseChoice {
  if (overrideText === null || overrideText === undefined) return { ...bundled, origin: 'bundled', message: null };
  const pack = parseKnowledgeBasePack(overrideText, bundled.sourceText);
  const bundledVersion = bundled.kb.dataVersion;
  if (!pack.ok) {
    return { ...bundled, origin: 'bundled', message: refusalMessage(bundledVersion, pack.error.message) };
  }
  const packVersion = pack.value.kb.dataVersion;
  if (compareDataVersions(packVersion, bundledVersion) <= 0) {
    return { ...bundled, origin: 'bundled', message: `政策数据包版本 ${packVersion} 不比内置版本 ${bundledVersion} 新，继续使用内置政策数据` };
  }
  return { ...pack.value, origin: 'override', message: `已使用更新的政策数据包（版本 ${packVersion}，内置版本 ${bundledVersion}）` };
}
