import { describeJsonSyntaxError, technicalDetails } from '../util/technicalDetail';
import { z } from 'zod';
import { companyEventSchema, companySchema, licenceSchema, personSchema, storeSchema, vehicleSchema } from '../domain/company';
import type { CompanyRecord } from '../domain/companyRecord';
import { isoDateSchema } from '../domain/isoDate';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../util/jsonDepth';
import { findRecordSafetyProblem } from '../validation/recordSafety';
import { err, ok, type Result } from '../util/result';
import { decodeUtf8Strict } from '../util/utf8Text';
import { defaultEnergySettings, energyReadingSchema, energySettingsSchema, energyTrainingSchema } from '../energy/ledger';
import { energySubmissionSchema } from '../energy/submissions';
import { dutyHistoryRecordSchema, dutyScheduleRecordSchema, dutyTrackingRecordSchema } from '../deadlines/trackingRecords';

/**
 * The workspace exchange format: what the app exports and imports and what the command line
 * reads. Versioned; an import validates the whole file before anything is written.
 */
export const WORKSPACE_FORMAT = 'compliance-workbench/workspace';
/**
 * Raised only for a change an older app would misread. Fields are added as optional or defaulted
 * (documents, energy, tracking, a document's hasFile), so files of every version still read.
 */
export const WORKSPACE_FORMAT_VERSION = 1;

/**
 * Metadata of a document file kept for a company (a licence scan, an ID copy, a contract). The
 * file itself travels beside the JSON in a workspace package (workspacePackage.ts) as
 * files/<id>.<ext>; a plain workspace.json carries the metadata only.
 */
export const companyDocumentSchema = z.object({
  id: z.string().min(1).max(64),
  companyId: z.string().min(1).max(64),
  /** What the document is ("营业执照", "身份证复印件", "劳动合同"); knowledge-base materials name these kinds. */
  kind: z.string().min(1, '请填写材料类型').max(100),
  title: z.string().max(200).default(''),
  fileName: z.string().min(1, '缺少文件名').max(255),
  mimeType: z.string().max(100).default(''),
  size: z.number().int().min(0),
  /** Hex SHA-256 of the file; '' when not computed. */
  sha256: z.string().regex(/^([0-9a-f]{64})?$/, 'sha256 应为 64 位十六进制').default(''),
  number: z.string().max(100).default(''),
  issuer: z.string().max(100).default(''),
  validFrom: isoDateSchema.nullable().default(null),
  validTo: isoDateSchema.nullable().default(null),
  /** The person, vehicle, store or licence the document belongs to, if any. */
  subject: z.object({ kind: z.enum(['person', 'vehicle', 'store', 'licence']), id: z.string().min(1).max(64) }).nullable().default(null),
  /**
   * false: the exporting workspace held only this document's metadata (it came from a workspace
   * file without files), so a package has no entry for it. Absent (files written before this
   * field) or true: the workspace held the file, and a package must carry it.
   */
  hasFile: z.boolean().optional(),
});
export type CompanyDocument = z.infer<typeof companyDocumentSchema>;

/**
 * Metadata of an energy evidence file (a bill or meter photo, a platform receipt, a training
 * certificate, an imported meter export), referenced by id from a reading's documentId, a
 * training's certificateDocumentId or a submission's receiptDocumentId. In the store this metadata
 * has its own table (energyAttachments) and the bytes are in the one file store beside the
 * documents' files (documentFiles); in a workspace package the bytes travel beside the JSON as
 * evidence/<id>.<ext> (workspacePackage.ts), apart from the documents' files/. A plain
 * workspace.json carries the metadata only, and its import stores no evidence.
 */
export const energyAttachmentSchema = z.object({
  id: z.string().min(1).max(64),
  companyId: z.string().min(1).max(64),
  fileName: z.string().min(1, '缺少文件名').max(255),
  mimeType: z.string().max(100).default(''),
  size: z.number().int().min(0),
  /** Hex SHA-256 of the file; '' when not computed. */
  sha256: z.string().regex(/^([0-9a-f]{64})?$/, 'sha256 应为 64 位十六进制').default(''),
  /** ISO timestamp the file was attached; '' when unknown. */
  addedAt: z.string().max(64).default(''),
});
export type EnergyAttachmentMetadata = z.infer<typeof energyAttachmentSchema>;

/**
 * What the officer typed into one generated form (a template of resources/forms) for the company:
 * field id -> text. One draft per company and template, used by the 表单 tab, the packet and the
 * command line alike.
 */
export const formDraftSchema = z.object({
  templateId: z.string().min(1).max(100),
  values: z.record(z.string().max(100), z.string().max(10_000)),
  /** ISO timestamp of the last change; '' when unknown. */
  updatedAt: z.string().max(40).default(''),
});
export type FormDraft = z.infer<typeof formDraftSchema>;

export const companyRecordSchema = z.object({
  company: companySchema,
  people: z.array(personSchema).default([]),
  licences: z.array(licenceSchema).default([]),
  vehicles: z.array(vehicleSchema).default([]),
  stores: z.array(storeSchema).default([]),
  events: z.array(companyEventSchema).default([]),
  /** The monthly energy ledger (shared/energy); absent in files written before it existed. */
  energyReadings: z.array(energyReadingSchema).default([]),
  energyTrainings: z.array(energyTrainingSchema).default([]),
  energySettings: energySettingsSchema.prefault({}),
  /** Months submitted to 北京市节能监测服务平台 (shared/energy/submissions.ts); absent in older files. */
  energySubmissions: z.array(energySubmissionSchema).default([]),
  /** Energy evidence files' metadata (energyAttachmentSchema); absent in older files. */
  energyAttachments: z.array(energyAttachmentSchema).default([]),
  /** Document metadata; absent in files written before documents were exported. */
  documents: z.array(companyDocumentSchema).default([]),
  /** The deadline tracker: done/evidence/dates per duty, recurring days, and the append-only history; absent in older files. */
  dutyTracking: z.array(dutyTrackingRecordSchema).default([]),
  dutySchedules: z.array(dutyScheduleRecordSchema).default([]),
  dutyHistory: z.array(dutyHistoryRecordSchema).default([]),
  /** Form drafts (formDraftSchema); absent in older files. */
  formDrafts: z.array(formDraftSchema).default([]),
});

export const workspaceFileSchema = z.object({
  format: z.literal(WORKSPACE_FORMAT),
  formatVersion: z.literal(WORKSPACE_FORMAT_VERSION),
  exportedAt: z.string(),
  appVersion: z.string().default(''),
  companies: z.array(companyRecordSchema),
});
export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;

export function buildWorkspaceFile(
  records: readonly CompanyRecord[],
  exportedAt: string,
  appVersion: string,
  documents: readonly CompanyDocument[] = [],
  formDrafts: readonly (FormDraft & { readonly companyId: string })[] = [],
  energyAttachments: readonly EnergyAttachmentMetadata[] = [],
): WorkspaceFile {
  return {
    format: WORKSPACE_FORMAT,
    formatVersion: WORKSPACE_FORMAT_VERSION,
    exportedAt,
    appVersion,
    companies: records.map((r) => ({
      company: r.company,
      people: [...r.people],
      licences: [...r.licences],
      vehicles: [...r.vehicles],
      stores: [...r.stores],
      events: [...r.events],
      energyReadings: [...(r.energyReadings ?? [])],
      energyTrainings: [...(r.energyTrainings ?? [])],
      energySettings: r.energySettings ?? defaultEnergySettings(),
      energySubmissions: [...(r.energySubmissions ?? [])],
      energyAttachments: energyAttachments.filter((a) => a.companyId === r.company.id),
      documents: documents.filter((d) => d.companyId === r.company.id),
      dutyTracking: [...(r.dutyTracking ?? [])],
      dutySchedules: [...(r.dutySchedules ?? [])],
      dutyHistory: [...(r.dutyHistory ?? [])],
      formDrafts: formDrafts.filter((d) => d.companyId === r.company.id).map(({ templateId, values, updatedAt }) => ({ templateId, values, updatedAt })),
    })),
  };
}

/** The largest workspace file accepted, to refuse a hostile or mistaken multi-GB file early. */
export const MAX_WORKSPACE_FILE_BYTES = 200 * 1024 * 1024;

/**
 * Parses and validates a workspace file's text. Every failure is a Chinese message that says
 * where in the file the problem is. Nothing is written by this function.
 */
export function parseWorkspaceFile(text: string): Result<WorkspaceFile> {
  if (text.length > MAX_WORKSPACE_FILE_BYTES) return err('workspace.tooLarge', '文件过大（超过 200 MB），不是有效的工作区文件');
  if (exceedsJsonDepth(text)) return err('workspace.tooDeep', `文件内容嵌套超过 ${MAX_JSON_DEPTH} 层，不是有效的工作区文件`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err('workspace.notJson', `文件不是有效的 JSON：${describeJsonSyntaxError(text, e)}。现有数据没有任何改动。`, technicalDetails(e));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return err('workspace.notObject', '文件内容不是工作区对象');
  }
  const format = (json as { format?: unknown }).format;
  if (format !== WORKSPACE_FORMAT) return err('workspace.wrongFormat', '这不是企业合规工作台导出的工作区文件（缺少或不符的 format 字段）');
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > WORKSPACE_FORMAT_VERSION) {
    return err('workspace.newerVersion', `该文件由更新版本的应用导出（格式版本 ${version}），请先升级应用`);
  }
  const parsed = workspaceFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((issue) => `${formatPath(issue.path)}：${issue.message}`);
    const more = parsed.error.issues.length > 10 ? `（另有 ${parsed.error.issues.length - 10} 处）` : '';
    return err('workspace.invalid', `工作区文件内容有误：\n${issues.join('\n')}${more}`, parsed.error.issues);
  }
  const ids = new Set<string>();
  const documentIds = new Set<string>();
  const attachmentIds = new Set<string>();
  for (const [i, record] of parsed.data.companies.entries()) {
    if (ids.has(record.company.id)) return err('workspace.duplicateCompany', `第 ${i + 1} 家企业的编号 ${record.company.id} 与前面的企业重复`);
    ids.add(record.company.id);
    const stray = [...record.people, ...record.licences, ...record.vehicles, ...record.stores, ...record.events, ...record.energyReadings, ...record.energyTrainings, ...record.energySubmissions, ...record.energyAttachments, ...record.documents, ...record.dutyTracking, ...record.dutySchedules, ...record.dutyHistory].find(
      (e) => e.companyId !== record.company.id,
    );
    if (stray) return err('workspace.foreignRecord', `企业“${record.company.name}”下的记录 ${stray.id} 属于另一企业编号 ${stray.companyId}`);
    // Unique across the workspace: a package stores each file as files/<id>.<ext>.
    for (const document of record.documents) {
      if (documentIds.has(document.id)) return err('workspace.duplicateDocument', `企业“${record.company.name}”下的材料编号 ${document.id} 与其他材料重复`);
      documentIds.add(document.id);
    }
    // The same for evidence files (evidence/<id>.<ext>).
    for (const attachment of record.energyAttachments) {
      if (attachmentIds.has(attachment.id)) return err('workspace.duplicateAttachment', `企业“${record.company.name}”下的能耗凭证文件编号 ${attachment.id} 与其他凭证文件重复`);
      attachmentIds.add(attachment.id);
    }
    const refused = findUnsafeRecord(record);
    if (refused !== null) return err('workspace.unsafeRecord', `第 ${i + 1} 家企业“${record.company.name}”${refused}。现有数据没有任何改动。`);
  }
  return ok(parsed.data);
}

/**
 * Bytes of a picked workspace file -> validated workspace: size, strict UTF-8 (invalid bytes are
 * refused, not replaced), then parseWorkspaceFile. The page, a package's workspace.json and the
 * command line all go through here. Never writes anything.
 */
export function decodeWorkspaceBytes(bytes: Uint8Array): Result<WorkspaceFile> {
  if (bytes.byteLength === 0) return err('workspace.empty', '文件是空的，不是有效的工作区文件');
  if (bytes.byteLength > MAX_WORKSPACE_FILE_BYTES) return err('workspace.tooLarge', '文件过大（超过 200 MB），不是有效的工作区文件');
  const text = decodeUtf8Strict(bytes);
  if (text === null) return err('workspace.notUtf8', '文件不是 UTF-8 编码的文本（含有无效的字节），不是有效的工作区文件。现有数据没有任何改动。');
  const parsed = parseWorkspaceFile(text);
  // zod issue objects are not needed by the page and may not survive structured cloning.
  return parsed.ok ? parsed : err(parsed.error.code, parsed.error.message);
}

/** Where a record part lands in the store, and what the officer calls it. */
const RECORD_PARTS = [
  ['people', 'people', '人员'], ['licences', 'licences', '证照'], ['vehicles', 'vehicles', '车辆'], ['stores', 'stores', '门店/场所'],
  ['events', 'events', '经营事件'], ['energyReadings', 'energyReadings', '能耗数据'], ['energyTrainings', 'energyTrainings', '能源培训'],
  ['energySubmissions', 'energySubmissions', '能耗报送'], ['energyAttachments', 'energyAttachments', '能耗凭证文件'], ['documents', 'documents', '材料'], ['dutyTracking', 'dutyTracking', '事项办理'],
  ['dutySchedules', 'dutySchedules', '报送日设定'], ['dutyHistory', 'dutyHistory', '办理记录'],
] as const;

/**
 * The record checks every importer applies (shared/validation/recordSafety.ts): text with NUL or
 * broken Unicode, ids that read as paths, absurd numbers. Refused, never repaired.
 */
function findUnsafeRecord(record: WorkspaceFile['companies'][number]): string | null {
  const company = findRecordSafetyProblem('companies', record.company);
  if (company !== null) return `的企业信息${company.path === '' ? '' : `字段 ${company.path}`}：${company.reason}`;
  const settings = findRecordSafetyProblem('energySettings', record.energySettings);
  if (settings !== null) return `的能源设置${settings.path === '' ? '' : `字段 ${settings.path}`}：${settings.reason}`;
  for (const [part, table, label] of RECORD_PARTS) {
    for (const [j, row] of (record[part] as readonly { readonly id: string }[]).entries()) {
      const problem = findRecordSafetyProblem(table, row);
      if (problem !== null) return `的第 ${j + 1} 条${label}记录（编号 ${row.id.slice(0, 80)}）${problem.path === '' ? '' : `字段 ${problem.path}`}：${problem.reason}`;
    }
  }
  return null;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '文件';
  return path.map((p) => (typeof p === 'number' ? `[${p + 1}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

export function toCompanyRecords(file: WorkspaceFile): CompanyRecord[] {
  return file.companies.map((c) => ({ ...c }));
}
