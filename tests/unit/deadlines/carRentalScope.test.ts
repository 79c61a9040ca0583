import { describe, expect, it } from 'vitest';
import { loadBundledKnowledgeBase } from '../../../electron/cli/commandInputs';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { computeDuties } from '../../../shared/deadlines/duties';
import { EMPTY_TRACKING } from '../../../shared/deadlines/tracking';
import { evaluateCompany } from '../../../shared/policy/evaluate';
import { record, type RecordParts } from './fixtures';
import { shippedCalendar } from './holidayFixture';

/*
 * Who the car-rental opinions speak to and for how long, each case from the sentence it rests on:
 * 三、(一) L2290–2292 (9座及以下的小微型客车), 三、(三)1. L2322–2324 (经营门店), 三、(三)5. L2341–2347
 * (终止经营: 15 日内备案注销, 先行办理车辆退出备案), and L2529 (自印发之日起实施, 2021-08-31).
 */

const loaded = loadBundledKnowledgeBase();
if (!loaded.ok) throw new Error(loaded.error.message);
const kb = loaded.value.kb;
const TODAY = '2026-12-05';

const duties = (parts: RecordParts, today = TODAY) => computeDuties(kb, record(parts), EMPTY_TRACKING, shippedCalendar(), asIsoDate(today));
const item = (parts: RecordParts, slug: string, date = TODAY) => {
  const found = evaluateCompany(kb, record(parts), asIsoDate(date)).find((e) => e.id === `car-rental-opinions/${slug}`);
  if (found === undefined) throw new Error(slug);
  return found;
};
const carRentalDuties = (parts: RecordParts, today = TODAY) => duties(parts, today).filter((d) => d.itemId.startsWith('car-rental-opinions/'));

const OPERATOR: RecordParts = {
  company: { industryCode: 'L7111', businessScope: '汽车租赁', establishedOn: '2010-03-18' },
  licences: [{ kind: '小微型客车租赁经营备案', validFrom: '2024-01-08', validTo: '2027-01-07' }],
  stores: [{ name: '南苑路门店', kind: '门店' }],
  vehicles: [{ plate: '京A10001', usageNature: '租赁', registeredOn: '2022-01-01', inServiceOn: '2022-01-10', filingStatus: '已备案', seats: 5 }],
  events: [{ kind: 'filing', date: '2021-01-08' }],
};

describe('a company filed long before the opinions', () => {
  it('owes no 开业备案 from its 2010 registration, and its recorded 备案 is not an open duty', () => {
    const list = carRentalDuties(OPERATOR);
    expect(list.filter((d) => d.ruleId === 'after-registration')).toHaveLength(0);
    expect(list.some((d) => d.status === 'overdue')).toBe(false);
    expect(list.some((d) => d.actor === 'authority')).toBe(false);
  });
});

describe('a bus or truck rental firm (三、(一): 9 座及以下)', () => {
  const BUSES: RecordParts = {
    ...OPERATOR,
    licences: [],
    vehicles: [
      { plate: '京A20001', usageNature: '租赁', vehicleType: '大型客车', seats: 45, registeredOn: '2012-01-01', inServiceOn: '2012-01-01', filingStatus: '未备案' },
      { plate: '京A20002', usageNature: '非营运', vehicleType: '货车', seats: 3, registeredOn: '2019-01-01', inServiceOn: '2019-01-01', filingStatus: '未备案' },
    ],
  };
  it('records vehicles of any size, and none of the car-rental items applies to it', () => {
    expect(record(BUSES).vehicles.map((v) => v.seats)).toEqual([45, 3]);
    for (const slug of ['opening-filing', 'filing-renewal', 'convert-non-operating-vehicles', 'service-life', 'safety-management']) {
      expect(item(BUSES, slug).applies).toBe('no');
    }
    expect(carRentalDuties(BUSES)).toHaveLength(0);
  });
  it('a mixed fleet: only the 小微型客车 are subjects of the per-vehicle duties', () => {
    const mixed: RecordParts = { ...BUSES, vehicles: [...(BUSES.vehicles ?? []), { plate: '京A20003', usageNature: '租赁', vehicleType: '小型客车', seats: 5, registeredOn: '2012-01-01', inServiceOn: '2012-02-01', filingStatus: '已备案' }] };
    const life = carRentalDuties(mixed).filter((d) => d.ruleId === 'rental-service-life');
    expect(life.map((d) => d.subject.label)).toEqual(['京A20003']);
    expect(item(mixed, 'convert-non-operating-vehicles').applies).toBe('no');
  });
});

describe('premises recorded as 经营场所 (三、(三)1.: 经营门店)', () => {
  const PREMISES: RecordParts = { ...OPERATOR, stores: [{ name: '南苑路营业场所', kind: '经营场所' }] };
  it('asks once whether they serve as the 门店 instead of reporting 现有 0 处', () => {
    const opening = item(PREMISES, 'opening-filing');
    expect(opening.gaps.map((g) => g.text).join('')).not.toContain('现有 0 处');
    expect(opening.requirementsMet).toBe('unknown');
    expect(opening.missingFacts.map((m) => m.question.text)).toEqual(['企业登记的“经营场所”是否用作租赁经营门店？']);
  });
  it('counts them when the officer says so, and gives the gap when they do not', () => {
    const yes = { ...PREMISES, company: { ...PREMISES.company, answers: { 'answer.fact.stores.countRentalOutlets': true } } };
    expect(item(yes, 'opening-filing').requirementsMet).toBe('yes');
    const no = { ...PREMISES, company: { ...PREMISES.company, answers: { 'answer.fact.stores.countRentalOutlets': false } } };
    expect(item(no, 'opening-filing').gaps.map((g) => g.text)).toEqual(['需有经营门店，现有 0 处']);
  });
});

describe('a company that ended business (三、(三)5.)', () => {
  const ENDED: RecordParts = {
    ...OPERATOR,
    vehicles: [...(OPERATOR.vehicles ?? []), { plate: '京A10002', usageNature: '租赁', registeredOn: '2011-06-01', inServiceOn: '2011-06-01', filingStatus: '已备案', seats: 5, isTimeShare: true }],
    events: [...(OPERATOR.events ?? []), { kind: 'termination', date: '2026-11-20' }],
  };
  it('keeps only what ending brings: 备案注销 within 15 days and each filed vehicle leaving first', () => {
    const list = carRentalDuties(ENDED);
    expect(new Set(list.map((d) => d.ruleId))).toEqual(new Set(['cancellation', 'time-share-notice', 'vehicles-leave-first']));
    expect(list.find((d) => d.ruleId === 'cancellation')?.dueDate).toBe('2026-12-07');
    expect(list.filter((d) => d.ruleId === 'vehicles-leave-first').map((d) => [d.subject.label, d.dueDate])).toEqual([['京A10001', '2026-12-07'], ['京A10002', '2026-12-07']]);
  });
  it('no renewal window, no 管理注销, no 零车 gap after the end', () => {
    expect(item(ENDED, 'filing-renewal').applies).toBe('no');
    expect(item(ENDED, 'opening-filing').applies).toBe('no');
    expect(item(ENDED, 'filing-cancellation').applies).toBe('yes');
    // The 15-year life of 京A10002 falls on 2026-06-01, before the end: still shown; nothing after it is.
    // Only duties the text attaches to ending (triggered by 终止经营) remain after it, in any document.
    const after = duties(ENDED).filter((d) => (d.dueDate ?? '9999') > '2026-11-20' && !d.trigger.source.includes('终止经营') && d.trigger.label !== '终止经营之日');
    expect(after.map((d) => `${d.itemId}:${d.ruleId}:${d.dueText}:${d.status}`)).toEqual([]);
  });
  it('a vehicle already moved out of the filing has nothing left to leave', () => {
    const moved = { ...ENDED, vehicles: (ENDED.vehicles ?? []).map((v, i) => (i === 0 ? { ...v, filingStatus: '已移出备案', leftFilingOn: '2026-11-25' } : v)) };
    expect(carRentalDuties(moved).filter((d) => d.ruleId === 'vehicles-leave-first').map((d) => d.subject.label)).toEqual(['京A10002']);
  });
});
