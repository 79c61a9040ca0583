import { buildWorkspaceFile, type CompanyDocument, type EnergyAttachmentMetadata, type WorkspaceFile } from '../../shared/workspace/workspaceFile';
import { isFileInPackage } from '../../shared/workspace/workspacePackage';
import { getAllCompanyRecords, type ImportConflictMode, type ImportProgress, type ImportSummary } from './companyRepository';
import { getDocumentBlob, importFormDrafts, listAllDocumentMetadata, listAllFormDrafts, putImportedFiles, sealImportedFiles } from './documentRepository';
import {
  EnergyStorageError, getEnergyAttachment, importCompanyRecordsWithEnergy, listAllEnergyAttachmentMetadata, putImportedEnergyAttachments,
  sealImportedEnergyAttachments, withEnergySettings,
} from './energyRepository';
import type { WorkbenchDatabase } from './workbenchDatabase';

/*
 * A whole workspace in and out of the store, below the dialogs (features/workspace/
 * useWorkspaceTransfer.tsx): the import writes every table in one transaction; the export reads
 * the workspace file, then, for a package, every file it lists opened to its own bytes.
 */

export type WorkspaceImportProgress =
  | { readonly phase: 'sealing'; readonly done: number; readonly total: number }
  | ({ readonly phase: 'writing' } & ImportProgress);

export interface WorkspaceImportSummary extends ImportSummary {
  /** Document files stored. */
  readonly files: number;
  /** Energy evidence files stored. */
  readonly evidenceFiles: number;
}

/**
 * Imports a workspace with the document and energy evidence files that came with it (a package;
 * none for a plain workspace file): records, energy settings, document metadata and all files in
 * ONE transaction, so a refusal or a failure half-way (a full disk, a closed window) leaves the
 * store as it was. The files are checked and sealed first, outside it, because encryption is
 * asynchronous.
 */
export async function importWorkspace(
  db: WorkbenchDatabase,
  companies: WorkspaceFile['companies'],
  mode: ImportConflictMode,
  files: ReadonlyMap<string, Blob>,
  onProgress?: (progress: WorkspaceImportProgress) => void,
  /** Energy evidence file id -> its file, from the package's evidence/ entries. */
  evidence: ReadonlyMap<string, Blob> = new Map(),
): Promise<WorkspaceImportSummary> {
  const documents = companies.flatMap((record) => record.documents);
  const total = files.size + evidence.size;
  const sealed = await sealImportedFiles(db, documents, files, (done) => onProgress?.({ phase: 'sealing', done, total }));
  const attachments = companies.flatMap((record) => record.energyAttachments);
  const sealedEvidence = await sealImportedEnergyAttachments(db, attachments, evidence, (done) => onProgress?.({ phase: 'sealing', done: files.size + done, total }));
  // Every table: the nested import names its own, and any it adds later must be inside this one.
  return db.transaction('rw', db.tables, async () => {
    await refuseSharedFileIds(db, documents, attachments);
    // Files first: importDocumentMetadata then marks exactly these documents hasFile.
    await putImportedFiles(db, sealed);
    await putImportedEnergyAttachments(db, sealedEvidence);
    const summary = await importCompanyRecordsWithEnergy(db, companies, mode, (progress) => onProgress?.({ phase: 'writing', ...progress }));
    await importFormDrafts(db, companies, mode);
    return { ...summary, files: sealed.rows.length, evidenceFiles: sealedEvidence.rows.length };
  });
}


/**
 * Documents and evidence files share the one file store (documentFiles, by id), so an imported
 * document may not take an evidence file's id, stored or imported, nor the other way round (the
 * one would take the other's bytes). Only a crafted file has such ids: both are random. Runs
 * inside the import's transaction; putEvidence checks evidence against stored documents.
 */
async function refuseSharedFileIds(db: WorkbenchDatabase, documents: readonly CompanyDocument[], attachments: readonly EnergyAttachmentMetadata[]): Promise<void> {
  const evidenceIds = new Set(attachments.map((a) => a.id));
  const storedEvidence = await db.energyAttachments.bulkGet(documents.map((d) => d.id));
  const shared = documents.find((d, i) => evidenceIds.has(d.id) || storedEvidence[i] !== undefined);
  if (shared) throw new EnergyStorageError(`材料“${shared.title || shared.fileName}”的编号（${shared.id}）已被能耗凭证文件使用，未导入`);
}

/** Every company's records with their energy settings, document metadata, form drafts and energy evidence metadata. */
export async function collectWorkspaceFile(db: WorkbenchDatabase, exportedAt: string, appVersion: string): Promise<WorkspaceFile> {
  // Energy settings live in their own table (one row per company), not in COMPANY_CHILD_TABLES.
  const records = await withEnergySettings(db, await getAllCompanyRecords(db));
  const documents = await listAllDocumentMetadata(db);
  return buildWorkspaceFile(records, exportedAt, appVersion, documents, await listAllFormDrafts(db), await listAllEnergyAttachmentMetadata(db));
}

/** The files a package of `workspace` carries, opened (decrypted when stored encrypted). */
export interface PackageFiles {
  /** Document id -> file. */
  readonly files: ReadonlyMap<string, Blob>;
  /** Energy evidence file id -> file. */
  readonly evidence: ReadonlyMap<string, Blob>;
}

/**
 * Opens each file the package of `workspace` lists: documents with a file, then energy evidence
 * files. A missing one is left out; the package writer then refuses the export, naming it.
 * Returns null as soon as `isCancelled` says so.
 */
export async function readPackageFiles(
  db: WorkbenchDatabase,
  workspace: WorkspaceFile,
  onProgress?: (done: number, total: number) => void,
  isCancelled: () => boolean = () => false,
): Promise<PackageFiles | null> {
  const documents = workspace.companies.flatMap((record) => record.documents.filter(isFileInPackage));
  const attachments = workspace.companies.flatMap((record) => record.energyAttachments);
  const total = documents.length + attachments.length;
  const files = new Map<string, Blob>();
  const evidence = new Map<string, Blob>();
  let done = 0;
  for (const document of documents) {
    if (isCancelled()) return null;
    onProgress?.(done++, total);
    const blob = await getDocumentBlob(db, document.id);
    if (blob) files.set(document.id, blob);
  }
  for (const attachment of attachments) {
    if (isCancelled()) return null;
    onProgress?.(done++, total);
    const row = await getEnergyAttachment(db, attachment.id);
    if (row) evidence.set(attachment.id, row.blob);
  }
  return { files, evidence };
}
