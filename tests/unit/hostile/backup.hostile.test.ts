import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readBackupArchive } from '../../../shared/backup/backupArchive';
import { toHex } from '../../../shared/crypto/cryptoPort';
import {
  deepArrayJson, deepObjectJson, expectChineseError, expectPrototypesIntact, expectRefused, HOSTILE_KEYS, objectPaths, withHostileKey,
  withRawJsonAt, WRONG_TYPED_JSON,
} from './hostileKit';
import { crypto, sampleBackup } from './fixtures';

/*
 * Backups are zips whose index names the entries and their SHA-256. A crafted archive can carry
 * valid checksums over hostile content, so these tests rebuild archives with correct checksums
 * around hostile manifests, indexes, entry names and table contents.
 */

type Entries = Record<string, Uint8Array>;
let plainEntries: Entries;
let encryptedEntries: Entries;

beforeAll(async () => {
  plainEntries = unzipSync(await sampleBackup());
  encryptedEntries = unzipSync(await sampleBackup('正确的密码'));
});

afterEach(() => {
  expectPrototypesIntact();
});

const sha = async (bytes: Uint8Array) => toHex(await crypto.sha256(bytes));
const json = (entries: Entries, name: string): unknown => JSON.parse(strFromU8(entries[name] ?? new Uint8Array())) as unknown;
const rezip = (entries: Entries): Uint8Array => zipSync(entries, { level: 0 });

interface IndexJson {
  tables: { name: string; entry: string; count: number; sha256: string }[];
  files: { id: string; entry: string; size: number; sha256: string }[];
}

/** The plain sample with one table's content replaced, its checksum and count fixed up to match. */
async function withTableContent(text: string, count = 1): Promise<Uint8Array> {
  const entries = { ...plainEntries };
  const index = structuredClone(json(entries, 'index.json')) as IndexJson;
  const table = index.tables[0];
  if (table === undefined) throw new Error('sample has no table');
  const bytes = strToU8(text);
  entries[table.entry] = bytes;
  table.sha256 = await sha(bytes);
  table.count = count;
  entries['index.json'] = strToU8(JSON.stringify(index));
  return rezip(entries);
}

async function read(bytes: Uint8Array, passphrase?: string) {
  return readBackupArchive(bytes, { passphrase }, crypto);
}

describe('backup archive: crafted content with valid checksums', () => {
  it('restores the untouched sample (baseline)', async () => {
    expect((await read(rezip(plainEntries))).ok).toBe(true);
  });

  it.each([
    ['a table that is not JSON', '[{"id":"c-1",'],
    ['a table 10,000 arrays deep', deepArrayJson(10_000)],
    ['a table of 10,000 nested objects', `[${deepObjectJson(10_000)}]`],
    ['a table that is an object, not a list', '{"0":{"id":"x"}}'],
    ['a table with more rows than the index says', '[{},{}]'],
  ])('refuses %s with a Chinese error', async (_label, text) => {
    expectRefused(await read(await withTableContent(text)));
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '../../etc/passwd', 'tables/../../x'])(
    'refuses an index entry named %s instead of reading whatever that name finds',
    async (entryName) => {
      const entries = { ...plainEntries };
      const index = structuredClone(json(entries, 'index.json')) as IndexJson;
      const table = index.tables[0];
      if (table === undefined) throw new Error('sample has no table');
      table.entry = entryName;
      entries['index.json'] = strToU8(JSON.stringify(index));
      expectRefused(await read(rezip(entries)));
    },
  );

  it.each(['__proto__', 'constructor', 'prototype'])('keeps a table named %s as data, not as a prototype', async (name) => {
    const entries = { ...plainEntries };
    const index = structuredClone(json(entries, 'index.json')) as IndexJson;
    const table = index.tables[0];
    if (table === undefined) throw new Error('sample has no table');
    table.name = name;
    entries['index.json'] = strToU8(JSON.stringify(index));
    const result = await read(rezip(entries));
    if (!result.ok) throw new Error(result.error.message);
    expect(Object.hasOwn(result.value.snapshot.tables, name)).toBe(true);
    expect(Array.isArray(result.value.snapshot.tables[name])).toBe(true);
  });

  it('passes rows with __proto__ keys through as own data without polluting anything', async () => {
    const result = await read(await withTableContent('[{"id":"x","__proto__":{"isPolluted":true},"constructor":{"prototype":{"isPolluted":true}}}]'));
    if (!result.ok) throw new Error(result.error.message);
    const rows = Object.values(result.value.snapshot.tables)[0] ?? [];
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
  });
});

describe('backup archive: hostile manifest and index', () => {
  it.each(HOSTILE_KEYS.map((k) => [k]))('%s at every level of the manifest and the index', async (key) => {
    for (const name of ['manifest.json', 'index.json']) {
      const value = json(plainEntries, name);
      for (const path of objectPaths(value)) {
        const result = await read(rezip({ ...plainEntries, [name]: strToU8(withHostileKey(value, path, key)) }));
        if (!result.ok) expectChineseError(result.error);
        expectPrototypesIntact();
      }
    }
  });

  it('refuses 300 manifests and indexes with a random field of the wrong type or nested 10,000 deep', async () => {
    const targets = (['manifest.json', 'index.json'] as const).flatMap((name) => {
      const value = json(plainEntries, name) as Record<string, unknown>;
      return Object.keys(value).map((key) => [name, key] as const);
    });
    const jsonType = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.constantFrom(...WRONG_TYPED_JSON, deepArrayJson(10_000), deepObjectJson(10_000)), async ([name, key], wrong) => {
        const value = json(plainEntries, name);
        const original = (value as Record<string, unknown>)[key];
        // A value of the same JSON type may be valid (appVersion ""); nesting never is.
        if (wrong.length < 100 && jsonType(JSON.parse(wrong)) === jsonType(original)) return;
        expectRefused(await read(rezip({ ...plainEntries, [name]: strToU8(withRawJsonAt(value, [key], wrong)) })), `${name}.${key} = ${wrong.slice(0, 20)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an encrypted manifest asking for a billion key-derivation rounds, without running them', async () => {
    const manifest = structuredClone(json(encryptedEntries, 'manifest.json')) as { encryption: { iterations: number } };
    manifest.encryption.iterations = 1_000_000_000;
    // A billion PBKDF2 rounds would take many minutes, past the test's timeout; how fast the
    // refusal is belongs to the figures script (hostileFigures.ts), not to this test.
    expect(expectRefused(await read(rezip({ ...encryptedEntries, 'manifest.json': strToU8(JSON.stringify(manifest)) }), '正确的密码')).message).toMatch(/迭代次数 1000000000/);
  });

  it.each([
    ['a salt that is not hex', { saltHex: 'zz-not-hex' }],
    ['a salt of odd length', { saltHex: 'abc' }],
    ['a key check that is not hex', { keyCheckHex: '这不是十六进制' }],
    ['a key check too short to hold a tag', { keyCheckHex: 'abcd' }],
  ])('refuses an encrypted manifest with %s', async (_label, change) => {
    const manifest = structuredClone(json(encryptedEntries, 'manifest.json')) as { encryption: Record<string, unknown> };
    Object.assign(manifest.encryption, change);
    expectRefused(await read(rezip({ ...encryptedEntries, 'manifest.json': strToU8(JSON.stringify(manifest)) }), '正确的密码'));
  });

  it('refuses the encrypted sample with a wrong, empty or missing passphrase', async () => {
    const archive = rezip(encryptedEntries);
    expect(expectRefused(await read(archive, '错误的密码')).code).toBe('backup.wrongPassphrase');
    expect(expectRefused(await read(archive, '')).code).toBe('backup.needsPassphrase');
    expect(expectRefused(await read(archive)).code).toBe('backup.needsPassphrase');
  });
});
