import { z } from 'zod';
import { citationSchema } from '../policy/knowledgeBase';
import { err, ok, type Result } from '../util/result';
import { isKnownFact, isKnownList, type FormFacts } from './formFacts';

/*
 * Form templates: the application forms the policy compilation names but does not print
 * ("附件：劳务派遣经营许可申请书(略)"), as data in resources/forms/<id>.json, drawn by renderForm.ts.
 *
 * A template is a column of blocks down an A4 page: a title, grids of labelled boxes (the usual
 * Chinese 申请表 table), repeating tables (staff, vehicles), paragraphs of commitment text with
 * blanks, and a signature block. Every box a user writes in is a field bound to a company fact
 * (formFacts.ts) or left for the user (`fact` absent); `inspectTemplate` reports which fields are
 * still empty so the UI can highlight them before the PDF is generated.
 */

const FORM_TEMPLATE_FORMAT = 'compliance-workbench/form-template';
const FORM_TEMPLATE_FORMAT_VERSION = 1;

const fieldId = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, '字段编号只能含字母、数字和下划线，且以字母开头');

const labelCellSchema = z.object({
  kind: z.literal('label'),
  text: z.string().min(1),
  span: z.number().int().min(1).default(1),
});

const fieldCellSchema = z.object({
  kind: z.literal('field'),
  id: fieldId,
  /** What the field is, for the list of fields still to fill ("药店名称"). */
  label: z.string().min(1),
  /** The company fact that fills it; absent: the user fills it in. */
  fact: z.string().optional(),
  span: z.number().int().min(1).default(1),
  /** An empty optional field is not reported as unfilled. */
  isOptional: z.boolean().default(false),
  /** Height reserved for handwriting when empty, in lines. */
  minLines: z.number().int().min(1).max(20).default(1),
  /** Shown in the highlighted preview of an empty field ("填写经营面积"). */
  hint: z.string().default(''),
});

const choiceCellSchema = z.object({
  kind: z.literal('choice'),
  id: fieldId,
  label: z.string().min(1),
  options: z.array(z.string().min(1)).min(1),
  /** A fact whose value, when it equals an option, ticks it. */
  fact: z.string().optional(),
  span: z.number().int().min(1).default(1),
  isOptional: z.boolean().default(false),
  /** Several options may be ticked; the value lists them separated by 、. */
  isMultiple: z.boolean().default(false),
});

const gridCellSchema = z.discriminatedUnion('kind', [labelCellSchema, fieldCellSchema, choiceCellSchema]);
export type GridCell = z.infer<typeof gridCellSchema>;
export type FieldCell = z.infer<typeof fieldCellSchema>;
export type ChoiceCell = z.infer<typeof choiceCellSchema>;

const tableColumnSchema = z.object({
  label: z.string().min(1),
  /** A column key of the list (formFacts.ts PERSON_COLUMNS, VEHICLE_COLUMNS ...); absent: a 序号 column. */
  fact: z.string().optional(),
  width: z.number().positive().default(1),
});

const paragraphFieldSchema = z.object({
  id: fieldId,
  label: z.string().min(1),
  fact: z.string().optional(),
  isOptional: z.boolean().default(false),
});

const signatureLineSchema = z.object({
  /** "申请单位（盖章）：" */
  label: z.string().min(1),
  /** A field printed after the label; absent: a blank line to sign on. */
  field: paragraphFieldSchema.optional(),
  /** Printed when the field is empty, e.g. ideographic spaces and 年 月 日 for a date written at signing. */
  blank: z.string().default(''),
});

const formBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('title'), text: z.string().min(1), size: z.number().min(10).max(28).default(18) }),
  z.object({
    kind: z.literal('text'),
    text: z.string().min(1),
    align: z.enum(['left', 'center', 'right']).default('left'),
    size: z.number().min(7).max(16).default(10.5),
  }),
  z.object({
    kind: z.literal('grid'),
    /** Relative column widths; each row's spans add up to the column count. */
    columns: z.array(z.number().positive()).min(1).max(12),
    rows: z.array(z.array(gridCellSchema).min(1)).min(1),
    minRowHeight: z.number().min(12).max(200).default(22),
  }),
  z.object({
    kind: z.literal('table'),
    id: fieldId,
    label: z.string().min(1),
    /** A list key of formFacts.ts FORM_LISTS, e.g. "people:执业药师" or "vehicles". */
    list: z.string().min(1),
    columns: z.array(tableColumnSchema).min(1),
    /** Blank rows printed when the list is shorter, for handwriting. */
    minRows: z.number().int().min(0).max(50).default(3),
    isOptional: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('paragraph'),
    /** Text with {{fieldId}} blanks; a blank is filled from `fields`. */
    text: z.string().min(1),
    fields: z.array(paragraphFieldSchema).default([]),
    /** Indent the first line by two characters (正文首行缩进). */
    isIndented: z.boolean().default(true),
    size: z.number().min(7).max(16).default(12),
  }),
  z.object({ kind: z.literal('signature'), lines: z.array(signatureLineSchema).min(1) }),
  z.object({ kind: z.literal('spacer'), height: z.number().min(0).max(400) }),
]);
export type FormBlock = z.infer<typeof formBlockSchema>;

const formTemplateSchema = z.object({
  format: z.literal(FORM_TEMPLATE_FORMAT),
  formatVersion: z.literal(FORM_TEMPLATE_FORMAT_VERSION),
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  /** Where the compilation names the form (it prints no layout). */
  source: z.object({ documentId: z.string().min(1), citation: citationSchema }),
  /** Shown to the user beside the form: this is a clean layout, not the authority's official one. */
  notice: z.string().min(1),
  /**
   * The knowledge-base materials this form is ("<item id>#<material id>"), with field values that
   * material implies (the 办理事项 of a commitment letter). A material's own formTemplate wins.
   */
  usedFor: z
    .array(z.object({ material: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+#[a-z0-9-]+$/), values: z.record(z.string(), z.string()).default({}) }))
    .default([]),
  blocks: z.array(formBlockSchema).min(1),
});
export type FormTemplate = z.infer<typeof formTemplateSchema>;

export const formTemplateManifestSchema = z.object({
  format: z.literal('compliance-workbench/form-templates'),
  templates: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), title: z.string().min(1), file: z.string().min(1) })),
});

/**
 * Parses a template's JSON and checks what the schema cannot: fact and list keys exist, field ids
 * are unique, every grid row spans the columns, every {{blank}} is declared.
 */
export function parseFormTemplate(json: unknown, name = '表单模板'): Result<FormTemplate> {
  const parsed = formTemplateSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 8).map((i) => `${i.path.join('.')}：${i.message}`);
    return err('formTemplate.invalid', `${name}格式有误：\n${issues.join('\n')}`, parsed.error.issues);
  }
  const template = parsed.data;
  const problems: string[] = [];
  const ids = new Set<string>();
  const claim = (id: string): void => {
    if (ids.has(id)) problems.push(`字段编号 ${id} 重复`);
    ids.add(id);
  };
  const checkFact = (fact: string | undefined, where: string): void => {
    if (fact !== undefined && !isKnownFact(fact)) problems.push(`${where}：未知的企业信息项 ${fact}`);
  };
  for (const [index, block] of template.blocks.entries()) {
    const where = `第 ${index + 1} 块`;
    switch (block.kind) {
      case 'grid':
        for (const [r, row] of block.rows.entries()) {
          const span = row.reduce((n, cell) => n + cell.span, 0);
          if (span !== block.columns.length) problems.push(`${where}第 ${r + 1} 行：单元格跨度合计 ${span}，应为 ${block.columns.length}`);
          for (const cell of row) {
            if (cell.kind === 'label') continue;
            claim(cell.id);
            checkFact(cell.fact, `${where}字段 ${cell.id}`);
          }
        }
        break;
      case 'table':
        claim(block.id);
        if (!isKnownList(block.list)) problems.push(`${where}：未知的名单 ${block.list}`);
        break;
      case 'paragraph': {
        for (const field of block.fields) {
          claim(field.id);
          checkFact(field.fact, `${where}字段 ${field.id}`);
        }
        for (const match of block.text.matchAll(/\{\{([^}]*)\}\}/g)) {
          if (!block.fields.some((f) => f.id === match[1])) problems.push(`${where}：空格 {{${match[1] ?? ''}}} 没有对应字段`);
        }
        break;
      }
      case 'signature':
        for (const line of block.lines) {
          if (line.field) {
            claim(line.field.id);
            checkFact(line.field.fact, `${where}字段 ${line.field.id}`);
          }
        }
        break;
      case 'title':
      case 'text':
      case 'spacer':
        break;
    }
  }
  if (problems.length > 0) return err('formTemplate.inconsistent', `${name}内容有误：\n${problems.join('\n')}`, problems);
  return ok(template);
}

/** One fillable place of a template and where its value comes from. */
export interface TemplateFieldState {
  readonly id: string;
  readonly label: string;
  readonly kind: 'text' | 'choice' | 'list';
  readonly fact: string | null;
  /** The value that will print ('' when empty). For a list: the number of rows, as text. */
  readonly value: string;
  readonly source: 'fact' | 'user' | 'none';
  readonly isOptional: boolean;
  readonly isFilled: boolean;
  readonly options?: readonly string[];
}

/** What the user typed for fields, by field id; a value here wins over the fact. */
export type TemplateValues = Readonly<Record<string, string>>;

/** The options a choice value ticks ("开业备案" or, for a multiple choice, "公司章程、财务审计报告"). */
export function chosenOptions(value: string, options: readonly string[]): string[] {
  if (options.includes(value)) return [value];
  return value.split(/[、，,；;]/).map((v) => v.trim()).filter((v) => options.includes(v));
}

function fieldState(
  field: { id: string; label: string; fact?: string | undefined; isOptional: boolean; isMultiple?: boolean },
  facts: FormFacts,
  values: TemplateValues,
  kind: 'text' | 'choice',
  options?: readonly string[],
): TemplateFieldState {
  const userValue = values[field.id];
  const factValue = field.fact === undefined ? undefined : facts.values.get(field.fact);
  let value = '';
  let source: TemplateFieldState['source'] = 'none';
  if (userValue !== undefined) {
    value = userValue.trim();
    source = 'user';
  } else if (factValue !== undefined) {
    value = factValue;
    source = 'fact';
  }
  if (kind === 'choice' && options && value !== '') {
    // A value that is none of the options ticks nothing; the user must choose.
    const chosen = chosenOptions(value, options);
    value = field.isMultiple ? chosen.join('、') : (chosen.length === 1 ? (chosen[0] ?? '') : '');
    if (value === '') source = 'none';
  }
  return {
    id: field.id,
    label: field.label,
    kind,
    fact: field.fact ?? null,
    value,
    source,
    isOptional: field.isOptional,
    isFilled: value !== '',
    ...(options ? { options } : {}),
  };
}

/** Every field of the template in page order with its value; `unfilled` is what the UI highlights. */
export function inspectTemplate(
  template: FormTemplate,
  facts: FormFacts,
  values: TemplateValues = {},
): { fields: TemplateFieldState[]; unfilled: TemplateFieldState[] } {
  const fields: TemplateFieldState[] = [];
  for (const block of template.blocks) {
    switch (block.kind) {
      case 'grid':
        for (const row of block.rows) {
          for (const cell of row) {
            if (cell.kind === 'field') fields.push(fieldState(cell, facts, values, 'text'));
            else if (cell.kind === 'choice') fields.push(fieldState(cell, facts, values, 'choice', cell.options));
          }
        }
        break;
      case 'table': {
        const rows = facts.lists.get(block.list) ?? [];
        fields.push({
          id: block.id,
          label: block.label,
          kind: 'list',
          fact: block.list,
          value: String(rows.length),
          source: rows.length > 0 ? 'fact' : 'none',
          isOptional: block.isOptional,
          isFilled: rows.length > 0,
        });
        break;
      }
      case 'paragraph':
        for (const field of block.fields) fields.push(fieldState(field, facts, values, 'text'));
        break;
      case 'signature':
        for (const line of block.lines) if (line.field) fields.push(fieldState(line.field, facts, values, 'text'));
        break;
      case 'title':
      case 'text':
      case 'spacer':
        break;
    }
  }
  return { fields, unfilled: fields.filter((f) => !f.isFilled && !f.isOptional) };
}
