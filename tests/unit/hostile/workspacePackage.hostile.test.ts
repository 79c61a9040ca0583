import { unsafeIdReason } from '../../../shared/validation/recordSafety';
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyDocumentSchema, type CompanyDocument, type WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { buildWorkspacePackage, documentEntryName, readWorkspacePackage } from '../../../shared/workspace/workspacePackage';
import { decodeWorkspaceImport } from '../../../renderer/features/workspace/workspaceCodec';
import { importWorkspace } from '../../../renderer/storage/workspaceRepository';
import { WorkbenchDatabase } from '../../../renderer/storage/workbenchDatabase';
import { byteFlipsArbitrary, cutPoints, expectChineseError, expectOkOrChineseError, expectPrototypesIntact, expectRefused, flipBytes, withRawJsonAt, WRONG_TYPED_JSON, allPaths } from './hostileKit';
import { sampleWorkspace, TINY_JPEG, TINY_PNG } from './fixtures';

/*
 * The workspace package as the page imports it (decodeWorkspaceImport, then importWorkspace),
 * beyond the generic suite's random bytes, cuts and flips (allImporters): tampered file entries,
 * entries that lie about their size, hostile document ids as entry names, duplicate entries, and
 * a workspace.json broken anywhere. A file that is not exactly the one its record describes must
 * never come in; a refusal is Chinese and writes nothing.
 */

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sha256Hex = (bytes: Uint8Array) => Promise.resolve(hex(bytes));

function documentOf(companyId: string, id: string, bytes: Uint8Array, fileName: string, mimeType: string): CompanyDocument {
  return companyDocumentSchema.parse({ id, companyId, kind: '营业执照', title: id, fileName, mimeType, size: bytes.byteLength, sha256: hex(bytes) });
}

const BASE = sampleWorkspace();
const COMPANY_ID = BASE.companies[0]?.company.id ?? '';
const FILES: ReadonlyMap<string, Uint8Array> = new Map([['doc-jpeg', TINY_JPEG], ['doc-png', TINY_PNG]]);
const DOCUMENTS = [documentOf(COMPANY_ID, 'doc-jpeg', TINY_JPEG, '营业执照.jpg', 'image/jpeg'), documentOf(COMPANY_ID, 'doc-png', TINY_PNG, '身份证.png', 'image/png')];

function withDocuments(documents: readonly CompanyDocument[]): WorkspaceFile {
  const [first, ...rest] = BASE.companies;
  if (!first) throw new Error('the sample has no company');
  return { ...BASE, companies: [{ ...first, documents: [...documents] }, ...rest] };
}

const WORKSPACE = withDocuments(DOCUMENTS);
const WORKSPACE_JSON = JSON.stringify(WORKSPACE);

function packageOf(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(entries, { level: 0 });
}

function validPackage(): Uint8Array {
  const built = buildWorkspacePackage(WORKSPACE, FILES);
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

/** Whatever the reader hands back as a file is byte for byte the file its record describes. */
function expectOnlyIntactFiles(workspace: WorkspaceFile, files: ReadonlyMap<string, Uint8Array | Blob>, hashes: ReadonlyMap<string, string>): void {
  const documents = new Map(workspace.companies.flatMap((r) => r.documents.map((d) => [d.id, d] as const)));
  for (const [id, file] of files) {
    const document = documents.get(id);
    expect(document, `file ${id} without a document`).toBeDefined();
    // The format allows a record without a hash (sha256 '', "not known"); the reader then checks
    // the size alone (checkEntry in shared/workspace/workspacePackage.ts). With a hash, it must match.
    if (document?.sha256 === '') expect(file instanceof Blob ? file.size : file.byteLength, `file ${id}`).toBe(document.size);
    else expect(hashes.get(id), `file ${id}`).toBe(document?.sha256);
  }
}

async function hashesOf(files: ReadonlyMap<string, Blob>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [id, blob] of files) out.set(id, hex(new Uint8Array(await blob.arrayBuffer())));
  return out;
}

afterAll(() => {
  expectPrototypesIntact();
});

describe('workspace package: tampered and lying file entries', () => {
  it('never hands back a file changed in place (300 random same-size tamperings), and keeps the untouched one', async () => {
    const ids = [...FILES.keys()];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: ids.length - 1 }), byteFlipsArbitrary(TINY_PNG.length, 6), async (which, flips) => {
        const id = ids[which] ?? '';
        const entries: Record<string, Uint8Array> = { 'workspace.json': strToU8(WORKSPACE_JSON) };
        for (const document of DOCUMENTS) {
          const bytes = FILES.get(document.id) ?? new Uint8Array();
          entries[documentEntryName(document)] = document.id === id ? flipBytes(bytes, flips) : bytes;
        }
        const read = await readWorkspacePackage(packageOf(entries), { sha256Hex });
        if (!read.ok) throw new Error(read.error.message);
        expect(read.value.files.has(id)).toBe(false);
        expect(read.value.problems).toHaveLength(1);
        expect(read.value.problems[0]).toContain('SHA-256');
        const other = ids.find((i) => i !== id) ?? '';
        expect(read.value.files.get(other)).toEqual(FILES.get(other));
      }),
      { numRuns: 300 },
    );
  });

  it('reports a file cut short or grown anywhere (300 random lengths) instead of taking it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: TINY_JPEG.length * 2 }).filter((n) => n !== TINY_JPEG.length), async (length) => {
        const resized = new Uint8Array(length);
        resized.set(TINY_JPEG.subarray(0, Math.min(length, TINY_JPEG.length)));
        const read = await readWorkspacePackage(packageOf({
          'workspace.json': strToU8(WORKSPACE_JSON), 'files/doc-jpeg.jpg': resized, 'files/doc-png.png': TINY_PNG,
        }), { sha256Hex });
        if (!read.ok) throw new Error(read.error.message);
        expect([...read.value.files.keys()]).toEqual(['doc-png']);
        expect(read.value.problems[0]).toMatch(/文件大小 \d+ 字节与记录的 \d+ 字节不符/);
      }),
      { numRuns: 300 },
    );
  });

  it('takes a duplicated entry name only when the copy it reads is the recorded file', async () => {
    const forged = TINY_JPEG.slice();
    forged[forged.length - 3] = (forged[forged.length - 3] ?? 0) ^ 0x55;
    // fflate's zipSync keys entries by name, so write the second copy by hand: two local files, one name.
    const first = packageOf({ 'workspace.json': strToU8(WORKSPACE_JSON), 'files/doc-jpeg.jpg': TINY_JPEG });
    const second = packageOf({ 'files/doc-jpeg.jpg': forged });
    const outcomes: string[] = [];
    for (const bytes of [concatZips(first, second), concatZips(second, first)]) {
      const read = await readWorkspacePackage(bytes, { sha256Hex });
      if (!read.ok) {
        expectChineseError(read.error);
        outcomes.push('refused');
        continue;
      }
      const file = read.value.files.get('doc-jpeg');
      if (file) expect(hex(file)).toBe(hex(TINY_JPEG));
      else expect(read.value.problems.join('\n')).toContain('SHA-256');
      outcomes.push(file ? 'recorded file' : 'forgery reported');
    }
    // The hand-made zips are read (not refused as corrupt), so both orders really test the choice.
    expect(outcomes.sort()).toEqual(['forgery reported', 'recorded file']);
  });

  it('bounds an entry that claims 10 bytes but inflates to 50 MB: cut to the claim, then refused by size', async () => {
    const bomb = zipSync({ 'workspace.json': [strToU8(WORKSPACE_JSON), { level: 6 }], 'files/doc-jpeg.jpg': [new Uint8Array(50 * 1024 * 1024), { level: 9 }] });
    patchSizes(bomb, 'files/doc-jpeg.jpg', 10);
    const read = await readWorkspacePackage(bomb, { sha256Hex });
    if (!read.ok) expectChineseError(read.error);
    else {
      expect(read.value.files.has('doc-jpeg')).toBe(false);
      expect(read.value.problems.join('\n')).toMatch(/文件大小 10 字节与记录的 \d+ 字节不符|没有其文件/);
    }
  });
});

describe('workspace package: hostile document ids as entry names', () => {
  const hostileId = fc.oneof(
    fc.constantFrom('../workspace', '..', '.', 'files/../x', '/etc/passwd', 'C:\\x', 'con', 'a/b/c', '%2e%2e', '\u0000', 'workspace.json', ' ', '名称'),
    fc.string({ minLength: 1, maxLength: 64 }),
  );

  it('300 random id pairs: an id that reads as a path is refused, every other document gets exactly its own file back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(hostileId, { minLength: 2, maxLength: 2 }), async ([a = 'a', b = 'b']) => {
        const documents = [documentOf(COMPANY_ID, a, TINY_JPEG, 'x.jpg', 'image/jpeg'), documentOf(COMPANY_ID, b, TINY_PNG, 'y.png', 'image/png')];
        const built = buildWorkspacePackage(withDocuments(documents), new Map([[a, TINY_JPEG], [b, TINY_PNG]]));
        if (!built.ok) throw new Error(built.error.message);
        const read = await readWorkspacePackage(built.value, { sha256Hex });
        // Refuse rather than repair: such an id is never stored (shared/validation/recordSafety.ts).
        if (unsafeIdReason(a) !== null || unsafeIdReason(b) !== null || a.length > 64 || b.length > 64) {
          expect(read.ok).toBe(false);
          if (!read.ok) {
            expectChineseError(read.error);
            expect(read.error.message).toMatch(/编号|材料|空字符|代理项/);
          }
          expectPrototypesIntact();
          return;
        }
        if (!read.ok) throw new Error(read.error.message);
        expect(read.value.problems).toEqual([]);
        expect(read.value.files.get(a)).toEqual(TINY_JPEG);
        expect(read.value.files.get(b)).toEqual(TINY_PNG);
        expectPrototypesIntact();
      }),
      { numRuns: 300 },
    );
  });
});

describe('workspace package: workspace.json broken anywhere', () => {
  const paths = allPaths(WORKSPACE);

  it('refuses or reads 300 random wrong-typed values, naming the package, never crashing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(paths.length - 1), fc.constantFrom(...WRONG_TYPED_JSON), async (i, wrong) => {
        const json = withRawJsonAt(WORKSPACE, paths[i] ?? [], wrong);
        const result = await decodeWorkspaceImport(packageOf({ 'workspace.json': strToU8(json), 'files/doc-jpeg.jpg': TINY_JPEG }), { sha256Hex });
        expectOkOrChineseError(result);
        if (!result.ok) expect(result.error.message).toMatch(/^工作区包/);
        else expectOnlyIntactFiles(result.value.workspace, result.value.files, await hashesOf(result.value.files));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a record whose hash was emptied (the counterexample of CI seed 1533032502), checking its file by size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(paths.length - 1), fc.constantFrom(...WRONG_TYPED_JSON), async (i, wrong) => {
        const json = withRawJsonAt(WORKSPACE, paths[i] ?? [], wrong);
        const result = await decodeWorkspaceImport(packageOf({ 'workspace.json': strToU8(json), 'files/doc-jpeg.jpg': TINY_JPEG }), { sha256Hex });
        expectOkOrChineseError(result);
        if (result.ok) expectOnlyIntactFiles(result.value.workspace, result.value.files, await hashesOf(result.value.files));
      }),
      { numRuns: 1, seed: 1533032502, path: '288', endOnFailure: true },
    );
  });
});

describe('workspace package import into a store that already holds data', () => {
  let db: WorkbenchDatabase;
  const sample = validPackage();

  beforeAll(async () => {
    db = new WorkbenchDatabase(`hostile-package-${Math.random().toString(36).slice(2)}`);
    await db.open();
  });

  afterAll(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  /** Every row, Blobs by hash. */
  async function fingerprint(): Promise<string> {
    const parts: string[] = [];
    for (const table of [...db.tables].sort((x, y) => x.name.localeCompare(y.name))) {
      const rows = await table.toArray();
      const shown = await Promise.all(rows.map(async (row: Record<string, unknown>) => (row.blob instanceof Blob ? { ...row, blob: hex(new Uint8Array(await row.blob.arrayBuffer())) } : row)));
      parts.push(`${table.name}:${JSON.stringify(shown)}`);
    }
    return parts.join('\n');
  }

  /** As the page: decode, and only if that succeeds import; the store then holds only intact files. */
  async function importPicked(bytes: Uint8Array, before: string): Promise<void> {
    const decoded = await decodeWorkspaceImport(bytes, { sha256Hex });
    if (!decoded.ok) {
      expectChineseError(decoded.error);
      expect(await fingerprint()).toBe(before);
      return;
    }
    await importWorkspace(db, decoded.value.workspace.companies, 'merge', decoded.value.files);
    const stored = await db.documentFiles.toArray();
    const hashes = new Map(await Promise.all(stored.map(async (row) => [row.id, hex(new Uint8Array(await row.blob.arrayBuffer()))] as const)));
    const documents = await db.documents.toArray();
    for (const document of documents) expect(document.hasFile).toBe(hashes.has(document.id));
    expectOnlyIntactFiles({ ...WORKSPACE, companies: [{ ...WORKSPACE.companies[0]!, documents }] }, new Map(stored.map((r) => [r.id, r.blob])), hashes);
  }

  it('starts from the sample package imported (baseline)', async () => {
    await importPicked(sample, await fingerprint());
    expect(await db.documentFiles.count()).toBe(2);
  });

  it('changes nothing for the package cut short anywhere (truncated downloads)', async () => {
    const before = await fingerprint();
    for (const cut of cutPoints(sample.length, 300)) {
      const result = await decodeWorkspaceImport(sample.slice(0, cut), { sha256Hex });
      expectRefused(result, `cut at ${cut} of ${sample.length}`);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('imports only intact files, or nothing, for 200 byte-flipped copies', async () => {
    await fc.assert(
      fc.asyncProperty(byteFlipsArbitrary(sample.length, 4), async (flips) => {
        await db.documentFiles.clear();
        await db.documents.clear();
        await importPicked(flipBytes(sample, flips), await fingerprint());
      }),
      { numRuns: 200 },
    );
  });
});

/** Two zips as one: the first's entries, then the second's, under one central directory. */
function concatZips(a: Uint8Array, b: Uint8Array): Uint8Array {
  const partsOf = (zip: Uint8Array) => {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const end = zip.length - 22;
    const count = view.getUint16(end + 10, true);
    const cdSize = view.getUint32(end + 12, true);
    const cdOffset = view.getUint32(end + 16, true);
    return { locals: zip.subarray(0, cdOffset), central: zip.slice(cdOffset, cdOffset + cdSize), count };
  };
  const pa = partsOf(a);
  const pb = partsOf(b);
  // Shift b's local header offsets by the length of a's local files.
  const central = pb.central;
  const view = new DataView(central.buffer, central.byteOffset, central.byteLength);
  for (let at = 0; at < central.length;) {
    view.setUint32(at + 42, view.getUint32(at + 42, true) + pa.locals.length, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  const locals = pa.locals.length + pb.locals.length;
  const out = new Uint8Array(locals + pa.central.length + central.length + 22);
  out.set(pa.locals, 0);
  out.set(pb.locals, pa.locals.length);
  out.set(pa.central, locals);
  out.set(central, locals + pa.central.length);
  const eocd = new DataView(out.buffer, locals + pa.central.length + central.length, 22);
  eocd.setUint32(0, 0x06054b50, true);
  eocd.setUint16(8, pa.count + pb.count, true);
  eocd.setUint16(10, pa.count + pb.count, true);
  eocd.setUint32(12, pa.central.length + central.length, true);
  eocd.setUint32(16, locals, true);
  return out;
}

/** Sets an entry's uncompressed size in its local header and the central directory. */
function patchSizes(zip: Uint8Array, name: string, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const nameAt = (at: number, length: number) => new TextDecoder().decode(zip.subarray(at, at + length));
  for (let i = 0; i + 30 < zip.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && nameAt(i + 30, view.getUint16(i + 26, true)) === name) view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50 && nameAt(i + 46, view.getUint16(i + 28, true)) === name) view.setUint32(i + 24, size, true);
  }
}
