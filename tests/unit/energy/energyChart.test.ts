import { describe, expect, it } from 'vitest';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { siteScope } from '../../../shared/energy/comparisons';
import {
  buildEnergyChartOption, buildEnergyChartSvg, chartTooltipLines, energyChartInput, LAST_YEAR_SERIES, PUE_SERIES, tceByEnergyType,
} from '../../../shared/energy/energyChart';
import { reading } from './helpers';

/*
 * The chart is one ECharts option built from the ledger: the tests check that its series, legend
 * and hover card carry the ledger's own figures, and that the server-side SVG render of the same
 * option (used by the PNG/PDF export and the CLI) holds them too.
 */

const readings = [
  reading('dc', '2025-01', '电力', 100, '万kWh'),
  reading('dc', '2025-01', '电力', 80, '万kWh', { isItEquipment: true }),
  reading('dc', '2025-01', '柴油', 2, 't'),
  reading('dc', '2025-02', '电力', 90, '万kWh'),
  reading('dc', '2025-02', '电力', 72, '万kWh', { isItEquipment: true }),
  reading('dc', '2024-01', '电力', 95, '万kWh'),
  reading('office', '2025-01', '电力', 3, '万kWh'),
];
const tceOf = (siteId: string, month: string, type: string) =>
  readings.filter((r) => r.siteId === siteId && r.month === month && r.energyType === type && !r.isItEquipment).reduce((s, r) => s + r.tce, 0);

const input = energyChartInput(readings, 2025, siteScope('dc'), { title: '亦庄数据中心 2025 年', isDataCentre: true });
const option = buildEnergyChartOption(input);
const series = option.series as (BarSeriesOption | LineSeriesOption)[];
const byName = (name: string) => series.find((s) => s.name === name);

describe('tceByEnergyType', () => {
  it('splits a site month by energy type, leaving IT sub-meters and other sites out', () => {
    const split = tceByEnergyType(readings, 2025, siteScope('dc'));
    expect(split.map((s) => s.energyType)).toEqual(['电力', '柴油']);
    expect(split[0]?.tce[0]).toBeCloseTo(tceOf('dc', '2025-01', '电力'), 6);
    expect(split[1]?.tce[0]).toBeCloseTo(tceOf('dc', '2025-01', '柴油'), 6);
    expect(split[1]?.tce[1]).toBeNull();
    expect(split[0]?.tce[2]).toBeNull();
  });
});

describe('buildEnergyChartOption', () => {
  it('stacks one bar series per energy type with the ledger tce, no bar for a month without entries', () => {
    const electricity = byName('电力') as BarSeriesOption;
    expect(electricity.type).toBe('bar');
    expect(electricity.stack).toBe('thisYear');
    expect((electricity.data as unknown[])[0]).toBeCloseTo(tceOf('dc', '2025-01', '电力'), 6);
    expect((electricity.data as unknown[])[1]).toBeCloseTo(tceOf('dc', '2025-02', '电力'), 6);
    expect((electricity.data as unknown[])[2]).toBe('-');
    expect((byName('柴油') as BarSeriesOption).stack).toBe('thisYear');
  });

  it('puts last year beside and the PUE on its own axis, and offers exactly those series in the legend', () => {
    expect((byName(LAST_YEAR_SERIES)?.data as unknown[])[0]).toBeCloseTo(tceOf('dc', '2024-01', '电力'), 6);
    const pue = byName(PUE_SERIES) as LineSeriesOption;
    expect(pue.yAxisIndex).toBe(1);
    expect((pue.data as unknown[])[0]).toBeCloseTo(100 / 80, 6);
    expect((pue.data as unknown[])[1]).toBeCloseTo(90 / 72, 6);
    const legend = option.legend as { data: string[] };
    expect(legend.data).toEqual(['电力', '柴油', LAST_YEAR_SERIES, PUE_SERIES]);
  });

  it('leaves the title to the page on screen and keeps it for a file', () => {
    expect((buildEnergyChartOption(input, { withTitle: false }).title as { show: boolean }).show).toBe(false);
    expect((option.title as { show: boolean; text: string })).toMatchObject({ show: true, text: '亦庄数据中心 2025 年' });
  });

  it('leaves out last year and PUE when the ledger has none', () => {
    const office = buildEnergyChartOption(energyChartInput(readings, 2025, siteScope('office'), { title: '办公区' }));
    expect((office.series as { name: string }[]).map((s) => s.name)).toEqual(['电力']);
  });
});

describe('chartTooltipLines', () => {
  it('answers a hover with the month’s tce by energy type, the total, last year and the PUE', () => {
    const lines = chartTooltipLines(input, 0);
    const fmt = (n: number, d: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });
    expect(lines[0]).toBe('1月');
    expect(lines).toContain(`电力：${fmt(tceOf('dc', '2025-01', '电力'), 3)} tce`);
    expect(lines).toContain(`柴油：${fmt(tceOf('dc', '2025-01', '柴油'), 3)} tce`);
    expect(lines).toContain(`本年合计：${fmt(tceOf('dc', '2025-01', '电力') + tceOf('dc', '2025-01', '柴油'), 3)} tce`);
    expect(lines).toContain(`上年同月：${fmt(tceOf('dc', '2024-01', '电力'), 3)} tce`);
    expect(lines).toContain('PUE：1.25');
  });

  it('says 未录入 for an empty month and drops series the legend switched off', () => {
    expect(chartTooltipLines(input, 5)).toContain('本年：未录入');
    const shown = chartTooltipLines(input, 0, new Set(['电力', PUE_SERIES]));
    expect(shown.some((l) => l.startsWith('柴油'))).toBe(false);
    expect(shown.some((l) => l.startsWith('上年同月'))).toBe(false);
    expect(shown).toContain('PUE：1.25');
  });

  it('is what the option’s tooltip formatter prints, escaped', () => {
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([{ dataIndex: 1, seriesName: '电力' }, { dataIndex: 1, seriesName: PUE_SERIES }]);
    expect(html).toContain('<strong>2月</strong>');
    expect(html).toContain('PUE：1.25');
    expect(html).not.toContain('上年同月');
  });
});

describe('buildEnergyChartSvg (ECharts server-side render)', () => {
  const svg = buildEnergyChartSvg(input);
  it('is one SVG document with the title, axis names, legend and no broken numbers', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    for (const text of ['亦庄数据中心 2025 年', '综合能耗（tce）', '电力', '柴油', LAST_YEAR_SERIES, 'PUE', '1月', '12月']) expect(svg).toContain(text);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('draws the PUE labels from the data', () => {
    expect(svg).toContain('>1.25<');
  });

  it('renders at the asked size', () => {
    expect(buildEnergyChartSvg({ ...input, width: 640, height: 320 })).toMatch(/^<svg width="640" height="320"/);
  });
});
