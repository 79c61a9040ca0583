import { companyDocumentSchema, formDraftSchema, type CompanyDocument, type FormDraft } from '../../shared/workspace/workspaceFile';
import { SEALED_BLOB_TYPE } from '../../shared/vault/vaultCrypto';
import type { WorkbenchDatabase } from './workbenchDatabase';
import type { ChecklistMaterialState, ChecklistStateRecord, DocumentFileRecord, FormDraftRecord, FormMappingRecord, PacketHistoryRecord, StoredDocument } from './records';

export type { ChecklistMaterialState, ChecklistStateRecord, DocumentFileRecord, FormDraftRecord, FormMappingRecord, PacketHistoryRecord, StoredDocument } from './records';

/*
 * The document vault (schema v3). Metadata and bytes live in two tables so that listing a
 * company's documents never reads a 100 MB scan; both are written in ONE transaction, so a
 * document never exists without its file or the other way round. The bytes are kept as the
 * Blob (or File) the user picked: IndexedDB stores it without copying it into JS memory.
 */

export class DocumentStoreError extends Error {
  override readonly name = 'DocumentStoreError';
}

function checklistStateId(companyId: string, itemId: string): string {
  return `${companyId}|${itemId}`;
}

export function emptyMaterialState(): ChecklistMaterialState {
  return { documentIds: [], isSigned: false, isNotApplicable: false, note: '' };
}

function validMetadata(document: CompanyDocument): CompanyDocument {
  const parsed = companyDocumentSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DocumentStoreError(`材料信息有误：${issue?.message ?? '格式不正确'}`);
  }
  return parsed.data;
}

/** Stores a document and its file together; nothing is written when either is refused. */
export async function addDocument(db: WorkbenchDatabase, document: CompanyDocument, blob: Blob, now = new Date()): Promise<StoredDocument> {
  const sealed = await sealNewDocument(db, document, blob, now);
  await db.transaction('rw', [db.companies, db.documents, db.documentFiles], () => putNewDocument(db, sealed));
  return sealed.stored;
}

/** A new document checked and its file sealed, ready to be put inside a transaction (putNewDocument). */
export interface SealedNewDocument {
  readonly stored: StoredDocument;
  readonly file: Blob;
}

/**
 * Checks a new document and seals its file, outside any transaction: encryption is asynchronous
 * (see vaultSession.ts) and would end the transaction it ran in.
 */
export async function sealNewDocument(db: WorkbenchDatabase, document: CompanyDocument, blob: Blob, now = new Date()): Promise<SealedNewDocument> {
  const metadata = validMetadata(document);
  if (blob.size !== metadata.size) throw new DocumentStoreError(`“${metadata.fileName}”的大小与记录不符，未保存`);
  const at = now.toISOString();
  return { stored: { ...metadata, addedAt: at, updatedAt: at, hasFile: true }, file: await db.fileVault.sealFile(blob) };
}

/** Puts a sealed new document and its file; call inside a transaction over companies, documents and documentFiles. */
export async function putNewDocument(db: WorkbenchDatabase, { stored, file }: SealedNewDocument): Promise<void> {
  if ((await db.companies.get(stored.companyId)) === undefined) throw new DocumentStoreError('企业已不存在，可能已被删除');
  if ((await db.documents.get(stored.id)) !== undefined) throw new DocumentStoreError(`材料编号 ${stored.id} 已存在`);
  await db.documents.add(stored);
  await db.documentFiles.add({ id: stored.id, companyId: stored.companyId, blob: file });
}

/** Changes metadata only (kind, title, number, issuer, dates, subject); file fields are kept. */
export async function updateDocumentMetadata(db: WorkbenchDatabase, document: CompanyDocument, now = new Date()): Promise<void> {
  const metadata = validMetadata(document);
  await db.transaction('rw', [db.documents], async () => {
    const current = await db.documents.get(metadata.id);
    if (!current) throw new DocumentStoreError('该材料已不存在，可能已被删除');
    await db.documents.put({
      ...current, ...metadata,
      // The file's own facts come from the stored file, never from the form.
      companyId: current.companyId, fileName: current.fileName, mimeType: current.mimeType, size: current.size, sha256: current.sha256,
      hasFile: current.hasFile,
      updatedAt: now.toISOString(),
    });
  });
}

/** Deletes a document, its file and every checklist reference to it, together. */
export async function deleteDocument(db: WorkbenchDatabase, id: string): Promise<void> {
  await db.transaction('rw', [db.documents, db.documentFiles, db.checklistStates], async () => {
    const current = await db.documents.get(id);
    if (!current) return;
    await db.documents.delete(id);
    await db.documentFiles.delete(id);
    const states = await db.checklistStates.where('companyId').equals(current.companyId).toArray();
    for (const state of states) {
      const materials = Object.fromEntries(Object.entries(state.materials).map(([k, m]) => [k, { ...m, documentIds: m.documentIds.filter((d) => d !== id) }]));
      await db.checklistStates.put({ ...state, materials });
    }
  });
}

export async function listDocuments(db: WorkbenchDatabase, companyId: string): Promise<StoredDocument[]> {
  const rows = await db.documents.where('companyId').equals(companyId).toArray();
  return rows.sort((a, b) => a.kind.localeCompare(b.kind, 'zh-CN') || b.addedAt.localeCompare(a.addedAt));
}

/** The document's own bytes (opened when stored encrypted), or null when there is no file. */
export async function getDocumentBlob(db: WorkbenchDatabase, id: string): Promise<Blob | null> {
  const row = await db.documentFiles.get(id);
  if (!row) return null;
  // A plain file keeps its own type; only a sealed one needs its type from the metadata.
  if (row.blob.type !== SEALED_BLOB_TYPE) return row.blob;
  const mimeType = (await db.documents.get(id))?.mimeType ?? '';
  return db.fileVault.openFile(row.blob, mimeType);
}

/**
 * Writes imported document metadata: a document is marked hasFile exactly when its file is stored
 * (an existing document keeps its file and gets the imported metadata). Call putImportedFiles
 * first, in the same transaction, to bring files in with the metadata.
 */
export async function importDocumentMetadata(db: WorkbenchDatabase, documents: readonly CompanyDocument[], now = new Date()): Promise<void> {
  if (documents.length === 0) return;
  const checked = documents.map(validMetadata);
  const at = now.toISOString();
  await db.transaction('rw', [db.documents, db.documentFiles], async () => {
    for (const document of checked) {
      const current = await db.documents.get(document.id);
      const hasFile = (await db.documentFiles.get(document.id)) !== undefined;
      await db.documents.put({ ...document, addedAt: current?.addedAt ?? at, updatedAt: at, hasFile });
    }
  });
}

/** Files of imported documents, checked and sealed for the store; made by sealImportedFiles only. */
export interface SealedImportFiles {
  readonly rows: readonly DocumentFileRecord[];
}

/**
 * Checks each imported file against its document (listed, same size) and seals it for the store,
 * BEFORE the import's transaction: encryption is asynchronous and IndexedDB would commit the
 * transaction while it waits (see addDocument). Throws DocumentStoreError, writing nothing.
 */
export async function sealImportedFiles(
  db: WorkbenchDatabase,
  documents: readonly CompanyDocument[],
  files: ReadonlyMap<string, Blob>,
  onProgress?: (done: number, total: number) => void,
): Promise<SealedImportFiles> {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const rows: DocumentFileRecord[] = [];
  for (const [id, file] of files) {
    const document = byId.get(id);
    if (!document) throw new DocumentStoreError(`文件 ${id} 不属于任何导入的材料，未导入`);
    if (file.size !== document.size) throw new DocumentStoreError(`材料“${document.title || document.fileName}”的文件大小与记录不符，未导入`);
    // A stored Blob typed as sealed is taken for ciphertext on the way out (vaultSession.openFile):
    // an imported file may claim any MIME type, so that one is never kept.
    const type = document.mimeType === SEALED_BLOB_TYPE ? 'application/octet-stream' : document.mimeType;
    const typed = file.type === type ? file : new Blob([file], { type });
    rows.push({ id, companyId: document.companyId, blob: await db.fileVault.sealFile(typed) });
    onProgress?.(rows.length, files.size);
  }
  return { rows };
}

/**
 * Stores imported files (replacing a document's earlier file). Runs inside the caller's transaction,
 * which must include documentFiles, BEFORE importDocumentMetadata of the same documents: that
 * marks them hasFile, so each document is written once, with one change-log entry.
 */
export async function putImportedFiles(db: WorkbenchDatabase, sealed: SealedImportFiles): Promise<void> {
  if (sealed.rows.length > 0) await db.documentFiles.bulkPut([...sealed.rows]);
}

/**
 * Imports documents with their files on their own, in ONE transaction: nothing is written when
 * any file is refused or a write fails. `files` may leave documents out (metadata only).
 */
export async function importDocuments(
  db: WorkbenchDatabase,
  documents: readonly CompanyDocument[],
  files: ReadonlyMap<string, Blob>,
  now = new Date(),
): Promise<void> {
  const sealed = await sealImportedFiles(db, documents, files);
  await db.transaction('rw', [db.documents, db.documentFiles], async () => {
    await putImportedFiles(db, sealed);
    await importDocumentMetadata(db, documents, now);
  });
}

export async function getChecklistState(db: WorkbenchDatabase, companyId: string, itemId: string): Promise<ChecklistStateRecord | null> {
  return (await db.checklistStates.get(checklistStateId(companyId, itemId))) ?? null;
}

/** Applies `change` to one material's state inside a transaction, so two quick clicks never lose one. */
export async function updateMaterialState(
  db: WorkbenchDatabase,
  companyId: string,
  itemId: string,
  materialId: string,
  change: (current: ChecklistMaterialState) => ChecklistMaterialState,
  now = new Date(),
): Promise<void> {
  const id = checklistStateId(companyId, itemId);
  await db.transaction('rw', [db.checklistStates, db.documents], async () => {
    const current = await db.checklistStates.get(id);
    const before = current?.materials[materialId] ?? emptyMaterialState();
    const after = change(before);
    for (const documentId of after.documentIds) {
      const document = await db.documents.get(documentId);
      if (!document || document.companyId !== companyId) throw new DocumentStoreError('所附材料已不存在，可能已被删除');
    }
    await db.checklistStates.put({
      id, companyId, itemId,
      submissionDate: current?.submissionDate ?? null,
      materials: { ...current?.materials, [materialId]: after },
      updatedAt: now.toISOString(),
    });
  });
}

export async function setSubmissionDate(db: WorkbenchDatabase, companyId: string, itemId: string, date: string | null, now = new Date()): Promise<void> {
  const id = checklistStateId(companyId, itemId);
  await db.transaction('rw', [db.checklistStates], async () => {
    const current = await db.checklistStates.get(id);
    await db.checklistStates.put({ id, companyId, itemId, materials: current?.materials ?? {}, submissionDate: date, updatedAt: now.toISOString() });
  });
}

export async function recordPacket(db: WorkbenchDatabase, record: PacketHistoryRecord): Promise<void> {
  await db.packetHistory.add(record);
}

export async function listPacketHistory(db: WorkbenchDatabase, companyId: string): Promise<PacketHistoryRecord[]> {
  const rows = await db.packetHistory.where('companyId').equals(companyId).toArray();
  return rows.sort((a, b) => b.builtAt.localeCompare(a.builtAt));
}

export async function getFormMapping(db: WorkbenchDatabase, id: string): Promise<FormMappingRecord | null> {
  return (await db.formMappings.get(id)) ?? null;
}

export async function saveFormMapping(db: WorkbenchDatabase, record: FormMappingRecord): Promise<void> {
  await db.formMappings.put(record);
}

/**
 * Every company's document metadata (without files), for the workspace export. hasFile goes with
 * it: a package carries exactly the files of the documents marked so.
 */
export async function listAllDocumentMetadata(db: WorkbenchDatabase): Promise<CompanyDocument[]> {
  const rows = await db.documents.toArray();
  return rows.map(({ addedAt: _a, updatedAt: _u, ...metadata }) => metadata);
}

function formDraftId(companyId: string, templateId: string): string {
  return `${companyId}|${templateId}`;
}

/** The company's drafts by template id: the values every form of the company is filled with. */
export async function getFormDrafts(db: WorkbenchDatabase, companyId: string): Promise<Record<string, Readonly<Record<string, string>>>> {
  const rows = await db.formDrafts.where('companyId').equals(companyId).toArray();
  return Object.fromEntries(rows.map((r) => [r.templateId, r.values]));
}

/**
 * Replaces one form's draft. Empty values are dropped (an emptied field falls back to the company's
 * facts); a draft left with no values is deleted.
 */
export async function saveFormDraft(db: WorkbenchDatabase, companyId: string, templateId: string, values: Readonly<Record<string, string>>, now = new Date()): Promise<void> {
  const kept = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
  const id = formDraftId(companyId, templateId);
  const parsed = formDraftSchema.safeParse({ templateId, values: kept, updatedAt: now.toISOString() });
  if (!parsed.success) throw new DocumentStoreError(`表单内容有误：${parsed.error.issues[0]?.message ?? '格式不正确'}`);
  await db.transaction('rw', [db.companies, db.formDrafts], async () => {
    if ((await db.companies.get(companyId)) === undefined) throw new DocumentStoreError('企业已不存在，可能已被删除');
    if (Object.keys(kept).length === 0) await db.formDrafts.delete(id);
    else await db.formDrafts.put({ ...parsed.data, id, companyId });
  });
}

/** Every company's drafts, for the workspace export. */
export async function listAllFormDrafts(db: WorkbenchDatabase): Promise<FormDraftRecord[]> {
  return db.formDrafts.toArray();
}

/**
 * Writes imported drafts inside the caller's transaction (which must include formDrafts). Replace
 * mode first removes the imported companies' other drafts, as it replaces their other records.
 */
export async function importFormDrafts(
  db: WorkbenchDatabase,
  companies: readonly { readonly company: { readonly id: string }; readonly formDrafts?: readonly FormDraft[] }[],
  mode: 'merge' | 'replace',
): Promise<void> {
  for (const record of companies) {
    const companyId = record.company.id;
    if (mode === 'replace') await db.formDrafts.where('companyId').equals(companyId).delete();
    for (const draft of record.formDrafts ?? []) {
      await db.formDrafts.put({ ...draft, id: formDraftId(companyId, draft.templateId), companyId });
    }
  }
}
