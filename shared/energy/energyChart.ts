import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent, LegendComponent, TitleComponent, TooltipComponent,
  type GridComponentOption, type LegendComponentOption, type TitleComponentOption, type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { isCounted, monthlyTotals, roundTce, type LedgerScope } from './comparisons';
import { compareEnergyTypes } from './energyTypes';
import type { EnergyReading } from './ledger';
import { monthlyPue } from './pue';

/*
 * The year's chart, defined once as an ECharts option: monthly tce stacked by energy type, last
 * year's monthly total beside it and, for a data centre, the monthly PUE on a right-hand axis.
 * The page draws the option live (hover tooltip, legend toggling); the PNG/PDF export and the
 * CLI's chart files render the same option to an SVG string with ECharts' server-side renderer,
 * so what is exported is what is on screen. Only the parts used are registered (echarts/core),
 * which keeps the energy page's lazy chunk small. Months without entries get no bar, never a
 * zero bar, and the tooltip says 未录入.
 */

use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export type EnergyChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption
>;

export interface EnergyTypeSeries {
  readonly energyType: string;
  /** tce per month of the year (null: no entry that month). */
  readonly tce: readonly (number | null)[];
}

export interface EnergyChartInput {
  readonly title: string;
  readonly labels: readonly string[];
  /** Monthly 综合能耗 (all counted energy types together). */
  readonly tce: readonly (number | null)[];
  /** The same split by energy type; without it the bars are one series of totals. */
  readonly byType?: readonly EnergyTypeSeries[] | null;
  readonly lastYearTce?: readonly (number | null)[] | null;
  readonly pue?: readonly (number | null)[] | null;
  readonly width?: number;
  readonly height?: number;
}

const CHART_FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif";
export const LAST_YEAR_SERIES = '上年同月合计';
export const PUE_SERIES = 'PUE';
const TOTAL_SERIES = '本年综合能耗';
const COLOURS = {
  types: ['#3b6fb6', '#2f9e8f', '#8e6cc0', '#c4563b', '#6b8e23', '#b8860b', '#4a7ab0'],
  lastYear: '#c5cedb', pue: '#d9822b', axis: '#5b6675', grid: '#e3e7ed', text: '#1f2933',
};

function isNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function fmt(n: number, digits: number): string {
  return n.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Monthly tce of each counted energy type in a scope (IT sub-meters excluded), in the ledger's type order. */
export function tceByEnergyType(readings: readonly EnergyReading[], year: number, scope: LedgerScope): EnergyTypeSeries[] {
  const months = monthlyTotals(readings, year, scope).map((m) => m.month);
  const counted = readings.filter((r) => isCounted(r, scope) && r.month.startsWith(`${year}-`));
  const types = [...new Set(counted.map((r) => r.energyType))].sort(compareEnergyTypes);
  return types.map((energyType) => ({
    energyType,
    tce: months.map((month) => {
      const ofMonth = counted.filter((r) => r.energyType === energyType && r.month === month);
      return ofMonth.length === 0 ? null : roundTce(ofMonth.reduce((sum, r) => sum + r.tce, 0));
    }),
  }));
}

/** What the chart of a scope and year shows, from the ledger. */
export function energyChartInput(
  readings: readonly EnergyReading[],
  year: number,
  scope: LedgerScope,
  options: { readonly title: string; readonly isDataCentre?: boolean; readonly width?: number; readonly height?: number },
): EnergyChartInput {
  const totals = monthlyTotals(readings, year, scope);
  const pue = options.isDataCentre && scope.kind === 'site' && scope.siteId !== null
    ? monthlyPue(readings, scope.siteId, year).map((m) => m.pue)
    : null;
  return {
    title: options.title,
    labels: totals.map((_, i) => `${i + 1}月`),
    tce: totals.map((m) => m.tce),
    byType: tceByEnergyType(readings, year, scope),
    lastYearTce: monthlyTotals(readings, year - 1, scope).map((m) => m.tce),
    pue,
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(options.height !== undefined ? { height: options.height } : {}),
  };
}

/**
 * The lines of the hover card for month `index`: each energy type's tce, the month's total, last
 * year's and the PUE. `shown` names the series the legend leaves on (all when omitted): a series
 * the officer switched off is left out of the card too.
 */
export function chartTooltipLines(input: EnergyChartInput, index: number, shown?: ReadonlySet<string>): string[] {
  const isShown = (name: string) => shown === undefined || shown.has(name);
  const lines = [input.labels[index] ?? ''];
  const total = input.tce[index];
  const byType = input.byType?.filter((s) => s.tce.some(isNumber)) ?? [];
  if (!isNumber(total)) lines.push('本年：未录入');
  else {
    for (const s of byType) {
      const v = s.tce[index];
      if (isNumber(v) && isShown(s.energyType)) lines.push(`${s.energyType}：${fmt(v, 3)} tce`);
    }
    lines.push(`本年合计：${fmt(total, 3)} tce`);
  }
  const lastYear = input.lastYearTce?.[index];
  if (input.lastYearTce?.some(isNumber) && isShown(LAST_YEAR_SERIES)) lines.push(`上年同月：${isNumber(lastYear) ? `${fmt(lastYear, 3)} tce` : '未录入'}`);
  if (input.pue?.some(isNumber) && isShown(PUE_SERIES)) {
    const p = input.pue[index];
    lines.push(`PUE：${isNumber(p) ? fmt(p, 2) : '—（缺总用电或 IT 用电）'}`);
  }
  return lines;
}

function tooltipHtml(input: EnergyChartInput, index: number, shown: ReadonlySet<string>): string {
  const [head, ...rest] = chartTooltipLines(input, index, shown);
  return [`<strong>${escapeHtml(head ?? '')}</strong>`, ...rest.map(escapeHtml)].join('<br/>');
}

/**
 * The ECharts option of the chart, built from the data alone (no DOM): one stacked bar series per
 * energy type (or one of totals), last year's totals as a separate bar, PUE as a line on its own
 * axis. Series with no figure in the year are left out, so the legend offers only what exists.
 * `withTitle: false` leaves the title to the page around the chart.
 */
export function buildEnergyChartOption(input: EnergyChartInput, options: { readonly withTitle?: boolean } = {}): EnergyChartOption {
  const withTitle = options.withTitle ?? true;
  const pue = input.pue?.some(isNumber) ? input.pue : null;
  const lastYear = input.lastYearTce?.some(isNumber) ? input.lastYearTce : null;
  const byType = (input.byType ?? []).filter((s) => s.tce.some(isNumber));
  const bars: BarSeriesOption[] = (byType.length > 0 ? byType : [{ energyType: TOTAL_SERIES, tce: input.tce }]).map((s, i) => ({
    type: 'bar',
    name: byType.length > 0 ? s.energyType : TOTAL_SERIES,
    stack: 'thisYear',
    barMaxWidth: 36,
    itemStyle: { color: COLOURS.types[i % COLOURS.types.length] },
    // '-' is ECharts' "no value": no bar at all rather than a zero bar.
    data: s.tce.map((v) => (isNumber(v) ? v : '-')),
  }));
  const series: (BarSeriesOption | LineSeriesOption)[] = [...bars];
  if (lastYear) {
    series.push({ type: 'bar', name: LAST_YEAR_SERIES, barMaxWidth: 36, itemStyle: { color: COLOURS.lastYear }, data: lastYear.map((v) => (isNumber(v) ? v : '-')) });
  }
  if (pue) {
    series.push({
      type: 'line', name: PUE_SERIES, yAxisIndex: 1, connectNulls: false, symbolSize: 7,
      itemStyle: { color: COLOURS.pue }, lineStyle: { width: 2 },
      // A white halo keeps the value readable where it crosses a bar.
      label: { show: true, position: 'top', color: COLOURS.pue, fontWeight: 'bold', textBorderColor: '#ffffff', textBorderWidth: 3, formatter: (p) => (typeof p.value === 'number' ? fmt(p.value, 2) : '') },
      data: pue.map((v) => (isNumber(v) ? v : '-')),
    });
  }
  const legend = [...bars.map((b) => String(b.name)), ...(lastYear ? [LAST_YEAR_SERIES] : []), ...(pue ? [PUE_SERIES] : [])];
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: COLOURS.text },
    // On screen the card names the chart; a file stands alone, so it carries the title.
    title: { show: withTitle, text: input.title, left: 'center', top: 8, textStyle: { fontSize: 16, fontWeight: 'bold', color: COLOURS.text } },
    legend: { data: legend, bottom: 8, itemGap: 20 },
    grid: { left: 78, right: pue ? 70 : 24, top: withTitle ? 56 : 24, bottom: 64 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // ECharts passes only the series the legend leaves on, so the card follows the toggles.
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        return tooltipHtml(input, list[0]?.dataIndex ?? 0, new Set(list.map((p) => p.seriesName ?? '')));
      },
    },
    xAxis: { type: 'category', data: [...input.labels], axisLine: { lineStyle: { color: COLOURS.axis } }, axisTick: { alignWithLabel: true } },
    yAxis: [
      {
        type: 'value', name: '综合能耗（tce）', nameLocation: 'middle', nameGap: 56, min: 0,
        axisLine: { show: true, lineStyle: { color: COLOURS.axis } }, splitLine: { lineStyle: { color: COLOURS.grid } },
      },
      ...(pue
        ? [{
            type: 'value' as const, name: 'PUE', nameLocation: 'middle' as const, nameGap: 44, position: 'right' as const,
            min: (v: { min: number }) => Math.min(1, Math.floor(v.min * 10) / 10), max: (v: { max: number }) => Math.ceil((v.max + 0.05) * 10) / 10,
            axisLine: { show: true, lineStyle: { color: COLOURS.pue } }, axisLabel: { color: COLOURS.pue, formatter: (v: number) => fmt(v, 2) },
            splitLine: { show: false },
          }]
        : []),
    ],
    series,
  };
}

/**
 * The chart as a standalone SVG string, rendered by ECharts without a DOM (server-side mode), for
 * the PNG/PDF export and the CLI's chart files.
 */
export function buildEnergyChartSvg(input: EnergyChartInput): string {
  const width = input.width ?? 960;
  const height = input.height ?? 480;
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(buildEnergyChartOption(input));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
