import type { Table } from 'dexie';
import type { CompanyRecord } from '../../shared/domain/companyRecord';
import {
  defaultEnergySettings, energyReadingSchema, energySettingsSchema, energyTrainingSchema,
  type EnergyReading, type EnergySettings, type EnergyTraining,
} from '../../shared/energy/ledger';
import { energySubmissionSchema, type EnergySubmission } from '../../shared/energy/submissions';
import { energyAttachmentSchema, type CompanyDocument, type EnergyAttachmentMetadata } from '../../shared/workspace/workspaceFile';
import { SEALED_BLOB_TYPE } from '../../shared/vault/vaultCrypto';
import { importCompanyRecords, type ImportConflictMode, type ImportProgress, type ImportSummary } from './companyRepository';
import { importDocumentMetadata } from './documentRepository';
import { COMPANY_CHILD_TABLES, type WorkbenchDatabase } from './workbenchDatabase';
import type { DocumentFileRecord, EnergyAttachment, EnergyAttachmentWithFile } from './records';

/**
 * Reads and writes of the energy ledger (issue 8): readings, trainings, submissions, settings and
 * the evidence files they reference. An evidence file's metadata is its energyAttachments row; its
 * bytes are in the one file store, documentFiles, under the same id (schema version 7), written
 * and deleted in the same transaction as the metadata. Every write that touches more than one row runs in one
 * transaction and re-checks, inside it, what the page checked on a possibly older copy (a
 * duplicate month, a company deleted meanwhile), so nothing is half-written.
 */

/** A file picked by the user, stored together with the record that references it. */
export interface NewAttachment {
  readonly id: string;
  readonly companyId: string;
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

/** Thrown for a refusal the user can act on; the message is Chinese and shown as is. */
export class EnergyStorageError extends Error {
  override readonly name = 'EnergyStorageError';
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice().buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** An evidence file ready for the store: its metadata row and its (sealed when encrypted) bytes. */
interface SealedEvidence {
  readonly row: EnergyAttachment;
  readonly file: DocumentFileRecord;
}

/** Prepared outside the transaction: hashing is async work IndexedDB would not wait for. */
async function toAttachment(db: WorkbenchDatabase, file: NewAttachment, now: Date): Promise<SealedEvidence> {
  // Sealed here, before the transaction: encryption is asynchronous (see vaultSession.ts).
  const blob = await db.fileVault.sealFile(new Blob([file.bytes.slice().buffer], { type: file.mimeType }));
  return {
    row: {
      id: file.id,
      companyId: file.companyId,
      fileName: file.fileName,
      mimeType: file.mimeType,
      size: file.bytes.byteLength,
      sha256: await sha256Hex(file.bytes),
      addedAt: now.toISOString(),
    },
    file: { id: file.id, companyId: file.companyId, blob },
  };
}

/** The tables an evidence file's write or delete touches, besides the records citing it. */
function evidenceTables(db: WorkbenchDatabase): Table[] {
  return [db.energyAttachments, db.documentFiles, db.documents] as Table[];
}

/**
 * Stores evidence metadata and bytes (replacing an evidence file of the same id). Refuses an id a
 * 文件库 document already uses: documentFiles holds both, and one must never replace the other.
 * Call inside a transaction over evidenceTables.
 */
async function putEvidence(db: WorkbenchDatabase, evidence: readonly SealedEvidence[]): Promise<void> {
  if (evidence.length === 0) return;
  const documents = await db.documents.bulkGet(evidence.map((e) => e.row.id));
  const taken = evidence.find((_, i) => documents[i] !== undefined);
  if (taken) throw new EnergyStorageError(`能耗凭证文件“${taken.row.fileName}”的编号（${taken.row.id}）已被文件库中的材料使用，未保存`);
  await db.energyAttachments.bulkPut(evidence.map((e) => e.row));
  await db.documentFiles.bulkPut(evidence.map((e) => e.file));
}

/** Deletes evidence files, metadata and bytes; a 文件库 document's file of the same id is never touched. Call inside a transaction over evidenceTables. */
async function deleteEvidence(db: WorkbenchDatabase, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const documents = await db.documents.bulkGet([...ids]);
  await db.energyAttachments.bulkDelete([...ids]);
  await db.documentFiles.bulkDelete(ids.filter((_, i) => documents[i] === undefined));
}

async function touchCompany(db: WorkbenchDatabase, companyId: string, now: Date): Promise<void> {
  const updated = await db.companies.update(companyId, { updatedAt: now.toISOString() });
  if (updated === 0) throw new EnergyStorageError('所属企业已不存在，可能已被删除');
}

function seriesOf(r: Pick<EnergyReading, 'companyId' | 'siteId' | 'energyType' | 'isItEquipment' | 'month'>): string {
  return JSON.stringify([r.companyId, r.siteId, r.energyType, r.isItEquipment, r.month]);
}

/** A stored reading of the same site, month, type and IT flag under another id, if any. */
async function findStoredDuplicate(db: WorkbenchDatabase, reading: EnergyReading): Promise<EnergyReading | undefined> {
  const sameMonth = await db.energyReadings.where('[companyId+month]').equals([reading.companyId, reading.month]).toArray();
  return sameMonth.find((r) => r.id !== reading.id && seriesOf(r) === seriesOf(reading));
}

function duplicateMessage(reading: EnergyReading, stored: EnergyReading): string {
  return `${reading.month} 的${reading.energyType}${reading.isItEquipment ? '（IT 设备）' : ''}已有记录（${stored.amount} ${stored.unit}），不能重复录入；如需更正，请编辑原记录`;
}

// ---------------------------------------------------------------- readings

/**
 * Stores one reading (new or edited) with its evidence file, if one was picked. Refuses a
 * duplicate of another stored reading even if the page's copy of the ledger was stale.
 */
export async function saveEnergyReading(db: WorkbenchDatabase, input: EnergyReading, attachment: NewAttachment | null = null, now = new Date()): Promise<EnergyReading> {
  const reading = energyReadingSchema.parse(input);
  const file = attachment ? await toAttachment(db, attachment, now) : null;
  await db.transaction('rw', [db.companies, db.energyReadings, db.energyTrainings, db.energySubmissions, ...evidenceTables(db)], async () => {
    await touchCompany(db, reading.companyId, now);
    const duplicate = await findStoredDuplicate(db, reading);
    if (duplicate) throw new EnergyStorageError(duplicateMessage(reading, duplicate));
    const previous = await db.energyReadings.get(reading.id);
    if (file) await putEvidence(db, [file]);
    await db.energyReadings.put(reading);
    if (previous?.documentId && previous.documentId !== reading.documentId) await deleteAttachmentIfUnused(db, previous.documentId);
  });
  return reading;
}

/**
 * Stores the readings of an import all together or not at all, with the imported file as their
 * common evidence. A duplicate of a stored month aborts the whole transaction.
 */
export async function saveEnergyReadings(db: WorkbenchDatabase, inputs: readonly EnergyReading[], attachment: NewAttachment | null = null, now = new Date()): Promise<number> {
  const readings = inputs.map((r) => energyReadingSchema.parse(r));
  const file = attachment ? await toAttachment(db, attachment, now) : null;
  const companyIds = [...new Set(readings.map((r) => r.companyId))];
  await db.transaction('rw', [db.companies, db.energyReadings, ...evidenceTables(db)], async () => {
    for (const companyId of companyIds) await touchCompany(db, companyId, now);
    const seen = new Map<string, EnergyReading>();
    for (const reading of readings) {
      const inBatch = seen.get(seriesOf(reading));
      if (inBatch) throw new EnergyStorageError(duplicateMessage(reading, inBatch));
      seen.set(seriesOf(reading), reading);
      const duplicate = await findStoredDuplicate(db, reading);
      if (duplicate) throw new EnergyStorageError(duplicateMessage(reading, duplicate));
    }
    if (file) await putEvidence(db, [file]);
    await db.energyReadings.bulkPut(readings);
  });
  return readings.length;
}

/** Equal field by field; parsing gives both the schema's key order. */
function isSameReading(a: EnergyReading, b: EnergyReading): boolean {
  return JSON.stringify(energyReadingSchema.parse(a)) === JSON.stringify(energyReadingSchema.parse(b));
}

/**
 * Writes recomputed readings (new coefficient snapshots) after the user confirmed the
 * before/after list. Each must still be stored exactly as the plan saw it, else nothing is written.
 */
export async function replaceRecomputedReadings(
  db: WorkbenchDatabase,
  changes: readonly { readonly before: EnergyReading; readonly after: EnergyReading }[],
  now = new Date(),
): Promise<number> {
  const updated = changes.map((c) => energyReadingSchema.parse(c.after));
  await db.transaction('rw', [db.companies, db.energyReadings], async () => {
    for (const { before } of changes) {
      const stored = await db.energyReadings.get(before.id);
      if (!stored || !isSameReading(stored, before)) {
        throw new EnergyStorageError(`${before.month} ${before.energyType} 的记录在预览后被修改或删除，请重新生成预览`);
      }
    }
    for (const companyId of new Set(updated.map((r) => r.companyId))) await touchCompany(db, companyId, now);
    await db.energyReadings.bulkPut(updated);
  });
  return updated.length;
}

export async function deleteEnergyReading(db: WorkbenchDatabase, id: string, now = new Date()): Promise<void> {
  await deleteEnergyReadings(db, [id], now);
}

/** Deletes readings (and evidence files no record uses any more) in ONE transaction: all or none. */
export async function deleteEnergyReadings(db: WorkbenchDatabase, ids: readonly string[], now = new Date()): Promise<void> {
  await db.transaction('rw', [db.companies, db.energyReadings, db.energySubmissions, db.energyTrainings, ...evidenceTables(db)], async () => {
    for (const id of ids) {
      const reading = await db.energyReadings.get(id);
      if (!reading) continue;
      await db.energyReadings.delete(id);
      if (reading.documentId) await deleteAttachmentIfUnused(db, reading.documentId);
      await touchCompany(db, reading.companyId, now);
    }
  });
}

/** Moves readings of a deleted site to 企业整体 (siteId null); refuses if that would duplicate a month. */
export async function reassignReadingsToCompanyWide(db: WorkbenchDatabase, ids: readonly string[], now = new Date()): Promise<void> {
  await db.transaction('rw', [db.companies, db.energyReadings], async () => {
    for (const id of ids) {
      const reading = await db.energyReadings.get(id);
      if (!reading) continue;
      const moved = { ...reading, siteId: null };
      const duplicate = await findStoredDuplicate(db, moved);
      if (duplicate) throw new EnergyStorageError(`无法改为企业整体：${duplicateMessage(moved, duplicate)}`);
      await db.energyReadings.put(moved);
      await touchCompany(db, reading.companyId, now);
    }
  });
}

// ---------------------------------------------------------------- settings

export async function getEnergySettings(db: WorkbenchDatabase, companyId: string): Promise<EnergySettings> {
  const row = await db.energySettings.get(companyId);
  if (!row) return defaultEnergySettings();
  const { companyId: _companyId, ...settings } = row;
  // Stored rows were validated on write; parsing again fills defaults added since.
  return energySettingsSchema.parse(settings);
}

/** Replaces the company's settings. Stored readings keep their coefficients (see planRecompute). */
export async function saveEnergySettings(db: WorkbenchDatabase, companyId: string, settings: EnergySettings, now = new Date()): Promise<EnergySettings> {
  const parsed = energySettingsSchema.parse(settings);
  await db.transaction('rw', [db.companies, db.energySettings], async () => {
    await touchCompany(db, companyId, now);
    await db.energySettings.put({ ...parsed, companyId });
  });
  return parsed;
}

// ---------------------------------------------------------------- trainings

export async function saveEnergyTraining(db: WorkbenchDatabase, input: EnergyTraining, attachment: NewAttachment | null = null, now = new Date()): Promise<EnergyTraining> {
  const training = energyTrainingSchema.parse(input);
  const file = attachment ? await toAttachment(db, attachment, now) : null;
  await db.transaction('rw', [db.companies, db.people, db.energyTrainings, db.energyReadings, db.energySubmissions, ...evidenceTables(db)], async () => {
    await touchCompany(db, training.companyId, now);
    const person = await db.people.get(training.personId);
    if (!person || person.companyId !== training.companyId) throw new EnergyStorageError('所选人员已不存在，可能已被删除');
    const previous = await db.energyTrainings.get(training.id);
    if (file) await putEvidence(db, [file]);
    await db.energyTrainings.put(training);
    if (previous?.certificateDocumentId && previous.certificateDocumentId !== training.certificateDocumentId) {
      await deleteAttachmentIfUnused(db, previous.certificateDocumentId);
    }
  });
  return training;
}

export async function deleteEnergyTraining(db: WorkbenchDatabase, id: string, now = new Date()): Promise<void> {
  await db.transaction('rw', [db.companies, db.energyTrainings, db.energyReadings, db.energySubmissions, ...evidenceTables(db)], async () => {
    const training = await db.energyTrainings.get(id);
    if (!training) return;
    await db.energyTrainings.delete(id);
    if (training.certificateDocumentId) await deleteAttachmentIfUnused(db, training.certificateDocumentId);
    await touchCompany(db, training.companyId, now);
  });
}

// ---------------------------------------------------------------- submissions

/** Records (or corrects) the submission of one data month; one record per company and month. */
export async function saveEnergySubmission(db: WorkbenchDatabase, input: EnergySubmission, attachment: NewAttachment | null = null, now = new Date()): Promise<EnergySubmission> {
  const submission = energySubmissionSchema.parse(input);
  const file = attachment ? await toAttachment(db, attachment, now) : null;
  await db.transaction('rw', [db.companies, db.energySubmissions, db.energyReadings, db.energyTrainings, ...evidenceTables(db)], async () => {
    await touchCompany(db, submission.companyId, now);
    const sameMonth = await db.energySubmissions.where('[companyId+month]').equals([submission.companyId, submission.month]).toArray();
    const other = sameMonth.find((s) => s.id !== submission.id);
    if (other) throw new EnergyStorageError(`${submission.month} 已有报送记录（${other.submittedOn}），如需更正请编辑原记录`);
    const previous = await db.energySubmissions.get(submission.id);
    if (file) await putEvidence(db, [file]);
    await db.energySubmissions.put(submission);
    if (previous?.receiptDocumentId && previous.receiptDocumentId !== submission.receiptDocumentId) {
      await deleteAttachmentIfUnused(db, previous.receiptDocumentId);
    }
  });
  return submission;
}

export async function deleteEnergySubmission(db: WorkbenchDatabase, id: string, now = new Date()): Promise<void> {
  await db.transaction('rw', [db.companies, db.energySubmissions, db.energyReadings, db.energyTrainings, ...evidenceTables(db)], async () => {
    const submission = await db.energySubmissions.get(id);
    if (!submission) return;
    await db.energySubmissions.delete(id);
    if (submission.receiptDocumentId) await deleteAttachmentIfUnused(db, submission.receiptDocumentId);
    await touchCompany(db, submission.companyId, now);
  });
}

// ---------------------------------------------------------------- attachments

/** The attachment with its file's own bytes (from documentFiles, opened when stored encrypted); undefined when either is missing. */
export async function getEnergyAttachment(db: WorkbenchDatabase, id: string): Promise<EnergyAttachmentWithFile | undefined> {
  const [row, file] = await db.transaction('r', [db.energyAttachments, db.documentFiles], () => Promise.all([db.energyAttachments.get(id), db.documentFiles.get(id)]));
  return row && file && { ...row, blob: await db.fileVault.openFile(file.blob, row.mimeType) };
}

/** Name, type and size of attachments, without touching their bytes. */
export async function describeEnergyAttachments(db: WorkbenchDatabase, ids: readonly string[]): Promise<Map<string, EnergyAttachment>> {
  const rows = await db.energyAttachments.bulkGet([...new Set(ids)]);
  const found = new Map<string, EnergyAttachment>();
  for (const row of rows) if (row) found.set(row.id, row);
  return found;
}

/** Deletes an attachment no reading, training or submission refers to any more. Call inside a transaction over those tables. */
async function deleteAttachmentIfUnused(db: WorkbenchDatabase, id: string): Promise<void> {
  const isUsed =
    (await db.energyReadings.filter((r) => r.documentId === id).count()) > 0 ||
    (await db.energyTrainings.filter((t) => t.certificateDocumentId === id).count()) > 0 ||
    (await db.energySubmissions.filter((s) => s.receiptDocumentId === id).count()) > 0;
  if (!isUsed) await deleteEvidence(db, [id]);
}

// ---------------------------------------------------------------- workspace file

/**
 * Every evidence file's metadata (without its bytes), for the workspace export: a package
 * carries each of these files as evidence/<id>.<ext> (shared/workspace/workspacePackage.ts).
 */
export async function listAllEnergyAttachmentMetadata(db: WorkbenchDatabase): Promise<EnergyAttachmentMetadata[]> {
  // Metadata only: the bytes are read one file at a time by the export (getEnergyAttachment).
  return db.energyAttachments.toArray();
}

/** Evidence files of an import, checked and sealed for the store; made by sealImportedEnergyAttachments only. */
export interface SealedImportAttachments {
  readonly rows: readonly SealedEvidence[];
}

/**
 * Checks each imported evidence file against its listed metadata (listed, valid, same size) and
 * seals it for the store, BEFORE the import's transaction (encryption is asynchronous; see
 * toAttachment). Only listed files that came with the import are returned: a plain workspace
 * file brings metadata without bytes, and no row is stored for those. Throws EnergyStorageError,
 * writing nothing.
 */
export async function sealImportedEnergyAttachments(
  db: WorkbenchDatabase,
  attachments: readonly EnergyAttachmentMetadata[],
  files: ReadonlyMap<string, Blob>,
  onProgress?: (done: number, total: number) => void,
): Promise<SealedImportAttachments> {
  const byId = new Map(attachments.map((a) => [a.id, a]));
  const rows: SealedEvidence[] = [];
  for (const [id, file] of files) {
    const listed = byId.get(id);
    if (!listed) throw new EnergyStorageError(`凭证文件 ${id} 不属于任何导入的能耗凭证，未导入`);
    const parsed = energyAttachmentSchema.safeParse(listed);
    if (!parsed.success) throw new EnergyStorageError(`能耗凭证文件“${listed.fileName}”的信息有误：${parsed.error.issues[0]?.message ?? '格式不正确'}，未导入`);
    const metadata = parsed.data;
    if (file.size !== metadata.size) throw new EnergyStorageError(`能耗凭证文件“${metadata.fileName}”的大小与记录不符，未导入`);
    // A Blob typed as sealed is taken for ciphertext on the way out: an imported file never keeps that type.
    const type = metadata.mimeType === SEALED_BLOB_TYPE ? 'application/octet-stream' : metadata.mimeType;
    const typed = file.type === type ? file : new Blob([file], { type });
    rows.push({ row: { ...metadata, mimeType: type }, file: { id, companyId: metadata.companyId, blob: await db.fileVault.sealFile(typed) } });
    onProgress?.(rows.length, files.size);
  }
  return { rows };
}

/**
 * Stores imported evidence files, metadata and bytes (replacing one of the same id; refusing an
 * id a 文件库 document uses). Runs inside the caller's transaction, which must include
 * energyAttachments, documentFiles and documents.
 */
export async function putImportedEnergyAttachments(db: WorkbenchDatabase, sealed: SealedImportAttachments): Promise<void> {
  await putEvidence(db, sealed.rows);
}

/** Company records with their energy settings, for the workspace export (the other energy tables come with COMPANY_CHILD_TABLES). */
export async function withEnergySettings(db: WorkbenchDatabase, records: readonly CompanyRecord[]): Promise<CompanyRecord[]> {
  const rows = await db.energySettings.bulkGet(records.map((r) => r.company.id));
  return records.map((record, i) => {
    const row = rows[i];
    if (!row) return record;
    const { companyId: _companyId, ...settings } = row;
    return { ...record, energySettings: energySettingsSchema.parse(settings) };
  });
}

/** The evidence file ids a record's readings, trainings and submissions refer to. */
function citedAttachmentIds(record: CompanyRecord): Set<string> {
  return new Set([
    ...(record.energyReadings ?? []).map((r) => r.documentId),
    ...(record.energyTrainings ?? []).map((t) => t.certificateDocumentId),
    ...(record.energySubmissions ?? []).map((s) => s.receiptDocumentId),
  ].filter((id): id is string => typeof id === 'string'));
}

/**
 * A replaced company's stored evidence files that none of its imported records refers to: the
 * records that did were deleted by the replace, so these files would be left with nothing
 * pointing to them. A file an imported record still cites stays (a plain workspace file brings
 * no bytes, and the stored file is then the only copy). Runs inside the import's transaction.
 */
async function deleteUncitedAttachments(db: WorkbenchDatabase, record: CompanyRecord): Promise<void> {
  const cited = citedAttachmentIds(record);
  const uncited = await db.energyAttachments.where('companyId').equals(record.company.id).filter((a) => !cited.has(a.id)).primaryKeys();
  await deleteEvidence(db, uncited);
}

function isDefaultSettings(settings: EnergySettings): boolean {
  return JSON.stringify(energySettingsSchema.parse(settings)) === JSON.stringify(energySettingsSchema.parse({}));
}

/**
 * importCompanyRecords plus each record's energy settings, in ONE transaction (Dexie nests the
 * inner one), so a failure leaves both as they were. Replace also deletes the replaced company's
 * evidence files its imported records no longer cite (deleteUncitedAttachments). Replace: the file's settings win, defaults
 * included. Merge: the file's settings win unless they are the defaults (a file written before
 * the energy ledger, or a company that never set anything), which keeps what is stored.
 */
export async function importCompanyRecordsWithEnergy(
  db: WorkbenchDatabase,
  records: readonly CompanyRecord[],
  mode: ImportConflictMode,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const tables = [db.companies, ...COMPANY_CHILD_TABLES.map((t) => db[t]), db.energySettings, db.energyAttachments, db.documents, db.documentFiles] as Table[];
  return db.transaction('rw', tables, async () => {
    const stored = new Set((await db.companies.bulkGet(records.map((r) => r.company.id))).flatMap((c) => (c ? [c.id] : [])));
    const summary = await importCompanyRecords(db, records, mode, onProgress);
    if (mode === 'replace') {
      for (const record of records) {
        if (stored.has(record.company.id)) await deleteUncitedAttachments(db, record);
      }
    }
    // Records parsed from a workspace file carry their document metadata (shared/workspace).
    const documents = records.flatMap((r) => (r as CompanyRecord & { readonly documents?: readonly CompanyDocument[] }).documents ?? []);
    await importDocumentMetadata(db, documents);
    for (const record of records) {
      const settings = record.energySettings ?? defaultEnergySettings();
      const isExisting = stored.has(record.company.id);
      if (isExisting && mode === 'merge' && isDefaultSettings(settings)) continue;
      if (!isExisting && isDefaultSettings(settings)) {
        await db.energySettings.delete(record.company.id);
        continue;
      }
      await db.energySettings.put({ ...energySettingsSchema.parse(settings), companyId: record.company.id });
    }
    return summary;
  });
}
