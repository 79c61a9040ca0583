import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkAttachment, DEFAULT_ATTACHMENT_LIMITS } from '../../../shared/pdf/fileSniff';
import { loadPdf } from '../../../shared/pdf/pdfLoad';
import { encodeUtf8, expectPrototypesIntact, expectRefused } from './hostileKit';
import { packetWithAttachment } from './importers';
import { TINY_JPEG, TINY_PNG } from './fixtures';

/*
 * PDF and image files beyond what the generic suite generates: files over the size limit, images
 * claiming more pixels than allowed, and PDFs whose object structure is hostile (nesting that
 * overflows a recursive parser, a page tree that points at itself).
 */

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  // Loads the font subsetter once, so the timings below measure the refusals only.
  const warm = await packetWithAttachment('照片.jpg', TINY_JPEG);
  if (!warm.ok) throw new Error(warm.error.message);
});

afterAll(() => {
  vi.restoreAllMocks();
  expectPrototypesIntact();
});

/** A one-page PDF whose objects are given as text; the xref table is computed. */
function pdfOf(objects: readonly string[], rootRef = '1 0 R'): Uint8Array {
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root ${rootRef} >>\nstartxref\n${xref}\n%%EOF\n`;
  return encodeUtf8(body);
}

const CATALOG = '<< /Type /Catalog /Pages 2 0 R >>';

describe('attachments over the limits', () => {
  it('refuses a file over 200 MB before looking inside it', async () => {
    const huge = new Uint8Array(DEFAULT_ATTACHMENT_LIMITS.maxBytes + 1);
    huge.set(encodeUtf8('%PDF-1.7\n'));
    expect(expectRefused(checkAttachment('扫描件.pdf', huge)).code).toBe('file.tooLarge');
    expect(expectRefused(await packetWithAttachment('扫描件.pdf', huge)).code).toBe('file.tooLarge');
  });

  it('refuses a PNG claiming more pixels than allowed, before decoding it', async () => {
    const png = TINY_PNG.slice();
    const view = new DataView(png.buffer);
    view.setUint32(16, 100_000);
    view.setUint32(20, 100_000);
    expect(expectRefused(await packetWithAttachment('身份证.png', png)).code).toBe('file.imageTooLarge');
  });

  it('refuses a JPEG without a frame header (no size) and one cut before its end marker', async () => {
    expectRefused(await packetWithAttachment('照片.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xd9])));
    expectRefused(await packetWithAttachment('照片.jpg', TINY_JPEG.subarray(0, TINY_JPEG.length - 2)));
  });
});

describe('PDFs with hostile structure', () => {
  it.each([
    ['an array nested 10,000 deep in the page', [CATALOG, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /X ${'['.repeat(10_000)}${']'.repeat(10_000)} >>`]],
    ['a dictionary nested 10,000 deep', [CATALOG, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /X ${'<< /A '.repeat(10_000)}1${' >>'.repeat(10_000)} >>`]],
    ['a page tree whose Kids point back at itself', [CATALOG, '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']],
    ['a page tree of two nodes pointing at each other', [CATALOG, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>']],
    ['a catalog without pages', ['<< /Type /Catalog >>']],
    ['a root that is not a dictionary', ['[1 2 3]']],
    ['a __proto__ name key', [CATALOG, '<< /Type /Pages /Kids [3 0 R] /Count 1 /__proto__ << /isPolluted true >> >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /constructor 1 >>']],
  ])('handles %s without crashing or hanging', async (_label, objects) => {
    const bytes = pdfOf(objects);
    const loaded = await loadPdf('材料.pdf', bytes);
    if (!loaded.ok) expectRefused(loaded);
    const packet = await packetWithAttachment('材料.pdf', bytes);
    if (!packet.ok) expectRefused(packet);
    expectPrototypesIntact();
  });

  it('refuses a file that only claims to be a PDF', async () => {
    expectRefused(await loadPdf('材料.pdf', encodeUtf8('%PDF-1.7\n这不是 PDF 内容\n%%EOF\n')));
  });
});
