import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildWorkspaceFile, parseWorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { buildWorkspacePackage, documentEntryName, readWorkspacePackage } from '../../../shared/workspace/workspacePackage';
import { fixtureDocument, makeSourcePdf, pharmacyRecord } from './pdfTestKit';

const sha256Hex = (bytes: Uint8Array): Promise<string> => Promise.resolve(createHash('sha256').update(bytes).digest('hex'));

async function sample() {
  const pdf = await makeSourcePdf('licence', 1);
  const photo = strToU8('not really a jpeg, the package does not care');
  const documents = [
    fixtureDocument('d1', '营业执照', '营业执照（副本）', '营业执照.PDF', pdf, { sha256: await sha256Hex(pdf) }),
    fixtureDocument('d2', '身份证复印件', '法定代表人身份证', '身份证', photo, { mimeType: 'image/jpeg' }),
  ];
  const workspace = buildWorkspaceFile([pharmacyRecord()], '2026-11-26T08:00:00.000Z', 'test', documents.map((d) => d.meta));
  return { workspace, documents, files: new Map(documents.map((d) => [d.meta.id, d.bytes])) };
}

describe('workspace package', () => {
  it('zips workspace.json with files/<id>.<ext> and reads it back, files verified', async () => {
    const { workspace, files } = await sample();
    const built = buildWorkspacePackage(workspace, files);
    if (!built.ok) throw new Error(built.error.message);
    expect(Object.keys(unzipSync(built.value)).sort()).toEqual(['files/d1.pdf', 'files/d2.jpg', 'workspace.json']);
    const read = await readWorkspacePackage(built.value, { sha256Hex });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.problems).toEqual([]);
    expect(read.value.workspace.companies[0]?.documents.map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(read.value.files.get('d1')).toEqual(files.get('d1'));
    expect(read.value.files.get('d2')).toEqual(files.get('d2'));
  });

  it('names entries after the document id, taking the extension from the file name or MIME type', () => {
    expect(documentEntryName({ id: 'x', fileName: 'a.JPEG', mimeType: '' })).toBe('files/x.jpeg');
    expect(documentEntryName({ id: 'x', fileName: '扫描件', mimeType: 'application/pdf' })).toBe('files/x.pdf');
    expect(documentEntryName({ id: 'x', fileName: '扫描件', mimeType: '' })).toBe('files/x.bin');
  });

  it('refuses to export a document without its file, or with the wrong size', async () => {
    const { workspace, files } = await sample();
    const missing = buildWorkspacePackage(workspace, new Map([...files].filter(([id]) => id !== 'd2')));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toContain('法定代表人身份证');
    const wrong = buildWorkspacePackage(workspace, new Map([...files, ['d2', strToU8('short')]]));
    expect(wrong.ok).toBe(false);
  });

  it('reports a missing, resized or altered file and keeps the rest', async () => {
    const { workspace, files } = await sample();
    const altered = new Uint8Array(files.get('d1') ?? []);
    altered[100] = (altered[100] ?? 0) ^ 0xff;
    const zip = zipSync({ 'workspace.json': strToU8(JSON.stringify(workspace)), 'files/d1.pdf': altered });
    const read = await readWorkspacePackage(zip, { sha256Hex });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.files.size).toBe(0);
    expect(read.value.problems).toHaveLength(2);
    expect(read.value.problems[0]).toContain('校验值（SHA-256）与记录不符');
    expect(read.value.problems[1]).toContain('包中没有其文件（files/d2.jpg）');
  });

  it('accepts a plain workspace.json (no files) and old files without documents', async () => {
    const { workspace } = await sample();
    const read = await readWorkspacePackage(strToU8(JSON.stringify(workspace)));
    expect(read.ok && read.value.files.size).toBe(0);
    const old = JSON.parse(JSON.stringify(workspace)) as { companies: Array<Record<string, unknown>> };
    for (const company of old.companies) delete company.documents;
    const parsed = parseWorkspaceFile(JSON.stringify(old));
    expect(parsed.ok && parsed.value.companies[0]?.documents).toEqual([]);
  });

  it('gives Chinese errors for a corrupt zip, a zip without workspace.json, and duplicate document ids', async () => {
    const corrupt = await readWorkspacePackage(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 1, 2, 3));
    expect(corrupt.ok).toBe(false);
    if (!corrupt.ok) expect(corrupt.error.message).toContain('工作区包无法解压');
    const empty = await readWorkspacePackage(zipSync({ 'readme.txt': strToU8('hi') }));
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.message).toContain('缺少 workspace.json');
    const { workspace } = await sample();
    const duplicate = JSON.parse(JSON.stringify(workspace)) as { companies: Array<{ documents: Array<{ id: string }> }> };
    const docs = duplicate.companies[0]?.documents ?? [];
    if (docs[1]) docs[1].id = 'd1';
    const parsed = parseWorkspaceFile(JSON.stringify(duplicate));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toContain('材料编号 d1 与其他材料重复');
  });
});
