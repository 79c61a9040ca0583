import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateScan, type ScanKind } from '../../ocr/scanGenerator';
import { runNodeChild } from '../childProcess';
import type { Measurement } from '../harness';

/*
 * Scan recognition in the desktop app's native path (issue 18 "Speed"): onnxruntime-node in the
 * recognition process, run here as tests/bench/recognitionNativeChild.ts in a fresh Node process
 * (same job runner, loader and thread count as the Electron utility process; its peak memory is
 * its own). Targets: the first 营业执照 A4 at 200 dpi including the model load ≤ 10 s, then
 * ≤ 3 s warm; 50 行驶证 in one batch within 800 MB. Scans are generated before anything is timed.
 * The machine is shared: the load average at the start is recorded beside the times.
 */

const FIRST_SCAN_MAX_MS = 10_000;
const WARM_MAX_MS = 3_000;
const BATCH_MAX_RSS_MB = 800;

interface ChildReport {
  readonly totalMs: number;
  readonly scanMs: readonly number[];
  readonly loadS: readonly (number | null)[];
  readonly recognitionS: readonly (number | null)[];
  readonly fieldsRight: number;
  readonly fieldsTotal: number;
  readonly failures: readonly string[];
  readonly threads: number;
  readonly maxRssKiB: number;
  readonly idleRssKiB: number;
}

const CHILD = path.resolve(import.meta.dirname, '../recognitionNativeChild.ts');

async function writeScans(dir: string, kind: ScanKind, firstSeed: number, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const scan = generateScan(kind, firstSeed + i, { dpi: 200, angle: (i % 5) - 2 });
    const name = String(i).padStart(3, '0');
    await writeFile(path.join(dir, `${name}.jpg`), scan.jpeg);
    await writeFile(path.join(dir, `${name}.json`), JSON.stringify(scan.truth));
  }
}

const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
const mb = (kib: number) => Math.round(kib / 1024);

export function recognitionNativeMeasurements(quick: boolean): Measurement[] {
  const warmRuns = quick ? 1 : 3;
  const batchSize = quick ? 5 : 50;
  let root: string | null = null;
  const folder = async () => {
    root ??= await mkdtemp(path.join(os.tmpdir(), 'cw-bench-recognition-native-'));
    return root;
  };
  let remaining = 2;
  const teardown = async () => {
    remaining -= 1;
    if (remaining > 0 || root === null) return;
    await rm(root, { recursive: true, force: true });
    root = null;
  };

  // 营业执照: one child reads 1 + warmRuns scans in turn; the first includes the model load, each
  // run() then hands the harness one of the warm scans' times (self-timed: they were measured in
  // the child, where the models stay loaded between scans as in the app).
  let single: ChildReport | null = null;
  let singleLoad = '';
  let nextWarm = 1;
  let batch: ChildReport | null = null;
  let batchLoad = '';

  const failIfWrong = (report: ChildReport, what: string): void => {
    if (report.failures.length > 0) throw new Error(`${what}：${report.failures.join('；')}`);
  };

  return [
    {
      name: '识别 营业执照 A4 200dpi（桌面 原生）',
      size: `1 份 A4 扫描件（JPEG，200 dpi）；首次含加载模型，另 ${warmRuns} 份热识别`,
      targetMs: WARM_MAX_MS,
      isSelfTimed: true,
      repetitions: { warmups: 0, runs: warmRuns },
      setup: async () => {
        const dir = path.join(await folder(), 'licence');
        await writeScans(dir, '营业执照', 3000, 1 + warmRuns);
        singleLoad = loadAverage();
        single = await runNodeChild<ChildReport>(CHILD, [dir, '营业执照', 'sequential'], { label: 'recognition native licence' });
        failIfWrong(single, '营业执照识别失败');
        nextWarm = 1;
      },
      run: () => {
        const ms = single?.scanMs[nextWarm++];
        if (ms === undefined) throw new Error('no warm scan left');
        return Promise.resolve(ms);
      },
      checks: () => [{ label: '首次识别（含加载模型）', value: Math.round(single?.scanMs[0] ?? Infinity), max: FIRST_SCAN_MAX_MS, unit: 'ms' }],
      extras: () => ({
        firstScanMs: Math.round(single?.scanMs[0] ?? 0),
        modelLoadS: single?.loadS[0] ?? 0,
        warmRecognitionS: (single?.recognitionS.slice(1) ?? []).join(' '),
        fieldsRight: `${single?.fieldsRight ?? 0}/${single?.fieldsTotal ?? 0}`,
        threads: single?.threads ?? 0,
        loadAverageAtStart: singleLoad,
      }),
      teardown,
    },
    {
      name: `识别 ${batchSize} 张行驶证（桌面 原生）`,
      size: `${batchSize} 份行驶证扫描件（JPEG，200 dpi）一次排队；含加载模型`,
      isSelfTimed: true,
      repetitions: { warmups: 0, runs: 1 },
      setup: async () => {
        await writeScans(path.join(await folder(), 'vehicles'), '行驶证', 4000, batchSize);
      },
      run: async () => {
        batchLoad = loadAverage();
        // Queued: every scan's bytes wait in the process at once, the most it can hold.
        batch = await runNodeChild<ChildReport>(CHILD, [path.join(await folder(), 'vehicles'), '行驶证', 'queued'], { label: 'recognition native batch' });
        failIfWrong(batch, '行驶证识别失败');
        return batch.totalMs;
      },
      checks: () => [{ label: '峰值内存', value: mb(batch?.maxRssKiB ?? Infinity), max: BATCH_MAX_RSS_MB, unit: 'MB' }],
      extras: () => {
        const perScan = (batch?.recognitionS ?? []).filter((s): s is number => s !== null).sort((a, b) => a - b);
        return {
          modelLoadS: batch?.loadS[0] ?? 0,
          medianRecognitionS: perScan[Math.floor(perScan.length / 2)] ?? 0,
          fieldsRight: `${batch?.fieldsRight ?? 0}/${batch?.fieldsTotal ?? 0}`,
          idleRssMB: mb(batch?.idleRssKiB ?? 0),
          loadAverageAtStart: batchLoad,
        };
      },
      teardown,
    },
  ];
}
