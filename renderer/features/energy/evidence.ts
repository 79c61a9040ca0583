import { platform, type FileFilter, type PickedFile } from '../../platform/platform';
import { type NewAttachment } from '../../storage/energyRepository';
import { newId } from '../../storage/newId';
import type { Repositories } from '../../storage/repositories';

/*
 * Evidence files of the energy ledger (bill or meter photos, platform receipts, certificates,
 * imported meter exports). Their bytes are in the one file store with the 文件库 documents' files
 * (documentFiles, since schema version 7); their metadata in the energy ledger's own table
 * (energyAttachments: they are not 文件库 documents), and records hold their id in documentId
 * fields. Backups carry both tables and workspace packages carry the files (evidence/<id>.<ext>,
 * shared/workspace/workspacePackage.ts). This module is the one place the forms reach them
 * through (storage/energyRepository.ts below it).
 */

const EVIDENCE_FILTERS: readonly FileFilter[] = [
  { name: '图片或 PDF', extensions: ['jpg', 'jpeg', 'png', 'webp', 'pdf'] },
  { name: '所有文件', extensions: ['*'] },
];

/** Photos of a bill are a few MB; a 20 MB cap keeps IndexedDB and backups reasonable. */
const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function mimeTypeOf(fileName: string): string {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  return MIME_BY_EXTENSION[ext] ?? 'application/octet-stream';
}

/** A picked file as an attachment waiting to be stored with the record that references it. */
function toNewAttachment(companyId: string, file: PickedFile): NewAttachment {
  if (file.bytes.byteLength === 0) throw new Error(`“${file.name}”是空文件`);
  if (file.bytes.byteLength > MAX_EVIDENCE_BYTES) throw new Error(`“${file.name}”超过 20 MB，请压缩或截取后再附加`);
  return { id: newId(), companyId, fileName: file.name, mimeType: mimeTypeOf(file.name), bytes: file.bytes };
}

/** Lets the user pick one evidence file; null when they cancel. Throws a Chinese error for a file we refuse. */
export async function pickEvidenceFile(companyId: string): Promise<NewAttachment | null> {
  const [file] = await platform.openFiles(EVIDENCE_FILTERS);
  return file ? toNewAttachment(companyId, file) : null;
}

export interface EvidenceContent {
  readonly fileName: string;
  readonly mimeType: string;
  readonly blob: Blob;
}

export async function loadEvidence(repositories: Repositories, id: string): Promise<EvidenceContent | null> {
  const row = await repositories.getEnergyAttachment(id);
  return row ? { fileName: row.fileName, mimeType: row.mimeType, blob: row.blob } : null;
}

/** Saves a copy of the evidence file where the user chooses. */
export async function saveEvidenceCopy(content: EvidenceContent): Promise<boolean> {
  const ext = content.fileName.slice(content.fileName.lastIndexOf('.') + 1);
  return platform.saveFile(content.fileName, content.blob, [{ name: '凭证文件', extensions: [ext] }]);
}

export function isImage(mimeType: string): boolean {
  return mimeType.startsWith('image/');
}
