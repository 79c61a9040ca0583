import { isIsoDate, type IsoDate } from '../../shared/domain/isoDate';
import type { DutyTracking, RecurringSchedule } from '../../shared/deadlines/tracking';
import {
  dutyHistoryRecordSchema, dutyScheduleRecordSchema, dutyTrackingRecordSchema, emptyDutyTracking, trackingRowId,
  type DutyHistoryRecord, type HistoryAction,
} from '../../shared/deadlines/trackingRecords';
import type { WorkbenchDatabase } from './workbenchDatabase';
import { newId } from './newId';
import { putNewDocument, sealNewDocument } from './documentRepository';
import type { StoredDocument } from './records';
import type { CompanyDocument } from '../../shared/workspace/workspaceFile';

/*
 * What the user records about computed duties. Every change writes the duty's tracking row and an
 * entry in the append-only history (who, when, the state before and after) in ONE transaction,
 * so the two never disagree. Nothing here edits or deletes a history entry; undoing a done is a
 * new entry. Errors are Chinese and thrown before anything is written.
 */

/** Who and when, for every change. */
export interface ChangeContext {
  readonly companyId: string;
  /** Duty.key (or Duty.scheduleKey for schedules). */
  readonly key: string;
  /** The duty as the user sees it, kept in the history entry. */
  readonly dutyTitle: string;
  /** The name of whoever records it; '' when not given. */
  readonly actor: string;
  readonly now?: Date;
}

class TrackingError extends Error {
  override readonly name = 'TrackingError';
}

type TrackingUpdate = (current: DutyTracking) => DutyTracking;

async function changeTracking(db: WorkbenchDatabase, ctx: ChangeContext, action: HistoryAction, note: string, update: TrackingUpdate): Promise<DutyTracking> {
  const now = (ctx.now ?? new Date()).toISOString();
  const id = trackingRowId(ctx.companyId, ctx.key);
  return db.transaction('rw', [db.companies, db.dutyTracking, db.dutyHistory], async () => {
    if ((await db.companies.get(ctx.companyId)) === undefined) throw new TrackingError('企业已不存在，可能已被删除');
    const stored = await db.dutyTracking.get(id);
    const before: DutyTracking | null = stored === undefined ? null : withoutRowFields(stored);
    const after = update(before ?? emptyDutyTracking());
    await db.dutyTracking.put(dutyTrackingRecordSchema.parse({ ...after, id, companyId: ctx.companyId, key: ctx.key, updatedAt: now }));
    await db.dutyHistory.add(dutyHistoryRecordSchema.parse({
      id: newId(), companyId: ctx.companyId, key: ctx.key, at: now, actor: ctx.actor.trim().slice(0, 100), action,
      dutyTitle: ctx.dutyTitle.slice(0, 500), before, after, note: note.trim().slice(0, 2000),
    }));
    return after;
  });
}

function withoutRowFields(row: DutyTracking & { id: string; companyId: string; key: string; updatedAt: string }): DutyTracking {
  const { id: _id, companyId: _c, key: _k, updatedAt: _u, ...state } = row;
  return state;
}

function checkDate(value: string, label: string, today: IsoDate | null): IsoDate {
  if (!isIsoDate(value)) throw new TrackingError(`${label}格式应为 YYYY-MM-DD`);
  if (today !== null && value > today) throw new TrackingError(`${label}不能晚于今天（${today}）`);
  return value;
}

export interface MarkDoneInput extends ChangeContext {
  readonly doneOn: string;
  /** 证明材料: what proves it (a receipt number, a document name, a note). */
  readonly evidence: string;
  /** The user's local date: a completion cannot lie in the future. */
  readonly today: IsoDate;
}

/** Marks a duty done on `doneOn` with its evidence. A duty already done must be undone first. */
export async function markDutyDone(db: WorkbenchDatabase, input: MarkDoneInput): Promise<DutyTracking> {
  const doneOn = checkDate(input.doneOn, '完成日期', input.today);
  const evidence = input.evidence.trim();
  if (evidence === '') throw new TrackingError('请填写证明材料（文件名称、回执编号或情况说明）');
  if (evidence.length > 2000) throw new TrackingError('证明材料说明不能超过 2000 字');
  return changeTracking(db, input, 'markDone', '', (current) => {
    if (current.isDone) throw new TrackingError('该事项已标记为完成；如需更正，请先撤销完成');
    return { ...current, isDone: true, doneOn, evidence };
  });
}

/**
 * Marks a duty done with a new proof file stored in the document library, in ONE transaction:
 * the duty is done and the file is in the library, or neither (a refusal leaves no file behind
 * that proves nothing). `input.evidence` names the document.
 */
export async function markDutyDoneWithProof(db: WorkbenchDatabase, input: MarkDoneInput, proof: { readonly document: CompanyDocument; readonly file: Blob }): Promise<StoredDocument> {
  const sealed = await sealNewDocument(db, proof.document, proof.file);
  await db.transaction('rw', [db.companies, db.documents, db.documentFiles, db.dutyTracking, db.dutyHistory], async () => {
    await putNewDocument(db, sealed);
    await markDutyDone(db, input);
  });
  return sealed.stored;
}

export interface BulkDoneInput {
  readonly duties: readonly { readonly companyId: string; readonly key: string; readonly dutyTitle: string }[];
  readonly doneOn: string;
  readonly evidence: string;
  readonly actor: string;
  readonly today: IsoDate;
  readonly now?: Date;
}

/**
 * Marks many duties done with the same date and evidence (a fleet's vehicles handled together),
 * in ONE transaction: all are marked, each with its own history entry, or none is.
 */
export async function markDutiesDone(db: WorkbenchDatabase, input: BulkDoneInput): Promise<number> {
  const doneOn = checkDate(input.doneOn, '完成日期', input.today);
  const evidence = input.evidence.trim();
  if (evidence === '') throw new TrackingError('请填写证明材料（文件名称、回执编号或情况说明）');
  if (evidence.length > 2000) throw new TrackingError('证明材料说明不能超过 2000 字');
  if (input.duties.length === 0) throw new TrackingError('没有选择事项');
  const now = (input.now ?? new Date()).toISOString();
  await db.transaction('rw', [db.companies, db.dutyTracking, db.dutyHistory], async () => {
    const companyIds = [...new Set(input.duties.map((d) => d.companyId))];
    const companies = await db.companies.bulkGet(companyIds);
    if (companies.some((c) => c === undefined)) throw new TrackingError('有事项所属的企业已不存在，可能已被删除；未标记任何事项');
    const ids = input.duties.map((d) => trackingRowId(d.companyId, d.key));
    const stored = await db.dutyTracking.bulkGet(ids);
    const alreadyDone = stored.filter((r) => r?.isDone === true).length;
    if (alreadyDone > 0) throw new TrackingError(`所选事项中有 ${alreadyDone} 项已标记完成；未标记任何事项，请刷新后重新选择`);
    const rows = input.duties.map((d, i) => {
      const row = stored[i];
      const before: DutyTracking | null = row === undefined ? null : withoutRowFields(row);
      const after: DutyTracking = { ...(before ?? emptyDutyTracking()), isDone: true, doneOn, evidence };
      return {
        tracking: dutyTrackingRecordSchema.parse({ ...after, id: ids[i], companyId: d.companyId, key: d.key, updatedAt: now }),
        history: dutyHistoryRecordSchema.parse({
          id: newId(), companyId: d.companyId, key: d.key, at: now, actor: input.actor.trim().slice(0, 100), action: 'markDone',
          dutyTitle: d.dutyTitle.slice(0, 500), before, after, note: `批量标记（共 ${input.duties.length} 项）`,
        }),
      };
    });
    await db.dutyTracking.bulkPut(rows.map((r) => r.tracking));
    await db.dutyHistory.bulkAdd(rows.map((r) => r.history));
  });
  return input.duties.length;
}

/** Undoes a done: the duty is open again (and overdue if its date has passed); the reason is kept. */
export async function undoDutyDone(db: WorkbenchDatabase, input: ChangeContext & { readonly reason: string }): Promise<DutyTracking> {
  const reason = input.reason.trim();
  if (reason === '') throw new TrackingError('请说明撤销完成的原因');
  return changeTracking(db, input, 'undoDone', reason, (current) => {
    if (!current.isDone) throw new TrackingError('该事项尚未标记完成');
    return { ...current, isDone: false, doneOn: null, evidence: '' };
  });
}

/**
 * The due date the authority gave (以主管部门通知为准) or an agreed extension; null clears it.
 * `note` records what the authority said and is required when setting a date.
 */
export async function setDutyDueDate(db: WorkbenchDatabase, input: ChangeContext & { readonly date: string | null; readonly note: string }): Promise<DutyTracking> {
  const date = input.date === null ? null : checkDate(input.date, '截止日期', null);
  if (date !== null && input.note.trim() === '') throw new TrackingError('请说明日期的来源（如主管部门的通知、电话告知的日期）');
  return changeTracking(db, input, date === null ? 'clearDueDate' : 'setDueDate', input.note, (current) => ({
    ...current, userSetDueDate: date, note: date === null ? current.note : input.note.trim().slice(0, 2000),
  }));
}

/** The day of the triggering fact when the records hold none; null clears it. */
export async function setDutyTriggerDate(db: WorkbenchDatabase, input: ChangeContext & { readonly date: string | null; readonly note: string; readonly today: IsoDate }): Promise<DutyTracking> {
  const date = input.date === null ? null : checkDate(input.date, '触发日期', input.today);
  return changeTracking(db, input, date === null ? 'clearTriggerDate' : 'setTriggerDate', input.note, (current) => ({ ...current, userSetTriggerDate: date }));
}

export async function setDutyAssignee(db: WorkbenchDatabase, input: ChangeContext & { readonly assignee: string }): Promise<DutyTracking> {
  const assignee = input.assignee.trim();
  if (assignee.length > 100) throw new TrackingError('责任人不能超过 100 字');
  return changeTracking(db, input, 'setAssignee', '', (current) => ({ ...current, assignee }));
}

/**
 * The day a recurring duty falls due, as the user's platform or authority uses it (the text gives
 * none); null clears it and the duty is tracked as 本月内 again.
 */
export async function setDutySchedule(
  db: WorkbenchDatabase, input: ChangeContext & { readonly schedule: RecurringSchedule | null; readonly source: string },
): Promise<void> {
  const now = (input.now ?? new Date()).toISOString();
  const id = trackingRowId(input.companyId, input.key);
  await db.transaction('rw', [db.companies, db.dutySchedules, db.dutyHistory], async () => {
    if ((await db.companies.get(input.companyId)) === undefined) throw new TrackingError('企业已不存在，可能已被删除');
    const stored = await db.dutySchedules.get(id);
    const before: RecurringSchedule | null = stored === undefined ? null : { monthsAfterPeriodStart: stored.monthsAfterPeriodStart, dayOfMonth: stored.dayOfMonth };
    if (input.schedule === null) await db.dutySchedules.delete(id);
    else {
      const parsed = dutyScheduleRecordSchema.safeParse({ ...input.schedule, id, companyId: input.companyId, key: input.key, source: input.source.trim(), updatedAt: now });
      if (!parsed.success) throw new TrackingError('报送日无效：月份偏移应为 0~24，日应为 1~31');
      await db.dutySchedules.put(parsed.data);
    }
    await db.dutyHistory.add(dutyHistoryRecordSchema.parse({
      id: newId(), companyId: input.companyId, key: input.key, at: now, actor: input.actor.trim().slice(0, 100),
      action: input.schedule === null ? 'clearSchedule' : 'setSchedule', dutyTitle: input.dutyTitle.slice(0, 500),
      scheduleBefore: before, scheduleAfter: input.schedule, note: input.source.trim().slice(0, 2000),
    }));
  });
}

/** A duty's history, newest first; `keys` may add its schedule key so both kinds of entry show. */
export async function listDutyHistory(db: WorkbenchDatabase, companyId: string, keys: readonly string[]): Promise<DutyHistoryRecord[]> {
  const rows = await db.dutyHistory.where('key').anyOf([...keys]).filter((h) => h.companyId === companyId).toArray();
  return rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
