import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { recognizeScan } from '../../../electron/ocr/recognizeScan';
import { lineDirections } from '../../../shared/ocr/pipeline';
import { generateScan } from '../../ocr/scanGenerator';

describe('a page fed sideways is turned a quarter before reading', () => {
  it('counts boxes running across and up and down', () => {
    expect(lineDirections([
      { cx: 0, cy: 0, width: 300, height: 40, angle: 0 },
      { cx: 0, cy: 0, width: 40, height: 300, angle: 0.1 },
      { cx: 0, cy: 0, width: 30, height: 200, angle: -0.2 },
      { cx: 0, cy: 0, width: 40, height: 40, angle: 0 },
    ])).toEqual({ across: 1, upDown: 2 });
  });

  for (const [kind, seed, angle, rotation] of [['行驶证', 41, 91, 90], ['营业执照', 42, 268, 270]] as const) {
    it(`reads a ${kind} turned ${angle}° (no EXIF) as turned ${rotation}°, boxes in the scan as given`, async () => {
      const scan = generateScan(kind, seed, { angle, dpi: 200 });
      const size = jpeg.decode(scan.jpeg);
      expect(size.height).toBeGreaterThan(size.width);
      const result = await recognizeScan(scan.jpeg, 'sideways.jpg');
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.kind).toBe(kind);
      expect(result.value.page.rotation).toBe(rotation);
      expect(result.value.notes.join('')).toMatch(/横放.*转正/);
      expect(result.value.image).toEqual({ width: size.width, height: size.height });
      const fields = kind === '行驶证' ? ['号牌号码', '注册日期', '使用性质'] : ['统一社会信用代码', '名称', '成立日期'];
      for (const name of fields) {
        const field = result.value.fields.find((f) => f.field === name)!;
        expect(field.value, name).toBe(scan.truth[name]);
        // On the sideways scan a line of text is a tall, narrow box inside the image.
        expect(field.box!.height, name).toBeGreaterThan(field.box!.width);
        expect(field.box!.x + field.box!.width).toBeLessThanOrEqual(size.width + 5);
        expect(field.box!.y + field.box!.height).toBeLessThanOrEqual(size.height + 5);
      }
    });
  }
});
