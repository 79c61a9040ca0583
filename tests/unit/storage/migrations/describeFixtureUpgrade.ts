import Dexie from 'dexie';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../../../renderer/storage/workbenchDatabase';
import { getDocumentBlob } from '../../../../renderer/storage/documentRepository';
import { getEnergyAttachment } from '../../../../renderer/storage/energyRepository';
import { askEveryIndex, comparable, dumpTables, materialize, storedRows, type MigrationFixture } from './migrationFixture';

/*
 * The suite every released schema version's fixture goes through, so that a new version's test
 * (vN.test.ts) holds only what is its own: the fixture, what later migrations do to its rows, its
 * explicit queries and its extra tests. Written once, a check added here (or a migration that
 * breaks one) reaches every released version at the same time.
 */

/**
 * What later versions do to one version's rows, per table: a function giving the row expected
 * after all migrations, or null for a table dropped on purpose. Add an entry when a migration
 * rewrites or moves that version's data. A table not listed must come through untouched, so a
 * migration that loses data fails every older fixture's test.
 */
export type ChangedByMigrations = Readonly<Record<string, ((row: Record<string, unknown>) => Record<string, unknown>) | null>>;

/**
 * Rows later versions move into one table from another, per table: a function of the fixture's
 * rows (all tables) giving the rows added. Add an entry when a migration moves data across
 * tables; the table's rows are then expected in primary-key order, as IndexedDB returns them.
 */
export type AddedByMigrations = Readonly<Record<string, (rows: Readonly<Record<string, readonly unknown[]>>) => Record<string, unknown>[]>>;

/**
 * Version 7 (one file store) moved each energy evidence file's Blob from its energyAttachments row
 * into documentFiles under the same id: what fixtures of versions 4 to 6 give both entries.
 */
export const EVIDENCE_MOVED_BY_V7 = {
  changedByMigrations: {
    energyAttachments: ({ blob: _blob, ...metadata }: Record<string, unknown>) => metadata,
  },
  addedByMigrations: {
    documentFiles: (rows: Readonly<Record<string, readonly unknown[]>>) => (rows.energyAttachments ?? []).map((row) => {
      const { id, companyId, blob } = row as Record<string, unknown>;
      return { id, companyId, blob };
    }),
  },
} as const satisfies { changedByMigrations: ChangedByMigrations; addedByMigrations: AddedByMigrations };

export interface FixtureUpgradeSpec {
  readonly changedByMigrations: ChangedByMigrations;
  readonly addedByMigrations?: AddedByMigrations;
  /**
   * Indexes, written 'table index', for which no row of the fixture has a value IndexedDB can
   * index: a gap in a frozen fixture, which cannot be filled afterwards. They must still exist and
   * hold no entry; every index not listed must be asked for a value some row has.
   */
  readonly indexesWithoutValues?: readonly string[];
  /** The version's own queries (its indexes as its features use them, its repositories), asked after every index answered. */
  readonly queries: (db: WorkbenchDatabase) => Promise<void>;
}

export interface UpgradedFixture {
  readonly fixture: MigrationFixture;
  /** The fixture materialized under a fresh name and opened, so upgraded, by WorkbenchDatabase; deleted after the test. */
  open(): Promise<WorkbenchDatabase>;
  /** Runs `check` on a freshly upgraded database and closes the database, whether or not the check passed. */
  check(check: (db: WorkbenchDatabase) => Promise<void>): Promise<void>;
}

/** A fixture file, e.g. `readFixture(new URL('./fixtures/v2.json', import.meta.url))`. */
export function readFixture(url: URL): MigrationFixture {
  return JSON.parse(readFileSync(url, 'utf8')) as MigrationFixture;
}

/** The fixture's rows as they should read after all migrations; dropped tables left out. */
function expectedTables(fixture: MigrationFixture, changedByMigrations: ChangedByMigrations, addedByMigrations: AddedByMigrations = {}): Record<string, unknown[]> {
  const stored = storedRows(fixture);
  const out: Record<string, unknown[]> = {};
  for (const [table, rows] of Object.entries(stored)) {
    const change = changedByMigrations[table];
    if (change !== null) out[table] = rows.map((row) => (change ? change(row as Record<string, unknown>) : row));
  }
  for (const [table, added] of Object.entries(addedByMigrations)) {
    const key = (row: unknown) => String((row as { id?: unknown }).id);
    out[table] = [...(out[table] ?? []), ...added(stored)].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
  return out;
}

/**
 * Declares the suite of one released version's fixture: every table of the fixture has rows;
 * upgraded, every record of every table is still there (Blobs compared by their bytes), changed
 * only as `changedByMigrations` says, and tables added later start empty; every index and primary
 * key the version declared answers, then the version's own `queries`. `ownTests` declares the
 * version's further tests inside the same describe, with the same clean-up.
 */
export function describeFixtureUpgrade(fixture: MigrationFixture, spec: FixtureUpgradeSpec, ownTests?: (upgraded: UpgradedFixture) => void): void {
  const version = fixture.schemaVersion;
  describe(`schema version ${version} fixture, upgraded to the current version`, () => {
    const names: string[] = [];
    afterEach(async () => {
      for (const name of names.splice(0)) await Dexie.delete(name);
    });
    const upgraded: UpgradedFixture = {
      fixture,
      async open() {
        const name = `migration-fixture-v${version}-${Math.random().toString(36).slice(2)}`;
        names.push(name);
        await materialize(fixture, name);
        const db = new WorkbenchDatabase(name);
        await db.open();
        return db;
      },
      async check(check) {
        const db = await upgraded.open();
        try {
          await check(db);
        } finally {
          db.close();
        }
      },
    };

    it(`has rows in every table version ${version} declared`, () => {
      expect(Object.keys(fixture.tables).sort()).toEqual(Object.keys(fixture.stores).sort());
      for (const [table, rows] of Object.entries(fixture.tables)) expect(rows.length, table).toBeGreaterThan(0);
    });

    it('keeps every record of every table', () => upgraded.check(async (db) => {
      expect(db.verno).toBeGreaterThanOrEqual(version);
      const current = await dumpTables(db);
      const expected = expectedTables(fixture, spec.changedByMigrations, spec.addedByMigrations);
      for (const table of Object.keys(fixture.tables)) {
        const rows = expected[table];
        if (rows === undefined) {
          expect(current[table], `${table} was dropped on purpose`).toBeUndefined();
          continue;
        }
        // comparable(): Blobs by their bytes, which toEqual alone does not look at.
        expect(await comparable(current[table]), `table ${table}`).toEqual(await comparable(rows));
      }
      // Tables added after this version start empty: no migration invents records.
      for (const table of Object.keys(current).filter((t) => !(t in fixture.tables))) {
        expect(current[table], `new table ${table}`).toEqual([]);
      }
    }));

    it(`answers queries through every index version ${version} declared`, () => upgraded.check(async (db) => {
      const withoutValues = new Set(spec.indexesWithoutValues ?? []);
      const answers = await askEveryIndex(db, fixture.stores, expectedTables(fixture, spec.changedByMigrations, spec.addedByMigrations));
      expect([...withoutValues].filter((label) => !answers.some((a) => `${a.table} ${a.index}` === label)), 'indexesWithoutValues naming no declared index').toEqual([]);
      for (const answer of answers) {
        const label = `${answer.table} ${answer.index}`;
        if (withoutValues.has(label)) {
          expect(answer.key, `${label}: listed as having no value in the fixture`).toBeNull();
          // orderBy walks the index itself: it throws if the upgrade lost the index.
          expect(await db.table(answer.table).orderBy(answer.index).count(), `${label}: entries`).toBe(0);
          continue;
        }
        expect(answer.key, `${label}: a row to ask for`).not.toBeNull();
        expect(answer.actual, `${label} = ${JSON.stringify(answer.key)}`).toBe(answer.expected);
      }
      await spec.queries(db);
    }));

    ownTests?.(upgraded);
  });
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * For versions 3 on: every documentFiles Blob of a document opens through the app's
 * getDocumentBlob with the size, type and SHA-256 its documents row recorded, and a document
 * imported without its file still has none. (documentFiles also holds the energy evidence files'
 * bytes since version 7: expectEnergyAttachmentsOpen checks those.)
 */
export async function expectDocumentFilesOpen(db: WorkbenchDatabase, fixture: MigrationFixture): Promise<void> {
  const evidenceIds = new Set(await db.energyAttachments.toCollection().primaryKeys());
  const files = (await db.documentFiles.toArray()).filter((file) => !evidenceIds.has(file.id));
  const fixtureEvidence = new Set((fixture.tables.energyAttachments ?? []).map((row) => (row as { id?: unknown }).id));
  expect(files).toHaveLength(fixture.tables.documentFiles?.filter((row) => !fixtureEvidence.has((row as { id?: unknown }).id)).length ?? -1);
  for (const file of files) {
    const document = await db.documents.get(file.id);
    const blob = await getDocumentBlob(db, file.id);
    expect(blob, file.id).not.toBeNull();
    const bytes = new Uint8Array(await (blob ?? new Blob()).arrayBuffer());
    expect(document?.hasFile, file.id).toBe(true);
    expect(bytes.length, file.id).toBe(document?.size);
    expect(blob?.type, file.id).toBe(document?.mimeType);
    expect(sha256Hex(bytes), file.id).toBe(document?.sha256);
  }
  const withoutFile = (await db.documents.toArray()).filter((d) => !d.hasFile);
  expect(withoutFile.length).toBeGreaterThan(0);
  for (const document of withoutFile) expect(await getDocumentBlob(db, document.id), document.id).toBeNull();
}

/**
 * For versions 4 on: every energy evidence file (metadata in energyAttachments, bytes in
 * documentFiles since version 7) opens through the app's getEnergyAttachment with the size, type
 * and SHA-256 its row recorded.
 */
export async function expectEnergyAttachmentsOpen(db: WorkbenchDatabase, fixture: MigrationFixture): Promise<void> {
  const attachments = await db.energyAttachments.toArray();
  expect(attachments).toHaveLength(fixture.tables.energyAttachments?.length ?? -1);
  for (const attachment of attachments) {
    const blob = (await getEnergyAttachment(db, attachment.id))?.blob ?? new Blob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(bytes.length, attachment.id).toBe(attachment.size);
    expect(blob.type, attachment.id).toBe(attachment.mimeType);
    expect(sha256Hex(bytes), attachment.id).toBe(attachment.sha256);
  }
}
