import { describe, expect, it } from 'vitest';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import { emptyDutyTracking } from '../../../shared/deadlines/trackingRecords';
import { DutyEngine, DutyMirror, chunkPatch, drainEngine, type EngineMessage } from '../../../renderer/features/deadlines/dutyEngine';
import { compareRows, computeCompanyDuties, countByGroup, documentsById, type DutyRow } from '../../../renderer/features/deadlines/dutyModel';
import { generateCompany } from '../../bench/companyGenerator';
import { SeededRandom } from '../../bench/seededRandom';
import { allDocumentIds, loadTestKnowledgeBase, sampleRecord } from '../../fixtures/policy/diskKnowledgeBase';
import { shippedCalendar } from './holidayFixture';

/*
 * The tracker's incremental engine (dutyEngine.ts, run in a worker on the page) against the full
 * recomputation it replaces: after each write, the rows the page holds, their order, the counts
 * and each company's rows equal computing every company and sorting all rows with compareRows.
 */

const kb = loadTestKnowledgeBase(allDocumentIds()).kb;
const calendar = shippedCalendar();
const documents = documentsById(kb);

function fullRecompute(records: readonly CompanyRecord[], today: IsoDate): DutyRow[] {
  return records.flatMap((r) => computeCompanyDuties(kb, r, calendar, today, documents).rows).sort(compareRows);
}

/** Runs the engine and applies every message, in chunks as the worker posts them, to the page's mirror. */
function run(engine: DutyEngine, mirror: DutyMirror): EngineMessage[] {
  const messages: EngineMessage[] = [];
  drainEngine(engine, (message) => {
    for (const chunk of message.type === 'rows' ? chunkPatch(message) : [message]) {
      messages.push(chunk);
      mirror.apply(chunk);
    }
  });
  return messages;
}

function expectSame(mirror: DutyMirror, records: readonly CompanyRecord[], today: IsoDate): void {
  const expected = fullRecompute(records, today);
  const rows = mirror.rows();
  expect(rows.length).toBe(expected.length);
  expect(rows.map((r) => `${r.companyId}::${r.duty.key}`)).toEqual(expected.map((r) => `${r.companyId}::${r.duty.key}`));
  expect(rows).toEqual(expected);
  expect(countByGroup(rows)).toEqual(countByGroup(expected));
  for (const record of records) {
    const own = expected.filter((r) => r.companyId === record.company.id);
    expect(mirror.rowsOf(record.company.id)).toEqual(own);
  }
  expect(mirror.isComplete).toBe(true);
}

describe('the incremental duty engine', () => {
  const rng = new SeededRandom(1515);
  const fleet = generateCompany(rng, 1, { kind: 'carRental', vehicles: 400 });
  const pharmacy = generateCompany(rng, 2, { kind: 'pharmacy' });
  const energy = generateCompany(rng, 3, { kind: 'energy' });
  const samples = [sampleRecord('retailPharmacy.json'), sampleRecord('carRental.json'), sampleRecord('dataCentre.json')];

  it('equals a full recomputation after a sequence of writes, recomputing only the companies written to', () => {
    let today = asIsoDate('2026-11-26');
    let records: CompanyRecord[] = [...samples, fleet, pharmacy, energy];
    const engine = new DutyEngine();
    const mirror = new DutyMirror();
    engine.setContext({ kb, calendar, today });
    engine.setCompanies(records.map((r) => r.company.id));
    for (const record of records) engine.setRecord(record);
    run(engine, mirror);
    expectSame(mirror, records, today);
    expect(mirror.rows().length).toBeGreaterThan(400);

    const write = (next: CompanyRecord) => {
      records = records.map((r) => (r.company.id === next.company.id ? next : r));
      engine.setRecord(next);
      return run(engine, mirror);
    };

    // 1. Mark one open vehicle duty of the fleet done: only the fleet is recomputed, and only
    //    the rows that changed travel to the page.
    const open = mirror.rowsOf(fleet.company.id)?.find((r) => r.group !== 'done' && r.duty.subject.kind === 'vehicle');
    if (open === undefined) throw new Error('the fleet has no open vehicle duty');
    const fleetNow = records.find((r) => r.company.id === fleet.company.id) as CompanyRecord;
    const marked: CompanyRecord = {
      ...fleetNow,
      dutyTracking: [{
        ...emptyDutyTracking(), isDone: true, doneOn: asIsoDate('2026-11-20'), evidence: '行驶证复印件存档',
        id: `${fleet.company.id}|${open.duty.key}`, companyId: fleet.company.id, key: open.duty.key, updatedAt: '2026-11-20T08:00:00.000Z',
      }],
    };
    const messages = write(marked);
    const patches = messages.filter((m) => m.type === 'rows');
    expect(new Set(patches.map((m) => m.companyId))).toEqual(new Set([fleet.company.id]));
    const upserted = patches.flatMap((m) => m.upserts.map(([, row]) => row));
    expect(upserted.map((r) => r.duty.key)).toContain(open.duty.key);
    expect(upserted.length).toBeLessThan((mirror.rowsOf(fleet.company.id)?.length ?? 0) / 10);
    expect(mirror.rowsOf(fleet.company.id)?.find((r) => r.duty.key === open.duty.key)?.group).toBe('done');
    expectSame(mirror, records, today);

    // 2. A vehicle registered on another day, one removed, one added.
    const [first, second, ...rest] = marked.vehicles;
    if (first === undefined || second === undefined) throw new Error('too few vehicles');
    write({
      ...marked,
      vehicles: [{ ...first, registeredOn: asIsoDate('2021-06-01'), usageNature: '租赁' }, ...rest, { ...second, id: `${second.id}-new`, plate: '京Q0NEW1' }],
    });
    expectSame(mirror, records, today);

    // 3. A sample company gets an assignee on one duty (the search text changes with it).
    const pharmacyRecord = records.find((r) => r !== fleetNow && r.company.id !== fleet.company.id && (mirror.rowsOf(r.company.id)?.length ?? 0) > 0) as CompanyRecord;
    const anyDuty = mirror.rowsOf(pharmacyRecord.company.id)?.[0];
    if (anyDuty === undefined) throw new Error('no sample company has a duty');
    write({
      ...pharmacyRecord,
      dutyTracking: [{
        ...emptyDutyTracking(), assignee: '李敏', id: `${pharmacyRecord.company.id}|${anyDuty.duty.key}`, companyId: pharmacyRecord.company.id,
        key: anyDuty.duty.key, updatedAt: '2026-11-21T08:00:00.000Z',
      }],
    });
    expect(mirror.rowsOf(pharmacyRecord.company.id)?.find((r) => r.duty.key === anyDuty.duty.key)?.searchText).toContain('李敏');
    expectSame(mirror, records, today);

    // 4. A company deleted and another added.
    const added = generateCompany(rng, 4, { kind: 'carRental', vehicles: 30 });
    records = [...records.filter((r) => r.company.id !== energy.company.id), added];
    for (const companyId of engine.setCompanies(records.map((r) => r.company.id))) {
      mirror.apply({ type: 'removed', companyId });
    }
    engine.setRecord(added);
    run(engine, mirror);
    expect(mirror.rowsOf(energy.company.id)).toBeUndefined();
    expectSame(mirror, records, today);

    // 5. The day moves on: everything is recomputed against the new day.
    today = asIsoDate('2027-01-04');
    engine.setContext({ kb, calendar, today });
    run(engine, mirror);
    expectSame(mirror, records, today);
  });

  it('computes the priority company first and reports the others as pending until they are done', () => {
    const today = asIsoDate('2026-11-26');
    const records = [...samples, fleet];
    const engine = new DutyEngine();
    const mirror = new DutyMirror();
    engine.setContext({ kb, calendar, today });
    engine.setCompanies(records.map((r) => r.company.id));
    for (const record of records) engine.setRecord(record);
    engine.setPriority(fleet.company.id);
    const patch = engine.step();
    expect(patch?.companyId).toBe(fleet.company.id);
    if (patch !== null) mirror.apply(patch);
    mirror.apply({ type: 'order', order: engine.order(), pending: engine.pendingIds() });
    expect(mirror.isComplete).toBe(false);
    expect([...mirror.pendingIds].sort()).toEqual(samples.map((r) => r.company.id).sort());
    expect(mirror.rowsOf(fleet.company.id)).toEqual(fullRecompute([fleet], today));
    run(engine, mirror);
    expectSame(mirror, records, today);
  });
});
