import 'fake-indexeddb/auto';
import { expect } from 'vitest';
import { describeFixtureUpgrade, readFixture, type ChangedByMigrations } from './describeFixtureUpgrade';

/**
 * A database left by the released schema version 1 (the company workspace), opened by the current
 * app. describeFixtureUpgrade checks every record of every table and every index; below, what is
 * version 1's own.
 */

const fixture = readFixture(new URL('./fixtures/v1.json', import.meta.url));

// No later version rewrites version-1 rows yet: every one must come through untouched.
const changedByMigrations: ChangedByMigrations = {};

describeFixtureUpgrade(fixture, {
  changedByMigrations,
  // The bench generator of version 1 gave every licence an open end (validTo null), so the index has no entry to ask for.
  indexesWithoutValues: ['licences validTo'],
  queries: async (db) => {
    const vehicles = fixture.tables.vehicles as readonly { companyId: string; plate: string }[];
    const first = vehicles[0];
    expect(first).toBeDefined();
    expect(await db.vehicles.where('[companyId+plate]').equals([first?.companyId ?? '', first?.plate ?? '']).count()).toBe(1);
    const people = fixture.tables.people as readonly { companyId: string }[];
    const companyId = people[0]?.companyId ?? '';
    expect(await db.people.where('companyId').equals(companyId).count()).toBe(people.filter((p) => p.companyId === companyId).length);
    const companies = fixture.tables.companies as readonly { name: string }[];
    expect(await db.companies.where('name').equals(companies[0]?.name ?? '').count()).toBe(1);
    expect((await db.settings.get('ui.lastExportFolder'))?.value).toBe('我的文档/合规资料');
  },
});
