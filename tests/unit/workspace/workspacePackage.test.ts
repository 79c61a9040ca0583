import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  buildWorkspacePackage, documentEntryName, MAX_PACKAGE_UNCOMPRESSED_BYTES, readWorkspacePackage, writeWorkspacePackage, type PackageProgress,
} from '../../../shared/workspace/workspacePackage';
import type { CompanyDocument, WorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { chunksOf, documentOf, seededBytes, sha256Hex, workspaceWith } from './packageKit';

/*
 * The package as the app writes it (streamed, writeWorkspacePackage) and reads it, beside the
 * in-memory builder the command line's tests use: the same files come back, a document exported
 * with hasFile false needs no entry, and an export that would be incomplete or too large is refused.
 */

const SCAN = seededBytes(300_000, 7);
const PHOTO = seededBytes(1_234, 11);

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

async function stream(workspace: WorkspaceFile, files: ReadonlyMap<string, Uint8Array>, chunkSize = 64 * 1024) {
  const chunks: Uint8Array[] = [];
  const progress: PackageProgress[] = [];
  const written = await writeWorkspacePackage(
    workspace,
    (document) => {
      const bytes = files.get(document.id);
      return bytes ? chunksOf(bytes, chunkSize) : null;
    },
    (chunk) => chunks.push(chunk),
    (p) => progress.push(p),
  );
  return { written, zip: concat(chunks), chunkCount: chunks.length, progress };
}

describe('writeWorkspacePackage (the app export, streamed)', () => {
  const documents = [documentOf('d-scan', SCAN), documentOf('d-photo', PHOTO, { fileName: '身份证.JPG', mimeType: 'image/jpeg' })];
  const workspace = workspaceWith(documents);
  const files = new Map([['d-scan', SCAN], ['d-photo', PHOTO]]);

  it('writes a zip the reader takes back file for file, in many chunks, with progress up to the whole', async () => {
    const { written, zip, chunkCount, progress } = await stream(workspace, files);
    if (!written.ok) throw new Error(written.error.message);
    expect(written.value.fileCount).toBe(2);
    expect(chunkCount).toBeGreaterThan(3);
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(['files/d-photo.jpg', 'files/d-scan.pdf', 'workspace.json']);
    const read = await readWorkspacePackage(zip, { sha256Hex });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.problems).toEqual([]);
    expect(read.value.files.get('d-scan')).toEqual(SCAN);
    expect(read.value.files.get('d-photo')).toEqual(PHOTO);
    expect(read.value.workspace).toEqual(workspace);
    const last = progress.at(-1);
    expect(last?.doneBytes).toBe(last?.totalBytes);
    expect(last?.totalBytes).toBe(written.value.totalBytes);
    expect(progress.map((p) => p.doneBytes)).toEqual([...progress.map((p) => p.doneBytes)].sort((a, b) => a - b));
  });

  it('holds the same entries as the in-memory builder', async () => {
    const built = buildWorkspacePackage(workspace, files);
    if (!built.ok) throw new Error(built.error.message);
    const { zip } = await stream(workspace, files);
    const a = unzipSync(built.value);
    const b = unzipSync(zip);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const name of Object.keys(a)) expect(b[name], name).toEqual(a[name]);
  });

  it.each([
    ['missing', new Map([['d-scan', SCAN]]), 'package.fileMissing', '材料 d-photo'],
    ['one byte short', new Map([['d-scan', SCAN.subarray(1)], ['d-photo', PHOTO]]), 'package.sizeMismatch', '材料 d-scan'],
    ['one byte long', new Map([['d-scan', SCAN], ['d-photo', concat([PHOTO, Uint8Array.of(1)])]]), 'package.sizeMismatch', '材料 d-photo'],
  ])('refuses to export when a file is %s, naming the document', async (_label, given, code, name) => {
    for (const build of [() => stream(workspace, given).then((s) => s.written), () => Promise.resolve(buildWorkspacePackage(workspace, given))]) {
      const result = await build();
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.message).toContain(name);
      }
    }
  });

  it('refuses a package the reader would refuse (over 2 GB) before reading a single file', async () => {
    const huge = [documentOf('d-big-1', PHOTO, { size: MAX_PACKAGE_UNCOMPRESSED_BYTES / 2 }), documentOf('d-big-2', PHOTO, { size: MAX_PACKAGE_UNCOMPRESSED_BYTES / 2 })];
    let reads = 0;
    const result = await writeWorkspacePackage(workspaceWith(huge), () => {
      reads++;
      return null;
    }, () => undefined);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('package.tooLarge');
      expect(result.error.message).toMatch(/超过 2 GB/);
    }
    expect(reads).toBe(0);
  });
});

describe('documents exported without a file (hasFile false)', () => {
  const withFile = documentOf('d-scan', SCAN, { hasFile: true });
  const metadataOnly = documentOf('d-old', PHOTO, { hasFile: false });
  const unmarked: CompanyDocument = documentOf('d-unmarked', PHOTO);

  it('get no entry, and the reader expects none', async () => {
    const workspace = workspaceWith([withFile, metadataOnly]);
    const { written, zip } = await stream(workspace, new Map([['d-scan', SCAN]]));
    if (!written.ok) throw new Error(written.error.message);
    expect(written.value.fileCount).toBe(1);
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(['files/d-scan.pdf', 'workspace.json']);
    const read = await readWorkspacePackage(zip, { sha256Hex });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.problems).toEqual([]);
    expect([...read.value.files.keys()]).toEqual(['d-scan']);
    expect(read.value.workspace.companies[0]?.documents.map((d) => [d.id, d.hasFile])).toEqual([['d-scan', true], ['d-old', false]]);
  });

  it('are not taken from a stray entry either: only listed files with a file come in', async () => {
    const workspace = workspaceWith([metadataOnly]);
    const zip = zipSync({ 'workspace.json': strToU8(JSON.stringify(workspace)), [documentEntryName(metadataOnly)]: PHOTO });
    const read = await readWorkspacePackage(zip, { sha256Hex });
    expect(read.ok && read.value.files.size).toBe(0);
    expect(read.ok && read.value.problems).toEqual([]);
  });

  it('while a listed document without the mark (a package written before it) still needs its entry', async () => {
    const workspace = workspaceWith([withFile, unmarked]);
    const zip = zipSync({ 'workspace.json': strToU8(JSON.stringify(workspace)), [documentEntryName(withFile)]: SCAN });
    const read = await readWorkspacePackage(zip, { sha256Hex });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.problems).toHaveLength(1);
    expect(read.value.problems[0]).toContain('包中没有其文件（files/d-unmarked.pdf）');
  });
});

describe('readWorkspacePackage progress and lying sizes', () => {
  it('reports progress over every expected file, problem or not', async () => {
    const documents = [documentOf('d-1', SCAN), documentOf('d-2', PHOTO), documentOf('d-3', PHOTO)];
    const tampered = PHOTO.slice();
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    const zip = zipSync({ 'workspace.json': strToU8(JSON.stringify(workspaceWith(documents))), 'files/d-1.pdf': SCAN, 'files/d-2.pdf': tampered });
    const progress: PackageProgress[] = [];
    const read = await readWorkspacePackage(zip, { sha256Hex, onProgress: (p) => progress.push(p) });
    if (!read.ok) throw new Error(read.error.message);
    expect([...read.value.files.keys()]).toEqual(['d-1']);
    expect(read.value.problems).toHaveLength(2);
    expect(progress.map((p) => p.doneBytes)).toEqual([SCAN.length, SCAN.length + PHOTO.length, SCAN.length + 2 * PHOTO.length]);
    expect(progress.every((p) => p.totalBytes === SCAN.length + 2 * PHOTO.length)).toBe(true);
  });
});
