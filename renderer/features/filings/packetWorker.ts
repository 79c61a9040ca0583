import '../../app/zodConfig';
import harfBuzzWasmUrl from 'harfbuzzjs/dist/harfbuzz-subset.wasm?url';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { IsoDate } from '../../../shared/domain/isoDate';
import { checkAcroFormFit, fillAcroForm, listFields, type AcroFormMapping } from '../../../shared/pdf/acroForm';
import { cjkMeasurerFactory } from '../../../shared/pdf/cjkFont';
import { createFontSubsetter, type FontSubsetter } from '../../../shared/pdf/fontSubset';
import { collectFormFacts, withFormDrafts } from '../../../shared/pdf/formFacts';
import type { FormTemplate, TemplateValues } from '../../../shared/pdf/formTemplates';
import { buildPacket, type PacketResult } from '../../../shared/pdf/packet';
import type { PacketSink } from '../../../shared/pdf/packetSink';
import { assemblePacket, crampedPacketForms } from '../../../shared/pdf/packetAssembly';
import type { PlannedMaterial } from '../../../shared/pdf/packetPlan';
import { crampedTemplateFields, renderForm } from '../../../shared/pdf/renderForm';
import type { PolicyItem } from '../../../shared/policy/knowledgeBase';
import { ok, type Result } from '../../../shared/util/result';
import type { CompanyDocument } from '../../../shared/workspace/workspaceFile';
import { checklistPdf, checklistWorkbook } from './checklistExport';
import type { ChecklistTable } from './checklistTable';
import { errFrom } from '../../../shared/util/errorDescription';

/*
 * The PDF work of the 材料与申报 page, off the page's thread: packets, filled forms, AcroForm
 * filling, the checklist export, and the checks made before building (values that would print
 * below 8 pt: measuring needs the font, so they run here too). The CJK font (10.6 MB) and HarfBuzz are loaded once, on the
 * first job that needs them, and kept for the worker's life.
 */

export interface PacketJob {
  readonly type: 'packet';
  readonly item: PolicyItem;
  readonly record: CompanyRecord;
  readonly plan: readonly PlannedMaterial[];
  /** The stored files by document id (Blobs are passed by reference, not copied). */
  readonly files: ReadonlyMap<string, Blob>;
  readonly today: IsoDate;
  readonly formValues: Readonly<Record<string, TemplateValues>>;
  readonly watermark: string | null;
  readonly onBadFile: 'stop' | 'skip';
}

export interface FormJob {
  readonly type: 'form';
  readonly template: FormTemplate;
  readonly record: CompanyRecord;
  readonly today: IsoDate;
  readonly values: TemplateValues;
  readonly storeId: string | null;
  readonly applicationTitle: string;
  readonly authority: string;
}

export interface AcroListJob {
  readonly type: 'acroList';
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export interface AcroFillJob {
  readonly type: 'acroFill';
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly mapping: AcroFormMapping;
  readonly record: CompanyRecord;
  readonly today: IsoDate;
  readonly isFlattened: boolean;
  /** The company's form drafts by template id: `form:<templateId>.<fieldId>` mappings read them. */
  readonly drafts: Readonly<Record<string, TemplateValues>>;
}

/** Before generating a form: its fields whose value would need less than 8 pt (crampedTemplateFields). */
export interface FormFitJob extends Omit<FormJob, 'type' | 'storeId'> {
  readonly type: 'formFit';
}

/** Before building a packet: its forms' fields whose value would need less than 8 pt (crampedPacketForms). */
export interface PacketFitJob {
  readonly type: 'packetFit';
  readonly item: PolicyItem;
  readonly record: CompanyRecord;
  readonly plan: readonly PlannedMaterial[];
  readonly today: IsoDate;
  readonly formValues: Readonly<Record<string, TemplateValues>>;
}

/** Before filling an official form: its mapped text fields that would be filled below 8 pt (checkAcroFormFit). */
export interface AcroFitJob extends Omit<AcroFillJob, 'type' | 'isFlattened'> {
  readonly type: 'acroFit';
}

export interface ChecklistJob {
  readonly type: 'checklistPdf' | 'checklistXlsx';
  readonly table: ChecklistTable;
}

export type WorkerJob = PacketJob | FormJob | AcroListJob | AcroFillJob | FormFitJob | PacketFitJob | AcroFitJob | ChecklistJob;

export type WorkerRequest =
  | { readonly kind: 'run'; readonly id: number; readonly fontUrl: string; readonly job: WorkerJob }
  | { readonly kind: 'cancel'; readonly id: number };

export type WorkerReply =
  | { readonly kind: 'progress'; readonly id: number; readonly done: number; readonly total: number; readonly message: string }
  | { readonly kind: 'result'; readonly id: number; readonly result: Result<unknown> };

let subsetterPromise: Promise<FontSubsetter> | null = null;

async function fetchBytes(url: string, what: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`无法读取${what}（HTTP ${response.status}）`);
  return new Uint8Array(await response.arrayBuffer());
}

function getSubsetter(fontUrl: string): Promise<FontSubsetter> {
  subsetterPromise ??= (async () => {
    const [wasm, font] = await Promise.all([fetchBytes(harfBuzzWasmUrl, '字体子集程序'), fetchBytes(fontUrl, '中文字体')]);
    return createFontSubsetter({ harfBuzzWasm: wasm, fontBytes: font });
  })();
  // A failed load is retried by the next job instead of failing forever.
  subsetterPromise.catch(() => {
    subsetterPromise = null;
  });
  return subsetterPromise;
}

const cancelled = new Set<number>();

function post(reply: WorkerReply, transfer: Transferable[] = []): void {
  (self as unknown as { postMessage(message: unknown, transfer: Transferable[]): void }).postMessage(reply, transfer);
}

export interface PacketOutcome {
  /** The PDF, assembled from the parts streamed while it was built (see blobSink). */
  readonly pdf: Blob;
  readonly byteLength: number;
  readonly pageCount: number;
  readonly materials: PacketResult['materials'];
  readonly skipped: readonly { readonly materialTitle: string; readonly fileName: string; readonly message: string }[];
  readonly unfilledForms: readonly string[];
  /** Forms with values drawn at 8 pt in a taller box because they needed less to fit. */
  readonly crampedForms: readonly string[];
  readonly unavailable: readonly string[];
}

/** Chunks are folded into a Blob every this many bytes, so the browser may keep them out of the worker's heap. */
const BLOB_FOLD_BYTES = 16 * 1024 * 1024;

/**
 * The packet sink of the worker (issue 15): what buildPacket streams is gathered as Blob parts
 * rather than one growing array, so a packet of thousands of scanned pages is never held twice
 * (the document and its saved copy) in the worker, nor copied again on its way to the page.
 */
function blobSink(): PacketSink & { finish(): Blob } {
  const folded: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const fold = () => {
    if (pending.length === 0) return;
    folded.push(new Blob(pending as BlobPart[]));
    pending = [];
    pendingBytes = 0;
  };
  return {
    write(chunk) {
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= BLOB_FOLD_BYTES) fold();
    },
    finish() {
      fold();
      return new Blob(folded, { type: 'application/pdf' });
    },
  };
}

async function runPacket(id: number, job: PacketJob, fontUrl: string): Promise<Result<PacketOutcome>> {
  post({ kind: 'progress', id, done: 0, total: 1, message: '正在载入中文字体…' });
  const subsetter = await getSubsetter(fontUrl);
  const readDocument = (document: CompanyDocument) => {
    const blob = job.files.get(document.id);
    return blob ? async () => new Uint8Array(await blob.arrayBuffer()) : undefined;
  };
  const assembled = await assemblePacket({
    item: job.item, record: job.record, plan: job.plan, readDocument, subsetter, today: job.today,
    formValues: job.formValues, watermark: job.watermark, options: { onBadFile: job.onBadFile },
  });
  const signal = { get aborted() { return cancelled.has(id); } };
  const sink = blobSink();
  const built = await buildPacket({ ...assembled.packet, signal, sink }, (p) => post({ kind: 'progress', id, done: p.done, total: p.total, message: p.message }));
  if (!built.ok) return built;
  return ok({
    pdf: sink.finish(),
    byteLength: built.value.byteLength,
    pageCount: built.value.pageCount,
    materials: built.value.materials,
    skipped: built.value.skipped.map((s) => ({ materialTitle: s.materialTitle, fileName: s.fileName, message: s.message })),
    unfilledForms: assembled.forms.filter((f) => f.unfilled.length > 0).map((f) => `“${f.title}”待手工填写：${f.unfilled.map((u) => u.label).join('、')}`),
    crampedForms: assembled.forms.filter((f) => f.cramped.length > 0)
      .map((f) => `“${f.title}”中内容过长的字段以 8 磅打印、所在栏加高：${f.cramped.map((c) => c.label).join('、')}`),
    unavailable: assembled.unavailable,
  });
}

async function runJob(id: number, job: WorkerJob, fontUrl: string): Promise<Result<unknown>> {
  switch (job.type) {
    case 'packet':
      return runPacket(id, job, fontUrl);
    case 'form': {
      const subsetter = await getSubsetter(fontUrl);
      const facts = collectFormFacts(job.record, { today: job.today, storeId: job.storeId, applicationTitle: job.applicationTitle, authority: job.authority });
      const rendered = await renderForm({ template: job.template, facts, values: job.values, subsetter });
      return ok({ bytes: rendered.bytes, pageCount: rendered.pageCount, unfilled: rendered.unfilled.map((u) => u.label), overflowing: rendered.overflowing });
    }
    case 'formFit': {
      const measureFor = await cjkMeasurerFactory(await getSubsetter(fontUrl));
      const facts = collectFormFacts(job.record, { today: job.today, storeId: null, applicationTitle: job.applicationTitle, authority: job.authority });
      return ok(crampedTemplateFields({ template: job.template, facts, values: job.values, measureFor }));
    }
    case 'packetFit': {
      const measureFor = await cjkMeasurerFactory(await getSubsetter(fontUrl));
      return ok(crampedPacketForms({ item: job.item, record: job.record, plan: job.plan, today: job.today, formValues: job.formValues, measureFor }));
    }
    case 'acroFit': {
      const subsetter = await getSubsetter(fontUrl);
      const facts = withFormDrafts(collectFormFacts(job.record, { today: job.today }), job.drafts);
      return checkAcroFormFit(job.fileName, job.bytes, job.mapping, facts, subsetter);
    }
    case 'acroList':
      return listFields(job.fileName, job.bytes);
    case 'acroFill': {
      const subsetter = await getSubsetter(fontUrl);
      const facts = withFormDrafts(collectFormFacts(job.record, { today: job.today }), job.drafts);
      return fillAcroForm(job.fileName, job.bytes, job.mapping, facts, subsetter, { flatten: job.isFlattened });
    }
    case 'checklistPdf':
      return ok({ bytes: await checklistPdf(job.table, await getSubsetter(fontUrl)) });
    case 'checklistXlsx':
      return ok({ bytes: await checklistWorkbook(job.table) });
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  void (async () => {
    let result: Result<unknown>;
    try {
      result = await runJob(request.id, request.job, request.fontUrl);
    } catch (e) {
      result = errFrom('worker.failed', e, { reason: '生成时遇到意外情况，未完成' });
    }
    cancelled.delete(request.id);
    const value = result.ok ? (result.value as { bytes?: unknown }) : null;
    const transfer = value !== null && typeof value === 'object' && value.bytes instanceof Uint8Array ? [value.bytes.buffer] : [];
    post({ kind: 'result', id: request.id, result }, transfer);
  })();
};
