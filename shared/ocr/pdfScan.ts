import { unzlibSync } from 'fflate';
import jpeg from 'jpeg-js';
import type * as PdfLibModule from 'pdf-lib';
import type { PDFArray, PDFDict, PDFDocument, PDFObject, PDFPage, PDFRawStream } from 'pdf-lib';
import { rotate180, rotateClockwise, type RgbImage } from './image';
import { err, ok, type Result } from '../util/result';

/*
 * The scan inside a scanned PDF (issue 18): a scanner or a phone app writes each page as one
 * image drawn over the whole page. We take page 1, find its largest image (also inside a form
 * XObject), decode it — DCTDecode (JPEG, also Adobe CMYK) or FlateDecode 8-bit RGB/grey or 1-bit
 * black and white, with or without PNG/TIFF predictors — and turn it by the page's /Rotate. The
 * image's pixel size is checked against the cap before anything is decompressed. pdf-lib is
 * imported only when a PDF arrives, so a worker that reads only JPEG/PNG never loads it.
 */

export interface PdfScan {
  readonly image: RgbImage;
  /** Chinese notes for the officer (only page 1 read, …). */
  readonly notes: readonly string[];
}

export interface PdfScanLimits {
  readonly maxPixels: number;
}

type PdfLib = typeof PdfLibModule;

interface ImageObject {
  readonly stream: PDFRawStream;
  readonly width: number;
  readonly height: number;
}

function filtersOf(lib: PdfLib, dict: PDFDict): string[] {
  const filter = dict.lookup(lib.PDFName.of('Filter'));
  if (filter instanceof lib.PDFName) return [filter.decodeText()];
  if (filter instanceof lib.PDFArray) return filter.asArray().map((f) => (f instanceof lib.PDFName ? f.decodeText() : String(f)));
  return [];
}

function numberIn(lib: PdfLib, dict: PDFDict | undefined, key: string, fallback: number): number {
  const value = dict?.lookup(lib.PDFName.of(key));
  return value instanceof lib.PDFNumber ? value.asNumber() : fallback;
}

/** Every image XObject drawn on a page (directly or inside form XObjects, two levels deep). */
function imagesIn(lib: PdfLib, resources: PDFDict | undefined, depth: number, into: ImageObject[]): void {
  if (resources === undefined || depth > 2) return;
  const xobjects = resources.lookupMaybe(lib.PDFName.of('XObject'), lib.PDFDict);
  if (xobjects === undefined) return;
  for (const [, ref] of xobjects.entries()) {
    const object: PDFObject | undefined = ref instanceof lib.PDFRef ? xobjects.context.lookup(ref) : ref;
    if (!(object instanceof lib.PDFRawStream)) continue;
    const subtype = object.dict.lookup(lib.PDFName.of('Subtype'));
    if (subtype === lib.PDFName.of('Image')) {
      into.push({ stream: object, width: numberIn(lib, object.dict, 'Width', 0), height: numberIn(lib, object.dict, 'Height', 0) });
    } else if (subtype === lib.PDFName.of('Form')) {
      imagesIn(lib, object.dict.lookupMaybe(lib.PDFName.of('Resources'), lib.PDFDict), depth + 1, into);
    }
  }
}

/** Whether the page prints text of its own (a born-digital PDF rather than a scan). */
function hasText(lib: PdfLib, resources: PDFDict | undefined): boolean {
  const fonts = resources?.lookupMaybe(lib.PDFName.of('Font'), lib.PDFDict);
  return fonts !== undefined && fonts.entries().length > 0;
}

interface ColourSpace {
  readonly kind: 'gray' | 'rgb' | 'cmyk' | 'indexed';
  readonly components: number;
  /** Indexed: base components and the palette bytes. */
  readonly palette?: { readonly base: 'gray' | 'rgb' | 'cmyk'; readonly bytes: Uint8Array; readonly max: number };
}

function colourSpace(lib: PdfLib, value: PDFObject | undefined, depth = 0): ColourSpace | null {
  if (value instanceof lib.PDFName) {
    const name = value.decodeText();
    if (name === 'DeviceGray' || name === 'CalGray' || name === 'G') return { kind: 'gray', components: 1 };
    if (name === 'DeviceRGB' || name === 'CalRGB' || name === 'RGB') return { kind: 'rgb', components: 3 };
    if (name === 'DeviceCMYK' || name === 'CMYK') return { kind: 'cmyk', components: 4 };
    return null;
  }
  if (!(value instanceof lib.PDFArray) || depth > 2) return null;
  const array: PDFArray = value;
  const family = array.lookup(0);
  const name = family instanceof lib.PDFName ? family.decodeText() : '';
  if (name === 'ICCBased') {
    const profile = array.lookup(1);
    const n = profile instanceof lib.PDFRawStream ? numberIn(lib, profile.dict, 'N', 3) : 3;
    return n === 1 ? { kind: 'gray', components: 1 } : n === 4 ? { kind: 'cmyk', components: 4 } : n === 3 ? { kind: 'rgb', components: 3 } : null;
  }
  if (name === 'CalGray') return { kind: 'gray', components: 1 };
  if (name === 'CalRGB') return { kind: 'rgb', components: 3 };
  if (name === 'Indexed' || name === 'I') {
    const base = colourSpace(lib, array.lookup(1), depth + 1);
    const max = array.lookup(2);
    const lookup = array.lookup(3);
    if (base === null || base.kind === 'indexed' || !(max instanceof lib.PDFNumber)) return null;
    let bytes: Uint8Array | null = null;
    if (lookup instanceof lib.PDFString || lookup instanceof lib.PDFHexString) bytes = lookup.asBytes();
    else if (lookup instanceof lib.PDFRawStream) {
      // A palette is at most 256 colours of 4 bytes: inflate into that much and no more.
      const filters = filtersOf(lib, lookup.dict);
      if (filters.length === 0) bytes = lookup.contents;
      else if (filters.length === 1 && filters[0] === 'FlateDecode') {
        try { bytes = unzlibSync(lookup.contents, { out: new Uint8Array(256 * 4) }); } catch { return null; }
      }
    }
    if (bytes === null) return null;
    return { kind: 'indexed', components: 1, palette: { base: base.kind, bytes, max: max.asNumber() } };
  }
  return null;
}

const cmykToRgb = (c: number, m: number, y: number, k: number): [number, number, number] => [
  255 - Math.min(255, c + k), 255 - Math.min(255, m + k), 255 - Math.min(255, y + k),
];

/** Undoes a PNG (10–15) or TIFF (2) predictor in place of the rows, returning the samples. */
function unpredict(raw: Uint8Array, predictor: number, rowBytes: number, bytesPerPixel: number, rows: number): Uint8Array | null {
  if (predictor < 2) return raw;
  if (predictor === 2) {
    const out = new Uint8Array(raw.subarray(0, rowBytes * rows));
    for (let y = 0; y < rows; y++) for (let x = bytesPerPixel; x < rowBytes; x++) out[y * rowBytes + x] = (out[y * rowBytes + x]! + out[y * rowBytes + x - bytesPerPixel]!) & 0xff;
    return out;
  }
  if (predictor < 10) return null;
  const out = new Uint8Array(rowBytes * rows);
  for (let y = 0; y < rows; y++) {
    const filter = raw[y * (rowBytes + 1)] ?? 0;
    const src = y * (rowBytes + 1) + 1;
    const dst = y * rowBytes;
    for (let x = 0; x < rowBytes; x++) {
      const a = x >= bytesPerPixel ? out[dst + x - bytesPerPixel]! : 0;
      const b = y > 0 ? out[dst - rowBytes + x]! : 0;
      const c = y > 0 && x >= bytesPerPixel ? out[dst - rowBytes + x - bytesPerPixel]! : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[dst + x] = ((raw[src + x] ?? 0) + predicted) & 0xff;
    }
  }
  return out;
}

function decodeFlate(lib: PdfLib, image: ImageObject, name: string): Result<RgbImage> {
  const { stream, width, height } = image;
  const dict = stream.dict;
  const bits = numberIn(lib, dict, 'BitsPerComponent', 8);
  const space = colourSpace(lib, dict.lookup(lib.PDFName.of('ColorSpace')));
  const isMask = dict.lookup(lib.PDFName.of('ImageMask')) === lib.PDFBool.True;
  if (isMask || space === null || (bits !== 8 && !(bits === 1 && (space.kind === 'gray' || space.kind === 'indexed')))) {
    return err('ocr.pdfImageUnsupported', `PDF“${name}”中的扫描图像格式（${isMask ? '图像蒙版' : space === null ? '特殊色彩空间' : `${bits} 位`}）暂不支持识别。请在扫描软件中改为彩色或灰度、JPEG 压缩后重新扫描，或将该页另存为 JPEG/PNG 图片。`);
  }
  const parmsObject = dict.lookup(lib.PDFName.of('DecodeParms'));
  const parms = parmsObject instanceof lib.PDFDict ? parmsObject : parmsObject instanceof lib.PDFArray ? (parmsObject.lookup(0) instanceof lib.PDFDict ? parmsObject.lookup(0) as PDFDict : undefined) : undefined;
  const predictor = numberIn(lib, parms, 'Predictor', 1);
  const components = space.components;
  const rowBytes = Math.ceil((width * components * bits) / 8);
  const expected = predictor >= 10 ? (rowBytes + 1) * height : rowBytes * height;
  let raw: Uint8Array;
  try {
    // The output buffer has exactly the size the header promises: a bomb cannot grow it.
    raw = unzlibSync(stream.contents, { out: new Uint8Array(expected) });
  } catch (error) {
    return err('ocr.pdfDamaged', `PDF“${name}”中的扫描图像已损坏，无法解压，无法识别。`, error instanceof Error ? error.message : String(error));
  }
  const samples = unpredict(raw, predictor, rowBytes, Math.max(1, Math.ceil((components * bits) / 8)), height);
  if (samples === null) return err('ocr.pdfImageUnsupported', `PDF“${name}”中的扫描图像使用了不常见的压缩预测方式（Predictor ${predictor}），暂不支持识别。请将该页另存为 JPEG/PNG 图片后再识别。`);
  const decodeArray = dict.lookupMaybe(lib.PDFName.of('Decode'), lib.PDFArray);
  const inverted = decodeArray !== undefined && decodeArray.size() >= 2 && (decodeArray.lookup(0) as { asNumber?: () => number }).asNumber?.() === 1
    && (decodeArray.lookup(1) as { asNumber?: () => number }).asNumber?.() === 0;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sample: number[];
      if (bits === 1) {
        const bit = ((samples[y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
        sample = [space.kind === 'indexed' ? bit : bit * 255];
      } else {
        const at = y * rowBytes + x * components;
        sample = Array.from({ length: components }, (_, c) => samples[at + c] ?? 0);
      }
      if (inverted && space.kind !== 'indexed') sample = sample.map((v) => 255 - v);
      let rgb: [number, number, number];
      if (space.kind === 'gray') rgb = [sample[0]!, sample[0]!, sample[0]!];
      else if (space.kind === 'rgb') rgb = [sample[0]!, sample[1]!, sample[2]!];
      else if (space.kind === 'cmyk') rgb = cmykToRgb(sample[0]!, sample[1]!, sample[2]!, sample[3]!);
      else {
        const palette = space.palette!;
        const index = Math.min(sample[0]!, palette.max);
        const p = palette.bytes;
        if (palette.base === 'gray') rgb = [p[index] ?? 0, p[index] ?? 0, p[index] ?? 0];
        else if (palette.base === 'rgb') rgb = [p[index * 3] ?? 0, p[index * 3 + 1] ?? 0, p[index * 3 + 2] ?? 0];
        else rgb = cmykToRgb(p[index * 4] ?? 0, p[index * 4 + 1] ?? 0, p[index * 4 + 2] ?? 0, p[index * 4 + 3] ?? 0);
      }
      const to = (y * width + x) * 3;
      data[to] = rgb[0]; data[to + 1] = rgb[1]; data[to + 2] = rgb[2];
    }
  }
  return ok({ width, height, data });
}

function meanBrightness(image: RgbImage): number {
  let sum = 0;
  let n = 0;
  const step = Math.max(1, Math.floor((image.width * image.height) / 50_000));
  for (let i = 0; i < image.width * image.height; i += step) { sum += (image.data[i * 3]! + image.data[i * 3 + 1]! + image.data[i * 3 + 2]!) / 3; n++; }
  return sum / Math.max(1, n);
}

function decodeDct(lib: PdfLib, image: ImageObject, name: string, maxPixels: number): Result<RgbImage> {
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(image.stream.contents, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: maxPixels / 1_000_000, maxMemoryUsageInMB: 1024 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/maxResolutionInMP|maxMemoryUsage/i.test(message)) {
      return err('ocr.tooManyPixels', `PDF“${name}”中的扫描图像尺寸超过识别上限（${maxPixels / 1_000_000} 百万像素），已拒绝，以免耗尽内存。请用 200–300 dpi 重新扫描。`, message);
    }
    if (/4 components|color mode/i.test(message)) {
      return err('ocr.pdfImageUnsupported', `PDF“${name}”中的扫描图像是印刷用 CMYK 色彩的 JPEG，暂不支持识别。请在扫描软件中改用彩色（RGB）或灰度扫描，或将该页另存为 JPEG 图片。`, message);
    }
    return err('ocr.pdfDamaged', `PDF“${name}”中的扫描图像已损坏，无法解码，无法识别。`, message);
  }
  const pixels = decoded.width * decoded.height;
  const channels = decoded.data.length / pixels;
  let data = decoded.data;
  if (channels !== 3) {
    data = new Uint8Array(pixels * 3);
    for (let i = 0; i < pixels; i++) for (let c = 0; c < 3; c++) data[i * 3 + c] = decoded.data[i * channels + (channels >= 3 ? c : 0)] ?? 0;
  }
  const result = { width: decoded.width, height: decoded.height, data };
  // /Decode [1 0 …] asks for the samples inverted. Adobe's CMYK JPEGs are stored inverted and
  // carry that array for it, which the JPEG decoder already undoes; so a 4-component image is
  // judged by the result: a scan is mostly paper, and a mostly black one came out as a negative.
  const decodeArray = image.stream.dict.lookupMaybe(lib.PDFName.of('Decode'), lib.PDFArray);
  const first = decodeArray?.lookup(0);
  const wantsInverted = first instanceof lib.PDFNumber && first.asNumber() === 1;
  const isCmyk = channels === 4 || colourSpace(lib, image.stream.dict.lookup(lib.PDFName.of('ColorSpace')))?.kind === 'cmyk';
  if ((wantsInverted && !isCmyk) || (isCmyk && meanBrightness(result) < 70)) {
    for (let i = 0; i < data.length; i++) data[i] = 255 - data[i]!;
  }
  return ok(result);
}

/** Reads the scan on page 1 of a PDF; every refusal is a Chinese sentence naming the file. */
export async function extractPdfScan(bytes: Uint8Array, name: string, limits: PdfScanLimits): Promise<Result<PdfScan>> {
  const lib: PdfLib = await import('pdf-lib');
  let doc: PDFDocument;
  try {
    doc = await lib.PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  } catch (error) {
    return err('ocr.pdfDamaged', `PDF“${name}”已损坏，读不出其结构，无法识别。请重新扫描或导出后再试。`, error instanceof Error ? error.message : String(error));
  }
  if (doc.isEncrypted) return err('ocr.pdfEncrypted', `PDF“${name}”已加密（设有打开密码或权限密码），无法读取其中的扫描图像。请在 PDF 软件中解除加密、另存后再识别。`);
  let pages: PDFPage[];
  try {
    pages = doc.getPages();
  } catch (error) {
    return err('ocr.pdfDamaged', `PDF“${name}”的页面结构已损坏，无法识别。请重新扫描或导出后再试。`, error instanceof Error ? error.message : String(error));
  }
  const page = pages[0];
  if (page === undefined) return err('ocr.pdfDamaged', `PDF“${name}”没有任何页面，可能已损坏。`);
  const notes: string[] = [];
  if (pages.length > 1) notes.push(`PDF 共 ${pages.length} 页，只识别了第 1 页。其余页面如需识别，请分别导出为单页后再识别。`);
  const resourcesObject = page.node.Resources() ?? page.node.getInheritableAttribute(lib.PDFName.of('Resources'));
  const resources = resourcesObject instanceof lib.PDFDict ? resourcesObject : undefined;
  const images: ImageObject[] = [];
  imagesIn(lib, resources, 0, images);
  const largest = images.sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (largest === undefined || largest.width * largest.height < 32 * 32) {
    if (hasText(lib, resources)) {
      return err('ocr.pdfBornDigital', `PDF“${name}”是电子版文档（第 1 页是文字而不是扫描图像），不是扫描件。识别只适用于纸质证照的扫描件或照片；电子证照的内容请直接对照录入。`);
    }
    return err('ocr.pdfNoImage', `PDF“${name}”的第 1 页上没有扫描图像，无法识别。请确认选择的是证照的扫描件。`);
  }
  const { width, height } = largest;
  if (width * height > limits.maxPixels) {
    return err('ocr.tooManyPixels', `PDF“${name}”中的扫描图像声称的尺寸为 ${width}×${height} 像素，超过识别上限（${limits.maxPixels / 1_000_000} 百万像素），已拒绝，以免耗尽内存。请用 200–300 dpi 重新扫描。`);
  }
  if (Math.min(width, height) < 32) return err('ocr.tooSmall', `PDF“${name}”中的扫描图像只有 ${width}×${height} 像素，太小，无法识别。`);
  const filters = filtersOf(lib, largest.stream.dict);
  let decoded: Result<RgbImage>;
  if (filters.length === 1 && filters[0] === 'DCTDecode') decoded = decodeDct(lib, largest, name, limits.maxPixels);
  else if (filters.length === 1 && filters[0] === 'FlateDecode') decoded = decodeFlate(lib, largest, name);
  else {
    const kind = filters.join('+') || '未压缩';
    const hint = /JBIG2|CCITT/.test(kind) ? '（常见于黑白扫描）' : /JPX/.test(kind) ? '（JPEG 2000）' : '';
    return err('ocr.pdfImageUnsupported', `PDF“${name}”中的扫描图像采用 ${kind} 压缩${hint}，暂不支持识别。请在扫描软件中改为彩色或灰度、JPEG 压缩后重新扫描，或将该页另存为 JPEG/PNG 图片。`);
  }
  if (!decoded.ok) return decoded;
  // /Rotate turns the page clockwise when shown; the image is read the way it is shown.
  const rotation = ((page.getRotation().angle % 360) + 360) % 360;
  let image = decoded.value;
  if (rotation === 90) image = rotateClockwise(image);
  else if (rotation === 180) image = rotate180(image);
  else if (rotation === 270) image = rotate180(rotateClockwise(image));
  return ok({ image, notes });
}
