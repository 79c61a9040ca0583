import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { webCryptoPort } from '../../../shared/crypto/cryptoPort';
import { importCompanyRecords } from '../../../renderer/storage/companyRepository';
import { createAppDatabase, WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { VaultSession } from '../../../renderer/storage/vaultSession';
import { enableEncryption } from '../../../renderer/storage/vaultOperations';
import type { Measurement } from '../harness';

const STAMP = '2026-11-26T00:00:00.000Z';

/** A rental company with `vehicles` vehicles and a tenth as many staff, each with an ID number and a phone. */
function fleetRecord(vehicles: number): CompanyRecord {
  const company = { id: 'bench-fleet', name: '北京基准汽车租赁有限公司', createdAt: STAMP, updatedAt: STAMP };
  return {
    company,
    people: Array.from({ length: vehicles / 10 }, (_, i) => ({
      id: `p${i}`, companyId: company.id, name: `员工${i}`, idNumber: '11010519491231002X', roles: [], phone: '13800138000', storeId: null,
      practiceStoreId: null, certificates: [], contractStart: null, contractEnd: null, isContractOpenEnded: false, note: '',
    })),
    vehicles: Array.from({ length: vehicles }, (_, i) => ({
      id: `v${i}`, companyId: company.id, plate: `京B${String(10000 + i)}`, usageNature: '租赁', registeredOn: null, inServiceOn: null,
      filingStatus: '已备案', leftFilingOn: null, model: '', vin: '', seats: 5, isTimeShare: false, note: '',
    })),
    licences: [], stores: [], events: [], energyReadings: [], energyTrainings: [], energySubmissions: [], dutyTracking: [], dutySchedules: [], dutyHistory: [],
  } as unknown as CompanyRecord;
}

let runCount = 0;

/** Imports the record into a fresh store made by `open`, then deletes the store. */
async function importInto(record: CompanyRecord, open: (name: string) => Promise<WorkbenchDatabase>): Promise<void> {
  const name = `bench-storage-${runCount++}`;
  const db = await open(name);
  try {
    await importCompanyRecords(db, [record], 'merge');
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

/**
 * What the change history and encryption at rest cost a workspace import: the same records into
 * the app's connection (one change-log entry per row, personal fields sealed) against a plain
 * connection. In Node over fake-indexeddb, so the ratio is the point, not the absolute time.
 */
export function storageMeasurements(quick: boolean): Measurement[] {
  const vehicles = quick ? 500 : 5000;
  const record = fleetRecord(vehicles);
  const crypto = webCryptoPort(globalThis.crypto);
  return [{
    name: '导入工作区（记录修改历史并加密个人信息）',
    size: `${vehicles} 辆车 + ${vehicles / 10} 名人员（Node，fake-indexeddb）`,
    targetMs: 2000,
    run: () => importInto(record, async (name) => {
      const session = new VaultSession(crypto);
      const db = createAppDatabase(session, name);
      await enableEncryption({ rawDb: new WorkbenchDatabase(name), session, iterations: 1000 }, '基准测试恢复口令');
      return db;
    }),
    reference: { name: '同一导入，不记录历史、不加密', run: () => importInto(record, (name) => Promise.resolve(new WorkbenchDatabase(name))) },
  }];
}
