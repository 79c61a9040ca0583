import type { Server } from 'node:http';
import os from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import { recognizeScan } from '../../../electron/ocr/recognizeScan';
import { generateScan } from '../../ocr/scanGenerator';
import { chromiumLaunchOptions } from '../browserBuild';
import type { Measurement } from '../harness';
import { buildProbe, openProbe, recognizeInPage, serveDist } from './recognitionBrowser';

/*
 * Scan recognition in the browser build's worker (issue 18 "Speed": one A4 at 200 dpi ≤ 5 s warm,
 * the first scan including the model load ≤ 10 s), in Chromium against a fresh build. The first
 * scan is read in a fresh page (so a fresh worker: WASM runtime and models load), each run then
 * reads another scan in that page (models loaded). Times are the page's clock around
 * recognizeScans; the load average at the start is recorded beside them (the machine is shared).
 * The reference is the same work on onnxruntime-node with one thread (the worker has one unless
 * the page is cross-origin isolated), so the ratio tells WASM's cost apart from a busy machine.
 */

const DIST = 'dist/renderer-bench-recognition';
const FIRST_SCAN_MAX_MS = 10_000;
const WARM_MAX_MS = 5_000;

export function recognitionWorkerMeasurements(quick: boolean): Measurement[] {
  let browser: Browser | null = null;
  let server: Server | null = null;
  let page: Page | null = null;
  let firstMs = Infinity;
  let modelLoadS = 0;
  let seed = 2000;
  const warm: { recognitionS: number }[] = [];
  let loadAverage = '';

  /** One generated 营业执照; the result must be read, with the right USCC, or the time means nothing. */
  const readOne = async (target: Page): Promise<{ ms: number; loadS: number; recognitionS: number }> => {
    const scan = generateScan('营业执照', seed++, { dpi: 200, angle: 1 });
    const batch = await recognizeInPage(target, [{ name: `营业执照-${scan.seed}.jpg`, bytes: scan.jpeg }], '营业执照');
    const result = batch.results[0];
    if (result?.ok !== true || result.seconds === null) throw new Error(`识别失败：${result?.errorMessage ?? '无结果'}`);
    if (result.fields['统一社会信用代码'] !== scan.truth['统一社会信用代码']) {
      throw new Error(`统一社会信用代码识别为 ${result.fields['统一社会信用代码'] ?? '（无）'}，应为 ${scan.truth['统一社会信用代码'] ?? ''}`);
    }
    return { ms: batch.elapsedMs, loadS: result.seconds.load, recognitionS: result.seconds.recognition };
  };

  /** The same kind of scan natively, timed from outside; models already loaded in setup. */
  const readNative = async (): Promise<void> => {
    const scan = generateScan('营业执照', seed++, { dpi: 200, angle: 1 });
    const result = await recognizeScan(scan.jpeg, `营业执照-${scan.seed}.jpg`, '营业执照', { threads: 1 });
    if (!result.ok) throw new Error(`原生识别失败：${result.error.message}`);
  };

  return [{
    name: '识别 营业执照 A4 200dpi（浏览器 worker）',
    size: '1 份 A4 扫描件（JPEG，200 dpi）；首次含加载模型',
    targetMs: WARM_MAX_MS,
    isSelfTimed: true,
    repetitions: { warmups: 0, runs: quick ? 1 : 3 },
    setup: async () => {
      loadAverage = os.loadavg().map((n) => n.toFixed(2)).join(' ');
      await buildProbe(DIST);
      const served = await serveDist(DIST);
      server = served.server;
      browser = await chromium.launch(chromiumLaunchOptions());
      page = await browser.newPage();
      await openProbe(page, served.url);
      const first = await readOne(page);
      firstMs = first.ms;
      modelLoadS = first.loadS;
      await readNative();
    },
    run: async () => {
      if (page === null) throw new Error('no page');
      const one = await readOne(page);
      warm.push({ recognitionS: one.recognitionS });
      return one.ms;
    },
    reference: { name: 'onnxruntime-node 单线程', run: readNative },
    checks: () => [{ label: '首次识别（含加载模型）', value: Math.round(firstMs), max: FIRST_SCAN_MAX_MS, unit: 'ms' }],
    extras: () => ({
      firstScanMs: Math.round(firstMs),
      modelLoadS,
      warmRecognitionS: warm.map((w) => w.recognitionS).join(' '),
      loadAverageAtStart: loadAverage,
    }),
    teardown: async () => {
      await browser?.close();
      const running = server;
      if (running !== null) await new Promise<void>((resolve) => running.close(() => resolve()));
      browser = null;
      server = null;
      page = null;
    },
  }];
}
