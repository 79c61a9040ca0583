import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { recognizeScan } from '../../../electron/ocr/recognizeScan';
import { decodeScan } from '../../../shared/ocr/decodeScan';
import { Canvas } from '../../ocr/raster';
import { generateScan } from '../../ocr/scanGenerator';

/*
 * Bad input (issue 18): every file that is not a readable scan of one of the five kinds gets a
 * Chinese sentence naming it, and a page that is merely turned is turned back.
 */

const INK = { r: 30, g: 30, b: 30 };

/** A printed page that is none of the five documents: a meeting notice. */
function notice(): Uint8Array {
  const canvas = new Canvas(210, 120, 150, 0.8, { r: 245, g: 244, b: 240 });
  canvas.text('关于召开年度安全生产工作会议的通知', 30, 20, 6, INK);
  const body = ['各部门：', '定于下周三上午九点在三楼会议室召开年度安全生产工作会议，', '请各部门负责人准时参加，并提前准备本部门的工作总结材料。', '联系人：综合办公室', '特此通知。'];
  body.forEach((line, i) => canvas.text(line, 20, 40 + i * 12, 4.5, INK));
  const rgba = new Uint8Array(canvas.width * canvas.height * 4);
  for (let i = 0; i < canvas.width * canvas.height; i++) {
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = Math.max(0, Math.min(255, canvas.data[i * 3 + c]!));
    rgba[i * 4 + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ width: canvas.width, height: canvas.height, data: rgba }, 80).data);
}

async function refusal(bytes: Uint8Array, name: string): Promise<string> {
  const result = await decodeScan(bytes, name);
  if (result.ok) throw new Error('expected a refusal');
  expect(result.error.message).toContain(name);
  expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
  return result.error.message;
}

describe('files that are not a scan are refused before any model loads', () => {
  it('an empty file, a text file, a GIF', async () => {
    expect(await refusal(new Uint8Array(), 'empty.jpg')).toMatch(/空文件/);
    expect(await refusal(new TextEncoder().encode('姓名,公民身份号码\n李杰,110108196810172963\n'), 'list.jpg')).toMatch(/不是图片/);
    expect(await refusal(new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000'), 'anim.gif')).toMatch(/不是图片/);
  });

  it('a JPEG whose header claims 60000 × 60000 pixels (a decompression bomb)', async () => {
    const bytes = new Uint8Array(generateScan('行驶证', 1, { dpi: 150 }).jpeg);
    // Patch the frame header (SOF0: FF C0, length, precision, height, width).
    let at = 2;
    while (!(bytes[at] === 0xff && bytes[at + 1] === 0xc0)) at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
    bytes[at + 5] = 0xea; bytes[at + 6] = 0x60; bytes[at + 7] = 0xea; bytes[at + 8] = 0x60;
    expect(await refusal(bytes, 'bomb.jpg')).toMatch(/60000×60000.*超过识别上限/);
  });

  it('a JPEG cut short in transfer', async () => {
    const bytes = generateScan('行驶证', 1, { dpi: 150 }).jpeg;
    expect(await refusal(bytes.subarray(0, 600), 'cut.jpg')).toMatch(/损坏/);
  });
});

describe('pages that are readable but not what was asked for', () => {
  it('a printed page of another kind: the kind cannot be told, said in Chinese', async () => {
    const result = await recognizeScan(notice(), 'notice.jpg');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('ocr.unknownKind');
      expect(result.error.message).toMatch(/notice\.jpg.*不是营业执照.*无法判断证件类型/);
    }
  });

  it('a 营业执照 recognised as a 行驶证 on request carries a warning', async () => {
    const scan = generateScan('营业执照', 61, { dpi: 150 });
    const result = await recognizeScan(scan.jpeg, 'licence.jpg', '行驶证');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.detectedKind).toBe('营业执照');
    expect(result.value.notes.join('')).toMatch(/看起来是营业执照，不是机动车行驶证/);
    expect(result.value.fields.filter((f) => f.status === 'ok')).toEqual([]);
  });
});
