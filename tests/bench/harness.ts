import { performance } from 'node:perf_hooks';

/**
 * A measurement: the work, how often to repeat it, and optionally a reference measured in the
 * same run (e.g. a bare write with the same library, or qpdf) so that ratios, not absolute
 * times, carry the verdict across machines.
 */
export interface Measurement {
  readonly name: string;
  /** Chinese description of the size of the work, for the table. */
  readonly size: string;
  readonly targetMs?: number;
  /** Overrides the suite's repetitions for quick work whose single runs are noisy. */
  readonly repetitions?: { readonly warmups: number; readonly runs: number };
  /** Largest allowed ratio to the reference median. */
  readonly maxRatioToReference?: number;
  readonly setup?: () => Promise<void> | void;
  readonly run: () => unknown;
  /**
   * run() resolves to its own duration in ms (e.g. the page's clock in a browser) instead of being
   * timed from outside, for work whose start and end are observed elsewhere.
   */
  readonly isSelfTimed?: boolean;
  readonly reference?: { readonly name: string; readonly run: () => unknown; readonly isSelfTimed?: boolean };
  /** Limits other than time, checked after the runs (output size, peak memory...); each counts toward the verdict. */
  readonly checks?: () => Promise<readonly LimitCheck[]> | readonly LimitCheck[];
  /** Extra numbers to record after the runs (sizes, peak memory...). */
  readonly extras?: () => Promise<Record<string, number | string>> | Record<string, number | string>;
  readonly teardown?: () => Promise<void> | void;
}

interface LimitCheck {
  /** Chinese, e.g. "峰值内存". */
  readonly label: string;
  readonly value: number;
  readonly max: number;
  readonly unit: string;
}

interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
}

export interface MeasurementResult {
  readonly name: string;
  readonly size: string;
  readonly timing: Timing;
  readonly reference?: Timing & { readonly name: string };
  readonly ratio?: number;
  readonly targetMs?: number;
  readonly maxRatioToReference?: number;
  readonly meetsTarget: boolean;
  readonly checks: readonly (LimitCheck & { readonly isMet: boolean })[];
  readonly extras: Record<string, number | string>;
}

async function time(fn: () => unknown, warmups: number, runs: number, isSelfTimed = false): Promise<Timing> {
  for (let i = 0; i < warmups; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const returned = await fn();
    const elapsed = performance.now() - start;
    if (isSelfTimed && (typeof returned !== 'number' || !Number.isFinite(returned))) throw new Error('a self-timed run must resolve to its duration in ms');
    samples.push(isSelfTimed ? (returned as number) : elapsed);
  }
  samples.sort((a, b) => a - b);
  const mid = Math.floor(samples.length / 2);
  const median = samples.length % 2 === 1 ? (samples[mid] ?? 0) : ((samples[mid - 1] ?? 0) + (samples[mid] ?? 0)) / 2;
  return { medianMs: median, minMs: samples[0] ?? 0, maxMs: samples.at(-1) ?? 0, runs };
}

export async function measure(m: Measurement, options: { readonly warmups: number; readonly runs: number }): Promise<MeasurementResult> {
  await m.setup?.();
  try {
    const { warmups, runs } = m.repetitions && options.runs > 1 ? m.repetitions : options;
    const timing = await time(m.run, warmups, runs, m.isSelfTimed);
    const reference = m.reference ? { name: m.reference.name, ...(await time(m.reference.run, warmups, runs, m.reference.isSelfTimed)) } : undefined;
    const ratio = reference && reference.medianMs > 0 ? timing.medianMs / reference.medianMs : undefined;
    const extras = (await m.extras?.()) ?? {};
    const checks = ((await m.checks?.()) ?? []).map((c) => ({ ...c, isMet: c.value <= c.max }));
    const meetsTarget = (m.targetMs === undefined || timing.medianMs <= m.targetMs)
      && (m.maxRatioToReference === undefined || ratio === undefined || ratio <= m.maxRatioToReference)
      && checks.every((c) => c.isMet);
    return {
      name: m.name, size: m.size, timing, extras, meetsTarget, checks,
      ...(reference ? { reference } : {}), ...(ratio !== undefined ? { ratio } : {}),
      ...(m.targetMs !== undefined ? { targetMs: m.targetMs } : {}),
      ...(m.maxRatioToReference !== undefined ? { maxRatioToReference: m.maxRatioToReference } : {}),
    };
  } finally {
    await m.teardown?.();
  }
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);

export function formatTable(results: readonly MeasurementResult[]): string {
  const rows = results.map((r) => [
    r.name,
    r.size,
    fmt(r.timing.medianMs),
    `${fmt(r.timing.minMs)} – ${fmt(r.timing.maxMs)}`,
    r.reference ? `${r.reference.name} ${fmt(r.reference.medianMs)}` : '',
    r.ratio !== undefined ? `${r.ratio.toFixed(2)}×` : '',
    [
      r.targetMs !== undefined ? `≤ ${fmt(r.targetMs)}` : '', r.maxRatioToReference !== undefined ? `≤ ${r.maxRatioToReference}×` : '',
      ...r.checks.map((c) => `${c.label} ≤ ${c.max} ${c.unit}`),
    ].filter(Boolean).join(', '),
    r.meetsTarget ? '达标' : '未达标',
    [...r.checks.map((c) => `${c.label} ${c.value} ${c.unit}`), ...Object.entries(r.extras).map(([k, v]) => `${k}=${v}`)].join(' '),
  ]);
  const header = ['测量', '规模', '中位数', '最小 – 最大', '参照', '比值', '目标', '结果', '其他'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
