import { describe, expect, it } from 'vitest';
import { recognizeScan } from '../../../electron/ocr/recognizeScan';
import { checkIdNumber } from '../../../shared/ocr/checks';
import { extractFields } from '../../../shared/ocr/fields';
import type { OcrLine, OcrPage } from '../../../shared/ocr/pipeline';
import { fictionalIdNumber, generateScan, rng, type ScanKind, type ScanOptions } from '../../ocr/scanGenerator';

function line(text: string, x0: number, y0: number, x1: number, y1: number, confidence = 0.99): OcrLine {
  return { text, confidence, x0, y0, x1, y1, isRed: false, quad: [{ x: x0, y: y0 }, { x: x1, y: y0 }, { x: x1, y: y1 }, { x: x0, y: y1 }] };
}
const page = (lines: OcrLine[]): OcrPage => ({ width: 1200, height: 900, rotation: 0, skewDegrees: 0, lines });

describe('the generators of the three newer kinds make valid fictional documents', () => {
  it('gives ID numbers with a correct GB 11643 check character and the sex in the sequence', () => {
    for (let seed = 0; seed < 200; seed++) {
      const r = rng(seed);
      const male = seed % 2 === 0;
      const id = fictionalIdNumber(r, { y: 1950 + (seed % 50), m: 1 + (seed % 12), d: 1 + (seed % 28) }, male);
      expect(checkIdNumber(id).problem, id).toBeNull();
      expect(Number(id[16]) % 2, id).toBe(male ? 1 : 0);
    }
    expect(checkIdNumber(generateScan('身份证', 5, { dpi: 150 }).truth['公民身份号码']!).problem).toBeNull();
  });
});

describe('fields of the ID card, 药品经营许可证 and 执业药师注册证 by label position', () => {
  it('never proposes an ID number failing its check digit as certain, and reads the validity on the back', () => {
    const result = extractFields(page([
      line('姓', 60, 80, 80, 100), line('名', 95, 80, 115, 100), line('李杰', 140, 78, 200, 102),
      line('公民身份号码', 60, 300, 190, 320), line('110108196810172964', 210, 296, 560, 324),
      line('签发机关', 110, 620, 190, 640), line('北京市公安局石景山分局', 200, 618, 460, 642),
      line('有效期限', 110, 680, 190, 700), line('2024.09.07-长期', 200, 678, 360, 702),
    ]), '身份证');
    const field = (name: string) => result.fields.find((f) => f.field === name)!;
    expect(field('姓名').value).toBe('李杰');
    expect(field('公民身份号码').status).toBe('failed');
    expect(field('公民身份号码').problem).toMatch(/校验位不符/);
    expect(field('有效期限').value).toBe('2024-09-07至长期');
  });

  it('keeps a 药店 inside a company name (the name ends at its 有限公司)', () => {
    const result = extractFields(page([
      line('企业名称', 60, 80, 160, 100), line('北京东方药店有限公司', 240, 78, 480, 102),
      line('证', 60, 500, 80, 520), line('号', 130, 500, 150, 520), line('京BB1103360', 240, 498, 400, 522),
      line('有效期至', 700, 500, 800, 520), line('2030年07月14日', 860, 498, 1020, 522),
    ]), '药品经营许可证');
    const field = (name: string) => result.fields.find((f) => f.field === name)!;
    expect(field('企业名称').value).toBe('北京东方药店有限公司');
    expect(field('证号').value).toBe('京BB1103360');
    expect(field('有效期至').value).toBe('2030-07-14');
  });
});

describe('recognition of generated scans of the three newer kinds', () => {
  const cases: [ScanKind, number, ScanOptions][] = [
    ['身份证', 51, { dpi: 200, photocopy: true }],
    ['药品经营许可证', 52, { dpi: 150, sealOverText: true }],
    ['执业药师注册证', 53, { dpi: 300, angle: 178 }],
  ];
  for (const [kind, seed, options] of cases) {
    it(`reads a ${kind} (${JSON.stringify(options)}) and tells its kind`, async () => {
      const scan = generateScan(kind, seed, options);
      const result = await recognizeScan(scan.jpeg, `${kind}.jpg`);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.kind).toBe(kind);
      for (const field of result.value.fields) {
        expect(field.value?.replace(/（/g, '(').replace(/）/g, ')'), field.field).toBe(scan.truth[field.field]?.replace(/（/g, '(').replace(/）/g, ')'));
      }
    });
  }
});
