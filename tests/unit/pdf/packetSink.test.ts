import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPacket, type PacketMaterial, type PacketResult } from '../../../shared/pdf/packet';
import { makeJpeg, makePng, makeSourcePdf, pdfinfoPages, pdftotext, removeTempDirs, tempDir, testSubsetter, TODAY, writeTemp } from './pdfTestKit';

/*
 * A packet written to a sink while it is built (large packets) must be the same document as the
 * one saved in memory: same pages, same text on each, same rendering, a valid file.
 */

const dir = tempDir();
afterAll(removeTempDirs);
const cover = { companyName: '北京康宁大药房连锁有限公司', applicationTitle: '定点零售药店医疗保障定点申请', date: TODAY, uscc: '91110105MA01ABCD2X', authority: '北京市朝阳区医疗保障局' };

async function materials(): Promise<PacketMaterial[]> {
  return [
    {
      id: 'licences', title: '药品经营许可证和身份证复印件', parts: [
        { title: '药品经营许可证', fileName: '药品经营许可证.pdf', source: await makeSourcePdf('drug licence', 3) },
        { title: '营业执照（副本）', fileName: '营业执照.jpg', source: await makeJpeg(dir, 'licence', { landscape: true }) },
        { title: '法定代表人身份证', fileName: '身份证.jpg', source: async () => makeJpeg(dir, 'id', { orientation: 6 }), watermark: '仅供定点申请使用' },
      ],
    },
    {
      id: 'pharmacist', title: '执业药师资格证书及劳动合同', parts: [
        { title: '执业药师资格证书', fileName: '资格证书.png', source: await makePng(900, 640) },
        { title: '劳动合同（横向页面）', fileName: '劳动合同.pdf', source: await makeSourcePdf('contract', 2, { rotate: 90 }), watermark: '仅供定点申请使用' },
      ],
    },
    { id: 'missing', title: '医保管理人员劳动合同', parts: [] },
  ];
}

/** Each page's text and its rendering at 20 dpi. */
function pages(file: string, name: string): { texts: string[]; renders: Buffer[] } {
  const count = pdfinfoPages(file);
  const texts = Array.from({ length: count }, (_, i) => pdftotext(file, ['-f', String(i + 1), '-l', String(i + 1)]));
  const prefix = path.join(dir, `render-${name}`);
  execFileSync('pdftoppm', ['-r', '20', '-gray', file, prefix]);
  const renders = readdirSync(dir).filter((f) => f.startsWith(`render-${name}-`)).sort().map((f) => readFileSync(path.join(dir, f)));
  return { texts, renders };
}

describe('buildPacket with a sink', () => {
  let inMemory: PacketResult;
  let streamed: PacketResult;
  let chunks: Uint8Array[] = [];
  let memoryFile = '';
  let streamedFile = '';

  beforeAll(async () => {
    const subsetter = await testSubsetter();
    const a = await buildPacket({ cover, materials: await materials(), subsetter });
    chunks = [];
    const b = await buildPacket({ cover, materials: await materials(), subsetter, sink: { write: (chunk) => { chunks.push(chunk.slice()); } } });
    if (!a.ok || !b.ok) throw new Error('packet failed');
    inMemory = a.value;
    streamed = b.value;
    memoryFile = writeTemp(dir, 'in-memory.pdf', inMemory.bytes);
    streamedFile = writeTemp(dir, 'streamed.pdf', Buffer.concat(chunks));
    // Two packets built on a shared, loaded machine: a generous hook timeout, not a speed check.
  }, 180_000);

  it('returns no bytes but reports the size it wrote', () => {
    expect(streamed.bytes.byteLength).toBe(0);
    expect(streamed.byteLength).toBe(chunks.reduce((n, c) => n + c.byteLength, 0));
    expect(inMemory.byteLength).toBe(inMemory.bytes.byteLength);
    // Several writes: the files' streams went out while the packet was being built.
    expect(chunks.length).toBeGreaterThan(5);
  });

  it('writes a file qpdf finds no error in', () => {
    // qpdf exits 0 only when the cross-reference table and every stream are sound (2: errors, 3: warnings).
    expect(() => execFileSync('qpdf', ['--check', streamedFile], { stdio: 'pipe' })).not.toThrow();
  });

  it('is the same packet as the one saved in memory: pages, contents, text and rendering', { timeout: 120_000 }, () => {
    expect(streamed.pageCount).toBe(inMemory.pageCount);
    expect(streamed.materials).toEqual(inMemory.materials);
    const a = pages(memoryFile, 'a');
    const b = pages(streamedFile, 'b');
    expect(b.texts).toEqual(a.texts);
    expect(b.renders.length).toBe(inMemory.pageCount);
    b.renders.forEach((render, i) => expect(render.equals(a.renders[i] ?? Buffer.alloc(0)), `page ${i + 1}`).toBe(true));
  });
});
