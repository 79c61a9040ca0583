import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { trackingStateFromRecords } from '../../../shared/deadlines/trackingRecords';
import { buildWorkspaceFile, parseWorkspaceFile, toCompanyRecords } from '../../../shared/workspace/workspaceFile';
import {
  blankCompanyInput, createCompany, deleteCompany, getAllCompanyRecords, getCompanyRecord, importCompanyRecords,
} from '../../../renderer/storage/companyRepository';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import {
  listDutyHistory, markDutiesDone, markDutyDone, setDutyAssignee, setDutyDueDate, setDutySchedule, undoDutyDone,
} from '../../../renderer/storage/trackingRepository';

let db: WorkbenchDatabase;
const TODAY = asIsoDate('2026-11-26');
const KEY = 'car-rental-opinions/usage-change:change|v1|fixed';

beforeEach(async () => {
  db = new WorkbenchDatabase(`tracking-test-${Math.random().toString(36).slice(2)}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

async function company(name = '北京顺达通汽车租赁有限公司') {
  return createCompany(db, blankCompanyInput(name));
}

const at = (iso: string) => new Date(iso);

describe('marking done and undoing', () => {
  it('writes the tracking row and a history entry with the state before and after', async () => {
    const c = await company();
    const ctx = { companyId: c.id, key: KEY, dutyTitle: '将车辆使用性质变更为“租赁”（京N3K218）', actor: '王敏' };
    await markDutyDone(db, { ...ctx, doneOn: '2022-03-20', evidence: '行驶证变更后复印件', today: TODAY, now: at('2026-11-26T02:00:00Z') });
    const record = await getCompanyRecord(db, c.id);
    expect(record?.dutyTracking).toEqual([expect.objectContaining({ key: KEY, isDone: true, doneOn: '2022-03-20', evidence: '行驶证变更后复印件' })]);
    const state = trackingStateFromRecords(record?.dutyTracking, record?.dutySchedules);
    expect(state.duties[KEY]?.isDone).toBe(true);
    const history = await listDutyHistory(db, c.id, [KEY]);
    expect(history.map((h) => [h.action, h.actor, h.before, h.after?.isDone])).toEqual([['markDone', '王敏', null, true]]);
  });

  it('undoing is a recorded action with its reason; the history only grows', async () => {
    const c = await company();
    const ctx = { companyId: c.id, key: KEY, dutyTitle: '事项', actor: '王敏' };
    await markDutyDone(db, { ...ctx, doneOn: '2026-11-20', evidence: '回执 123', today: TODAY, now: at('2026-11-26T01:00:00Z') });
    await undoDutyDone(db, { ...ctx, reason: '回执对应的是另一辆车', now: at('2026-11-26T02:00:00Z') });
    await markDutyDone(db, { ...ctx, doneOn: '2026-11-25', evidence: '回执 456', today: TODAY, now: at('2026-11-26T03:00:00Z') });
    const history = await listDutyHistory(db, c.id, [KEY]);
    expect(history.map((h) => [h.action, h.note, h.before?.evidence ?? null, h.after?.evidence ?? null])).toEqual([
      ['markDone', '', '', '回执 456'],
      ['undoDone', '回执对应的是另一辆车', '回执 123', ''],
      ['markDone', '', null, '回执 123'],
    ]);
    expect((await db.dutyTracking.toArray()).map((r) => [r.isDone, r.doneOn])).toEqual([[true, '2026-11-25']]);
  });

  it('refuses bad input before writing anything', async () => {
    const c = await company();
    const ctx = { companyId: c.id, key: KEY, dutyTitle: '事项', actor: '' };
    await expect(markDutyDone(db, { ...ctx, doneOn: '2026-11-27', evidence: 'x', today: TODAY })).rejects.toThrow('完成日期不能晚于今天（2026-11-26）');
    await expect(markDutyDone(db, { ...ctx, doneOn: '2026-02-30', evidence: 'x', today: TODAY })).rejects.toThrow('完成日期格式应为 YYYY-MM-DD');
    await expect(markDutyDone(db, { ...ctx, doneOn: '2026-11-20', evidence: '  ', today: TODAY })).rejects.toThrow(/请填写证明材料/);
    await expect(undoDutyDone(db, { ...ctx, reason: '错了' })).rejects.toThrow('该事项尚未标记完成');
    await expect(markDutyDone(db, { ...ctx, companyId: 'gone', doneOn: '2026-11-20', evidence: 'x', today: TODAY })).rejects.toThrow('企业已不存在，可能已被删除');
    expect(await db.dutyTracking.count()).toBe(0);
    expect(await db.dutyHistory.count()).toBe(0);
    await markDutyDone(db, { ...ctx, doneOn: '2026-11-20', evidence: 'x', today: TODAY });
    await expect(markDutyDone(db, { ...ctx, doneOn: '2026-11-21', evidence: 'y', today: TODAY })).rejects.toThrow(/请先撤销完成/);
    expect(await db.dutyHistory.count()).toBe(1);
  });
});

describe('marking many duties done at once', () => {
  it('marks all with one history entry each, or none when one is already done', async () => {
    const c = await company();
    const duties = ['a', 'b', 'c'].map((k) => ({ companyId: c.id, key: `15-years|${k}|2027-01-11`, dutyTitle: `15 年使用年限（${k}）` }));
    await markDutyDone(db, { ...duties[1]!, actor: '', doneOn: '2026-11-01', evidence: '移出备案', today: TODAY });
    await expect(markDutiesDone(db, { duties, doneOn: '2026-11-20', evidence: '已报废', actor: '王敏', today: TODAY })).rejects.toThrow(/有 1 项已标记完成；未标记任何事项/);
    expect(await db.dutyTracking.count()).toBe(1);
    expect(await db.dutyHistory.count()).toBe(1);

    const open = [duties[0]!, duties[2]!];
    expect(await markDutiesDone(db, { duties: open, doneOn: '2026-11-20', evidence: '已报废', actor: '王敏', today: TODAY })).toBe(2);
    const rows = await db.dutyTracking.where('companyId').equals(c.id).toArray();
    expect(rows.filter((r) => r.isDone && r.evidence === '已报废').map((r) => r.key).sort()).toEqual([open[0]!.key, open[1]!.key].sort());
    const history = await db.dutyHistory.toArray();
    expect(history.filter((h) => h.action === 'markDone')).toHaveLength(3);
    expect(history.filter((h) => h.note === '批量标记（共 2 项）').map((h) => h.actor)).toEqual(['王敏', '王敏']);
    await expect(markDutiesDone(db, { duties: open, doneOn: '2026-11-27', evidence: 'x', actor: '', today: TODAY })).rejects.toThrow('完成日期不能晚于今天（2026-11-26）');
    await expect(markDutiesDone(db, { duties: [{ ...duties[0]!, companyId: 'gone' }], doneOn: '2026-11-20', evidence: 'x', actor: '', today: TODAY })).rejects.toThrow(/企业已不存在/);
  });
});

describe('dates, assignee and schedules', () => {
  it('keeps the authority date with its source, the assignee, and the recurring day', async () => {
    const c = await company();
    const ctx = { companyId: c.id, key: KEY, dutyTitle: '事项', actor: '李' };
    await expect(setDutyDueDate(db, { ...ctx, date: '2026-12-15', note: ' ' })).rejects.toThrow(/请说明日期的来源/);
    await setDutyDueDate(db, { ...ctx, date: '2026-12-15', note: '区交通委电话通知' });
    await setDutyAssignee(db, { ...ctx, assignee: '张强' });
    await setDutySchedule(db, { ...ctx, key: 'energy:monthly|c', schedule: { monthsAfterPeriodStart: 1, dayOfMonth: 10 }, source: '平台通知每月10日前' });
    const record = await getCompanyRecord(db, c.id);
    const state = trackingStateFromRecords(record?.dutyTracking, record?.dutySchedules);
    expect(state.duties[KEY]).toEqual(expect.objectContaining({ userSetDueDate: '2026-12-15', assignee: '张强', note: '区交通委电话通知' }));
    expect(state.schedules).toEqual({ 'energy:monthly|c': { monthsAfterPeriodStart: 1, dayOfMonth: 10 } });
    await setDutySchedule(db, { ...ctx, key: 'energy:monthly|c', schedule: null, source: '' });
    const history = await listDutyHistory(db, c.id, [KEY, 'energy:monthly|c']);
    expect(history.map((h) => h.action).sort()).toEqual(['clearSchedule', 'setAssignee', 'setDueDate', 'setSchedule']);
    expect(await db.dutySchedules.count()).toBe(0);
  });
});

describe('the workspace file carries the tracker', () => {
  it('exports, validates and re-imports tracking, schedules and history; deleting the company removes them', async () => {
    const c = await company();
    const ctx = { companyId: c.id, key: KEY, dutyTitle: '事项', actor: '王敏' };
    await markDutyDone(db, { ...ctx, doneOn: '2026-11-20', evidence: '回执', today: TODAY });
    await setDutySchedule(db, { ...ctx, key: 's', schedule: { monthsAfterPeriodStart: 0, dayOfMonth: 25 }, source: '' });
    const file = buildWorkspaceFile(await getAllCompanyRecords(db), '2026-11-26T00:00:00Z', 'test');
    const parsed = parseWorkspaceFile(JSON.stringify(file));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [record] = toCompanyRecords(parsed.value);
    expect(record?.dutyTracking).toHaveLength(1);
    expect(record?.dutySchedules).toHaveLength(1);
    expect(record?.dutyHistory).toHaveLength(2);

    await deleteCompany(db, c.id);
    expect([await db.dutyTracking.count(), await db.dutySchedules.count(), await db.dutyHistory.count()]).toEqual([0, 0, 0]);
    if (record === undefined) throw new Error('no record');
    await importCompanyRecords(db, [record], 'merge');
    const back = await getCompanyRecord(db, c.id);
    expect(back?.dutyTracking?.[0]).toEqual(expect.objectContaining({ isDone: true, evidence: '回执' }));
    expect(back?.dutyHistory).toHaveLength(2);
  });

  it('reads a file written before the tracker existed', () => {
    const file = buildWorkspaceFile([], '2026-11-26T00:00:00Z', 'test');
    const json = JSON.parse(JSON.stringify(file)) as { companies: unknown[] };
    json.companies.push({ company: { id: 'c1', name: '旧文件企业', createdAt: '', updatedAt: '' } });
    const parsed = parseWorkspaceFile(JSON.stringify(json));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.companies[0]?.dutyTracking).toEqual([]);
    expect(parsed.value.companies[0]?.dutyHistory).toEqual([]);
  });

  it('refuses tracking rows that belong to another company', () => {
    const file = buildWorkspaceFile([], '2026-11-26T00:00:00Z', 'test');
    const json = JSON.parse(JSON.stringify(file)) as { companies: unknown[] };
    json.companies.push({
      company: { id: 'c1', name: '甲', createdAt: '', updatedAt: '' },
      dutyTracking: [{ id: 'c2::k', companyId: 'c2', key: 'k', updatedAt: '' }],
    });
    const parsed = parseWorkspaceFile(JSON.stringify(json));
    expect(parsed.ok ? '' : parsed.error.message).toBe('企业“甲”下的记录 c2::k 属于另一企业编号 c2');
  });
});
