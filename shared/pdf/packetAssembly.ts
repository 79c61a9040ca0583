import type { CompanyRecord } from '../domain/companyRecord';
import type { IsoDate } from '../domain/isoDate';
import type { PolicyItem } from '../policy/knowledgeBase';
import type { CompanyDocument } from '../workspace/workspaceFile';
import type { CrampedField } from './fieldFit';
import { collectFormFacts, type FormFacts } from './formFacts';
import type { FormTemplate, TemplateFieldState, TemplateValues } from './formTemplates';
import type { FontSubsetter } from './fontSubset';
import type { PacketCover, PacketInput, PacketMaterial, PacketOptions, PacketPart } from './packet';
import { idCopyWatermark, isIdCopy, type PlannedMaterial } from './packetPlan';
import { crampedTemplateFields, renderForm, type CrampedBox } from './renderForm';
import type { TextMeasurer } from './textLayout';

/*
 * From a packet plan (packetPlan.ts) to packet input: the plan's forms rendered (renderForm, with
 * pdf-lib) and its files listed, and the check made before building for values that would print
 * below 8 pt. Apart from the plan so the 材料与申报 page, which plans, does not load pdf-lib; this
 * runs in the packet worker and the command line.
 */

export interface RenderedForm {
  readonly materialId: string;
  readonly templateId: string;
  readonly title: string;
  readonly unfilled: readonly TemplateFieldState[];
  readonly overflowing: readonly string[];
  /** Fields whose value needed less than 8 pt to fit its box (drawn at 8 pt in a taller box). */
  readonly cramped: readonly CrampedBox[];
}

export interface AssembleInput {
  readonly item: PolicyItem;
  readonly record: CompanyRecord;
  readonly plan: readonly PlannedMaterial[];
  /** The bytes of a stored document; undefined when the file is not available. */
  readonly readDocument: (document: CompanyDocument) => (() => Promise<Uint8Array>) | undefined;
  readonly subsetter: FontSubsetter;
  readonly today: IsoDate;
  /** What the user typed for forms' empty fields, by template id. */
  readonly formValues?: Readonly<Record<string, TemplateValues>> | undefined;
  /** null: no watermark on ID copies; absent: idCopyWatermark(item.title). */
  readonly watermark?: string | null | undefined;
  /** The store the application is for (pharmacy designation is per store). */
  readonly storeId?: string | null | undefined;
  readonly options?: PacketOptions | undefined;
}

type FormInput = Pick<AssembleInput, 'item' | 'record' | 'today' | 'storeId' | 'formValues'>;

/** The facts the packet's forms are filled from. */
function packetFacts(input: FormInput): FormFacts {
  return collectFormFacts(input.record, { today: input.today, storeId: input.storeId, applicationTitle: input.item.title, authority: input.item.authority });
}

/** A planned form's values: what the material implies, overridden by what the officer typed. */
function packetFormValues(planned: PlannedMaterial, template: FormTemplate, input: FormInput): TemplateValues {
  return { ...planned.templateValues, ...input.formValues?.[template.id] };
}

export interface CrampedForm {
  readonly materialId: string;
  readonly title: string;
  readonly fields: readonly CrampedField[];
}

/**
 * Before building: each form of the plan with the values that would need less than 8 pt to fit
 * (crampedTemplateFields over exactly the facts and values assemblePacket renders).
 */
export function crampedPacketForms(input: FormInput & { readonly plan: readonly PlannedMaterial[]; readonly measureFor: (text: string) => TextMeasurer }): CrampedForm[] {
  const facts = packetFacts(input);
  const found: CrampedForm[] = [];
  for (const planned of input.plan) {
    if (!planned.template) continue;
    const fields = crampedTemplateFields({ template: planned.template, facts, values: packetFormValues(planned, planned.template, input), measureFor: input.measureFor });
    if (fields.length > 0) found.push({ materialId: planned.material.id, title: planned.template.title, fields });
  }
  return found;
}

/** Renders the plan's forms and lists its files as packet input (forms first within their material). */
export async function assemblePacket(input: AssembleInput): Promise<{ packet: Omit<PacketInput, 'signal'>; forms: RenderedForm[]; unavailable: string[] }> {
  const { item, record } = input;
  const facts = packetFacts(input);
  const watermark = input.watermark === undefined ? idCopyWatermark(item.title) : input.watermark;
  const forms: RenderedForm[] = [];
  const unavailable: string[] = [];
  const materials: PacketMaterial[] = [];
  for (const planned of input.plan) {
    const parts: PacketPart[] = [];
    if (planned.template) {
      const rendered = await renderForm({
        template: planned.template,
        facts,
        values: packetFormValues(planned, planned.template, input),
        subsetter: input.subsetter,
        options: { hasPageNumbers: false },
      });
      forms.push({
        materialId: planned.material.id,
        templateId: planned.template.id,
        title: planned.template.title,
        unfilled: rendered.unfilled,
        overflowing: rendered.overflowing,
        cramped: rendered.cramped,
      });
      parts.push({ title: planned.template.title, fileName: `${planned.template.title}（本应用生成）.pdf`, source: rendered.bytes });
    }
    for (const document of planned.documents) {
      const source = input.readDocument(document);
      if (!source) {
        unavailable.push(`“${document.title || document.fileName}”的文件不在工作区包中`);
        continue;
      }
      parts.push({
        title: document.title || document.kind,
        fileName: document.fileName,
        source,
        watermark: watermark !== null && isIdCopy(document) ? watermark : null,
        notice: planned.documentNotices?.[document.id],
      });
    }
    materials.push({ id: planned.material.id, title: planned.material.name, parts, note: planned.material.note || undefined });
  }
  const cover: PacketCover = {
    companyName: record.company.name,
    applicationTitle: item.title,
    date: input.today,
    uscc: record.company.uscc || undefined,
    authority: item.authority || undefined,
  };
  return { packet: { cover, materials, subsetter: input.subsetter, options: input.options }, forms, unavailable };
}
