import 'fake-indexeddb/auto';
import { expect } from 'vitest';
import { trackingStateFromRecords } from '../../../../shared/deadlines/trackingRecords';
import { describeFixtureUpgrade, readFixture, type ChangedByMigrations } from './describeFixtureUpgrade';

/**
 * A database left by the released schema version 2 (the deadline tracker), opened by the current
 * app. describeFixtureUpgrade checks every record of every table and every index; below, what is
 * version 2's own: the tracker's queries and its reading of a company's rows.
 */

// No later version rewrites version-2 rows yet: every one must come through untouched.
const changedByMigrations: ChangedByMigrations = {};

describeFixtureUpgrade(readFixture(new URL('./fixtures/v2.json', import.meta.url)), {
  changedByMigrations,
  queries: async (db) => {
    const convertKey = 'car-rental-opinions/convert-non-operating-vehicles:conversion-deadline|sample-car-rental-vehicle-01|fixed';
    const history = await db.dutyHistory.where('key').equals(convertKey).sortBy('at');
    expect(history.map((h) => h.action)).toEqual(['markDone', 'undoDone', 'markDone']);
    expect((await db.dutyTracking.where('key').equals(convertKey).first())?.doneOn).toBe('2026-11-20');
    expect(await db.dutyHistory.where('at').between('2026-01-01', '2027-01-01').count()).toBe(5);
    // The tracker's own reading of a company's rows still works on the upgraded store.
    const state = trackingStateFromRecords(
      await db.dutyTracking.where('companyId').equals('sample-data-centre').toArray(),
      await db.dutySchedules.where('companyId').equals('sample-data-centre').toArray(),
    );
    expect(state.schedules['energy-saving-plan/monthly-energy-data:monthly-report|sample-data-centre']).toEqual({ monthsAfterPeriodStart: 1, dayOfMonth: 10 });
    expect(state.duties['energy-saving-plan/monthly-energy-data:monthly-report|sample-data-centre|2026-10']?.isDone).toBe(true);
  },
});
