import type { WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import type { ImportConflictMode, ImportProgress, ImportSummary } from '../../storage/companyRepository';
import { importFormDrafts, putImportedFiles, sealImportedFiles } from '../../storage/documentRepository';
import { importCompanyRecordsWithEnergy, putImportedEnergyAttachments, sealImportedEnergyAttachments } from '../../storage/energyRepository';
import type { WorkbenchDatabase } from '../../storage/workbenchDatabase';

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
    // Files first: importDocumentMetadata then marks exactly these documents hasFile.
    await putImportedFiles(db, sealed);
    await putImportedEnergyAttachments(db, sealedEvidence);
    const summary = await importCompanyRecordsWithEnergy(db, companies, mode, (progress) => onProgress?.({ phase: 'writing', ...progress }));
    await importFormDrafts(db, companies, mode);
    return { ...summary, files: sealed.rows.length, evidenceFiles: sealedEvidence.rows.length };
  });
}
