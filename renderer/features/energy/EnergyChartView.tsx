import { init, type ECharts } from 'echarts/core';
import { useEffect, useRef } from 'react';
// The option builder also registers the chart parts used (echarts/core keeps the bundle small).
import type { EnergyChartOption } from '../../../shared/energy/energyChart';

/**
 * The live chart: ECharts draws the domain's option (shared/energy/energyChart.ts) as SVG, answers
 * a hover with the month's figures and lets the officer switch series on and off in the legend.
 * It follows its container's width.
 */
export function EnergyChartView({ option, title, height = 440 }: { readonly option: EnergyChartOption; readonly title: string; readonly height?: number }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);

  useEffect(() => {
    const element = containerRef.current;
    if (!element) return undefined;
    const chart = init(element, undefined, { renderer: 'svg' });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a series that no longer exists (another site, another year) must not linger.
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={containerRef} role="figure" aria-label={title} style={{ width: '100%', height }} />;
}
