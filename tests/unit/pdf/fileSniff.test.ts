import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAttachment, extensionOf, jpegExifOrientation, sniffKind } from '../../../shared/pdf/fileSniff';
import { loadPdf } from '../../../shared/pdf/pdfLoad';
import { encryptPdf, makeJpeg, makePng, makeSourcePdf, tempDir, removeTempDirs } from './pdfTestKit';

const dir = tempDir();
afterAll(removeTempDirs);
let pdf: Uint8Array;
let png: Uint8Array;
let jpeg: Uint8Array;

beforeAll(async () => {
  pdf = await makeSourcePdf('sample', 2);
  png = await makePng(64, 48);
  jpeg = await makeJpeg(dir, 'sample');
});

describe('sniffKind', () => {
  it.each([
    ['pdf', () => pdf],
    ['png', () => png],
    ['jpeg', () => jpeg],
    ['zip', () => zipSync({ 'word/document.xml': strToU8('<w/>') })],
    ['ofd', () => zipSync({ 'OFD.xml': strToU8('<ofd/>') })],
    ['ole', () => Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0)],
    ['heic', () => Uint8Array.of(0, 0, 0, 0x18, ...strToU8('ftypheic'), 0, 0, 0, 0)],
    ['gif', () => strToU8('GIF89a......')],
    ['text', () => strToU8('只是一段文字\n')],
    ['unknown', () => Uint8Array.of(0, 1, 2, 3, 0, 0, 0, 0)],
  ] as const)('%s', (kind, bytes) => {
    expect(sniffKind(bytes())).toBe(kind);
  });

  it('reads extensions case-insensitively, ignoring folders', () => {
    expect(extensionOf('C:\\扫描件\\营业执照.JPG')).toBe('jpg');
    expect(extensionOf('.hidden')).toBe('');
    expect(extensionOf('无扩展名')).toBe('');
  });
});

describe('checkAttachment: each bad input gets a Chinese error naming the file', () => {
  it.each([
    ['空文件.pdf', () => new Uint8Array(), 'file.empty', '文件“空文件.pdf”是空文件（0 字节）'],
    ['营业执照.jpg', () => png, 'file.extensionMismatch', '扩展名是 .jpg，但内容是PNG 图片'],
    ['身份证.pdf', () => jpeg, 'file.extensionMismatch', '扩展名是 .pdf，但内容是JPEG 图片'],
    ['合同.pdf', () => zipSync({ 'word/document.xml': strToU8('<w/>') }), 'file.extensionMismatch', '扩展名是 .pdf，但内容是ZIP 压缩包或 Office 文档'],
    ['合同.docx', () => zipSync({ 'word/document.xml': strToU8('<w/>') }), 'file.unsupported', '只能合并 PDF、JPEG 和 PNG'],
    ['照片.heic', () => Uint8Array.of(0, 0, 0, 0x18, ...strToU8('ftypheic'), 0, 0, 0, 0), 'file.unsupported', 'HEIC 图片'],
    ['乱码.pdf', () => Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7), 'file.unrecognised', '不是有效的PDF 文档'],
    ['截断.pdf', () => pdf.slice(0, Math.floor(pdf.length / 2)), 'file.truncated', '文件“截断.pdf”不完整'],
    ['截断.png', () => png.slice(0, png.length - 20), 'file.truncated', '文件“截断.png”不完整'],
    ['截断.jpg', () => jpeg.slice(0, Math.floor(jpeg.length / 2)), 'file.truncated', '文件“截断.jpg”不完整'],
    ['资料.txt', () => strToU8('hello'), 'file.unsupported', '文本文件'],
  ] as const)('%s', (name, bytes, code, message) => {
    const checked = checkAttachment(name, bytes());
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error.code).toBe(code);
    expect(checked.error.message).toContain(message);
    expect(checked.error.message).toContain(`“${name}”`);
  });

  it('refuses an enormous file and an enormous PNG before reading it', () => {
    const big = checkAttachment('扫描件.pdf', pdf, { maxBytes: 1000, maxPngPixels: 1e9 });
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.error.code).toBe('file.tooLarge');
    const wide = checkAttachment('长图.png', png, { maxBytes: 1e9, maxPngPixels: 1000 });
    expect(wide.ok).toBe(false);
    if (!wide.ok) expect(wide.error.message).toContain('64×48 像素');
  });

  it('accepts good files and reads image sizes', () => {
    expect(checkAttachment('a.pdf', pdf)).toEqual({ ok: true, value: { kind: 'pdf' } });
    expect(checkAttachment('a.png', png)).toEqual({ ok: true, value: { kind: 'png', width: 64, height: 48 } });
    const checkedJpeg = checkAttachment('a.jpeg', jpeg);
    expect(checkedJpeg.ok && checkedJpeg.value.kind).toBe('jpeg');
    expect(checkAttachment('无扩展名', pdf).ok).toBe(true);
  });
});

describe('loadPdf', () => {
  it('refuses an encrypted PDF, naming it', async () => {
    const loaded = await loadPdf('劳动合同.pdf', encryptPdf(dir, pdf));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.error.message).toContain('文件“劳动合同.pdf”已加密');
  });

  it('refuses a PDF whose body is garbage', async () => {
    const garbage = new Uint8Array([...strToU8('%PDF-1.7\n'), ...new Uint8Array(200).fill(0x41), ...strToU8('\n%%EOF\n')]);
    const loaded = await loadPdf('损坏.pdf', garbage);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.error.message).toContain('“损坏.pdf”');
  });
});

describe('jpegExifOrientation', () => {
  it('reads the orientation tag of phone photos, 1 without one', async () => {
    expect(jpegExifOrientation(jpeg)).toBe(1);
    expect(jpegExifOrientation(await makeJpeg(dir, 'turned', { orientation: 6 }))).toBe(6);
    expect(jpegExifOrientation(await makeJpeg(dir, 'turned8', { orientation: 8 }))).toBe(8);
  });
});
