import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { getDocumentBlob, listPacketHistory, recordPacket } from '../../../../renderer/storage/documentRepository';
import { WorkbenchDatabase } from '../../../../renderer/storage/db';
import { askEveryIndex, comparable, dumpTables, materialize, storedRows, type MigrationFixture } from './migrationFixture';

/**
 * A database left by the released schema version 3 (the document vault), opened by the current
 * app: every record of every table is still there, unchanged except for what a later migration
 * is meant to change (listed in `changedByMigrations` below), and every index answers queries. Its
 * documentFiles rows hold Blobs (encoded in the fixture with the backup codec), checked by bytes.
 */

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/v3.json', import.meta.url), 'utf8')) as MigrationFixture;

/**
 * What later versions do to version-3 rows, per table: a function giving the row expected after
 * all migrations. Add an entry when a migration rewrites or moves version-3 data; a table
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
  name = `migration-fixture-v3-${Math.random().toString(36).slice(2)}`;
  await materialize(fixture, name);
  const db = new WorkbenchDatabase(name);
  await db.open();
  return db;
}

describe('schema version 3 fixture, upgraded to the current version', () => {
  it('has rows in every table version 3 declared', () => {
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
      // Tables added after version 3 start empty: no migration invents records.
      for (const table of Object.keys(current).filter((t) => !(t in fixture.tables))) {
        expect(current[table], `new table ${table}`).toEqual([]);
      }
    } finally {
      db.close();
    }
  });

  it('answers queries through every index version 3 declared', async () => {
    const db = await openUpgraded();
    try {
      const answers = await askEveryIndex(db, fixture.stores, expectedTables());
      for (const answer of answers) {
        expect(answer.key, `${answer.table} ${answer.index}: a row to ask for`).not.toBeNull();
        expect(answer.actual, `${answer.table} ${answer.index} = ${JSON.stringify(answer.key)}`).toBe(answer.expected);
      }
      expect(await db.documents.where('[companyId+kind]').equals(['sample-pharmacy', '药品经营许可证']).count()).toBe(1);
      expect(await db.documents.where('validTo').below('2032-01-01').count()).toBe(2);
      expect(await db.documentFiles.where('companyId').equals('sample-car-rental').count()).toBe(1);
      const checklist = await db.checklistStates.where('companyId').equals('sample-pharmacy').first();
      expect(checklist?.materials['licences-and-ids']?.documentIds).toHaveLength(3);
      expect(await db.formMappings.count()).toBe(1);
      expect((await listPacketHistory(db, 'sample-pharmacy')).map((p) => p.seq)).toEqual([2, 1]);
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
    } finally {
      db.close();
    }
  });

  it('numbers the next packet after the stored ones', async () => {
    const db = await openUpgraded();
    try {
      await recordPacket(db, {
        companyId: 'sample-pharmacy', itemId: 'pharmacy-designation/designation-application', itemTitle: '申请医疗保障定点', builtAt: '2026-11-27T02:00:00.000Z',
        fileName: '材料包（3）.pdf', pageCount: 5, size: 52_000, parts: [], skipped: [], missingMaterials: [],
      });
      expect((await listPacketHistory(db, 'sample-pharmacy')).map((p) => p.seq)).toEqual([3, 2, 1]);
    } finally {
      db.close();
    }
  });
});
