import type { Person } from '../domain/company';
import type { PersonRole } from '../domain/vocabulary';
import { compareIsoDate, type IsoDate } from '../domain/isoDate';
import type { Material, PolicyItem } from '../policy/knowledgeBase';
import type { CompanyDocument } from '../workspace/workspaceFile';
import { formatChineseDate } from './formFacts';
import type { FormTemplate, TemplateValues } from './formTemplates';

/*
 * From an application (a knowledge-base item) to a packet: the checklist order is the item's
 * `materials` array; a material the app can generate (formTemplate) becomes a filled form, and
 * every stored document whose kind the material accepts (documentKinds) is attached.
 */

export interface PlannedMaterial {
  readonly material: Material;
  /** The template to render: the material's formTemplate, or a template whose usedFor names this material. */
  readonly template: FormTemplate | null;
  /** Field values the material implies for its template (usedFor[].values). */
  readonly templateValues: TemplateValues;
  readonly documents: readonly CompanyDocument[];
  /** True when documents were matched by the material's name (it lists no documentKinds): the user should confirm. */
  readonly isMatchedByName: boolean;
  /** Chinese warnings: an expired document, a missing template, a material that may not apply. */
  readonly warnings: readonly string[];
  /**
   * By document id: a note printed on a page before that document in the packet, e.g. why an
   * expired licence is enclosed anyway (the officer's choice, see outOfDateDocuments).
   */
  readonly documentNotices?: Readonly<Record<string, string>> | undefined;
}

export type DocumentValidity = 'valid' | 'expired' | 'notYetValid';

/** Whether a document is within its 有效期 on a date; a document without dates is valid. */
export function documentValidityOn(document: Pick<CompanyDocument, 'validFrom' | 'validTo'>, date: IsoDate): DocumentValidity {
  if (document.validFrom && compareIsoDate(document.validFrom, date) > 0) return 'notYetValid';
  if (document.validTo && compareIsoDate(document.validTo, date) < 0) return 'expired';
  return 'valid';
}

export interface OutOfDateDocument {
  readonly materialId: string;
  readonly materialName: string;
  readonly document: CompanyDocument;
  readonly validity: Exclude<DocumentValidity, 'valid'>;
  /** 「“营业执照”已于 2026年1月1日 过期（申报日 2026年3月1日）」 */
  readonly text: string;
  /** The default note printed before the document when the officer encloses it anyway. */
  readonly notice: string;
}

/** Every document the plan would enclose that is expired or not yet valid on the submission date. */
export function outOfDateDocuments(plan: readonly PlannedMaterial[], date: IsoDate): OutOfDateDocument[] {
  const found: OutOfDateDocument[] = [];
  const on = formatChineseDate(date);
  for (const planned of plan) {
    for (const document of planned.documents) {
      const validity = documentValidityOn(document, date);
      if (validity === 'valid') continue;
      const name = `“${document.title || document.fileName}”`;
      const text = validity === 'expired'
        ? `${name}已于 ${formatChineseDate(document.validTo ?? date)} 过期（申报日 ${on}）`
        : `${name}自 ${formatChineseDate(document.validFrom ?? date)} 起才生效（申报日 ${on}）`;
      const notice = validity === 'expired'
        ? `${name}已于 ${formatChineseDate(document.validTo ?? date)} 过期，申报日 ${on} 不在有效期内。随附此件供参考，换发后的文件将另行提交。`
        : `${name}自 ${formatChineseDate(document.validFrom ?? date)} 起生效，申报日 ${on} 尚未生效。随附此件供参考。`;
      found.push({ materialId: planned.material.id, materialName: planned.material.name, document, validity, text, notice });
    }
  }
  return found;
}

export interface PlanOptions {
  readonly today: IsoDate;
  readonly templates: ReadonlyMap<string, FormTemplate>;
  /**
   * Decides a material's `when` condition for this company (the condition evaluator lives with
   * the knowledge base); null when it cannot tell. Without it every material is included.
   */
  readonly isMaterialApplicable?: ((material: Material) => boolean | null) | undefined;
  /** The company's people, to match a person's documents to the material naming their role. */
  readonly people?: readonly Person[] | undefined;
}

/** The materials in checklist order with what will fill each; materials that do not apply are left out. */
export function planPacket(item: PolicyItem, documents: readonly CompanyDocument[], options: PlanOptions): PlannedMaterial[] {
  const planned: PlannedMaterial[] = [];
  for (const material of item.materials) {
    const warnings: string[] = [];
    if (material.when) {
      const applies = options.isMaterialApplicable?.(material) ?? null;
      if (applies === false) continue;
      if (applies === null) warnings.push(`“${material.name}”视情况提供（${material.when.label}），请确认是否需要`);
    }
    const reference = `${item.id}#${material.id}`;
    const usage = [...options.templates.values()].flatMap((t) => t.usedFor.filter((u) => u.material === reference).map((u) => ({ template: t, values: u.values })));
    const template = material.formTemplate ? (options.templates.get(material.formTemplate) ?? null) : (usage[0]?.template ?? null);
    if (material.formTemplate && !template) warnings.push(`“${material.name}”的表单模板 ${material.formTemplate} 不存在，需另行准备`);
    const isMatchedByName = material.documentKinds.length === 0;
    const matching = isMatchedByName
      ? documents.filter((d) => matchesByName(material.name, d, options.people ?? []))
      : documents.filter((d) => material.documentKinds.includes(d.kind));
    for (const document of matching) {
      if (document.validTo && compareIsoDate(document.validTo, options.today) < 0) {
        warnings.push(`“${document.title || document.fileName}”已于 ${formatChineseDate(document.validTo)} 过期`);
      }
    }
    if (isMatchedByName && matching.length > 0) warnings.push(`“${material.name}”的附件按材料名称匹配，请核对`);
    const templateValues = usage.find((u) => u.template === template)?.values ?? {};
    planned.push({ material, template, templateValues, documents: matching, isMatchedByName, warnings });
  }
  return planned;
}

/** Role words a material name may use, and the roles they mean. */
const ROLE_WORDS: ReadonlyArray<readonly [string, readonly PersonRole[]]> = [
  ['执业药师', ['执业药师']],
  ['药学技术人员', ['药学技术人员']],
  ['医保', ['医保管理人员']],
  ['法定代表人', ['法定代表人']],
  ['主要负责人', ['主要负责人']],
  ['实际控制人', ['实际控制人']],
  ['能源管理', ['能源管理负责人']],
];

/**
 * For materials that list no document kinds: a document whose kind the material's name mentions
 * ("营业执照" in "药品经营许可证、营业执照和…身份证复印件"). A document about a person matches only when
 * the person holds a role the name mentions, so 医保管理人员's contracts do not land under 执业药师.
 */
function matchesByName(materialName: string, document: CompanyDocument, people: readonly Person[]): boolean {
  const kind = document.kind.replace(/复印件$/, '');
  if (kind.length < 2 || !materialName.includes(kind)) return false;
  if (document.subject?.kind !== 'person') return true;
  const mentioned = ROLE_WORDS.filter(([word]) => materialName.includes(word)).flatMap(([, roles]) => roles);
  if (mentioned.length === 0) return true;
  const person = people.find((p) => p.id === document.subject?.id);
  return person !== undefined && person.roles.some((r) => mentioned.includes(r));
}

/** The default watermark of ID copies: 仅供……申请使用 ("仅供申请医疗保障定点使用" when the title already says 申请). */
export function idCopyWatermark(applicationTitle: string): string {
  return applicationTitle.includes('申请') ? `仅供${applicationTitle}使用` : `仅供${applicationTitle}申请使用`;
}

/** ID copies get the watermark: a document whose kind or title mentions 身份证. */
export function isIdCopy(document: CompanyDocument): boolean {
  return document.kind.includes('身份证') || document.title.includes('身份证');
}
