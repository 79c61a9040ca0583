import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import type { Duty } from '../../../shared/deadlines/duties';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { blankCompanyInput, createCompany } from '../../../renderer/storage/companyRepository';
import { createRepositories, type Repositories } from '../../../renderer/storage/repositories';
import { createAppDatabase, type WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import {
  clearDueDate, clearSchedule, describeBulkSelection, markBulkDone, markDone, saveAssignee, saveDueDate, saveSchedule, saveTriggerDate, undoDone,
  type MarkDoneValues,
} from '../../../renderer/features/deadlines/dutyActions';
import type { DutyRow } from '../../../renderer/features/deadlines/dutyModel';

/*
 * The tracker's dialogs' steps (renderer/features/deadlines/dutyActions.ts): 标记完成's evidence
 * names what proves the duty, and a new proof file is stored with the completion in one
 * transaction; the other steps store their change with its history entry, remember 记录人, and
 * pass the store's Chinese refusal on to the dialog.
 */

const TODAY = asIsoDate('2026-11-26');
const KEY = 'car-rental-opinions/usage-change:change|v1|fixed';
const SCHEDULE_KEY = 'energy-monitoring/monthly-report:schedule';
const PROOF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a]);

let db: WorkbenchDatabase;
let repositories: Repositories;
let companyId: string;

beforeEach(async () => {
  db = createAppDatabase(new VaultSession(webCryptoPort(globalThis.crypto)), `duty-actions-${Math.random().toString(36).slice(2)}`);
  repositories = createRepositories(db);
  companyId = (await createCompany(db, blankCompanyInput('北京顺达通汽车租赁有限公司'))).id;
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** The fields of a tracker row that 标记完成 reads (the duty's key, title and subject). */
function rowOf(title: string, key = KEY): DutyRow {
  const duty = { key, scheduleKey: SCHEDULE_KEY, title, subject: { kind: 'vehicle', id: 'v1', label: '京N3K218' } } as unknown as Duty;
  return { duty, companyId, companyName: '北京顺达通汽车租赁有限公司', group: 'overdue', date: null, domain: null, isDoneInEnergyLedger: false };
}

function values(overrides: Partial<MarkDoneValues>): MarkDoneValues {
  return { doneOn: asIsoDate('2026-11-20'), evidence: '', documentId: null, proof: null, actor: '王敏', ...overrides };
}

const proofFile = () => ({
  file: new File([PROOF], '变更后行驶证.pdf', { type: 'application/pdf' }),
  checked: { mimeType: 'application/pdf', sha256: 'a'.repeat(64) },
}) as unknown as NonNullable<MarkDoneValues['proof']>;

describe('markDone', () => {
  it('stores a new proof file in the library and names it in the evidence', async () => {
    const said = await markDone(repositories, { row: rowOf('将车辆使用性质变更为“租赁”'), today: TODAY, values: values({ evidence: '回执 123', proof: proofFile() }), libraryDocuments: [] });
    expect(said).toBe('已标记完成；证明文件“变更后行驶证.pdf”已存入文件库');
    const [document] = await repositories.listDocuments(companyId);
    expect(document).toMatchObject({ kind: '其他', title: '将车辆使用性质变更为“租赁”（京N3K218）（办理证明）', fileName: '变更后行驶证.pdf', hasFile: true });
    expect(new Uint8Array(await (await repositories.getDocumentBlob(document!.id))!.arrayBuffer())).toEqual(PROOF);
    const record = await repositories.getCompanyRecord(companyId);
    expect(record?.dutyTracking).toEqual([expect.objectContaining({
      key: KEY, isDone: true, doneOn: '2026-11-20',
      evidence: `回执 123；材料库：其他《将车辆使用性质变更为“租赁”（京N3K218）（办理证明）》[材料编号 ${document!.id}]`,
    })]);
    expect(await repositories.getSetting('deadlines.actorName')).toBe('王敏');
  });

  it('leaves no proof file behind when the duty cannot be marked done', async () => {
    await markDone(repositories, { row: rowOf('事项'), today: TODAY, values: values({ evidence: '回执 1' }), libraryDocuments: [] });
    await expect(markDone(repositories, { row: rowOf('事项'), today: TODAY, values: values({ proof: proofFile() }), libraryDocuments: [] }))
      .rejects.toThrow('该事项已标记为完成');
    expect(await repositories.listDocuments(companyId)).toEqual([]);
    expect(await db.documentFiles.count()).toBe(0);
  });

  it('names a document picked from the library', async () => {
    const picked = { id: 'doc-1', kind: '备案回执', title: '', fileName: '回执.pdf' };
    await markDone(repositories, {
      row: rowOf('事项'), today: TODAY, values: values({ documentId: 'doc-1' }),
      libraryDocuments: [picked as unknown as Parameters<typeof markDone>[1]['libraryDocuments'][number]],
    });
    const record = await repositories.getCompanyRecord(companyId);
    expect(record?.dutyTracking?.[0]?.evidence).toBe('材料库：备案回执《回执.pdf》[材料编号 doc-1]');
  });
});

async function historyOf(key: string) {
  return (await repositories.listDutyHistory(companyId, [key])).map((h) => ({ action: h.action, actor: h.actor, note: h.note, dutyTitle: h.dutyTitle }));
}

async function trackingOf(key: string) {
  return (await repositories.getCompanyRecord(companyId))?.dutyTracking?.find((t) => t.key === key);
}

describe('markBulkDone', () => {
  it('marks every selected duty done with one date and evidence, each with its own history entry', async () => {
    const rows = [rowOf('年检', 'a'), rowOf('年检', 'b'), rowOf('保险', 'c')];
    const said = await markBulkDone(repositories, {
      rows, today: TODAY, values: { doneOn: asIsoDate('2026-11-20'), evidence: '检验合格标志', documentId: null, actor: '王敏' }, libraryDocuments: [],
    });
    expect(said).toBe('已标记完成 3 项，并分别记入操作记录');
    for (const key of ['a', 'b', 'c']) {
      expect(await trackingOf(key)).toMatchObject({ isDone: true, doneOn: '2026-11-20', evidence: '检验合格标志' });
      expect(await historyOf(key)).toEqual([expect.objectContaining({ action: 'markDone', actor: '王敏' })]);
    }
  });

  it('passes on the store\'s refusal of a date after today and marks nothing', async () => {
    await expect(markBulkDone(repositories, {
      rows: [rowOf('年检', 'a')], today: TODAY, values: { doneOn: asIsoDate('2026-12-01'), evidence: '检验合格标志', documentId: null, actor: '' }, libraryDocuments: [],
    })).rejects.toThrow('完成日期不能晚于今天（2026-11-26）');
    expect(await trackingOf('a')).toBeUndefined();
  });

  it('says what the selection holds and offers a library only for one company', () => {
    const rows = [rowOf('年检', 'a'), rowOf('保险', 'b'), rowOf('备案', 'c'), rowOf('培训', 'd')];
    expect(describeBulkSelection(rows)).toEqual({
      title: '年检、保险、备案 等 4 类事项', description: '涉及 1 家企业、4 项事项；每项都单独记入操作记录，可逐项撤销。', onlyCompanyId: companyId,
    });
    expect(describeBulkSelection([rows[0]!, { ...rows[1]!, companyId: 'other' }])).toMatchObject({ title: '年检、保险', onlyCompanyId: null });
  });
});

describe('undoDone', () => {
  it('reopens a done duty with the reason in its history, and refuses an empty reason', async () => {
    await markDone(repositories, { row: rowOf('事项'), today: TODAY, values: values({ evidence: '回执 1' }), libraryDocuments: [] });
    await expect(undoDone(repositories, rowOf('事项'), { reason: '  ', actor: '王敏' })).rejects.toThrow('请说明撤销完成的原因');
    expect(await undoDone(repositories, rowOf('事项'), { reason: '回执号填错', actor: '李强' })).toBe('已撤销完成，并记入操作记录');
    expect(await trackingOf(KEY)).toMatchObject({ isDone: false, doneOn: null, evidence: '' });
    expect((await historyOf(KEY))[0]).toEqual({ action: 'undoDone', actor: '李强', note: '回执号填错', dutyTitle: '事项（京N3K218）' });
    expect(await repositories.getSetting('deadlines.actorName')).toBe('李强');
  });
});

describe('saveDueDate and clearDueDate', () => {
  it('stores the authority\'s date with its source, refuses one without, and clears it again', async () => {
    await expect(saveDueDate(repositories, rowOf('事项'), { date: asIsoDate('2026-12-20'), note: '', actor: '' }))
      .rejects.toThrow('请说明日期的来源（如主管部门的通知、电话告知的日期）');
    expect(await saveDueDate(repositories, rowOf('事项'), { date: asIsoDate('2026-12-20'), note: '区交通委电话通知', actor: '王敏' })).toBe('已保存截止日期');
    expect(await trackingOf(KEY)).toMatchObject({ userSetDueDate: '2026-12-20', note: '区交通委电话通知' });
    expect(await clearDueDate(repositories, rowOf('事项'), '李强')).toBe('已清除填写的日期，按规则计算的日期恢复');
    expect(await trackingOf(KEY)).toMatchObject({ userSetDueDate: null });
    expect((await historyOf(KEY)).map((h) => h.action)).toEqual(['clearDueDate', 'setDueDate']);
    // The 记录人 typed in the dialog, not the one remembered from before.
    expect((await historyOf(KEY))[0]).toMatchObject({ action: 'clearDueDate', actor: '李强' });
    expect(await repositories.getSetting('deadlines.actorName')).toBe('李强');
  });
});

describe('saveTriggerDate', () => {
  it('stores the day the period runs from, refuses a day after today, and says when it is cleared', async () => {
    await expect(saveTriggerDate(repositories, rowOf('事项'), TODAY, { date: asIsoDate('2026-11-27'), note: '', actor: '' }))
      .rejects.toThrow('触发日期不能晚于今天（2026-11-26）');
    expect(await saveTriggerDate(repositories, rowOf('事项'), TODAY, { date: asIsoDate('2026-11-02'), note: '过户登记', actor: '' }))
      .toBe('已保存触发日期，截止日期已重新计算');
    expect(await trackingOf(KEY)).toMatchObject({ userSetTriggerDate: '2026-11-02' });
    expect(await saveTriggerDate(repositories, rowOf('事项'), TODAY, { date: null, note: '', actor: '' })).toBe('已清除触发日期');
    expect(await trackingOf(KEY)).toMatchObject({ userSetTriggerDate: null });
  });
});

describe('saveAssignee', () => {
  it('stores the person responsible and refuses a name over 100 characters', async () => {
    await expect(saveAssignee(repositories, rowOf('事项'), { assignee: '张'.repeat(101), actor: '' })).rejects.toThrow('责任人不能超过 100 字');
    expect(await saveAssignee(repositories, rowOf('事项'), { assignee: ' 张伟 ', actor: '王敏' })).toBe('已保存责任人');
    expect(await trackingOf(KEY)).toMatchObject({ assignee: '张伟' });
  });
});

describe('saveSchedule and clearSchedule', () => {
  it('stores the day every period falls due under the duty\'s schedule key, and clears it', async () => {
    const row = rowOf('能耗数据月报');
    expect(await saveSchedule(repositories, row, { monthsAfterPeriodStart: 1, dayOfMonth: 10, source: '平台通知', actor: '王敏' })).toBe('已设定报送日：每期次月 10 日前');
    expect(await clearSchedule(repositories, row, '王敏')).toBe('已清除报送日，各期恢复为“待定”');
    const history = await repositories.listDutyHistory(companyId, [SCHEDULE_KEY]);
    expect(history.map((h) => [h.action, h.dutyTitle, h.scheduleBefore, h.scheduleAfter])).toEqual([
      ['clearSchedule', '能耗数据月报', { monthsAfterPeriodStart: 1, dayOfMonth: 10 }, null],
      ['setSchedule', '能耗数据月报', null, { monthsAfterPeriodStart: 1, dayOfMonth: 10 }],
    ]);
  });
});
