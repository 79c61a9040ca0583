import type { IsoDate } from '../../../shared/domain/isoDate';
import type { StoredDocument } from '../../storage/documentRepository';
import { newId } from '../../storage/newId';
import type { Repositories } from '../../storage/repositories';
import type { CheckedFile } from '../filings/fileImport';
import { subjectSuffix, type DutyRow } from './dutyModel';
import { saveActorName } from './reminderSettings';

/*
 * What the tracker's dialogs do when confirmed, below them (DutyDialogs.tsx draws and validates):
 * plain async steps over the repositories, so they are tested in Node.
 */

/** A duty as the officer reads it: its title and whose it is (“车辆 京A12345”). */
export function dutyName(row: DutyRow): string {
  return `${row.duty.title}${subjectSuffix(row.duty)}`;
}

/** The 证明材料 text: the officer's note, then the library document that proves it, with its id so the file can be found again. */
export function evidenceText(note: string, document: Pick<StoredDocument, 'id' | 'kind' | 'title' | 'fileName'> | undefined): string {
  const parts = [note.trim()];
  if (document !== undefined) parts.push(`材料库：${document.kind}《${document.title.trim() || document.fileName}》[材料编号 ${document.id}]`);
  return parts.filter((p) => p !== '').join('；');
}

/** A new file picked as proof inside 标记完成, checked like any upload before it is stored. */
export interface PendingProof {
  readonly file: File;
  readonly checked: CheckedFile;
}

export interface MarkDoneValues {
  readonly doneOn: IsoDate | null;
  readonly evidence: string;
  /** A document of the library picked as proof. */
  readonly documentId: string | null;
  /** A new file, stored in the library with the duty's completion. */
  readonly proof: PendingProof | null;
  readonly actor: string;
}

/**
 * 标记完成: the duty is marked done with its evidence; a new proof file goes into the document
 * library in the same transaction (both or neither). Returns what to tell the officer.
 */
export async function markDone(
  repositories: Repositories,
  { row, today, values, libraryDocuments }: { readonly row: DutyRow; readonly today: IsoDate; readonly values: MarkDoneValues; readonly libraryDocuments: readonly StoredDocument[] },
): Promise<string> {
  await saveActorName(repositories, values.actor);
  const picked = libraryDocuments.find((d) => d.id === values.documentId);
  const input = { companyId: row.companyId, key: row.duty.key, dutyTitle: dutyName(row), actor: values.actor, doneOn: values.doneOn ?? '', today };
  if (values.proof === null) {
    await repositories.markDutyDone({ ...input, evidence: evidenceText(values.evidence, picked) });
    return '已标记完成，并记入操作记录';
  }
  const { file, checked } = values.proof;
  const document = {
    id: newId(), companyId: row.companyId, kind: '其他', title: `${dutyName(row)}（办理证明）`.slice(0, 200), fileName: file.name,
    mimeType: checked.mimeType, size: file.size, sha256: checked.sha256, number: '', issuer: '', validFrom: null, validTo: null, subject: null,
  };
  const evidence = [evidenceText(values.evidence, picked), evidenceText('', document)].filter((t) => t !== '').join('；');
  const added = await repositories.markDutyDoneWithProof({ ...input, evidence }, { document, file });
  return `已标记完成；证明文件“${added.fileName}”已存入文件库`;
}
