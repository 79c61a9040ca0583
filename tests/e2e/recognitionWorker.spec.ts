import type { Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { buildProbe, openProbe, recognizeInPage, serveDist } from '../bench/measurements/recognitionBrowser';
import { generateScan } from '../ocr/scanGenerator';

/*
 * The browser build's recognition runtime on its own (issue 18): the real recognitionClient.ts in
 * a built page, its Web Worker with onnxruntime-web (WASM) and the PaddleOCR models served from the
 * build's own assets, reading a generated 营业执照. The page is the recognition probe
 * (WORKBENCH_RECOGNITION_PROBE=1, built here into its own directory); the officer's path through
 * the review table is covered by the recognition UI specs. No timing is asserted (see npm run bench).
 */

const DIST = 'dist/renderer-e2e-recognition-worker';

let server: Server | null = null;
let baseUrl = '';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await buildProbe(DIST);
  const served = await serveDist(DIST);
  server = served.server;
  baseUrl = served.url;
});

test.afterAll(async () => {
  const running = server;
  if (running !== null) await new Promise<void>((resolve) => running.close(() => resolve()));
});

test('the worker reads a 营业执照: kind, 统一社会信用代码 and 名称 exact, a non-image refused in Chinese, nothing fetched from elsewhere', async ({ page }) => {
  test.setTimeout(300_000);
  const origin = new URL(baseUrl).origin;
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  const isRuntime = (url: string) => /ocr\.worker|ort-wasm|\.onnx$|ppocr_keys/.test(url);
  await openProbe(page, baseUrl);
  // Nothing of the recognition runtime loads with the page.
  expect(requested.filter(isRuntime)).toEqual([]);

  const licence = generateScan('营业执照', 4242, { dpi: 200, angle: 1.5 });
  const notImage = new TextEncoder().encode('这不是图片，是一段文字。');
  const batch = await recognizeInPage(page, [
    { name: '营业执照.jpg', bytes: licence.jpeg },
    { name: '说明.jpg', bytes: notImage },
  ]);

  const [read, refused] = batch.results;
  expect(read?.errorMessage ?? null).toBeNull();
  expect(read?.kind).toBe('营业执照');
  expect(read?.fields['统一社会信用代码']).toBe(licence.truth['统一社会信用代码']);
  expect(read?.fields['名称']).toBe(licence.truth['名称']);
  expect(read?.fieldStatus['统一社会信用代码']).toBe('ok');

  expect(refused?.ok).toBe(false);
  expect(refused?.errorMessage).toMatch(/说明\.jpg/);
  expect(refused?.errorMessage).toMatch(/[\u4e00-\u9fff]/);

  expect(batch.progress).toEqual([
    { done: 0, total: 2, current: '营业执照.jpg' },
    { done: 1, total: 2, current: '说明.jpg' },
    { done: 2, total: 2, current: null },
  ]);
  // The worker, the WASM runtime and the models came from the build's own assets, and nothing from elsewhere.
  expect(requested.filter(isRuntime).map((url) => new URL(url).pathname.replace(/-[\w-]{8}\./, '.')).sort()).toEqual([
    '/assets/ch_PP-OCRv4_det_infer.onnx', '/assets/ch_PP-OCRv4_rec_infer.onnx', '/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx',
    '/assets/ocr.worker.js', '/assets/ort-wasm-simd-threaded.mjs', '/assets/ort-wasm-simd-threaded.wasm', '/assets/ppocr_keys_v1.txt',
  ]);
  expect(requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
});
