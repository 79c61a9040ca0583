import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import type { Person, Vehicle } from '../../../shared/domain/company';
import { PeopleTab } from '../../../renderer/features/companies/PeopleTab';
import { ChangeHistoryDrawer } from '../../../renderer/features/history/ChangeHistoryDrawer';
import type { HistoryScope } from '../../../renderer/features/history/useChangeHistory';
import {
  blankCompanyInput, createCompany, deleteChild, getCompanyRecord, importCompanyRecords, saveLicence, savePerson, saveVehicle, updateCompany,
} from '../../../renderer/storage/companyRepository';
import { appDb } from '../../../renderer/storage/connections';
import { markDutyDone } from '../../../renderer/storage/trackingRepository';
import { renderWithApp } from '../renderWithApp';

/*
 * The change history drawer (issue 6) over the app's real database: what the storage layer
 * recorded, shown as the officer reads it. Each test works on its own company, so entries of
 * other tests never match; the change log cannot be cleared through the app's connection anyway.
 */

const ID_NUMBER = '11010519491231002X';
const MASKED_ID = '110***********002X';

function personInput(companyId: string, overrides: Partial<Person> = {}): Omit<Person, 'id'> {
  return {
    companyId, name: '张三', idNumber: ID_NUMBER, roles: ['执业药师'], phone: '', storeId: null, practiceStoreId: null,
    certificates: [], contractStart: asIsoDate('2025-01-01'), contractEnd: asIsoDate('2028-01-01'), isContractOpenEnded: false, note: '',
    ...overrides,
  };
}

function vehicleInput(companyId: string, plate: string): Omit<Vehicle, 'id'> {
  return {
    companyId, plate, usageNature: '租赁', registeredOn: null, inServiceOn: null, filingStatus: '已备案', leftFilingOn: null,
    model: '', vin: '', seats: 5, isTimeShare: false, note: '',
  };
}

function renderDrawer(scope: HistoryScope) {
  const onClose = vi.fn();
  renderWithApp(<ChangeHistoryDrawer scope={scope} onClose={onClose} />);
  return onClose;
}

/** The drawer's entries, newest first. */
function entries(): HTMLElement[] {
  return within(screen.getByRole('dialog')).queryAllByRole('article');
}

/** An entry's field table as [字段, values...] rows. */
function fieldRows(entry: HTMLElement): string[][] {
  return within(entry).queryAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
}

function columnTitles(entry: HTMLElement): string[] {
  return within(entry).getAllByRole('columnheader').map((h) => h.textContent);
}

describe('change history drawer', () => {
  it("shows a person's create, then an update with only the changed field before and after, live", async () => {
    const company = await createCompany(appDb, blankCompanyInput('北京历史测试大药房有限公司'));
    const person = await savePerson(appDb, personInput(company.id));
    await savePerson(appDb, { ...person, contractEnd: asIsoDate('2029-01-01') });
    renderDrawer({ kind: 'record', table: 'people', entityId: person.id, title: '修改记录：张三' });

    await waitFor(() => expect(entries()).toHaveLength(2));
    const [updated, created] = entries();
    expect(within(updated!).getByText('修改')).toBeTruthy();
    expect(columnTitles(updated!)).toEqual(['字段', '修改前', '修改后']);
    expect(fieldRows(updated!)).toEqual([['合同终止日期', '2028-01-01', '2029-01-01']]);

    expect(within(created!).getByText('新增')).toBeTruthy();
    expect(columnTitles(created!)).toEqual(['字段', '内容']);
    const createdRows = fieldRows(created!);
    expect(createdRows).toContainEqual(['姓名', '张三']);
    expect(createdRows).toContainEqual(['岗位', '执业药师']);
    expect(createdRows).toContainEqual(['无固定期限劳动合同', '否']);
    // Empty fields of a new record say nothing, and storage ids are not fields a person knows.
    expect(createdRows.map(([label]) => label)).not.toContain('联系电话');
    expect(createdRows.map(([label]) => label)).not.toContain('companyId');

    // A change made while the drawer is open appears at the top.
    await savePerson(appDb, { ...person, contractEnd: asIsoDate('2029-01-01'), phone: '13800000000' });
    await waitFor(() => expect(entries()).toHaveLength(3));
    expect(fieldRows(entries()[0]!)).toEqual([['联系电话', '（空）', '13800000000']]);
  });

  it('masks the ID number until 显示身份证号码, and hides it again when reopened', async () => {
    const user = userEvent.setup({ delay: null });
    const company = await createCompany(appDb, blankCompanyInput('北京历史测试二有限公司'));
    const person = await savePerson(appDb, personInput(company.id));
    await savePerson(appDb, { ...person, idNumber: '110105199209170035' });
    const scope: HistoryScope = { kind: 'record', table: 'people', entityId: person.id, title: '修改记录：张三' };
    const view = renderWithApp(<ChangeHistoryDrawer scope={scope} onClose={() => undefined} />);

    await waitFor(() => expect(entries()).toHaveLength(2));
    const dialog = screen.getByRole('dialog');
    expect(fieldRows(entries()[0]!)).toEqual([['居民身份证号码', MASKED_ID, '110***********0035']]);
    expect(within(entries()[1]!).getByText(MASKED_ID)).toBeTruthy();
    expect(dialog.textContent).not.toContain(ID_NUMBER);

    await user.click(within(dialog).getByRole('button', { name: /显示身份证号码/ }));
    expect(fieldRows(entries()[0]!)).toEqual([['居民身份证号码', ID_NUMBER, '110105199209170035']]);
    expect(within(entries()[1]!).getByText(ID_NUMBER)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: /隐藏身份证号码/ }));
    expect(dialog.textContent).not.toContain(ID_NUMBER);

    // Callers unmount the drawer on close: reopened, it starts masked whatever was shown before.
    await user.click(within(dialog).getByRole('button', { name: /显示身份证号码/ }));
    view.unmount();
    renderWithApp(<ChangeHistoryDrawer scope={scope} onClose={() => undefined} />);
    await waitFor(() => expect(entries()).toHaveLength(2));
    expect(screen.getByRole('dialog').textContent).not.toContain(ID_NUMBER);
    expect(within(entries()[1]!).getByText(MASKED_ID)).toBeTruthy();
  });

  it('shows 删除 with the record as it was for a deleted record', async () => {
    const company = await createCompany(appDb, blankCompanyInput('北京历史测试汽车租赁有限公司'));
    const vehicle = await saveVehicle(appDb, vehicleInput(company.id, '京B10001'));
    await deleteChild(appDb, 'vehicles', vehicle.id);
    renderDrawer({ kind: 'record', table: 'vehicles', entityId: vehicle.id, title: '修改记录：京B10001' });

    await waitFor(() => expect(entries()).toHaveLength(2));
    const [deleted] = entries();
    expect(within(deleted!).getByText('删除')).toBeTruthy();
    expect(columnTitles(deleted!)).toEqual(['字段', '删除前']);
    expect(fieldRows(deleted!)).toEqual(expect.arrayContaining([['号牌号码', '京B10001'], ['使用性质', '租赁'], ['备案状态', '已备案'], ['用于分时租赁', '否']]));
  });

  it("lists a company's changes across its records, names each record, and filters by kind", async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    const company = await createCompany(appDb, blankCompanyInput('北京历史测试三有限公司'));
    await updateCompany(appDb, { ...company, legalRepresentative: '王建国' });
    await savePerson(appDb, personInput(company.id, { name: '李芳' }));
    await saveVehicle(appDb, vehicleInput(company.id, '京A12345'));
    await saveLicence(appDb, { companyId: company.id, kind: '药品经营许可证', kindOther: '', number: '京AA1234567', issuer: '', validFrom: null, validTo: null, storeId: null, note: '' });
    renderDrawer({ kind: 'company', companyId: company.id, title: '修改记录：北京历史测试三有限公司' });

    await waitFor(() => expect(entries().length).toBeGreaterThanOrEqual(5));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/^共 \d+ 条$/)).toBeTruthy();
    const headers = entries().map((e) => e.textContent);
    expect(headers.some((t) => t.includes('证照：药品经营许可证 京AA1234567'))).toBe(true);
    expect(headers.some((t) => t.includes('车辆：京A12345'))).toBe(true);
    expect(headers.some((t) => t.includes('人员：李芳'))).toBe(true);
    expect(headers.some((t) => t.includes('企业信息：北京历史测试三有限公司') && t.includes('法定代表人'))).toBe(true);

    fireEvent.mouseDown(within(dialog).getByLabelText('按类别筛选'));
    const option = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.ant-select-item-option[title="车辆"]');
      if (found === null) throw new Error('option not shown yet');
      return found;
    });
    await user.click(option);
    await waitFor(() => expect(entries()).toHaveLength(1));
    expect(entries()[0]!.textContent).toContain('车辆：京A12345');
    expect(within(dialog).getByText('共 1 条')).toBeTruthy();
  });

  it('shows the newest 500 of a large company, says so, and still finds older changes by kind', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    const company = await createCompany(appDb, blankCompanyInput('北京历史测试汽车租赁二有限公司'));
    const vehicles = Array.from({ length: 520 }, (_, i) => ({ ...vehicleInput(company.id, `京C${String(10000 + i)}`), id: `${company.id}-v${i}` }));
    await importCompanyRecords(appDb, [{ company, people: [], licences: [], vehicles, stores: [], events: [] }], 'merge');
    renderDrawer({ kind: 'company', companyId: company.id, title: '修改记录：北京历史测试汽车租赁二有限公司' });

    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('共 521 条，仅显示最近 500 条')).toBeTruthy();
    // 20 entries a page.
    expect(entries()).toHaveLength(20);
    expect(within(dialog).getByTitle('25')).toBeTruthy();
    expect(entries().every((e) => e.textContent.includes('车辆：京C'))).toBe(true);

    // The company's own creation is older than the newest 500, and the filter reaches it.
    fireEvent.mouseDown(within(dialog).getByLabelText('按类别筛选'));
    const option = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.ant-select-item-option[title="企业信息"]');
      if (found === null) throw new Error('option not shown yet');
      return found;
    });
    await user.click(option);
    await waitFor(() => expect(entries()).toHaveLength(1));
    expect(entries()[0]!.textContent).toContain('企业信息：北京历史测试汽车租赁二有限公司');
    expect(within(entries()[0]!).getByText('新增')).toBeTruthy();
    expect(within(dialog).getByText('共 1 条')).toBeTruthy();
  });

  it("shows a duty's done history and flags a rewrite of its 操作记录", async () => {
    const company = await createCompany(appDb, blankCompanyInput('北京历史测试四有限公司'));
    const ctx = { companyId: company.id, key: 'duty-a|company', dutyTitle: '年度报告公示', actor: '王芳' };
    await markDutyDone(appDb, { ...ctx, doneOn: '2026-06-01', evidence: '公示回执', today: asIsoDate('2026-06-02') });
    const [record] = await appDb.dutyHistory.where('companyId').equals(company.id).toArray();
    await appDb.dutyHistory.put({ ...record!, note: '补记' });
    renderDrawer({ kind: 'duty', companyId: company.id, dutyKey: ctx.key, scheduleKey: 'duty-a', title: '修改记录：年度报告公示' });

    await waitFor(() => expect(entries()).toHaveLength(2));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('此事项的操作记录有 1 处被更改或删除，详见下方标红的记录。')).toBeTruthy();
    const [rewrite, done] = entries();
    expect(within(rewrite!).getByText('操作记录被更改')).toBeTruthy();
    expect(fieldRows(rewrite!)).toEqual([['说明', '（空）', '补记']]);
    expect(done!.textContent).toContain('事项办理：年度报告公示');
    const doneRows = fieldRows(done!);
    expect(doneRows).toContainEqual(['已完成', '是']);
    expect(doneRows).toContainEqual(['完成日期', '2026-06-01']);
    expect(doneRows).toContainEqual(['证明材料', '公示回执']);
  });

  it('says so when a record has no history', async () => {
    renderDrawer({ kind: 'record', table: 'stores', entityId: 'no-such-store', title: '修改记录：无' });
    expect(await screen.findByText('暂无修改记录')).toBeTruthy();
  });

  it('opens from a person row of the people tab', async () => {
    const user = userEvent.setup({ delay: null });
    const company = await createCompany(appDb, blankCompanyInput('北京历史测试五有限公司'));
    const person = await savePerson(appDb, personInput(company.id, { name: '赵敏' }));
    await savePerson(appDb, { ...person, contractEnd: asIsoDate('2030-12-31') });
    const record = await getCompanyRecord(appDb, company.id);
    renderWithApp(<PeopleTab record={record!} findings={new Map()} />);

    await user.click(screen.getByRole('button', { name: '查看赵敏的修改记录' }));
    const dialog = await screen.findByRole('dialog', { name: '修改记录：赵敏' });
    await waitFor(() => expect(within(dialog).queryAllByRole('article')).toHaveLength(2));
    expect(fieldRows(within(dialog).getAllByRole('article')[0]!)).toEqual([['合同终止日期', '2028-01-01', '2030-12-31']]);
  });
});
