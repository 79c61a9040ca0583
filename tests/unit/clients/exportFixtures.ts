import { readFileSync } from 'node:fs';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import { computeDuties } from '../../../shared/deadlines/duties';
import { trackingStateSchema } from '../../../shared/deadlines/tracking';
import { defaultEnergySettings } from '../../../shared/energy/ledger';
import type { EnergyWorkbookInput } from '../../../shared/energy/energyWorkbook';
import { trackerRowsFromDuties, type TrackerRow, type TrackerWorkbookInput } from '../../../shared/export/trackerWorkbook';
import { parseWorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { FIXTURE_KB, record } from '../deadlines/fixtures';
import { shippedCalendar } from '../deadlines/holidayFixture';

/*
 * Realistic exports for the client tests: the engine's duties for a car-rental company with
 * vehicles, events and done items, and the energy fixture's data centre ledger.
 */

/** Today in the machine's time zone: LibreOffice's TODAY() uses it, so the cached values must too. */
export function localToday(): IsoDate {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return asIsoDate(`${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`);
}

export function trackerInput(today: IsoDate): TrackerWorkbookInput {
  const rec = record({
    licences: [{ kind: '小微型客车租赁经营备案', validTo: '2024-06-30' }],
    events: [{ kind: 'filingChange', date: '2021-09-16' }],
    vehicles: [
      { plate: '京A00001', usageNature: '非营运', inServiceOn: '2020-05-01', registeredOn: '2015-01-01' },
      { plate: '京A00002', usageNature: '租赁', inServiceOn: '2021-03-01', registeredOn: '2021-02-01' },
    ],
  });
  const key = 'car-rental-opinions/filing-change:filing-change-15d|c1|event:e1';
  const tracking = trackingStateSchema.parse({ duties: { [key]: { isDone: true, doneOn: '2021-09-30', assignee: '王五', evidence: '备案变更回执' } } });
  const rows = trackerRowsFromDuties(computeDuties(FIXTURE_KB, rec, tracking, shippedCalendar(), today));
  const first = rows[0];
  if (!first) throw new Error('the fixture has no duties');
  const undated: TrackerRow = { ...first, key: 'manual/undated', dueDate: null, dueText: '以主管部门通知为准', title: '实时电耗数据接入（北京市节能监测服务平台）', status: '待办' };
  const overdue: TrackerRow = { ...first, key: 'manual/overdue', dueDate: asIsoDate('2021-09-10'), status: '待办', doneOn: null };
  return {
    today,
    publishedThroughYear: 2026,
    companies: [
      { companyId: 'c1', companyName: rec.company.name, uscc: '91110105MA01234567', rows: [...rows, undated, overdue] },
      { companyId: 'c2', companyName: '北京市朝阳区某某大药房连锁有限公司第一百二十三分店', uscc: '', rows: [] },
    ],
  };
}

function energyRecord(): CompanyRecord {
  const parsed = parseWorkspaceFile(readFileSync(new URL('../../fixtures/energy/energy-workspace.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const rec = parsed.value.companies[0];
  if (!rec) throw new Error('fixture has no company');
  return rec;
}

export function energyInput(rec: CompanyRecord = energyRecord(), year = 2021): EnergyWorkbookInput {
  return {
    company: rec.company, stores: rec.stores, people: rec.people, readings: rec.energyReadings ?? [],
    trainings: rec.energyTrainings ?? [], settings: rec.energySettings ?? defaultEnergySettings(), year, generatedAt: '2021-12-20 16:00',
  };
}
