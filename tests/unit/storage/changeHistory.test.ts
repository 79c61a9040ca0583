import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import {
  blankCompanyInput, createCompany, deleteChild, deleteCompany, importCompanyRecords, savePerson, saveVehicle, updateCompany,
} from '../../../renderer/storage/companyRepository';
import { listCompanyHistory, listRecordHistory } from '../../../renderer/storage/changeLogRepository';
import { HistoryWriteError } from '../../../renderer/storage/auditMiddleware';
import { createAppDatabase, type WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import type { Person, Vehicle } from '../../../shared/domain/company';

/*
 * The change history (issue 6): every change to a company's facts, documents and duties is an
 * entry with when, what, before and after, written in the same transaction as the change, and
 * the log cannot be edited or deleted through the app's connection.
 */

let db: WorkbenchDatabase;
let clock = new Date('2026-11-26T09:00:00.000Z');

beforeEach(async () => {
  clock = new Date('2026-11-26T09:00:00.000Z');
  db = createAppDatabase(new VaultSession(webCryptoPort(globalThis.crypto)), `history-test-${Math.random().toString(36).slice(2)}`, () => clock);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function personInput(companyId: string, overrides: Partial<Person> = {}): Omit<Person, 'id'> {
  return {
    companyId, name: '张三', idNumber: '11010519491231002X', roles: ['执业药师'], phone: '', storeId: null, practiceStoreId: null,
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

describe('change history', () => {
  it('records create, update and delete of a person with before and after', async () => {
    const company = await createCompany(db, blankCompanyInput('北京测试大药房有限公司'));
    const person = await savePerson(db, personInput(company.id));
    clock = new Date('2026-11-26T10:00:00.000Z');
    await savePerson(db, { ...person, contractEnd: asIsoDate('2029-01-01') });
    clock = new Date('2026-11-26T11:00:00.000Z');
    await deleteChild(db, 'people', person.id);

    const history = await listRecordHistory(db, 'people', person.id);
    expect(history.map((e) => e.action)).toEqual(['delete', 'update', 'create']);
    const [deleted, updated, created] = history;
    expect(created!.at).toBe('2026-11-26T09:00:00.000Z');
    expect(created!.after).toMatchObject({ name: '张三', idNumber: '11010519491231002X' });
    expect(updated!.at).toBe('2026-11-26T10:00:00.000Z');
    expect(updated!.changedFields).toEqual(['contractEnd']);
    expect(updated!.before).toMatchObject({ contractEnd: '2028-01-01' });
    expect(updated!.after).toMatchObject({ contractEnd: '2029-01-01' });
    expect(deleted!.before).toMatchObject({ contractEnd: '2029-01-01' });
    expect(deleted!.after).toBeNull();
    expect(history.every((e) => e.companyId === company.id)).toBe(true);
  });

  it('does not record a save that changes nothing but the timestamp', async () => {
    const company = await createCompany(db, blankCompanyInput('北京测试有限公司'));
    await updateCompany(db, company);
    await updateCompany(db, { ...company, legalRepresentative: '李四' });
    const history = await listRecordHistory(db, 'companies', company.id);
    expect(history.map((e) => e.action)).toEqual(['update', 'create']);
    expect(history[0]!.changedFields).toEqual(['legalRepresentative']);
  });

  it('records every row an import writes and keeps the log when the company is deleted', async () => {
    const company = await createCompany(db, blankCompanyInput('北京测试汽车租赁有限公司'));
    const now = clock.toISOString();
    const vehicles = Array.from({ length: 30 }, (_, i) => ({ ...vehicleInput(company.id, `京B${String(10000 + i)}`), id: `v${i}` }));
    await importCompanyRecords(db, [{ company: { ...company, updatedAt: now }, people: [], licences: [], vehicles, stores: [], events: [], energyReadings: [], energyTrainings: [], energySubmissions: [], dutyTracking: [], dutySchedules: [], dutyHistory: [] }], 'merge');
    expect((await listCompanyHistory(db, company.id)).filter((e) => e.table === 'vehicles' && e.action === 'create')).toHaveLength(30);

    await deleteCompany(db, company.id);
    const after = await listCompanyHistory(db, company.id);
    expect(after.filter((e) => e.table === 'vehicles' && e.action === 'delete')).toHaveLength(30);
    expect(after.some((e) => e.table === 'companies' && e.action === 'delete')).toBe(true);
  });

  it('rolls the entry back with the change when the transaction fails', async () => {
    const company = await createCompany(db, blankCompanyInput('北京测试有限公司'));
    const vehicle = await saveVehicle(db, vehicleInput(company.id, '京C00001'));
    await expect(db.transaction('rw', db.vehicles, async () => {
      await db.vehicles.put({ ...vehicle, plate: '京C99999' });
      throw new Error('模拟失败');
    })).rejects.toThrow('模拟失败');
    expect((await listRecordHistory(db, 'vehicles', vehicle.id)).map((e) => e.action)).toEqual(['create']);
    expect((await db.vehicles.get(vehicle.id))?.plate).toBe('京C00001');
  });

  it('refuses to edit or delete a history entry, and a duty record change is itself recorded', async () => {
    const company = await createCompany(db, blankCompanyInput('北京测试有限公司'));
    const [entry] = await listCompanyHistory(db, company.id);
    await expect(db.changeLog.put({ ...entry!, after: null })).rejects.toBeInstanceOf(HistoryWriteError);
    await expect(db.changeLog.delete(entry!.seq)).rejects.toBeInstanceOf(HistoryWriteError);
    await expect(db.changeLog.clear()).rejects.toBeInstanceOf(HistoryWriteError);
    expect(await db.changeLog.count()).toBe(1);

    const done = { id: 'h1', companyId: company.id, key: 'duty-a', at: '2026-11-01T00:00:00.000Z', action: 'markDone', before: null, after: null, note: '' };
    await db.dutyHistory.add(done as never);
    expect(await listRecordHistory(db, 'dutyHistory', 'h1')).toEqual([]);
    await db.dutyHistory.put({ ...done, action: 'undoDone' } as never);
    await db.dutyHistory.delete('h1');
    const rewrites = await listRecordHistory(db, 'dutyHistory', 'h1');
    expect(rewrites.map((e) => e.action)).toEqual(['delete', 'update']);
    expect(rewrites[1]!.before).toMatchObject({ action: 'markDone' });
  });
});
