import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RosterVehicle } from '../../../shared/fleet/rosterImport';
import { blankCompanyInput, createCompany, saveVehicle } from '../../../renderer/storage/companyRepository';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { importFleetVehicles, type FleetImportProgress } from '../../../renderer/storage/fleetRepository';

let db: WorkbenchDatabase;

beforeEach(async () => {
  db = new WorkbenchDatabase(`fleet-test-${Math.random().toString(36).slice(2)}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function vehicle(plate: string): RosterVehicle {
  return {
    plate, usageNature: '租赁', registeredOn: null, inServiceOn: null, filingStatus: '已备案', leftFilingOn: null,
    model: '', vin: '', seats: null, isTimeShare: false, note: '',
  };
}

describe('writing an imported roster', () => {
  it('adds every vehicle in one transaction with progress', async () => {
    const c = await createCompany(db, blankCompanyInput('北京顺达通汽车租赁有限公司'));
    const progress: FleetImportProgress[] = [];
    const vehicles = Array.from({ length: 1200 }, (_, i) => vehicle(`京A${String(i).padStart(5, '0')}`));
    expect(await importFleetVehicles(db, c.id, vehicles, (p) => progress.push(p))).toBe(1200);
    expect(await db.vehicles.where('companyId').equals(c.id).count()).toBe(1200);
    expect(progress.map((p) => p.done)).toEqual([500, 1000, 1200]);
  });

  it('writes nothing when a plate was added meanwhile, or the company is gone', async () => {
    const c = await createCompany(db, blankCompanyInput('北京顺达通汽车租赁有限公司'));
    await saveVehicle(db, { ...vehicle('京A00007'), companyId: c.id });
    const vehicles = Array.from({ length: 20 }, (_, i) => vehicle(`京A${String(i).padStart(5, '0')}`));
    await expect(importFleetVehicles(db, c.id, vehicles)).rejects.toThrow('本企业已有号牌 京A00007 的车辆，未导入任何车辆；请重新检查文件后再导入');
    expect(await db.vehicles.count()).toBe(1);
    await expect(importFleetVehicles(db, 'gone', [vehicle('京B00001')])).rejects.toThrow(/企业已不存在/);
    await expect(importFleetVehicles(db, c.id, [vehicle('京B00001'), vehicle('京B 00001')])).rejects.toThrow('号牌 京B00001 重复，未导入任何车辆');
    expect(await db.vehicles.count()).toBe(1);
  });

  it('rolls back the rows already added when a later chunk fails', async () => {
    const c = await createCompany(db, blankCompanyInput('北京顺达通汽车租赁有限公司'));
    const vehicles = Array.from({ length: 800 }, (_, i) => vehicle(`京A${String(i).padStart(5, '0')}`));
    let calls = 0;
    // The first chunk is written, then the second fails: IndexedDB must undo the first.
    const failing = importFleetVehicles(db, c.id, vehicles, () => {
      calls++;
      if (calls === 1) throw new Error('模拟写入失败');
    });
    await expect(failing).rejects.toThrow('模拟写入失败');
    expect(await db.vehicles.count()).toBe(0);
  });
});
