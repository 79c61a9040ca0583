import 'fake-indexeddb/auto';
import Dexie, { type Table } from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultEnergySettings } from '../../../shared/energy/ledger';
import { toCompanyRecords } from '../../../shared/workspace/workspaceFile';
import { decodeWorkspaceBytes } from '../../../renderer/features/workspace/workspaceCodec';
import { importCompanyRecordsWithEnergy } from '../../../renderer/storage/energyRepository';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import {
  byteFlipsArbitrary, cutPoints, deepArrayJson, encodeUtf8, expectChineseError, expectPrototypesIntact, flipBytes, hostileBytesArbitrary,
  HOSTILE_KEYS, objectPaths, withHostileKey, withRawJsonAt,
} from './hostileKit';
import { sampleWorkspace, sampleWorkspaceText } from './fixtures';

/*
 * The workspace import as the page runs it: decode and validate the picked bytes
 * (decodeWorkspaceBytes), and only if that succeeds write everything in one transaction
 * (importCompanyRecordsWithEnergy). With a store that already holds data, no hostile file may
 * change a single row, and a write that fails half-way must leave every table as it was.
 */

const SAMPLE_TEXT = sampleWorkspaceText();
const SAMPLE_BYTES = encodeUtf8(SAMPLE_TEXT);
const SAMPLE = JSON.parse(SAMPLE_TEXT) as unknown;

let db: WorkbenchDatabase;

beforeEach(async () => {
  db = new WorkbenchDatabase(`hostile-${Math.random().toString(36).slice(2)}`);
  await db.open();
  // Data the user already has: the sample workspace with its ids renamed, plus a setting.
  const existing = toCompanyRecords(sampleWorkspace()).map((record) => renameIds(record, 'kept-'));
  await importCompanyRecordsWithEnergy(db, existing, 'merge');
  await db.settings.put({ key: 'reminderLeadDays', value: 30 });
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
  expectPrototypesIntact();
});

function renameIds<T>(value: T, prefix: string): T {
  return JSON.parse(JSON.stringify(value).replace(/"(id|companyId|storeId|practiceStoreId|subjectId|personId|siteId)":"([^"]+)"/g, `"$1":"${prefix}$2"`)) as T;
}

/** Every row of every table, in key order: equal fingerprints mean nothing was written. */
async function fingerprint(): Promise<string> {
  const tables = [...db.tables].sort((a, b) => a.name.localeCompare(b.name));
  const contents = await db.transaction('r', tables, () => Promise.all(tables.map((table) => (table as Table<unknown>).toArray())));
  return tables.map((table, i) => `${table.name}:${JSON.stringify(contents[i])}`).join('\n');
}

/** What the page does with a picked file; returns the refusal, or null when it imported. */
async function importPickedFile(bytes: Uint8Array): Promise<{ code: string; message: string } | null> {
  const decoded = decodeWorkspaceBytes(bytes);
  if (!decoded.ok) return decoded.error;
  await importCompanyRecordsWithEnergy(db, toCompanyRecords(decoded.value), 'merge');
  return null;
}

/** Refused with a Chinese message, and the store still matches `before` (nothing written). */
async function expectRefusedWithoutWrites(bytes: Uint8Array, label: string, before: string): Promise<void> {
  const refusal = await importPickedFile(bytes);
  if (refusal === null) throw new Error(`${label}: imported instead of being refused`);
  expectChineseError(refusal);
  expect(await fingerprint(), label).toBe(before);
}

describe('workspace import into a store that already holds data', () => {
  it('holds the existing data to start with (baseline)', async () => {
    expect(await db.companies.count()).toBeGreaterThan(0);
    expect(await db.people.count()).toBeGreaterThan(0);
  });

  it('changes nothing for 300 random files', async () => {
    const before = await fingerprint();
    await fc.assert(
      fc.asyncProperty(hostileBytesArbitrary(1024), async (bytes) => {
        await expectRefusedWithoutWrites(bytes, 'random bytes', before);
      }),
      { numRuns: 300 },
    );
  });

  it('changes nothing for the sample file cut short anywhere', async () => {
    const before = await fingerprint();
    const cuts = cutPoints(SAMPLE_BYTES.length, 200).filter((cut) => SAMPLE_TEXT.slice(cut).trim() !== '');
    for (const cut of cuts) await expectRefusedWithoutWrites(SAMPLE_BYTES.slice(0, cut), `cut at ${cut}`, before);
  });

  it('changes nothing for 10,000-deep nesting or prototype keys that make the file invalid', async () => {
    const before = await fingerprint();
    await expectRefusedWithoutWrites(encodeUtf8(deepArrayJson(10_000)), 'deep arrays', before);
    await expectRefusedWithoutWrites(encodeUtf8(withRawJsonAt(SAMPLE, ['companies', 0, 'people'], deepArrayJson(10_000))), 'deep people', before);
    for (const key of HOSTILE_KEYS) {
      for (const path of objectPaths(SAMPLE)) {
        // A hostile key on a valid record may be dropped and the file imported; corrupt the id so it is refused.
        const text = withHostileKey(SAMPLE, path, key).replace(/"formatVersion":\s*1/, '"formatVersion":"1"');
        await expectRefusedWithoutWrites(encodeUtf8(text), `${key} at ${path.join('.')}`, before);
      }
    }
  });

  it('either imports or changes nothing for 200 byte-flipped copies of the sample', async () => {
    await fc.assert(
      fc.asyncProperty(byteFlipsArbitrary(SAMPLE_BYTES.length, 4), async (flips) => {
        const before = await fingerprint();
        const refusal = await importPickedFile(flipBytes(SAMPLE_BYTES, flips));
        if (refusal !== null) {
          expectChineseError(refusal);
          expect(await fingerprint()).toBe(before);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('a write that fails half-way', () => {
  const tables = ['companies', 'people', 'licences', 'stores', 'events', 'energySettings'] as const;

  /** Makes every write to `table` fail (as a full disk would), counting the attempts. */
  function failWritesTo(table: string, message: string): { attempts: number } {
    const counter = { attempts: 0 };
    const fail = () => {
      counter.attempts++;
      throw new Error(message);
    };
    db.table(table).hook('creating', fail);
    db.table(table).hook('updating', fail);
    return counter;
  }

  it.each(tables.map((t) => [t]))('leaves every table as it was when writing %s fails', async (table) => {
    const before = await fingerprint();
    // Non-default energy settings, so the import writes that table too (defaults are not stored).
    const incoming = toCompanyRecords(sampleWorkspace()).map((record) => ({
      ...renameIds(record, 'new-'), energySettings: { ...defaultEnergySettings(), electricityBasis: '等价值' as const },
    }));
    const failing = failWritesTo(table, 'QuotaExceededError: 磁盘空间不足');
    await expect(importCompanyRecordsWithEnergy(db, incoming, 'replace')).rejects.toThrow('磁盘空间不足');
    // The sample really reached the failing table, or this would pass without a failure.
    expect(failing.attempts).toBeGreaterThan(0);
    expect(await fingerprint()).toBe(before);
  });

  it('leaves a replaced company intact when its replacement fails to write', async () => {
    const before = await fingerprint();
    const replacement = toCompanyRecords(sampleWorkspace()).map((record) => renameIds(record, 'kept-'));
    const failing = failWritesTo('licences', '写入失败');
    await expect(importCompanyRecordsWithEnergy(db, replacement, 'replace')).rejects.toThrow('写入失败');
    expect(failing.attempts).toBeGreaterThan(0);
    expect(await fingerprint()).toBe(before);
  });
});
