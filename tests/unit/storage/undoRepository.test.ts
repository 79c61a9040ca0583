import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import type { Person, Vehicle } from '../../../shared/domain/company';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { companyDocumentSchema } from '../../../shared/workspace/workspaceFile';
import { listCompanyHistory, listRecordHistory } from '../../../renderer/storage/changeLogRepository';
import {
  blankCompanyInput, createCompany, saveEvent, savePerson, saveStore, saveVehicle,
} from '../../../renderer/storage/companyRepository';
import { createAppDatabase, type WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { addDocument, updateMaterialState } from '../../../renderer/storage/documentRepository';
import {
  deleteChildForUndo, deleteCompanyForUndo, deleteDocumentForUndo, restoreDeletion, UndoError,
} from '../../../renderer/storage/undoRepository';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import { storeFingerprint } from './storeFingerprint';

/*
 * 撤销 after a deletion (issue 17, point 10): undo puts back exactly what the deletion removed
 * (rows, files, references), in one transaction, logged as 撤销删除; when it cannot put back
 * everything it writes nothing.
 */

let db: WorkbenchDatabase;

beforeEach(async () => {
  db = createAppDatabase(new VaultSession(webCryptoPort(globalThis.crypto)), `undo-test-${Math.random().toString(36).slice(2)}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** The store without the change log (which undo appends to) and, optionally, without updatedAt stamps. */
async function contents(options: { readonly withoutStamps?: boolean } = {}): Promise<string> {
  const text = (await storeFingerprint(db)).split('\n').filter((line) => !line.startsWith('changeLog:')).join('\n');
  return options.withoutStamps === true ? text.replace(/"updatedAt":"[^"]*"/g, '"updatedAt":"…"') : text;
}

function vehicle(companyId: string, plate: string): Omit<Vehicle, 'id'> {
  return {
    companyId, plate, usageNature: '租赁', registeredOn: asIsoDate('2024-03-01'), inServiceOn: null, filingStatus: '已备案', leftFilingOn: null,
    model: '', vin: '', vehicleType: null, seats: 5, isTimeShare: false, note: '',
  };
}

async function rentalFirm() {
  const company = await createCompany(db, { ...blankCompanyInput('北京测试汽车租赁有限公司'), district: '朝阳区' });
  const store = await saveStore(db, { companyId: company.id, name: '一号店', kind: '门店', address: '', district: '朝阳区', operatingSince: null, floorAreaSqm: null, note: '' });
  const person: Omit<Person, 'id'> = {
    companyId: company.id, name: '张三', idNumber: '11010519491231002X', roles: ['执业药师'], phone: '', storeId: store.id, practiceStoreId: store.id,
    certificates: [], contractStart: asIsoDate('2025-01-01'), contractEnd: asIsoDate('2028-01-01'), isContractOpenEnded: false, note: '',
  };
  const savedPerson = await savePerson(db, person);
  const vehicles = [];
  for (let i = 0; i < 30; i++) vehicles.push(await saveVehicle(db, vehicle(company.id, `京B${String(10000 + i)}`)));
  await saveEvent(db, { companyId: company.id, kind: 'startOfOperation', date: asIsoDate('2025-06-01'), subjectId: store.id, note: '' });
  const document = companyDocumentSchema.parse({
    id: 'doc-1', companyId: company.id, kind: '营业执照', title: '营业执照', fileName: 'licence.pdf', mimeType: 'application/pdf', size: 11,
  });
  await addDocument(db, document, new Blob([new TextEncoder().encode('%PDF-1.7 ok')], { type: 'application/pdf' }));
  await updateMaterialState(db, company.id, 'item-1', 'licence', (m) => ({ ...m, documentIds: ['doc-1'] }));
  return { company, store, person: savedPerson, vehicles };
}

describe('deleting a company with 撤销', () => {
  it('puts back the company with every child, file and checklist row exactly as they were', async () => {
    const { company } = await rentalFirm();
    const before = await contents();

    const snapshot = await deleteCompanyForUndo(db, company.id);
    expect(await db.companies.count()).toBe(0);
    expect(await db.vehicles.count()).toBe(0);
    expect(await db.documentFiles.count()).toBe(0);
    expect(snapshot.label).toBe('企业“北京测试汽车租赁有限公司”');

    await restoreDeletion(db, snapshot);
    expect(await contents()).toBe(before);
    expect(await db.vehicles.where('companyId').equals(company.id).count()).toBe(30);
  });

  it('logs the restore as 撤销删除 (action restore) after the deletion', async () => {
    const { company, vehicles } = await rentalFirm();
    await restoreDeletion(db, await deleteCompanyForUndo(db, company.id));
    const actions = (await listRecordHistory(db, 'vehicles', vehicles[0]!.id)).map((e) => e.action);
    expect(actions).toEqual(['restore', 'delete', 'create']);
    const companyEntry = (await listRecordHistory(db, 'companies', company.id))[0];
    expect(companyEntry?.action).toBe('restore');
    expect(companyEntry?.after?.name).toBe('北京测试汽车租赁有限公司');
  });

  it('refuses to restore over a company with the same id imported meanwhile, and writes nothing', async () => {
    const { company } = await rentalFirm();
    const snapshot = await deleteCompanyForUndo(db, company.id);
    await db.companies.add({ ...company, name: '重新导入的企业' });
    const before = await contents();
    const historyBefore = (await listCompanyHistory(db, company.id)).length;

    await expect(restoreDeletion(db, snapshot)).rejects.toThrow(UndoError);
    await expect(restoreDeletion(db, snapshot)).rejects.toThrow('无法撤销：企业“北京测试汽车租赁有限公司”已被重新创建或导入');
    expect(await contents()).toBe(before);
    expect(await db.vehicles.count()).toBe(0);
    expect((await listCompanyHistory(db, company.id)).length).toBe(historyBefore);
  });

  it('writes nothing when one child row cannot be put back (a vehicle id taken again)', async () => {
    const { company, vehicles } = await rentalFirm();
    const snapshot = await deleteCompanyForUndo(db, company.id);
    const other = await createCompany(db, blankCompanyInput('另一家企业'));
    await db.vehicles.add({ ...vehicles[29]!, companyId: other.id });
    const before = await contents();

    await expect(restoreDeletion(db, snapshot)).rejects.toThrow('无法撤销');
    expect(await contents()).toBe(before);
    expect(await db.companies.get(company.id)).toBeUndefined();
  });
});

describe('deleting a child record with 撤销', () => {
  it('puts back a vehicle exactly; only the company’s updatedAt moves', async () => {
    const { company, vehicles } = await rentalFirm();
    const before = await contents({ withoutStamps: true });
    const snapshot = await deleteChildForUndo(db, 'vehicles', vehicles[3]!.id, '车辆“京B10003”');
    expect(await db.vehicles.get(vehicles[3]!.id)).toBeUndefined();

    await restoreDeletion(db, snapshot);
    expect(await contents({ withoutStamps: true })).toBe(before);
    expect(await db.vehicles.where('companyId').equals(company.id).count()).toBe(30);
    expect((await listRecordHistory(db, 'vehicles', vehicles[3]!.id)).map((e) => e.action)).toEqual(['restore', 'delete', 'create']);
  });

  it('points the references a store deletion cleared back at the store', async () => {
    const { store, person } = await rentalFirm();
    const before = await contents({ withoutStamps: true });
    const snapshot = await deleteChildForUndo(db, 'stores', store.id, '门店与场所“一号店”');
    expect((await db.people.get(person.id))?.storeId).toBeNull();
    expect((await db.events.toArray())[0]?.subjectId).toBeNull();
    expect(snapshot.clearedReferences.map((r) => `${r.table}.${r.field}`).sort()).toEqual(['events.subjectId', 'people.practiceStoreId', 'people.storeId']);

    await restoreDeletion(db, snapshot);
    expect(await contents({ withoutStamps: true })).toBe(before);
  });

  it('does not overwrite a reference the officer set meanwhile', async () => {
    const { company, store, person } = await rentalFirm();
    const snapshot = await deleteChildForUndo(db, 'stores', store.id, '门店与场所“一号店”');
    const second = await saveStore(db, { companyId: company.id, name: '二号店', kind: '门店', address: '', district: null, operatingSince: null, floorAreaSqm: null, note: '' });
    await db.people.update(person.id, { storeId: second.id });

    await restoreDeletion(db, snapshot);
    expect((await db.people.get(person.id))?.storeId).toBe(second.id);
    expect((await db.people.get(person.id))?.practiceStoreId).toBe(store.id);
  });

  it('refuses when the company was deleted after the child, writing nothing', async () => {
    const { company, vehicles } = await rentalFirm();
    const snapshot = await deleteChildForUndo(db, 'vehicles', vehicles[0]!.id, '车辆“京B10000”');
    await deleteCompanyForUndo(db, company.id);
    const before = await contents();
    await expect(restoreDeletion(db, snapshot)).rejects.toThrow('无法撤销：车辆“京B10000”所属的企业已被删除');
    expect(await contents()).toBe(before);
  });
});

describe('deleting a document with 撤销', () => {
  it('puts back the document, its file and its checklist link', async () => {
    await rentalFirm();
    const before = await contents({ withoutStamps: true });
    const snapshot = await deleteDocumentForUndo(db, 'doc-1', '材料“营业执照”');
    expect(await db.documentFiles.get('doc-1')).toBeUndefined();
    expect(Object.values((await db.checklistStates.toArray())[0]!.materials)[0]?.documentIds).toEqual([]);

    await restoreDeletion(db, snapshot);
    expect(await contents({ withoutStamps: true })).toBe(before);
    expect((await listRecordHistory(db, 'documents', 'doc-1'))[0]?.action).toBe('restore');
  });
});
