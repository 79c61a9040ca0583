import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Vehicle } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate } from '../../../shared/domain/isoDate';
import {
  blankCompanyInput, companyOwnedTables, countCompanyChildren, createCompany, deleteChild, deleteCompany, getAllCompanyRecords,
  getCompanyRecord, importCompanyRecords, listCompanies, saveEvent, saveLicence, savePerson, saveStore, saveVehicle,
  updateCompany, type ImportProgress,
} from '../../../renderer/storage/companyRepository';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';

let db: WorkbenchDatabase;

beforeEach(async () => {
  db = new WorkbenchDatabase(`repo-test-${Math.random().toString(36).slice(2)}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

async function companyWithChildren(name: string) {
  const company = await createCompany(db, { ...blankCompanyInput(name), uscc: '91110105MA01ABCD2X' });
  const store = await saveStore(db, { companyId: company.id, name: '一号店', kind: '门店', address: '', district: '朝阳区', operatingSince: null, floorAreaSqm: null, note: '' });
  const person = await savePerson(db, {
    companyId: company.id, name: '张三', idNumber: '', roles: ['执业药师'], phone: '', storeId: store.id, practiceStoreId: store.id,
    certificates: [], contractStart: asIsoDate('2025-01-01'), contractEnd: asIsoDate('2028-01-01'), isContractOpenEnded: false, note: '',
  });
  await saveLicence(db, { companyId: company.id, kind: '药品经营许可证', kindOther: '', number: '京AA1234567', issuer: '', validFrom: null, validTo: null, storeId: store.id, note: '' });
  await saveVehicle(db, vehicle(company.id, '京A12345'));
  await saveEvent(db, { companyId: company.id, kind: 'startOfOperation', date: asIsoDate('2025-06-01'), subjectId: store.id, note: '' });
  return { company, store, person };
}

function vehicle(companyId: string, plate: string): Omit<Vehicle, 'id'> {
  return {
    companyId, plate, usageNature: '租赁', registeredOn: null, inServiceOn: null, filingStatus: '已备案', leftFilingOn: null,
    model: '', vin: '', seats: 5, isTimeShare: false, note: '',
  };
}

describe('companies', () => {
  it('creates, lists by name and updates a company', async () => {
    const b = await createCompany(db, blankCompanyInput('北京乙公司'));
    await createCompany(db, blankCompanyInput('北京甲公司'));
    expect((await listCompanies(db)).map((c) => c.name)).toEqual(['北京甲公司', '北京乙公司']);

    const updated = await updateCompany(db, { ...b, legalRepresentative: '李四' }, new Date('2030-01-01T00:00:00Z'));
    expect(updated.updatedAt).toBe('2030-01-01T00:00:00.000Z');
    expect((await db.companies.get(b.id))?.legalRepresentative).toBe('李四');
  });

  it('refuses a company without a name (schema validation before writing)', async () => {
    await expect(createCompany(db, blankCompanyInput(''))).rejects.toThrow();
    expect(await db.companies.count()).toBe(0);
  });

  it('refuses to update a company that was deleted meanwhile', async () => {
    const c = await createCompany(db, blankCompanyInput('北京丙公司'));
    await deleteCompany(db, c.id);
    await expect(updateCompany(db, c)).rejects.toThrow('已不存在');
    expect(await db.companies.count()).toBe(0);
  });
});

describe('child records', () => {
  it('saves children under their company and reads the whole record', async () => {
    const { company } = await companyWithChildren('北京示例药房有限公司');
    const record = await getCompanyRecord(db, company.id);
    expect(record?.people.map((p) => p.name)).toEqual(['张三']);
    expect(record?.licences).toHaveLength(1);
    expect(record?.vehicles).toHaveLength(1);
    expect(record?.stores).toHaveLength(1);
    expect(record?.events).toHaveLength(1);
    expect(await countCompanyChildren(db, company.id)).toEqual({ people: 1, licences: 1, vehicles: 1, stores: 1, events: 1 });
  });

  it('refuses a child whose company does not exist, writing nothing', async () => {
    await expect(saveVehicle(db, vehicle('no-such-company', '京A00001'))).rejects.toThrow('所属企业已不存在');
    expect(await db.vehicles.count()).toBe(0);
  });

  it('deleting a store clears references to it in people, licences and events', async () => {
    const { company, store, person } = await companyWithChildren('北京示例药房有限公司');
    await deleteChild(db, 'stores', store.id);
    const record = await getCompanyRecord(db, company.id);
    expect(record?.stores).toHaveLength(0);
    expect(record?.people.find((p) => p.id === person.id)).toMatchObject({ storeId: null, practiceStoreId: null });
    expect(record?.licences[0]?.storeId).toBeNull();
    expect(record?.events[0]?.subjectId).toBeNull();
  });
});

describe('cascading delete', () => {
  it('deletes a company with all its children and leaves other companies alone', async () => {
    const a = await companyWithChildren('北京甲公司');
    const b = await companyWithChildren('北京乙公司');
    await deleteCompany(db, a.company.id);
    expect(await db.companies.get(a.company.id)).toBeUndefined();
    expect(await countCompanyChildren(db, a.company.id)).toEqual({ people: 0, licences: 0, vehicles: 0, stores: 0, events: 0 });
    expect(await countCompanyChildren(db, b.company.id)).toEqual({ people: 1, licences: 1, vehicles: 1, stores: 1, events: 1 });
  });

  it('also deletes rows of every other table keyed by companyId (found from the schema)', async () => {
    const a = await companyWithChildren('北京甲公司');
    const b = await companyWithChildren('北京乙公司');
    const owned = companyOwnedTables(db);
    // Tables of later versions (energy settings keyed by companyId, deadline tracking …) are included.
    expect(owned.map((t) => t.name)).toEqual(expect.arrayContaining(['people', 'licences', 'vehicles', 'stores', 'events']));
    expect(owned.map((t) => t.name)).not.toContain('companies');
    expect(owned.map((t) => t.name)).not.toContain('settings');
    await deleteCompany(db, a.company.id);
    for (const table of owned) {
      expect(await table.where('companyId').equals(a.company.id).count(), table.name).toBe(0);
    }
    expect(await db.people.where('companyId').equals(b.company.id).count()).toBe(1);
  });
});

describe('import', () => {
  async function exported(): Promise<CompanyRecord[]> {
    return getAllCompanyRecords(db);
  }

  it('replace: a company with the same id gets exactly the file records', async () => {
    const { company } = await companyWithChildren('北京甲公司');
    const [record] = await exported();
    if (!record) throw new Error('no record');
    await saveVehicle(db, vehicle(company.id, '京B99999'));
    const progress: ImportProgress[] = [];
    const summary = await importCompanyRecords(db, [record], 'replace', (p) => progress.push(p));
    expect(summary).toEqual({ companies: 1, added: 0, replaced: 1, merged: 0 });
    expect((await getCompanyRecord(db, company.id))?.vehicles.map((v) => v.plate)).toEqual(['京A12345']);
    expect(progress.at(-1)).toEqual({ done: 6, total: 6 });
  });

  it('merge: records of the file are written, stored ones with other ids are kept', async () => {
    const { company } = await companyWithChildren('北京甲公司');
    const [record] = await exported();
    if (!record) throw new Error('no record');
    await saveVehicle(db, vehicle(company.id, '京B99999'));
    const summary = await importCompanyRecords(db, [record], 'merge');
    expect(summary.merged).toBe(1);
    expect((await getCompanyRecord(db, company.id))?.vehicles.map((v) => v.plate).sort()).toEqual(['京A12345', '京B99999']);
  });

  it('a failure half-way writes nothing at all (one transaction)', async () => {
    const { company } = await companyWithChildren('北京甲公司');
    const [record] = await exported();
    if (!record) throw new Error('no record');
    await deleteCompany(db, company.id);
    const newCompany = { ...record, company: { ...record.company, id: 'other', name: '北京乙公司' }, people: [], licences: [], stores: [], events: [], vehicles: [] };
    // A vehicle without a primary key makes IndexedDB throw DataError on the second company.
    const broken = { ...record, vehicles: [{ ...record.vehicles[0], id: undefined } as unknown as Vehicle] };
    await expect(importCompanyRecords(db, [newCompany, broken], 'replace')).rejects.toThrow();
    expect(await db.companies.count()).toBe(0);
    expect(await db.vehicles.count()).toBe(0);
  });

  it('imports 5,000 vehicles with progress in chunks', async () => {
    const company = await createCompany(db, blankCompanyInput('北京大车队有限公司'));
    const vehicles = Array.from({ length: 5000 }, (_, i) => ({ ...vehicle(company.id, `京A${String(i).padStart(5, '0')}`), id: `v${i}` }));
    const record: CompanyRecord = { company, people: [], licences: [], vehicles, stores: [], events: [] };
    const progress: number[] = [];
    await importCompanyRecords(db, [record], 'replace', (p) => progress.push(p.done));
    expect(await db.vehicles.count()).toBe(5000);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(5001);
  });
});
