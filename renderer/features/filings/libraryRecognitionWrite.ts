import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { DocumentKind } from '../../../shared/ocr/fields';
import type { CompanyDocument } from '../../../shared/workspace/workspaceFile';
import type { Repositories } from '../../storage/repositories';
import type { SourceNote } from '../recognition/recognitionReview';
import { factUpdate, librarySource, type FactPlan, type FactUpdate } from './libraryRecognition';

/*
 * 保存 after 识别并核对 in the document library (issue 18): the document and the ticked fact
 * updates in ONE transaction whose history entries carry the scan's source note — both commit or
 * neither does.
 */

export interface LibraryRecognised {
  readonly kind: DocumentKind;
  readonly note: SourceNote;
  readonly plan: FactPlan;
  /** What filling the form said (left as is, not a date…). */
  readonly fillNotes: readonly string[];
  /** Keys of the differences ticked 更新. */
  readonly ticked: ReadonlySet<string>;
}

async function writeFact(repositories: Repositories, update: FactUpdate): Promise<void> {
  switch (update.table) {
    case 'companies': await repositories.updateCompany(update.row); return;
    case 'licences': await repositories.saveLicence(update.row); return;
    case 'vehicles': await repositories.saveVehicle(update.row); return;
    case 'people': await repositories.savePerson(update.row); return;
  }
}

async function writeRecognised(repositories: Repositories, record: CompanyRecord, recognised: LibraryRecognised, writeDocument: () => Promise<unknown>): Promise<FactUpdate | null> {
  const update = factUpdate(record, recognised.plan, recognised.ticked);
  const factTable = update?.table ?? null;
  const tables = ['companies', 'documents', 'documentFiles', ...(factTable !== null && factTable !== 'companies' ? [factTable] : [])] as const;
  await repositories.writeWithSource(tables, (table, row) => librarySource(recognised.kind, recognised.note, table, row, factTable), async () => {
    await writeDocument();
    if (update !== null) await writeFact(repositories, update);
  });
  return update;
}

/** A new upload with its file; returns the fact update written (null: none ticked or none matched). */
export async function addRecognisedDocument(
  repositories: Repositories, record: CompanyRecord, recognised: LibraryRecognised, document: CompanyDocument, file: Blob,
): Promise<FactUpdate | null> {
  // Sealed before the transaction: encryption is asynchronous and would end it (see addDocument).
  const sealed = await repositories.sealImportedFiles([document], new Map([[document.id, file]]));
  return writeRecognised(repositories, record, recognised, async () => {
    await repositories.putImportedFiles(sealed);
    await repositories.importDocumentMetadata([document]);
  });
}

/** A stored document's metadata, recognised again from its file. */
export function updateRecognisedDocument(repositories: Repositories, record: CompanyRecord, recognised: LibraryRecognised, document: CompanyDocument): Promise<FactUpdate | null> {
  return writeRecognised(repositories, record, recognised, () => repositories.updateDocumentMetadata(document));
}
