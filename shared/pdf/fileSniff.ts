import { err, ok, type Result } from '../util/result';

/*
 * What a file really is, from its first bytes (magic numbers), compared with what its name says.
 * A packet merges PDF, JPEG and PNG; anything else, an empty, truncated or enormous file, or a file
 * whose content does not match its extension gets a Chinese error that names the file, before any
 * PDF work starts.
 */

export type SniffedKind =
  | 'pdf' | 'jpeg' | 'png' | 'gif' | 'bmp' | 'tiff' | 'webp' | 'heic' | 'ofd' | 'zip' | 'ole' | 'rar' | 'sevenZip' | 'text' | 'unknown';

export const SNIFFED_KIND_NAMES: Readonly<Record<SniffedKind, string>> = {
  pdf: 'PDF 文档',
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  gif: 'GIF 图片',
  bmp: 'BMP 图片',
  tiff: 'TIFF 图片',
  webp: 'WebP 图片',
  heic: 'HEIC 图片（苹果手机照片）',
  ofd: 'OFD 版式文档',
  zip: 'ZIP 压缩包或 Office 文档（docx、xlsx）',
  ole: '旧版 Office 文档（doc、xls）',
  rar: 'RAR 压缩包',
  sevenZip: '7z 压缩包',
  text: '文本文件',
  unknown: '无法识别的内容',
};

const EXTENSION_KINDS: Readonly<Record<string, SniffedKind>> = {
  pdf: 'pdf',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  png: 'png',
  gif: 'gif',
  bmp: 'bmp',
  tif: 'tiff',
  tiff: 'tiff',
  webp: 'webp',
  heic: 'heic',
  heif: 'heic',
  ofd: 'ofd',
  zip: 'zip',
  docx: 'zip',
  xlsx: 'zip',
  pptx: 'zip',
  doc: 'ole',
  xls: 'ole',
  ppt: 'ole',
  wps: 'ole',
  rar: 'rar',
  '7z': 'sevenZip',
  txt: 'text',
  csv: 'text',
};

/** The attachment kinds a packet can merge. */
type AttachmentKind = 'pdf' | 'jpeg' | 'png';

/** The lower-case extension without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < Math.min(end, bytes.length); i++) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
}

/** Finds `needle` (ASCII) in bytes[start, end). */
function indexOfAscii(bytes: Uint8Array, needle: string, start = 0, end = bytes.length): number {
  const first = needle.charCodeAt(0);
  const last = Math.min(end, bytes.length) - needle.length;
  outer: for (let i = Math.max(0, start); i <= last; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

export function sniffKind(bytes: Uint8Array): SniffedKind {
  // The PDF header may follow up to 1 KB of junk (PDF 32000-1, annex H.3 note 1 practice).
  if (indexOfAscii(bytes, '%PDF-', 0, 1024) !== -1) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 2) === 'BM') return 'bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp' && /^(heic|heix|hevc|heif|mif1|msf1)$/.test(ascii(bytes, 8, 12))) return 'heic';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // OFD (GB/T 33190) is a zip whose first entry is OFD.xml.
    return indexOfAscii(bytes, 'OFD.xml', 30, 400) !== -1 ? 'ofd' : 'zip';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (ascii(bytes, 0, 4) === 'Rar!') return 'rar';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'sevenZip';
  if (looksLikeText(bytes)) return 'text';
  return 'unknown';
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  if (sample.length === 0) return false;
  for (const b of sample) if (b < 0x09 || (b > 0x0d && b < 0x20)) return false;
  return true;
}

export interface AttachmentLimits {
  /** Largest file accepted, in bytes. */
  readonly maxBytes: number;
  /** Largest PNG accepted, in pixels (decoded PNGs take 4 bytes a pixel). */
  readonly maxPngPixels: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxPngPixels: 40_000_000,
};

export interface CheckedAttachment {
  readonly kind: AttachmentKind;
  /** Pixel size, for images. */
  readonly width?: number | undefined;
  readonly height?: number | undefined;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}

/**
 * Checks a file a packet is to merge. The error message names the file and says what to do; the
 * code is stable for the UI: file.empty, file.tooLarge, file.extensionMismatch, file.unsupported,
 * file.unrecognised, file.truncated, file.imageTooLarge.
 */
export function checkAttachment(fileName: string, bytes: Uint8Array, limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS): Result<CheckedAttachment> {
  const name = `“${fileName}”`;
  if (bytes.byteLength === 0) return err('file.empty', `文件${name}是空文件（0 字节），无法加入。请重新选择原文件。`);
  if (bytes.byteLength > limits.maxBytes) {
    return err('file.tooLarge', `文件${name}过大（${megabytes(bytes.byteLength)} MB，上限 ${megabytes(limits.maxBytes)} MB）。请压缩或拆分后再添加。`);
  }
  const kind = sniffKind(bytes);
  const extension = extensionOf(fileName);
  const claimed = EXTENSION_KINDS[extension];
  if (kind !== 'pdf' && kind !== 'jpeg' && kind !== 'png') {
    if (claimed !== undefined && kind !== 'unknown' && claimed !== kind && (claimed === 'pdf' || claimed === 'jpeg' || claimed === 'png')) {
      return err('file.extensionMismatch', `文件${name}的扩展名是 .${extension}，但内容是${SNIFFED_KIND_NAMES[kind]}，与扩展名不符。请确认选对了文件；如是其他格式，请先转换为 PDF。`);
    }
    if (kind === 'unknown') {
      const expected = claimed ? SNIFFED_KIND_NAMES[claimed] : 'PDF 或图片';
      return err('file.unrecognised', `文件${name}的内容无法识别，不是有效的${expected}，可能已损坏。请重新导出或扫描后再添加。`);
    }
    return err('file.unsupported', `文件${name}是${SNIFFED_KIND_NAMES[kind]}，申报材料包只能合并 PDF、JPEG 和 PNG 文件。请先转换为 PDF 后再添加。`);
  }
  if (claimed !== undefined && claimed !== kind) {
    return err(
      'file.extensionMismatch',
      `文件${name}的扩展名是 .${extension}，但内容是${SNIFFED_KIND_NAMES[kind]}，与扩展名不符。请确认选对了文件，并把扩展名改为 .${kind === 'jpeg' ? 'jpg' : kind}。`,
    );
  }
  if (claimed === undefined && extension !== '') {
    return err('file.extensionMismatch', `文件${name}的扩展名 .${extension} 不是 PDF 或图片的扩展名，但内容是${SNIFFED_KIND_NAMES[kind]}。请确认选对了文件，并改正扩展名。`);
  }
  switch (kind) {
    case 'pdf':
      // Every complete PDF ends with %%EOF (give trailing junk some room).
      if (indexOfAscii(bytes, '%%EOF', Math.max(0, bytes.length - 4096)) === -1) {
        return err('file.truncated', `文件${name}不完整（缺少 PDF 文件结尾），可能在下载或复制时中断。请重新获取原文件。`);
      }
      return ok({ kind });
    case 'png':
      return checkPng(name, bytes, limits);
    case 'jpeg':
      return checkJpeg(name, bytes);
  }
}

function checkPng(name: string, bytes: Uint8Array, limits: AttachmentLimits): Result<CheckedAttachment> {
  if (bytes.length < 33 || ascii(bytes, 12, 16) !== 'IHDR') return err('file.truncated', `文件${name}不是完整的 PNG 图片（缺少图像头），可能已损坏。`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  // The IEND chunk type is followed by its 4-byte CRC: a file cut inside the CRC is truncated too.
  const iend = indexOfAscii(bytes, 'IEND', Math.max(0, bytes.length - 64));
  if (iend === -1 || iend + 8 > bytes.length) {
    return err('file.truncated', `文件${name}不完整（PNG 图片缺少结尾），可能在下载或复制时中断。请重新获取原文件。`);
  }
  if (width === 0 || height === 0) return err('file.unrecognised', `文件${name}的图片尺寸为 0，可能已损坏。`);
  if (width * height > limits.maxPngPixels) {
    return err('file.imageTooLarge', `文件${name}的图片尺寸过大（${width}×${height} 像素）。请缩小到 ${Math.round(limits.maxPngPixels / 1e6)} 百万像素以内，或转为 JPEG 后再添加。`);
  }
  // A corrupted header or data chunk would otherwise reach the decoder, which fills a made-up
  // size with garbage (a 400-byte file claiming 16×2,097,168 pixels took 14 s) or accepts an
  // impossible bit depth. Every chunk's CRC is checked, as libpng does for critical chunks.
  const problem = pngStructureProblem(bytes);
  if (problem === 'truncated') return err('file.truncated', `文件${name}不完整（PNG 图片数据缺失），可能在下载或复制时中断。请重新获取原文件。`);
  if (problem !== null) return err('file.unrecognised', `文件${name}不是有效的 PNG 图片（${problem}），可能已损坏。请重新导出或扫描后再添加。`);
  return ok({ kind: 'png', width, height });
}

/** Allowed bit depths per PNG colour type (PNG spec, table 11.1). */
const PNG_BIT_DEPTHS: Readonly<Record<number, readonly number[]>> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array, start: number, end: number): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = (crcTable[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Null when the chunks are intact up to IEND; 'truncated' or a Chinese reason otherwise. */
function pngStructureProblem(bytes: Uint8Array): string | null {
  const [depth, colourType, compression, filter, interlace] = [bytes[24], bytes[25], bytes[26], bytes[27], bytes[28]];
  if (!(PNG_BIT_DEPTHS[colourType ?? -1] ?? []).includes(depth ?? -1) || compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) {
    return '图像头参数无效';
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let hasData = false;
  for (let at = 8; ; ) {
    if (at + 12 > bytes.length) return 'truncated';
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > bytes.length) return 'truncated';
    if (crc32(bytes, at + 4, end - 4) !== view.getUint32(end - 4)) return '数据块校验失败';
    const type = ascii(bytes, at + 4, at + 8);
    if (type === 'IDAT') hasData = true;
    if (type === 'IEND') return hasData ? null : '缺少图像数据';
    at = end;
  }
}

function checkJpeg(name: string, bytes: Uint8Array): Result<CheckedAttachment> {
  // Walk the segments to the frame header (SOFn) for the size.
  let at = 2;
  let width = 0;
  let height = 0;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return err('file.unrecognised', `文件${name}不是有效的 JPEG 图片（数据结构有误），可能已损坏。`);
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      height = ((bytes[at + 5] ?? 0) << 8) | (bytes[at + 6] ?? 0);
      width = ((bytes[at + 7] ?? 0) << 8) | (bytes[at + 8] ?? 0);
      break;
    }
    if (marker === 0xda) break;
    at += 2 + length;
  }
  if (width === 0 || height === 0) return err('file.truncated', `文件${name}不是完整的 JPEG 图片（缺少图像头），可能已损坏。`);
  // A complete JPEG ends with the EOI marker FF D9 (allow a little trailing data).
  let hasEnd = false;
  for (let i = bytes.length - 2; i >= Math.max(0, bytes.length - 4096); i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) {
      hasEnd = true;
      break;
    }
  }
  if (!hasEnd) return err('file.truncated', `文件${name}不完整（JPEG 图片缺少结尾），可能在下载或复制时中断。请重新获取原文件。`);
  return ok({ kind: 'jpeg', width, height });
}

/**
 * The EXIF orientation of a JPEG (1 = upright … 8), 1 when absent. Phone photos of documents are
 * stored sideways with this tag, and a PDF image ignores it, so the packet applies it.
 */
export function jpegExifOrientation(bytes: Uint8Array): number {
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] ?? 0;
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    if (marker === 0xda || marker === 0xd9) break;
    if (marker === 0xe1 && ascii(bytes, at + 4, at + 10) === 'Exif\0\0') return readTiffOrientation(bytes, at + 10, at + 2 + length);
    at += 2 + length;
  }
  return 1;
}

function readTiffOrientation(bytes: Uint8Array, start: number, end: number): number {
  if (end > bytes.length || start + 8 > end) return 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, end - start);
  const isLittleEndian = ascii(bytes, start, start + 2) === 'II';
  const ifd = view.getUint32(4, isLittleEndian);
  if (ifd + 2 > view.byteLength) return 1;
  const count = view.getUint16(ifd, isLittleEndian);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > view.byteLength) return 1;
    if (view.getUint16(entry, isLittleEndian) === 0x0112) {
      const value = view.getUint16(entry + 8, isLittleEndian);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}
