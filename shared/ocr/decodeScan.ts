import { unzlibSync } from 'fflate';
import jpeg from 'jpeg-js';
import { applyExifOrientation, resizeBilinear, type RgbImage } from './image';
import { extractPdfScan } from './pdfScan';
import { jpegExifOrientation, sniffKind, SNIFFED_KIND_NAMES } from '../pdf/fileSniff';
import { err, ok, type Result } from '../util/result';

/*
 * Decodes a scan for recognition: JPEG (jpeg-js), 8-bit PNG (fflate) and the image on page 1 of a
 * scanned PDF (pdfScan.ts, pdf-lib loaded only then), nothing else. The pixel
 * size is read from the header before anything is decompressed, so a decompression bomb (a small
 * file claiming a huge image) is refused without allocating it.
 */

/** 40 megapixels: an A3 page at 600 dpi is about 70 MP; an A4 scan at 300 dpi is 8.7 MP. */
const MAX_SCAN_PIXELS = 40_000_000;
export const MAX_SCAN_BYTES = 60 * 1024 * 1024;

function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) { at += marker === 0xff ? 1 : 2; continue; }
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = ((bytes[at + 5] ?? 0) << 8) | (bytes[at + 6] ?? 0);
      const width = ((bytes[at + 7] ?? 0) << 8) | (bytes[at + 8] ?? 0);
      return { width, height };
    }
    if (marker === 0xda || marker === 0xd9) return null;
    at += 2 + length;
  }
  return null;
}

function u32(bytes: Uint8Array, at: number): number {
  return (((bytes[at] ?? 0) << 24) >>> 0) + ((bytes[at + 1] ?? 0) << 16) + ((bytes[at + 2] ?? 0) << 8) + (bytes[at + 3] ?? 0);
}

function decodePng(bytes: Uint8Array, name: string): Result<RgbImage> {
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  const depth = bytes[24] ?? 0;
  const colorType = bytes[25] ?? 0;
  const interlace = bytes[28] ?? 0;
  if (depth !== 8 || interlace !== 0 || ![0, 2, 3, 4, 6].includes(colorType)) {
    return err('ocr.pngUnsupported', `图片“${name}”是 ${depth} 位${interlace ? '隔行扫描' : ''} PNG，暂不支持识别。请另存为 8 位 PNG 或 JPEG 后再试。`);
  }
  const channels = colorType === 2 ? 3 : colorType === 6 ? 4 : colorType === 4 ? 2 : 1;
  const idat: Uint8Array[] = [];
  let palette: Uint8Array | null = null;
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IDAT') idat.push(body);
    else if (type === 'PLTE') palette = body;
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const joined = new Uint8Array(idat.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of idat) { joined.set(c, offset); offset += c.length; }
  const stride = width * channels;
  const expected = (stride + 1) * height;
  const raw = unzlibSync(joined, { out: new Uint8Array(expected) });
  if (raw.length < expected) return err('ocr.truncated', `图片“${name}”不完整（文件可能在传输中被截断），无法识别。`);
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[dst + x - channels] ?? 0 : 0;
      const b = y > 0 ? pixels[dst - stride + x] ?? 0 : 0;
      const c = y > 0 && x >= channels ? pixels[dst - stride + x - channels] ?? 0 : 0;
      const v = raw[src + x] ?? 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[dst + x] = (v + predicted) & 0xff;
    }
  }
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    let r: number, g: number, b: number, alpha = 255;
    if (colorType === 3) {
      const index = pixels[i] ?? 0;
      r = palette?.[index * 3] ?? 0; g = palette?.[index * 3 + 1] ?? 0; b = palette?.[index * 3 + 2] ?? 0;
    } else if (channels >= 3) {
      r = pixels[i * channels] ?? 0; g = pixels[i * channels + 1] ?? 0; b = pixels[i * channels + 2] ?? 0;
      if (channels === 4) alpha = pixels[i * 4 + 3] ?? 255;
    } else {
      r = g = b = pixels[i * channels] ?? 0;
      if (channels === 2) alpha = pixels[i * 2 + 1] ?? 255;
    }
    // Transparent areas read as white paper.
    data[i * 3] = Math.round((r * alpha + 255 * (255 - alpha)) / 255);
    data[i * 3 + 1] = Math.round((g * alpha + 255 * (255 - alpha)) / 255);
    data[i * 3 + 2] = Math.round((b * alpha + 255 * (255 - alpha)) / 255);
  }
  return ok({ width, height, data });
}

export interface DecodedScan {
  /** Upright as given: EXIF orientation or the PDF page's /Rotate applied. */
  readonly image: RgbImage;
  /** A JPEG to show when the input is not an image an <img> can show (a PDF); null otherwise. */
  readonly preview: { readonly bytes: Uint8Array; readonly mime: 'image/jpeg' } | null;
  readonly notes: readonly string[];
}

/** Longest side of a PDF's preview JPEG, pixels. */
export const PREVIEW_MAX_SIDE = 1600;

/** A JPEG (quality 80) of the image, scaled down to at most PREVIEW_MAX_SIDE, same aspect ratio. */
function previewJpeg(image: RgbImage): { bytes: Uint8Array; mime: 'image/jpeg' } {
  const scale = Math.min(1, PREVIEW_MAX_SIDE / Math.max(image.width, image.height));
  const small = scale < 1 ? resizeBilinear(image, Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale))) : image;
  const rgba = new Uint8Array(small.width * small.height * 4);
  for (let i = 0; i < small.width * small.height; i++) {
    rgba[i * 4] = small.data[i * 3]!; rgba[i * 4 + 1] = small.data[i * 3 + 1]!; rgba[i * 4 + 2] = small.data[i * 3 + 2]!; rgba[i * 4 + 3] = 255;
  }
  const encoded = jpeg.encode({ width: small.width, height: small.height, data: rgba }, 80) as { data: Uint8Array };
  return { bytes: new Uint8Array(encoded.data), mime: 'image/jpeg' };
}

/** Decodes a JPEG or PNG scan, or the scan on page 1 of a PDF; every refusal is a Chinese sentence naming the file. */
export async function decodeScan(bytes: Uint8Array, name: string): Promise<Result<DecodedScan>> {
  if (bytes.length === 0) return err('ocr.empty', `文件“${name}”是空文件，无法识别。`);
  if (bytes.length > MAX_SCAN_BYTES) return err('ocr.tooLarge', `文件“${name}”过大（超过 ${MAX_SCAN_BYTES / 1024 / 1024} MB），请降低扫描分辨率后再试。`);
  const kind = sniffKind(bytes);
  if (kind === 'pdf') {
    const scan = await extractPdfScan(bytes, name, { maxPixels: MAX_SCAN_PIXELS });
    if (!scan.ok) return scan;
    return ok({ image: scan.value.image, preview: previewJpeg(scan.value.image), notes: scan.value.notes });
  }
  const image = decodeImage(bytes, name);
  return image.ok ? ok({ image: image.value, preview: null, notes: [] }) : image;
}

/** Decodes a JPEG or PNG scan (EXIF orientation applied). */
function decodeImage(bytes: Uint8Array, name: string): Result<RgbImage> {
  const kind = sniffKind(bytes);
  if (kind !== 'jpeg' && kind !== 'png') {
    return err('ocr.notImage', `文件“${name}”不是图片（内容为${SNIFFED_KIND_NAMES[kind]}），无法识别。请选择 JPEG、PNG 格式的扫描件或扫描版 PDF。`);
  }
  const size = kind === 'png' ? { width: u32(bytes, 16), height: u32(bytes, 20) } : jpegSize(bytes);
  if (size === null || size.width === 0 || size.height === 0) return err('ocr.damaged', `图片“${name}”已损坏，读不出图像尺寸，无法识别。`);
  if (size.width * size.height > MAX_SCAN_PIXELS) {
    return err('ocr.tooManyPixels', `图片“${name}”声称的尺寸为 ${size.width}×${size.height} 像素，超过识别上限（${MAX_SCAN_PIXELS / 1_000_000} 百万像素），已拒绝，以免耗尽内存。请用 200–300 dpi 重新扫描。`);
  }
  if (Math.min(size.width, size.height) < 32) return err('ocr.tooSmall', `图片“${name}”只有 ${size.width}×${size.height} 像素，太小，无法识别。`);
  try {
    if (kind === 'png') return decodePng(bytes, name);
    const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: MAX_SCAN_PIXELS / 1_000_000, maxMemoryUsageInMB: 1024 });
    const pixels = decoded.width * decoded.height;
    const channels = decoded.data.length / pixels;
    let data = decoded.data;
    if (channels !== 3) {
      data = new Uint8Array(pixels * 3);
      for (let i = 0; i < pixels; i++) for (let c = 0; c < 3; c++) data[i * 3 + c] = decoded.data[i * channels + (channels >= 3 ? c : 0)] ?? 0;
    }
    // A phone photo is stored as the sensor saw it, with the way it was held in EXIF.
    return ok(applyExifOrientation({ width: decoded.width, height: decoded.height, data }, jpegExifOrientation(bytes)));
  } catch (error) {
    return err('ocr.damaged', `图片“${name}”已损坏或不完整，无法解码，无法识别。`, error instanceof Error ? error.message : String(error));
  }
}
