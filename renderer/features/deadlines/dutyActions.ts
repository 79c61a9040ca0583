import type { RecurringSchedule } from '../../../shared/deadlines/tracking';
import { describeSubmissionDay } from '../../../shared/energy/submissions';
import type { IsoDate } from '../../../shared/domain/isoDate';
import type { StoredDocument } from '../../storage/documentRepository';
import { newId } from '../../storage/newId';
import type { Repositories } from '../../storage/repositories';
import type { CheckedFile } from '../filings/fileImport';
import { subjectSuffix, type DutyRow } from './dutyModel';
import { saveActorName } from './reminderSettings';

/*
 * What the tracker's dialogs do when confirmed, below them (dutyDialogs/ draws and validates):
 * plain async steps over the repositories, so they are tested in Node. Each remembers the name
 * typed as 记录人 for the next dialog, stores the change with its history entry, and returns what
 * to tell the officer; a refusal of the store (TrackingError) is thrown in Chinese.
 */

/** A duty as the officer reads it: its title and whose it is (“车辆 京A12345”). */
export function dutyName(row: DutyRow): string {
  return `${row.duty.title}${subjectSuffix(row.duty)}`;
}

/** The 证明材料 text: the officer's note, then the library document that proves it, with its id so the file can be found again. */
function evidenceText(note: string, document: Pick<StoredDocument, 'id' | 'kind' | 'title' | 'fileName'> | undefined): string {
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

/** 批量标记完成: one date and one piece of evidence for several open duties. */
export interface BulkDoneValues {
  readonly doneOn: IsoDate | null;
  readonly evidence: string;
  /** A document of the library picked as proof (offered when the duties are all one company's). */
  readonly documentId: string | null;
  readonly actor: string;
}

/** What the bulk dialog says about its selection, and the one company whose library it offers (null when several). */
export function describeBulkSelection(rows: readonly DutyRow[]): { readonly title: string; readonly description: string; readonly onlyCompanyId: string | null } {
  const companyIds = [...new Set(rows.map((r) => r.companyId))];
  const titles = [...new Set(rows.map((r) => r.duty.title))];
  return {
    title: `${titles.slice(0, 3).join('、')}${titles.length > 3 ? ` 等 ${titles.length} 类事项` : ''}`,
    description: `涉及 ${companyIds.length} 家企业、${rows.length} 项事项；每项都单独记入操作记录，可逐项撤销。`,
    onlyCompanyId: companyIds.length === 1 ? companyIds[0] ?? null : null,
  };
}

/** Marks every duty done in one transaction (each gets its own history entry). */
export async function markBulkDone(
  repositories: Repositories,
  { rows, today, values, libraryDocuments }: { readonly rows: readonly DutyRow[]; readonly today: IsoDate; readonly values: BulkDoneValues; readonly libraryDocuments: readonly StoredDocument[] },
): Promise<string> {
  await saveActorName(repositories, values.actor);
  const document = libraryDocuments.find((d) => d.id === values.documentId);
  const count = await repositories.markDutiesDone({
    duties: rows.map((r) => ({ companyId: r.companyId, key: r.duty.key, dutyTitle: dutyName(r) })),
    doneOn: values.doneOn ?? '', evidence: evidenceText(values.evidence, document), actor: values.actor, today,
  });
  return `已标记完成 ${count} 项，并分别记入操作记录`;
}

function changeOf(row: DutyRow, actor: string) {
  return { companyId: row.companyId, key: row.duty.key, dutyTitle: dutyName(row), actor };
}

export interface UndoDoneValues {
  readonly reason: string;
  readonly actor: string;
}

/** 撤销完成: the duty counts as open again; the completion and its undoing both stay in the history. */
export async function undoDone(repositories: Repositories, row: DutyRow, values: UndoDoneValues): Promise<string> {
  await saveActorName(repositories, values.actor);
  await repositories.undoDutyDone({ ...changeOf(row, values.actor), reason: values.reason });
  return '已撤销完成，并记入操作记录';
}

/** A date the officer gives, with what it rests on. */
export interface DatedValues {
  readonly date: IsoDate | null;
  readonly note: string;
  readonly actor: string;
}

/** 填写截止日期: the date the authority gave; the note (日期来源) is required with it. */
export async function saveDueDate(repositories: Repositories, row: DutyRow, values: DatedValues): Promise<string> {
  await saveActorName(repositories, values.actor);
  await repositories.setDutyDueDate({ ...changeOf(row, values.actor), date: values.date, note: values.note });
  return '已保存截止日期';
}

/** 清除填写的日期: back to the date the rule computes, recorded under the 记录人 in the dialog. */
export async function clearDueDate(repositories: Repositories, row: DutyRow, actor: string): Promise<string> {
  await saveActorName(repositories, actor);
  await repositories.setDutyDueDate({ ...changeOf(row, actor), date: null, note: '' });
  return '已清除填写的日期，按规则计算的日期恢复';
}

/** 填写触发日期: the day the period runs from when the records hold none; an empty date clears it. */
export async function saveTriggerDate(repositories: Repositories, row: DutyRow, today: IsoDate, values: DatedValues): Promise<string> {
  await saveActorName(repositories, values.actor);
  await repositories.setDutyTriggerDate({ ...changeOf(row, values.actor), date: values.date, note: values.note, today });
  return values.date === null ? '已清除触发日期' : '已保存触发日期，截止日期已重新计算';
}

export interface AssigneeValues {
  readonly assignee: string;
  readonly actor: string;
}

export async function saveAssignee(repositories: Repositories, row: DutyRow, values: AssigneeValues): Promise<string> {
  await saveActorName(repositories, values.actor);
  await repositories.setDutyAssignee({ ...changeOf(row, values.actor), assignee: values.assignee });
  return '已保存责任人';
}

export type ScheduleValues = RecurringSchedule & { readonly source: string; readonly actor: string };

/*
 * A schedule belongs to the recurring duty, not to one period: it is stored under the duty's
 * scheduleKey with the duty's title (no period or subject), and every period reads it.
 */

/** 设定报送日: the day each period is due, as the platform or authority says. */
export async function saveSchedule(repositories: Repositories, row: DutyRow, values: ScheduleValues): Promise<string> {
  await saveActorName(repositories, values.actor);
  const schedule = { monthsAfterPeriodStart: values.monthsAfterPeriodStart, dayOfMonth: values.dayOfMonth };
  await repositories.setDutySchedule({ companyId: row.companyId, key: row.duty.scheduleKey, dutyTitle: row.duty.title, actor: values.actor, schedule, source: values.source });
  return `已设定报送日：每期${describeSubmissionDay(schedule)}`;
}

/** 清除报送日: the periods are 待定 again, recorded under the 记录人 in the dialog. */
export async function clearSchedule(repositories: Repositories, row: DutyRow, actor: string): Promise<string> {
  await saveActorName(repositories, actor);
  await repositories.setDutySchedule({ companyId: row.companyId, key: row.duty.scheduleKey, dutyTitle: row.duty.title, actor, schedule: null, source: '' });
  return '已清除报送日，各期恢复为“待定”';
}
