import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBackupArchive } from '../../../shared/backup/backupArchive';
import { decodeSnapshot } from '../../../shared/backup/snapshotDecode';
import { checkStoredTables } from '../../../shared/workspace/storedTables';
import { decodeWorkspaceBytes } from '../../../shared/workspace/workspaceFile';
import { readWorkspacePackage } from '../../../shared/workspace/workspacePackage';
import { crypto, sampleBackup, samplePack, samplePackage, sampleWorkspaceText } from './fixtures';
import { expectRefused } from './hostileKit';
import { importPolicyPack } from './importers';

/*
 * Issue 13, point 5: refuse rather than repair, in every importer alike. Invalid UTF-8 (which a
 * lenient decoder turns into U+FFFD), NUL, lone UTF-16 surrogates, and ids that read as paths are
 * refused by the workspace file, the workspace package, a backup's records and a policy pack.
 */

const INVALID_UTF8 = Uint8Array.of(0xc3, 0x28);
const sha256Hex = (bytes: Uint8Array) => Promise.resolve(createHash('sha256').update(bytes).digest('hex'));

/** `text` with the first occurrence of `needle` replaced by raw bytes that are not UTF-8. */
function withInvalidUtf8(text: string, needle: string): Uint8Array {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = strToU8(text.slice(0, at));
  const after = strToU8(text.slice(at + needle.length));
  const out = new Uint8Array(before.length + INVALID_UTF8.length + after.length);
  out.set(before);
  out.set(INVALID_UTF8, before.length);
  out.set(after, before.length + INVALID_UTF8.length);
  return out;
}

/** The sample workspace with its first company's name replaced (JSON-escaped, so NUL and surrogates survive). */
function workspaceWithName(name: string): string {
  const json = JSON.parse(sampleWorkspaceText()) as { companies: { company: { name: string } }[] };
  const first = json.companies[0];
  if (first === undefined) throw new Error('sample has no company');
  first.company.name = name;
  return JSON.stringify(json);
}

function workspaceWithPersonId(id: string): string {
  const json = JSON.parse(sampleWorkspaceText()) as { companies: { people: { id: string }[] }[] };
  const person = json.companies[0]?.people[0];
  if (person === undefined) throw new Error('sample has no person');
  person.id = id;
  return JSON.stringify(json);
}

const HOSTILE_NAMES: readonly [string, string][] = [['NUL', '北京\u0000药房'], ['a lone high surrogate', '北京\uD800药房'], ['a lone low surrogate', '北京\uDC00药房']];
const PATH_IDS = ['../../../evil', '..\\..\\evil', 'C:\\Windows\\evil', 'CON', 'LPT¹', 'files/../x'];

/** A package holding `workspaceJson` as its workspace.json (raw bytes, so invalid UTF-8 stays invalid). */
function packageWith(workspaceJson: Uint8Array): Uint8Array {
  const entries = unzipSync(samplePackage());
  return zipSync({ ...entries, 'workspace.json': workspaceJson });
}

/** An unencrypted sample backup with the companies table replaced by `bytes`, checksums recomputed as a forger would. */
async function backupWithCompanies(bytes: Uint8Array, count: number): Promise<Uint8Array> {
  const entries = unzipSync(await sampleBackup());
  const index = JSON.parse(strFromU8(entries['index.json'] ?? new Uint8Array())) as { tables: { name: string; entry: string; count: number; sha256: string }[] };
  const table = index.tables.find((t) => t.name === 'companies');
  if (table === undefined) throw new Error('sample backup has no companies table');
  table.sha256 = await sha256Hex(bytes);
  table.count = count;
  return zipSync({ ...entries, [table.entry]: bytes, 'index.json': strToU8(JSON.stringify(index)) });
}

async function companiesTableText(): Promise<string> {
  const entries = unzipSync(await sampleBackup());
  const index = JSON.parse(strFromU8(entries['index.json'] ?? new Uint8Array())) as { tables: { name: string; entry: string }[] };
  const entry = index.tables.find((t) => t.name === 'companies')?.entry ?? '';
  return strFromU8(entries[entry] ?? new Uint8Array());
}

/** A backup as the restore takes it: verified archive, decoded rows, every record checked. */
async function restoreCheck(bytes: Uint8Array) {
  const read = await readBackupArchive(bytes, {}, crypto);
  if (!read.ok) return read;
  const decoded = decodeSnapshot(read.value.snapshot, { blob: (b) => new Blob([new Uint8Array(b)]), file: (b, name) => new File([new Uint8Array(b)], name) });
  return checkStoredTables(Object.fromEntries(Object.entries(decoded.tables).map(([name, t]) => [name, t.rows])));
}

describe('invalid UTF-8 is refused, not replaced', () => {
  it('in a workspace file', () => {
    expect(expectRefused(decodeWorkspaceBytes(withInvalidUtf8(sampleWorkspaceText(), '"name"'))).code).toBe('workspace.notUtf8');
  });

  it('in the workspace.json of a workspace package', async () => {
    const read = await readWorkspacePackage(packageWith(withInvalidUtf8(sampleWorkspaceText(), '"name"')), { sha256Hex });
    expect(expectRefused(read).message).toMatch(/workspace\.json.*UTF-8/);
  });

  it('in a table of a backup whose checksums were recomputed', async () => {
    const text = await companiesTableText();
    const count = (JSON.parse(text) as unknown[]).length;
    const read = await restoreCheck(await backupWithCompanies(withInvalidUtf8(text, '"name"'), count));
    expect(expectRefused(read).message).toMatch(/UTF-8/);
  });

  it('in a policy pack', () => {
    const pack = JSON.stringify(samplePack());
    expect(expectRefused(importPolicyPack(withInvalidUtf8(pack, '"title"'))).message).toMatch(/UTF-8/);
  });

  it('while the same text, valid, is accepted by each (baseline)', async () => {
    expect(decodeWorkspaceBytes(strToU8(sampleWorkspaceText())).ok).toBe(true);
    expect((await readWorkspacePackage(samplePackage(), { sha256Hex })).ok).toBe(true);
    expect((await restoreCheck(await sampleBackup())).ok).toBe(true);
    expect(importPolicyPack(strToU8(JSON.stringify(samplePack()))).ok).toBe(true);
  });
});

describe.each(HOSTILE_NAMES)('a name with %s is refused', (_label, name) => {
  it('in a workspace file', () => {
    expect(expectRefused(decodeWorkspaceBytes(strToU8(workspaceWithName(name)))).message).toMatch(/空字符|代理项/);
  });

  it('in a workspace package', async () => {
    expect(expectRefused(await readWorkspacePackage(packageWith(strToU8(workspaceWithName(name))), { sha256Hex })).message).toMatch(/空字符|代理项/);
  });

  it('in a backup record', async () => {
    const rows = JSON.parse(await companiesTableText()) as { name: string }[];
    const first = rows[0];
    if (first === undefined) throw new Error('no company row');
    first.name = name;
    const read = await restoreCheck(await backupWithCompanies(strToU8(JSON.stringify(rows)), rows.length));
    expect(expectRefused(read).message).toMatch(/企业信息.*(空字符|代理项)/);
  });

  it('in a policy pack', () => {
    const pack = samplePack() as unknown as { documents: { items: { title?: string; summary?: string }[] }[] };
    const item = pack.documents[0]?.items[0];
    if (item === undefined) throw new Error('sample pack has no item');
    item.summary = name;
    expect(expectRefused(importPolicyPack(strToU8(JSON.stringify(pack)))).message).toMatch(/空字符|代理项/);
  });
});

describe.each(PATH_IDS)('an id that reads as a path (%s) is refused', (id) => {
  it('in a workspace file and a workspace package', async () => {
    expectRefused(decodeWorkspaceBytes(strToU8(workspaceWithPersonId(id))));
    expectRefused(await readWorkspacePackage(packageWith(strToU8(workspaceWithPersonId(id))), { sha256Hex }));
  });

  it('in a backup record', async () => {
    const rows = JSON.parse(await companiesTableText()) as { id: string }[];
    const first = rows[0];
    if (first === undefined) throw new Error('no company row');
    first.id = id;
    expect(expectRefused(await restoreCheck(await backupWithCompanies(strToU8(JSON.stringify(rows)), rows.length))).message).toMatch(/企业信息/);
  });
});
