import { buildWorkspaceFile, type WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { isFileInPackage } from '../../../shared/workspace/workspacePackage';
import { getAllCompanyRecords } from '../../storage/companyRepository';
import type { WorkbenchDatabase } from '../../storage/workbenchDatabase';
import { getDocumentBlob, listAllDocumentMetadata, listAllFormDrafts } from '../../storage/documentRepository';
import { getEnergyAttachment, listAllEnergyAttachmentMetadata, withEnergySettings } from '../../storage/energyRepository';

/*
 * What a workspace export reads from the store, below the dialogs (useWorkspaceTransfer.tsx):
 * the workspace file, then, for a package, every file it lists opened to its own bytes.
 * Plain async functions, so the export is tested in Node like the import (importWorkspace.ts).
 */

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
