import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { blankCompanyInput, createCompany } from '../../../renderer/storage/companyRepository';
import { listCompanyHistory } from '../../../renderer/storage/changeLogRepository';
import { createAppDatabase, type WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { importFleetVehicles } from '../../../renderer/storage/fleetRepository';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import { changeSourceFor, COMPANY_TARGETS, editField, initialReview, sourceNoteOf } from '../../../renderer/features/recognition/recognitionReview';
import { writeWithSource } from '../../../renderer/storage/changeLogRepository';

/*
 * A value written from a recognised scan carries its source into the change history, in the
 * write's own transaction (issue 18): the source, and per field the recognised and final value.
 */

let db: WorkbenchDatabase;

beforeEach(async () => {
  db = createAppDatabase(new VaultSession(webCryptoPort(globalThis.crypto)), `recognition-write-${Math.random().toString(36).slice(2)}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const box = { x: 0, y: 0, width: 10, height: 10 };

describe('writeWithSource', () => {
  it('puts the source on the entries of the rows it resolves, and only those', async () => {
    const fields = editField(initialReview([
      { field: '名称', value: '北京甲乙医药有限公司', raw: '', confidence: 0.98, status: 'ok', problem: null, box },
      { field: '法定代表人', value: '王秀荚', raw: '', confidence: 0.6, status: 'low', problem: null, box },
    ], COMPANY_TARGETS), '法定代表人', '王秀英');
    const note = sourceNoteOf('营业执照', '执照.jpg', fields);
    const company = await writeWithSource(db, ['companies'], (table, row) => (table === 'companies' ? changeSourceFor(note, row) : null),
      () => createCompany(db, { ...blankCompanyInput(), name: '北京甲乙医药有限公司', legalRepresentative: '王秀英' }));
    await importFleetVehicles(db, company.id, [{ plate: '京A12345', usageNature: '租赁', registeredOn: null, inServiceOn: null, filingStatus: '未备案', leftFilingOn: null, model: '', vin: '', seats: 5, isTimeShare: false, note: '' }]);
    const history = await listCompanyHistory(db, company.id);
    const created = history.find((e) => e.table === 'companies' && e.action === 'create');
    expect(created?.source).toEqual({
      text: '来源：营业执照扫描件“执照.jpg”识别',
      fields: [{ label: '名称', recognised: '北京甲乙医药有限公司', final: null }, { label: '法定代表人', recognised: '王秀荚', final: '王秀英' }],
    });
    expect(history.filter((e) => e.table === 'vehicles').map((e) => e.source)).toEqual([undefined]);
  });

  it('rolls the source back with a write that fails', async () => {
    const note = sourceNoteOf('营业执照', 'x.jpg', []);
    await expect(writeWithSource(db, ['companies'], () => changeSourceFor(note, {}), () => createCompany(db, { ...blankCompanyInput(), name: '' }))).rejects.toThrow();
    expect(await db.changeLog.count()).toBe(0);
  });
});
