import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { recognizeScan } from '../../../electron/ocr/recognizeScan';
import { decodeScan, PREVIEW_MAX_SIDE } from '../../../shared/ocr/decodeScan';
import type { RgbImage } from '../../../shared/ocr/image';
import { generateScan } from '../../ocr/scanGenerator';
import { scannedPdf, textPdf } from '../../ocr/scanPdf';

/** A 64 × 40 test card: white, a dark block in its top-left corner, grey elsewhere in a gradient. */
function card(gray: boolean): { width: number; height: number; samples: Uint8Array } {
  const width = 64, height = 40, channels = gray ? 1 : 3;
  const samples = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = x < 16 && y < 10 ? 10 : 150 + ((x + y) % 100);
      for (let c = 0; c < channels; c++) samples[(y * width + x) * channels + c] = c === 1 ? Math.max(0, v - 30) : v;
    }
  }
  return { width, height, samples };
}

const at = (image: RgbImage, x: number, y: number): number[] => [...image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3)];

async function decoded(bytes: Uint8Array) {
  const result = await decodeScan(bytes, 'scan.pdf');
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('scanned PDFs: the image on page 1 is read', () => {
  it('decodes a FlateDecode RGB image with PNG predictors exactly, and gives a JPEG preview', async () => {
    const c = card(false);
    const scan = await decoded(await scannedPdf([{ raw: { ...c, gray: false, predictor: true } }]));
    expect([scan.image.width, scan.image.height]).toEqual([64, 40]);
    expect(Buffer.from(scan.image.data).equals(Buffer.from(c.samples))).toBe(true);
    expect(scan.preview?.mime).toBe('image/jpeg');
    const preview = jpeg.decode(scan.preview!.bytes);
    expect([preview.width, preview.height]).toEqual([64, 40]);
    expect(scan.notes).toEqual([]);
  });

  it('decodes grey Flate samples honouring /Decode [1 0]', async () => {
    const c = card(true);
    const scan = await decoded(await scannedPdf([{ raw: { ...c, gray: true, decodeInverted: true } }]));
    expect(at(scan.image, 0, 0)).toEqual([245, 245, 245]);
    expect(at(scan.image, 40, 20)).toEqual([255 - c.samples[20 * 64 + 40]!, 255 - c.samples[20 * 64 + 40]!, 255 - c.samples[20 * 64 + 40]!]);
  });

  it('turns the image by the page\'s /Rotate (90° clockwise: the top-left corner goes top-right)', async () => {
    const c = card(true);
    const scan = await decoded(await scannedPdf([{ raw: { ...c, gray: true }, rotate: 90 }]));
    expect([scan.image.width, scan.image.height]).toEqual([40, 64]);
    expect(at(scan.image, 39 - 2, 2)[0]).toBe(10);
    expect(at(scan.image, 2, 2)[0]).not.toBe(10);
    const upsideDown = await decoded(await scannedPdf([{ raw: { ...c, gray: true }, rotate: 180 }]));
    expect(at(upsideDown.image, 63 - 2, 39 - 2)[0]).toBe(10);
  });

  it('reads page 1 of several and says so', async () => {
    const c = card(true);
    const scan = await decoded(await scannedPdf([{ raw: { ...c, gray: true } }, { raw: { ...c, gray: true } }, { raw: { ...c, gray: true } }]));
    expect(scan.notes.join('')).toMatch(/共 3 页，只识别了第 1 页/);
  });

  it('downscales a large page for the preview, keeping the aspect ratio', async () => {
    const scan = generateScan('营业执照', 3, { dpi: 200 });
    const result = await decoded(await scannedPdf([{ jpeg: scan.jpeg }]));
    const preview = jpeg.decode(result.preview!.bytes);
    expect(Math.max(preview.width, preview.height)).toBe(PREVIEW_MAX_SIDE);
    expect(preview.width / preview.height).toBeCloseTo(result.image.width / result.image.height, 2);
  });
});

describe('PDFs that are not a readable scan are refused in Chinese', () => {
  const refusal = async (bytes: Uint8Array): Promise<string> => {
    const result = await decodeScan(bytes, '证照.pdf');
    if (result.ok) throw new Error('expected a refusal');
    expect(result.error.message).toMatch(/证照\.pdf/);
    return result.error.message;
  };

  it('a born-digital PDF (text, no image)', async () => {
    expect(await refusal(await textPdf())).toMatch(/电子版/);
  });

  it('a damaged PDF', async () => {
    const good = await scannedPdf([{ raw: { ...card(true), gray: true } }]);
    expect(await refusal(new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog'))).toMatch(/损坏|没有任何页面/);
    // The image's compressed samples cut short.
    const text = Buffer.from(good).toString('latin1');
    const start = text.indexOf('stream\n') + 7;
    const broken = new Uint8Array(good);
    broken.fill(0x41, start, start + 40);
    expect(await refusal(broken)).toMatch(/损坏/);
  });

  it('an encrypted PDF', async () => {
    const text = Buffer.from(await scannedPdf([{ raw: { ...card(true), gray: true } }])).toString('latin1');
    const encrypted = text.replace('/Root', '/Encrypt << /Filter /Standard /V 2 /R 3 >>\n/Root');
    expect(await refusal(new Uint8Array(Buffer.from(encrypted, 'latin1')))).toMatch(/已加密/);
  });

  it('an image claiming a huge size is refused before its samples are inflated', async () => {
    const c = card(true);
    const bomb = await scannedPdf([{ raw: { ...c, gray: true, claimedSize: { width: 60_000, height: 60_000 } } }]);
    expect(await refusal(bomb)).toMatch(/超过识别上限/);
    // The same with a JPEG whose frame header claims 60000 × 60000.
    const small = new Uint8Array(generateScan('行驶证', 1, { dpi: 150 }).jpeg);
    let at = 2;
    while (!(small[at] === 0xff && small[at + 1] === 0xc0)) at += 2 + ((small[at + 2]! << 8) | small[at + 3]!);
    small[at + 5] = 0xea; small[at + 6] = 0x60; small[at + 7] = 0xea; small[at + 8] = 0x60;
    expect(await refusal(await scannedPdf([{ jpeg: small }]))).toMatch(/60000×60000.*超过识别上限/);
  });
});

describe('recognition of a scanned PDF', () => {
  it('reads a 营业执照 embedded as a JPEG in a PDF, with boxes in the decoded image\'s pixels', async () => {
    const scan = generateScan('营业执照', 21, { dpi: 200 });
    const result = await recognizeScan(await scannedPdf([{ jpeg: scan.jpeg }]), 'licence.pdf');
    if (!result.ok) throw new Error(result.error.message);
    const size = jpeg.decode(scan.jpeg);
    expect(result.value.image).toEqual({ width: size.width, height: size.height });
    expect(result.value.preview?.mime).toBe('image/jpeg');
    const values = Object.fromEntries(result.value.fields.map((f) => [f.field, f.value]));
    for (const field of ['名称', '统一社会信用代码', '法定代表人', '成立日期']) expect(values[field], field).toBe(scan.truth[field]);
    for (const f of result.value.fields) {
      if (f.box === null) continue;
      expect(f.box.x + f.box.width).toBeLessThanOrEqual(size.width + 5);
      expect(f.box.y + f.box.height).toBeLessThanOrEqual(size.height + 5);
    }
  });
});
