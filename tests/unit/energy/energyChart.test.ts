import { describe, expect, it } from 'vitest';
import { buildEnergyChartSvg, escapeXml, niceTicks } from '../../../shared/energy/energyChart';

const labels = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
const tce = [620.5, 563, 626.4, 611.2, 640.2, 673.7, 709.9, 715.8, 669.8, 641.3, 618.4, null];
const pue = [1.34, 1.34, 1.33, 1.33, 1.33, 1.35, 1.37, 1.37, null, 1.34, 1.33, null];

const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length;

describe('buildEnergyChartSvg', () => {
  const svg = buildEnergyChartSvg({ title: '亦庄数据中心 2021 年月度综合能耗与 PUE', labels, tce, pue, lastYearTce: tce.map((v) => (v === null ? null : v * 0.95)) });

  it('is one well-formed SVG document with a title and both axes', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('亦庄数据中心 2021 年月度综合能耗与 PUE');
    expect(svg).toContain('综合能耗（tce）');
    expect(svg).toContain('>PUE</text>');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('draws a bar per entered month, last year beside it, and marks the missing month', () => {
    expect(count(svg, /class="bar"/g)).toBe(11);
    expect(count(svg, /class="bar-last-year"/g)).toBe(11);
    expect(count(svg, /class="missing"/g)).toBe(1);
    expect(svg).toContain('<title>11月：618.4 tce</title>');
    expect(svg).not.toContain('<title>12月：');
  });

  it('breaks the PUE line where a month has no PUE', () => {
    expect(count(svg, /class="pue-point"/g)).toBe(10);
    const lines = [...svg.matchAll(/class="pue-line" points="([^"]+)"/g)].map((m) => (m[1] ?? '').split(' ').length);
    expect(lines).toEqual([8, 2]);
  });

  it('puts taller bars higher (smaller y) than shorter ones', () => {
    const ys = [...svg.matchAll(/<rect class="bar" x="[\d.]+" y="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys[7]).toBeLessThan(ys[1] ?? 0); // 8月 715.8 above 2月 563
  });

  it('leaves out the PUE axis for a site without PUE, and escapes text', () => {
    const plain = buildEnergyChartSvg({ title: 'A&B <办公楼>', labels, tce: tce.map(() => null) });
    expect(plain).not.toContain('>PUE<');
    expect(plain).toContain('A&amp;B &lt;办公楼&gt;');
    expect(count(plain, /class="missing"/g)).toBe(12);
    expect(plain).not.toMatch(/NaN|Infinity/);
  });

  it('escapes all five XML characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

describe('niceTicks', () => {
  it.each([
    [0, 715.8, [0, 200, 400, 600, 800]],
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [1, 1.42, [1, 1.1, 1.2, 1.3, 1.4, 1.5]],
    [0, 12.29, [0, 2.5, 5, 7.5, 10, 12.5]],
  ])('%d…%d', (min, max, ticks) => {
    expect(niceTicks(min, max)).toEqual(ticks);
  });
});
