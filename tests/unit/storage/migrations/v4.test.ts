import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { getDocumentBlob } from '../../../../renderer/storage/documentRepository';
import { WorkbenchDatabase } from '../../../../renderer/storage/db';
import { askEveryIndex, comparable, dumpTables, materialize, storedRows, type MigrationFixture } from './migrationFixture';

/**
 * A database left by the released schema version 4 (the energy ledger), opened by the current
 * app: every record of every table is still there, unchanged except for what a later migration
 * is meant to change (listed in `changedByMigrations` below), and every index answers queries. Its
 * documentFiles and energyAttachments rows hold Blobs (encoded in the fixture with the backup
 * codec), checked by bytes.
 */

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/v4.json', import.meta.url), 'utf8')) as MigrationFixture;

/**
 * What later versions do to version-4 rows, per table: a function giving the row expected after
 * all migrations. Add an entry when a migration rewrites or moves version-4 data; a table
 * dropped on purpose maps to null. Nothing listed: the rows must come through untouched.
 */
const changedByMigrations: Readonly<Record<string, ((row: Record<string, unknown>) => Record<string, unknown>) | null>> = {};

/** The fixture's rows as they should read after all migrations; dropped tables left out. */
function expectedTables(): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [table, rows] of Object.entries(storedRows(fixture))) {
    const change = changedByMigrations[table];
    if (change !== null) out[table] = rows.map((row) => (change ? change(row as Record<string, unknown>) : row));
  }
  return out;
}

let name = '';
afterEach(async () => {
  await Dexie.delete(name);
});

async function openUpgraded(): Promise<WorkbenchDatabase> {
  name = `migration-fixture-v4-${Math.random().toString(36).slice(2)}`;
  await materialize(fixture, name);
  const db = new WorkbenchDatabase(name);
  await db.open();
  return db;
}

describe('schema version 4 fixture, upgraded to the current version', () => {
  it('has rows in every table version 4 declared', () => {
    expect(Object.keys(fixture.tables).sort()).toEqual(Object.keys(fixture.stores).sort());
    for (const [table, rows] of Object.entries(fixture.tables)) expect(rows.length, table).toBeGreaterThan(0);
  });

  it('keeps every record of every table', async () => {
    const db = await openUpgraded();
    try {
      expect(db.verno).toBeGreaterThanOrEqual(fixture.schemaVersion);
      const current = await dumpTables(db);
      const expected = expectedTables();
      for (const table of Object.keys(fixture.tables)) {
        const rows = expected[table];
        if (rows === undefined) {
          expect(current[table], `${table} was dropped on purpose`).toBeUndefined();
          continue;
        }
        // comparable(): Blobs by their bytes, which toEqual alone does not look at.
        expect(await comparable(current[table]), `table ${table}`).toEqual(await comparable(rows));
      }
      // Tables added after version 4 start empty: no migration invents records.
      for (const table of Object.keys(current).filter((t) => !(t in fixture.tables))) {
        expect(current[table], `new table ${table}`).toEqual([]);
      }
    } finally {
      db.close();
    }
  });

  it('answers queries through every index version 4 declared', async () => {
    const db = await openUpgraded();
    try {
      const answers = await askEveryIndex(db, fixture.stores, expectedTables());
      for (const answer of answers) {
        expect(answer.key, `${answer.table} ${answer.index}: a row to ask for`).not.toBeNull();
        expect(answer.actual, `${answer.table} ${answer.index} = ${JSON.stringify(answer.key)}`).toBe(answer.expected);
      }
      expect(await db.energyReadings.where('[companyId+month]').equals(['sample-data-centre', '2026-09']).count()).toBe(4);
      expect(await db.energyReadings.where('siteId').equals('sample-data-centre-site-yizhuang').count()).toBe(5);
      expect((await db.energySubmissions.where('[companyId+month]').equals(['sample-data-centre', '2026-09']).first())?.submittedOn).toBe('2026-10-09');
      expect((await db.energyTrainings.where('personId').equals('sample-data-centre-person-wu').first())?.hours).toBe(16);
      expect((await db.energySettings.get('sample-data-centre'))?.submissionDay?.dayOfMonth).toBe(10);
      expect(await db.energyAttachments.where('companyId').equals('sample-data-centre').count()).toBe(4);
      expect(await db.documents.where('[companyId+kind]').equals(['sample-pharmacy', '营业执照']).count()).toBe(1);
    } finally {
      db.close();
    }
  });

  it('keeps the files: each stored Blob opens with the bytes its record hashed', async () => {
    const db = await openUpgraded();
    try {
      const files = await db.documentFiles.toArray();
      expect(files).toHaveLength(fixture.tables.documentFiles?.length ?? -1);
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
      // A document imported without its file still has none.
      const withoutFile = (await db.documents.toArray()).filter((d) => !d.hasFile);
      expect(withoutFile.length).toBeGreaterThan(0);
      for (const document of withoutFile) expect(await getDocumentBlob(db, document.id), document.id).toBeNull();
      const attachments = await db.energyAttachments.toArray();
      expect(attachments).toHaveLength(fixture.tables.energyAttachments?.length ?? -1);
      for (const attachment of attachments) {
        const bytes = new Uint8Array(await attachment.blob.arrayBuffer());
        expect(bytes.length, attachment.id).toBe(attachment.size);
        expect(attachment.blob.type, attachment.id).toBe(attachment.mimeType);
        expect(sha256Hex(bytes), attachment.id).toBe(attachment.sha256);
      }
    } finally {
      db.close();
    }
  });
});
