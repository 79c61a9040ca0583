import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import { recognizeScan } from '../../../electron/ocr/recognizeScan';
import { checkIdNumber, checkPeriod, checkPlate, checkUsccValue, checkVehicleUse } from '../../../shared/ocr/checks';
import { extractFields } from '../../../shared/ocr/fields';
import { applyExifOrientation, dropRedInk } from '../../../shared/ocr/image';
import type { OcrLine, OcrPage } from '../../../shared/ocr/pipeline';
import { generateScan } from '../../ocr/scanGenerator';

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function line(text: string, x0: number, y0: number, x1: number, y1: number, confidence = 0.99): OcrLine {
  return { text, confidence, x0, y0, x1, y1, isRed: false, quad: [{ x: x0, y: y0 }, { x: x1, y: y0 }, { x: x1, y: y1 }, { x: x0, y: y1 }] };
}

function png(width: number, height: number, grey: number): Uint8Array {
  const chunk = (type: string, body: Uint8Array): Uint8Array => {
    const out = new Uint8Array(12 + body.length);
    new DataView(out.buffer).setUint32(0, body.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(body, 8);
    return out; // the decoder does not verify CRCs
  };
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header[8] = 8;
  header[9] = 0;
  const raw = new Uint8Array((width + 1) * height).fill(grey);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0;
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', zlibSync(raw)), chunk('IEND', new Uint8Array())];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { bytes.set(p, at); at += p.length; }
  return bytes;
}

describe('recognised values are checked before they are proposed as certain', () => {
  it('applies the GB 11643 check character to 公民身份号码', () => {
    expect(checkIdNumber('11010519491231002X').problem).toBeNull();
    expect(checkIdNumber('110105194912310021').problem).toMatch(/校验位不符/);
    expect(checkIdNumber('11010519491331002X').problem).not.toBeNull();
  });
  it('undoes the letters a USCC never uses and applies GB 32100', () => {
    expect(checkUsccValue('91110108MA01XXL0OT')).toEqual({ value: '91110108MA01XXL00T', problem: expect.stringMatching(/校验位不符/) as unknown });
    expect(checkUsccValue('91110108774000948X').problem).toBeNull();
  });
  it('knows plates, periods and the 使用性质 terms', () => {
    expect(checkPlate('京A·12345').value).toBe('京A12345');
    expect(checkPlate('京A·12345').problem).toBeNull();
    expect(checkPlate('京I1234').problem).not.toBeNull();
    expect(checkPeriod('2019年03月05日 至 长期').value).toBe('2019-03-05至长期');
    expect(checkPeriod('2019年02月30日至长期').problem).not.toBeNull();
    expect(checkVehicleUse('非营运').value).toBe('非营运');
    expect(checkVehicleUse('测试公路客运').value).toBe('公路客运');
  });
});

describe('the scan is put upright and seals are faded before reading', () => {
  it('turns a sideways phone photo by its EXIF orientation and fades red ink but not black', () => {
    // 2 × 1 image: a red pixel left of a black one.
    const image = { width: 2, height: 1, data: new Uint8Array([220, 30, 40, 20, 20, 20]) };
    const upright = applyExifOrientation(image, 6);
    expect([upright.width, upright.height]).toEqual([1, 2]);
    expect([...upright.data]).toEqual([220, 30, 40, 20, 20, 20]);
    expect([...applyExifOrientation(image, 8).data]).toEqual([20, 20, 20, 220, 30, 40]);
    expect([...applyExifOrientation(image, 3).data]).toEqual([20, 20, 20, 220, 30, 40]);
    expect([...dropRedInk(image).data]).toEqual([255, 255, 255, 20, 20, 20]);
  });
});

describe('fields are read by label position', () => {
  const page = (lines: OcrLine[]): OcrPage => ({ width: 2000, height: 1400, rotation: 0, skewDegrees: 0, lines });
  it('joins spaced-out labels, takes a value printed below its label, follows an address onto its next line, and never trusts a failed check digit', () => {
    const result = extractFields(page([
      line('统一社会信用代码', 180, 280, 440, 320),
      line('91110108MA01XXL00T', 180, 340, 560, 380),
      line('名', 230, 550, 275, 595), line('称', 360, 550, 410, 595), line('北京示例科技有限公司', 440, 550, 900, 595),
      line('注册资本', 1300, 550, 1470, 595), line('100万元', 1500, 550, 1640, 595),
      line('住', 1300, 830, 1340, 875), line('所', 1430, 830, 1470, 875), line('北京市海淀区学院路1号', 1500, 830, 2000, 875),
      line('经营范围', 230, 830, 410, 875), line('技术开发；', 440, 830, 700, 875),
      line('3号楼201室', 1500, 890, 1700, 935), line('技术服务。', 440, 890, 700, 935),
      line('成立日期', 1300, 640, 1470, 685), line('2019年02月30日', 1500, 640, 1760, 685),
    ]), '营业执照');
    const field = (name: string) => result.fields.find((f) => f.field === name)!;
    expect(field('名称').value).toBe('北京示例科技有限公司');
    expect(field('注册资本').value).toBe('100万元');
    expect(field('住所').value).toBe('北京市海淀区学院路1号3号楼201室');
    expect(field('经营范围').value).toBe('技术开发；技术服务。');
    expect(field('统一社会信用代码').value).toBe('91110108MA01XXL00T');
    expect(field('统一社会信用代码').status).toBe('failed');
    expect(field('成立日期').status).toBe('failed');
    expect(field('法定代表人').status).toBe('missing');
  });
});

describe('cli recognize on generated scans', () => {
  it('reads a 营业执照 scanned upside down at 150 dpi, telling the kind by itself', async () => {
    const scan = generateScan('营业执照', 11, { dpi: 150, angle: 181.5 });
    const result = await recognizeScan(scan.jpeg, 'licence.jpg');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.kind).toBe('营业执照');
    expect(result.value.page.rotation).toBe(180);
    const values = Object.fromEntries(result.value.fields.map((f) => [f.field, f.value]));
    for (const field of ['名称', '统一社会信用代码', '法定代表人', '成立日期', '营业期限', '注册资本']) expect(values[field], field).toBe(scan.truth[field]);
    expect(result.value.fields.find((f) => f.field === '统一社会信用代码')?.status).toBe('ok');
  });

  it('reads a 行驶证 turned 8° with a seal over the address, through the command line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ocr-'));
    const scan = generateScan('行驶证', 12, { dpi: 200, angle: -8, sealOverText: true });
    writeFileSync(path.join(dir, 'vehicle.jpg'), scan.jpeg);
    const { code, out } = await run(dir, 'recognize', 'vehicle.jpg', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as { kind: string; fields: { field: string; value: string | null; certain: boolean }[] };
    expect(json.kind).toBe('行驶证');
    const values = Object.fromEntries(json.fields.map((f) => [f.field, f.value]));
    for (const field of ['号牌号码', '车辆类型', '使用性质', '品牌型号', '注册日期', '发证日期', '核定载人数']) expect(values[field], field).toBe(scan.truth[field]);
  });

  it('refuses what is not a scan with a Chinese sentence and exit code 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ocr-'));
    writeFileSync(path.join(dir, 'notes.jpg'), 'not an image at all');
    writeFileSync(path.join(dir, 'blank.png'), png(600, 400, 250));
    const bomb = png(40, 40, 0);
    new DataView(bomb.buffer).setUint32(16, 50_000);
    new DataView(bomb.buffer).setUint32(20, 50_000);
    writeFileSync(path.join(dir, 'bomb.png'), bomb);
    for (const [file, reason] of [['notes.jpg', /不是图片/], ['blank.png', /空白页/], ['bomb.png', /超过识别上限/], ['missing.jpg', /找不到文件/]] as const) {
      const { code, out, err } = await run(dir, 'recognize', file);
      expect(code, file).toBe(1);
      expect(err, file).toMatch(reason);
      expect(out + err, file).not.toMatch(/Error|at .*\(/);
    }
  });
});
