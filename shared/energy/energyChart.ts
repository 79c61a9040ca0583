/*
 * The year's chart as a standalone SVG string: monthly tce bars (optionally beside last year's)
 * and, for a data centre, the monthly PUE as a line on a right-hand axis. Pure string building so
 * it runs anywhere; the page shows it as is and rasterises it to PNG (canvas) or embeds it in a
 * PDF. Months without entries get no bar and a "未录入" mark, never a zero bar.
 */

export interface EnergyChartInput {
  readonly title: string;
  readonly labels: readonly string[];
  readonly tce: readonly (number | null)[];
  readonly lastYearTce?: readonly (number | null)[] | null;
  readonly pue?: readonly (number | null)[] | null;
  readonly width?: number;
  readonly height?: number;
}

export const CHART_FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif";
const COLOURS = { bar: '#3b6fb6', lastYear: '#c5cedb', pue: '#d9822b', axis: '#5b6675', grid: '#e3e7ed', text: '#1f2933', missing: '#9aa5b1' };

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Round tick steps (1, 2, 2.5, 5 × 10^n) covering 0…max in about `count` steps. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min, min + 1];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const start = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = start; v < max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function fmt(n: number, digits: number): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: digits });
}

function isNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function buildEnergyChartSvg(input: EnergyChartInput): string {
  const width = input.width ?? 960;
  const height = input.height ?? 480;
  const pue = input.pue?.some(isNumber) ? input.pue : null;
  const lastYear = input.lastYearTce?.some(isNumber) ? input.lastYearTce : null;
  const margin = { left: 78, right: pue ? 70 : 24, top: 56, bottom: 84 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const n = Math.max(input.labels.length, 1);
  const slot = plotW / n;

  const maxTce = Math.max(0, ...input.tce.filter(isNumber), ...(lastYear ?? []).filter(isNumber));
  const tceTicks = niceTicks(0, maxTce > 0 ? maxTce : 1);
  const tceTop = tceTicks[tceTicks.length - 1] ?? 1;
  const yTce = (v: number) => margin.top + plotH - (v / tceTop) * plotH;

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(CHART_FONT_FAMILY)}" font-size="12" role="img" aria-label="${escapeXml(input.title)}">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${width / 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold" fill="${COLOURS.text}">${escapeXml(input.title)}</text>`);

  // Left axis (tce) with grid lines.
  for (const t of tceTicks) {
    const y = yTce(t).toFixed(1);
    parts.push(`<line class="grid" x1="${margin.left}" x2="${margin.left + plotW}" y1="${y}" y2="${y}" stroke="${COLOURS.grid}"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${y}" dy="4" text-anchor="end" fill="${COLOURS.axis}">${fmt(t, 3)}</text>`);
  }
  parts.push(`<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="${COLOURS.axis}">综合能耗（tce）</text>`);
  parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="${COLOURS.axis}"/>`);
  parts.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="${COLOURS.axis}"/>`);

  const barW = Math.min(36, slot * (lastYear ? 0.36 : 0.6));
  input.labels.forEach((label, i) => {
    const centre = margin.left + slot * i + slot / 2;
    parts.push(`<text x="${centre.toFixed(1)}" y="${margin.top + plotH + 18}" text-anchor="middle" fill="${COLOURS.text}">${escapeXml(label)}</text>`);
    const value = input.tce[i];
    const previous = lastYear?.[i];
    const x = lastYear ? centre + 1 : centre - barW / 2;
    if (lastYear && isNumber(previous)) {
      parts.push(`<rect class="bar-last-year" x="${(centre - barW - 1).toFixed(1)}" y="${yTce(previous).toFixed(1)}" width="${barW.toFixed(1)}" height="${(margin.top + plotH - yTce(previous)).toFixed(1)}" fill="${COLOURS.lastYear}"><title>${escapeXml(`${label} 上年：${fmt(previous, 3)} tce`)}</title></rect>`);
    }
    if (isNumber(value)) {
      parts.push(`<rect class="bar" x="${x.toFixed(1)}" y="${yTce(value).toFixed(1)}" width="${barW.toFixed(1)}" height="${(margin.top + plotH - yTce(value)).toFixed(1)}" fill="${COLOURS.bar}"><title>${escapeXml(`${label}：${fmt(value, 3)} tce`)}</title></rect>`);
    } else {
      parts.push(`<text class="missing" x="${centre.toFixed(1)}" y="${margin.top + plotH - 6}" text-anchor="middle" font-size="10" fill="${COLOURS.missing}">未录入</text>`);
    }
  });

  if (pue) {
    const values = pue.filter(isNumber);
    const ticks = niceTicks(Math.min(1, Math.floor(Math.min(...values) * 10) / 10), Math.max(...values) + 0.05, 4);
    const low = ticks[0] ?? 1;
    const high = ticks[ticks.length - 1] ?? 2;
    const yPue = (v: number) => margin.top + plotH - ((v - low) / (high - low)) * plotH;
    const right = margin.left + plotW;
    parts.push(`<line x1="${right}" x2="${right}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="${COLOURS.pue}"/>`);
    for (const t of ticks) parts.push(`<text x="${right + 8}" y="${yPue(t).toFixed(1)}" dy="4" fill="${COLOURS.pue}">${fmt(t, 2)}</text>`);
    parts.push(`<text transform="translate(${width - 14} ${margin.top + plotH / 2}) rotate(90)" text-anchor="middle" fill="${COLOURS.pue}">PUE</text>`);
    // A month without PUE breaks the line rather than joining its neighbours across the gap.
    let segment: string[] = [];
    const flush = () => {
      if (segment.length > 1) parts.push(`<polyline class="pue-line" points="${segment.join(' ')}" fill="none" stroke="${COLOURS.pue}" stroke-width="2"/>`);
      segment = [];
    };
    pue.forEach((v, i) => {
      if (!isNumber(v)) { flush(); return; }
      const x = (margin.left + slot * i + slot / 2).toFixed(1);
      const y = yPue(v).toFixed(1);
      segment.push(`${x},${y}`);
      parts.push(`<circle class="pue-point" cx="${x}" cy="${y}" r="3.5" fill="${COLOURS.pue}"><title>${escapeXml(`${input.labels[i] ?? ''} PUE：${fmt(v, 2)}`)}</title></circle>`);
      // A white halo keeps the value readable where it crosses a bar.
      parts.push(`<text x="${x}" y="${y}" dy="-8" text-anchor="middle" font-size="11" font-weight="bold" fill="${COLOURS.pue}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${fmt(v, 2)}</text>`);
    });
    flush();
  }

  // Legend.
  const legend: { colour: string; label: string; isLine: boolean }[] = [{ colour: COLOURS.bar, label: '本年综合能耗（tce）', isLine: false }];
  if (lastYear) legend.push({ colour: COLOURS.lastYear, label: '上年同月（tce）', isLine: false });
  if (pue) legend.push({ colour: COLOURS.pue, label: 'PUE', isLine: true });
  let lx = margin.left;
  const ly = height - 28;
  for (const item of legend) {
    parts.push(item.isLine
      ? `<line x1="${lx}" x2="${lx + 18}" y1="${ly}" y2="${ly}" stroke="${item.colour}" stroke-width="2"/>`
      : `<rect x="${lx}" y="${ly - 6}" width="18" height="12" fill="${item.colour}"/>`);
    parts.push(`<text x="${lx + 24}" y="${ly}" dy="4" fill="${COLOURS.text}">${escapeXml(item.label)}</text>`);
    lx += 24 + item.label.length * 13 + 24;
  }
  parts.push('</svg>');
  return parts.join('\n');
}
