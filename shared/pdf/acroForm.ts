import {
  PDFButton, PDFCheckBox, PDFDict, PDFDropdown, PDFHexString, PDFName, PDFOptionList, PDFRadioGroup, PDFRef,
  PDFSignature, PDFString, PDFTextField, type PDFDocument, type PDFField, type PDFFont, type PDFForm, type PDFWidgetAnnotation,
} from 'pdf-lib';
import { z } from 'zod';
import { err, ok, type Result } from '../util/result';
import { embedCjkFont, saveWithCjkFonts } from './cjkFont';
import { resolveFact, type FormFacts } from './formFacts';
import type { FontSubsetter } from './fontSubset';
import { loadPdf } from './pdfLoad';
import { crampedField, fitFieldText, MIN_FIELD_FONT_SIZE, type CrampedField, type FieldBox, type FontMetrics } from './fieldFit';
import { measurerForFont, SIZE_BODY } from './pdfDraw';
import { MIN_READABLE_FONT_SIZE } from './textLayout';

/*
 * Official fillable PDFs (AcroForms): list their fields, fill them from company facts through a
 * mapping the user makes once per form (the UI stores it), optionally flatten.
 *
 * Chinese in form fields: the appearance of every filled field is generated here with the embedded
 * CJK subset font (pdf-lib's default Helvetica cannot encode Chinese), long values are wrapped by
 * textLayout.ts (pdf-lib wraps only at spaces) and shrunk to fit their box (fieldFit.ts). checkAcroFormFit
 * tells, before filling, which values would be shrunk below 8 pt: it runs the same sizing as the fill.
 */

type AcroFieldKind = 'text' | 'checkbox' | 'radio' | 'dropdown' | 'list' | 'button' | 'signature';

export interface AcroFieldInfo {
  /** Fully qualified field name: the key of the mapping. */
  readonly name: string;
  readonly kind: AcroFieldKind;
  /** The field's tooltip (TU) when it has one, else the last part of its name: what to show the user. */
  readonly label: string;
  readonly options: readonly string[];
  readonly value: string;
  readonly isMultiline: boolean;
  readonly maxLength: number | null;
  readonly isReadOnly: boolean;
  readonly isRequired: boolean;
  /** 1-based page of the first widget, when found. */
  readonly page: number | null;
  readonly rect: { readonly x: number; readonly y: number; readonly width: number; readonly height: number } | null;
}

export interface AcroFormListing {
  readonly fields: readonly AcroFieldInfo[];
  /** The PDF also carries an XFA form; only its AcroForm part is used (and the XFA part is dropped on fill). */
  readonly hasXfa: boolean;
}

/** How one field gets its value: a fact key, fixed text typed once, or a tick rule for a checkbox. */
const fieldMappingSchema = z.union([
  z.string().min(1),
  z.object({
    fact: z.string().min(1).optional(),
    text: z.string().optional(),
    /** Checkbox: ticked when the value equals this (default: 是/true/yes/1/√). */
    checkedWhen: z.string().optional(),
  }),
]);
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

const acroFormMappingSchema = z.object({
  format: z.literal('compliance-workbench/acroform-mapping').optional(),
  /** Field name -> mapping. Fields not listed are left as they are. */
  fields: z.record(z.string(), fieldMappingSchema),
});
export type AcroFormMapping = z.infer<typeof acroFormMappingSchema>;

export interface FillProblem {
  readonly field: string;
  readonly message: string;
}

export interface FillResult {
  readonly bytes: Uint8Array;
  /** Fields given a value. */
  readonly filled: readonly string[];
  /** Mapped fields left unchanged, with why (no fact value, not an option, read-only, ...). */
  readonly problems: readonly FillProblem[];
  /** Text fields filled below 8 pt or still too long at the smallest size (also among `problems`). */
  readonly cramped: readonly CrampedField[];
  readonly missingCharacters: readonly string[];
}

const TRUTHY = new Set(['是', 'true', 'yes', 'y', '1', '√', '✓', '有', '已']);

function decodeText(value: unknown): string {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '';
}

function fieldKind(field: PDFField): AcroFieldKind {
  if (field instanceof PDFTextField) return 'text';
  if (field instanceof PDFCheckBox) return 'checkbox';
  if (field instanceof PDFRadioGroup) return 'radio';
  if (field instanceof PDFDropdown) return 'dropdown';
  if (field instanceof PDFOptionList) return 'list';
  if (field instanceof PDFSignature) return 'signature';
  if (field instanceof PDFButton) return 'button';
  return 'button';
}

function fieldValue(field: PDFField): string {
  if (field instanceof PDFTextField) return field.getText() ?? '';
  if (field instanceof PDFCheckBox) return field.isChecked() ? '是' : '';
  if (field instanceof PDFRadioGroup) return field.getSelected() ?? '';
  if (field instanceof PDFDropdown || field instanceof PDFOptionList) return field.getSelected().join('、');
  return '';
}

function fieldOptions(field: PDFField): string[] {
  if (field instanceof PDFRadioGroup || field instanceof PDFDropdown || field instanceof PDFOptionList) return field.getOptions();
  return [];
}

function widgetPage(doc: PDFDocument, widget: PDFWidgetAnnotation): number | null {
  const pages = doc.getPages();
  const pageRef = widget.P();
  if (pageRef instanceof PDFRef) {
    const index = pages.findIndex((p) => p.ref === pageRef);
    if (index !== -1) return index + 1;
  }
  // Many forms omit /P: find the page whose annotations hold the widget.
  const widgetRef = doc.context.getObjectRef(widget.dict);
  const index = pages.findIndex((p) => p.node.Annots()?.asArray().some((a) => a === widgetRef) ?? false);
  return index === -1 ? null : index + 1;
}

/** The field's tooltip (TU) when it has one, else the last part of its name. */
function fieldLabel(field: PDFField): string {
  const name = field.getName();
  const tooltip = decodeText(field.acroField.dict.lookup(PDFName.of('TU'))).trim();
  return tooltip || (name.split('.').pop() ?? name);
}

function describeField(doc: PDFDocument, field: PDFField): AcroFieldInfo {
  const name = field.getName();
  const widget = field.acroField.getWidgets()[0];
  const rect = widget?.getRectangle();
  return {
    name,
    kind: fieldKind(field),
    label: fieldLabel(field),
    options: fieldOptions(field),
    value: fieldValue(field),
    isMultiline: field instanceof PDFTextField && field.isMultiline(),
    maxLength: field instanceof PDFTextField ? (field.getMaxLength() ?? null) : null,
    isReadOnly: field.isReadOnly(),
    isRequired: field.isRequired(),
    page: widget ? widgetPage(doc, widget) : null,
    rect: rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null,
  };
}

function hasXfa(doc: PDFDocument): boolean {
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  return acroForm?.has(PDFName.of('XFA')) ?? false;
}

/** pdf-lib drops an XFA part when the form is opened (and warns on the console); done here quietly. */
function openForm(doc: PDFDocument): PDFForm {
  doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)?.delete(PDFName.of('XFA'));
  return doc.getForm();
}

async function openFormPdf(fileName: string, bytes: Uint8Array): Promise<Result<{ doc: PDFDocument; form: PDFForm; hasXfa: boolean }>> {
  const loaded = await loadPdf(fileName, bytes);
  if (!loaded.ok) return loaded;
  const doc = loaded.value;
  const isXfa = hasXfa(doc);
  let form: PDFForm;
  try {
    form = openForm(doc);
  } catch (e) {
    return err('acroForm.corrupt', `文件“${fileName}”的表单结构有误，无法读取（${e instanceof Error ? e.message : String(e)}）。`);
  }
  if (form.getFields().length === 0) {
    return isXfa
      ? err('acroForm.xfaOnly', `文件“${fileName}”是 XFA 动态表单，本应用无法填写。请用 Adobe Acrobat 打开并另存为普通 PDF 表单后再试。`)
      : err('acroForm.noFields', `文件“${fileName}”没有可填写的表单域。这份 PDF 不是可填写表单，可改用表单模板生成。`);
  }
  return ok({ doc, form, hasXfa: isXfa });
}

/** Every field of a fillable PDF, in the form's order. */
export async function listFields(fileName: string, bytes: Uint8Array): Promise<Result<AcroFormListing>> {
  const opened = await openFormPdf(fileName, bytes);
  if (!opened.ok) return opened;
  const { doc, form } = opened.value;
  return ok({ fields: form.getFields().map((f) => describeField(doc, f)), hasXfa: opened.value.hasXfa });
}

/** Parses a stored or user-supplied mapping (JSON), with a Chinese error. */
export function parseAcroFormMapping(json: unknown, name = '字段对应关系'): Result<AcroFormMapping> {
  const parsed = acroFormMappingSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 8).map((i) => `${i.path.join('.') || '文件'}：${i.message}`);
    return err('acroForm.mappingInvalid', `${name}格式有误：\n${issues.join('\n')}`);
  }
  return ok(parsed.data);
}

function mappedValue(mapping: FieldMapping, facts: FormFacts): { value: string | undefined; source: string } {
  if (typeof mapping === 'string') return { value: resolveFact(facts, mapping), source: mapping };
  if (mapping.text !== undefined) return { value: mapping.text, source: '固定文字' };
  if (mapping.fact !== undefined) return { value: resolveFact(facts, mapping.fact), source: mapping.fact };
  return { value: undefined, source: '（未指定）' };
}

interface FillPlan {
  readonly field: PDFField;
  readonly value: string;
  readonly checkedWhen: string | undefined;
}

export interface FillOptions {
  /** Burn the values into the pages and remove the fields (nothing left to edit). */
  readonly flatten?: boolean | undefined;
}

/** The mapped fields and the values they get; what cannot be filled is reported instead. */
function planFill(form: PDFForm, mapping: AcroFormMapping, facts: FormFacts): { plans: FillPlan[]; problems: FillProblem[] } {
  const byName = new Map(form.getFields().map((f) => [f.getName(), f]));
  const problems: FillProblem[] = [];
  const plans: FillPlan[] = [];
  for (const [name, fieldMapping] of Object.entries(mapping.fields)) {
    const field = byName.get(name);
    if (!field) {
      problems.push({ field: name, message: `表单中没有名为“${name}”的字段（表单可能已更换版本），请重新设置对应关系` });
      continue;
    }
    if (field.isReadOnly()) {
      problems.push({ field: name, message: '该字段为只读，未填写' });
      continue;
    }
    const { value, source } = mappedValue(fieldMapping, facts);
    if (value === undefined) {
      problems.push({ field: name, message: `企业信息中“${source}”暂无内容，该字段未填写` });
      continue;
    }
    plans.push({ field, value, checkedWhen: typeof fieldMapping === 'string' ? undefined : fieldMapping.checkedWhen });
  }
  return { plans, problems };
}

/**
 * Every character any appearance will draw: the filled values, the other text fields' current
 * values and the choice fields' options (their appearances are regenerated too).
 */
function appearanceText(form: PDFForm, plans: readonly FillPlan[]): string {
  return [...plans.map((p) => p.value), ...form.getFields().flatMap((f) => [fieldValue(f), ...fieldOptions(f)])].join('');
}

/**
 * Before filling: the mapped text fields whose value would be filled below 8 pt (with the size it
 * needs) or would not fit even at the smallest size. Sizes each value exactly as fillAcroForm does,
 * with the same font subset, so the two cannot disagree.
 */
export async function checkAcroFormFit(
  fileName: string,
  bytes: Uint8Array,
  mapping: AcroFormMapping,
  facts: FormFacts,
  subsetter: FontSubsetter,
): Promise<Result<CrampedField[]>> {
  const opened = await openFormPdf(fileName, bytes);
  if (!opened.ok) return opened;
  const { doc, form } = opened.value;
  const { plans } = planFill(form, mapping, facts);
  const { pdfFont: font } = embedCjkFont(doc, subsetter, appearanceText(form, plans));
  const formDefaultAppearance = decodeText(form.acroForm.dict.lookup(PDFName.of('DA')));
  const cramped: CrampedField[] = [];
  for (const { field, value } of plans) {
    if (!(field instanceof PDFTextField)) continue;
    const box = textFieldBox(field, font, formDefaultAppearance);
    if (box === null) continue;
    const found = crampedField(field.getName(), fieldLabel(field), fitFieldText(withinMaxLength(field, value).text, box, fontMetrics(font)));
    if (found) cramped.push(found);
  }
  return ok(cramped);
}

/**
 * Fills the mapped fields from the facts. A mapped field whose fact has no value, or whose value
 * is none of its options, is left unchanged and reported; the rest of the form is untouched.
 */
export async function fillAcroForm(
  fileName: string,
  bytes: Uint8Array,
  mapping: AcroFormMapping,
  facts: FormFacts,
  subsetter: FontSubsetter,
  options: FillOptions = {},
): Promise<Result<FillResult>> {
  const opened = await openFormPdf(fileName, bytes);
  if (!opened.ok) return opened;
  const { doc, form } = opened.value;
  const { plans, problems } = planFill(form, mapping, facts);
  const { pdfFont: font, missingCharacters } = embedCjkFont(doc, subsetter, appearanceText(form, plans));
  const filled: string[] = [];

  const fill: FillContext = {
    font,
    formDefaultAppearance: decodeText(form.acroForm.dict.lookup(PDFName.of('DA'))),
    displayLines: new Map(),
    cramped: [],
  };
  for (const plan of plans) {
    let problem: string | null;
    try {
      problem = applyValue(plan, fill);
    } catch (e) {
      // A malformed field (pdf-lib throws on it) is reported and skipped, the rest still filled.
      problem = `该字段结构有误，未能填写（${e instanceof Error ? e.message : String(e)}）`;
    }
    if (problem) problems.push({ field: plan.field.getName(), message: problem });
    else filled.push(plan.field.getName());
  }

  registerFormFont(form, font);
  try {
    form.updateFieldAppearances(font);
    drawWrappedAppearances(fill.displayLines, font);
    if (options.flatten) {
      form.flatten({ updateFieldAppearances: false });
      dropDanglingAnnotations(doc);
    }
  } catch (e) {
    return err('acroForm.appearance', `生成“${fileName}”的表单外观失败：${e instanceof Error ? e.message : String(e)}`);
  }
  const output = await saveWithCjkFonts(doc, [font]);
  return ok({ bytes: output, filled, problems, cramped: fill.cramped, missingCharacters });
}

/** What filling one field needs besides its value, and what it leaves for after the loop. */
interface FillContext {
  readonly font: PDFFont;
  readonly formDefaultAppearance: string;
  readonly displayLines: DisplayLines;
  readonly cramped: CrampedField[];
}

/** Sets one field; returns a Chinese problem instead when the value does not fit the field. */
function applyValue(plan: FillPlan, fill: FillContext): string | null {
  const { field, value } = plan;
  if (field instanceof PDFTextField) return fillTextField(field, value, fill);
  if (field instanceof PDFCheckBox) {
    const isChecked = plan.checkedWhen !== undefined ? value === plan.checkedWhen : TRUTHY.has(value.trim().toLowerCase());
    if (isChecked) field.check();
    else field.uncheck();
    return null;
  }
  if (field instanceof PDFRadioGroup) {
    const option = field.getOptions().find((o) => o === value || o.trim() === value.trim());
    if (option === undefined) return `值“${value}”不是该单选项的选项之一（${field.getOptions().join('、')}）`;
    field.select(option);
    return null;
  }
  if (field instanceof PDFDropdown) {
    const option = field.getOptions().find((o) => o.trim() === value.trim());
    if (option !== undefined) field.select(option);
    else if (field.isEditable()) field.select(value);
    else return `值“${value}”不是该下拉框的选项之一`;
    return null;
  }
  if (field instanceof PDFOptionList) {
    const option = field.getOptions().find((o) => o.trim() === value.trim());
    if (option === undefined) return `值“${value}”不是该列表的选项之一`;
    field.select(option);
    return null;
  }
  return '该类型的字段（按钮或签名）不能由本应用填写';
}

/** A value that fits only below 8 pt is filled but reported: printed, it is hard to read. */
function smallTextProblem(size: number, problem: string | null): string {
  return `内容较长，须缩小到 ${size} 磅才能放入字段（低于 ${MIN_READABLE_FONT_SIZE} 磅，打印后难以辨认），请精简内容或手工填写${problem ? `；${problem}` : ''}`;
}

/**
 * Sets a text field's font size. Many forms put the default appearance (/DA) on the AcroForm only,
 * which pdf-lib's setFontSize does not look up (it throws): such a field gets its own /DA.
 */
function setTextFieldFontSize(field: PDFTextField, size: number, font: PDFFont): void {
  const own = field.acroField.getDefaultAppearance();
  if (own !== undefined && /\/[^\s/]+\s+[\d.]+\s+Tf/.test(own)) field.setFontSize(size);
  else field.acroField.setDefaultAppearance(`/${font.name} ${size} Tf 0 g`);
}

/**
 * Multi-line fields whose appearance shows the value wrapped by textLayout.ts. pdf-lib draws a
 * field's appearance from its value and wraps only at spaces, so the appearance is drawn from the
 * wrapped lines while the field keeps the officer's text as its value (/V).
 */
type DisplayLines = Map<PDFTextField, string>;

/** Draws each wrapped field's appearance from its display lines, then restores its value. */
function drawWrappedAppearances(lines: DisplayLines, font: PDFFont): void {
  for (const [field, display] of lines) {
    const value = field.acroField.getValue();
    field.acroField.setValue(PDFHexString.fromText(display));
    try {
      field.updateAppearances(font);
    } finally {
      if (value) field.acroField.setValue(value);
    }
  }
}

function fontMetrics(font: PDFFont): FontMetrics {
  return { measure: measurerForFont(font), heightAtSize: (size) => font.heightAtSize(size) };
}

/** The value cut to the field's maximum length (MaxLen), with the problem to report when it was. */
function withinMaxLength(field: PDFTextField, value: string): { text: string; problem: string | null } {
  const maxLength = field.getMaxLength();
  if (maxLength === undefined || [...value].length <= maxLength) return { text: value, problem: null };
  return { text: [...value].slice(0, maxLength).join(''), problem: `内容超过该字段的最大长度 ${maxLength} 个字符，已截断` };
}

/** Where pdf-lib draws a text field's value and the size it starts from; null for a combed or widgetless field. */
function textFieldBox(field: PDFTextField, font: PDFFont, formDefaultAppearance: string): FieldBox | null {
  const widget = field.acroField.getWidgets()[0];
  const rect = widget?.getRectangle();
  if (!widget || !rect || field.isCombed()) return null;
  // pdf-lib draws inside the widget less its border and 1 pt of padding (appearances.ts).
  const border = widget.getBorderStyle()?.getWidth() ?? 0;
  const width = rect.width - 2 * (border + 1) - 0.5;
  const height = rect.height - 2 * (border + 1);
  const daSize = fontSizeOf(field.acroField.getDefaultAppearance() ?? formDefaultAppearance);
  // Auto size (0): 五号 at most, and half the box so a CJK glyph (ascent 1.16 em) sits inside it.
  const startSize = daSize && daSize > 0 ? daSize : Math.min(SIZE_BODY, Math.max(MIN_FIELD_FONT_SIZE, Math.floor(height)) / 2);
  return { width, height, startSize, isMultiline: field.isMultiline() };
}

function fillTextField(field: PDFTextField, value: string, fill: FillContext): string | null {
  const { text, problem } = withinMaxLength(field, value);
  const box = textFieldBox(field, fill.font, fill.formDefaultAppearance);
  if (box === null) {
    field.setText(text);
    return problem;
  }
  const fit = fitFieldText(text, box, fontMetrics(fill.font));
  // The value is the text as entered; a multi-line field's wrapped lines go to the appearance only.
  field.setText(text);
  if (fit.lines !== null) fill.displayLines.set(field, fit.lines.join('\n'));
  setTextFieldFontSize(field, fit.size, fill.font);
  const cramped = crampedField(field.getName(), fieldLabel(field), fit);
  if (cramped) fill.cramped.push(cramped);
  if (fit.isOverflowing) return `内容过长，缩到最小字号仍超出字段${fit.lines !== null ? '范围' : '宽度'}${problem ? `；${problem}` : ''}`;
  return fit.size < MIN_READABLE_FONT_SIZE ? smallTextProblem(fit.size, problem) : problem;
}

/**
 * pdf-lib 1.17.1's removeField (called by flatten) deletes each widget but removes its appearance
 * ref instead of its own ref from the page's /Annots, leaving references to deleted objects that
 * viewers report as broken (Hopding/pdf-lib#1267). Remove every annotation ref that no longer resolves.
 */
function dropDanglingAnnotations(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const annotations = page.node.Annots();
    if (!annotations) continue;
    for (let i = annotations.size() - 1; i >= 0; i--) {
      const entry = annotations.get(i);
      if (entry instanceof PDFRef && doc.context.lookup(entry) === undefined) annotations.remove(i);
    }
  }
}

/** The size in a default-appearance string such as "/Helv 9 Tf 0 g" (0 = auto). */
function fontSizeOf(defaultAppearance: string): number | null {
  const match = /(\d+(?:\.\d+)?)\s+Tf/.exec(defaultAppearance);
  return match ? Number(match[1]) : null;
}

/**
 * Lists the embedded font in the form's default resources, because pdf-lib points each filled
 * widget's default appearance at it: a viewer that redraws a field then finds the font.
 */
function registerFormFont(form: PDFForm, font: PDFFont): void {
  const context = form.acroForm.dict.context;
  let resources = form.acroForm.dict.lookupMaybe(PDFName.of('DR'), PDFDict);
  if (!resources) {
    resources = context.obj({});
    form.acroForm.dict.set(PDFName.of('DR'), resources);
  }
  let fonts = resources.lookupMaybe(PDFName.of('Font'), PDFDict);
  if (!fonts) {
    fonts = context.obj({});
    resources.set(PDFName.of('Font'), fonts);
  }
  fonts.set(PDFName.of(font.name), font.ref);
}
