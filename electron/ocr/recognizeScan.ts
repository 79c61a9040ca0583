import type { DocumentKind } from '../../shared/ocr/fields';
import { recognizeScanWith, type ScanRecognition } from '../../shared/ocr/recognition';
import type { Result } from '../../shared/util/result';
import { loadNodeModels } from './nodeModels';

/* Recognition on the native runtime (onnxruntime-node): the CLI and the desktop's utility process. */

export type { ScanRecognition };

export function recognizeScan(bytes: Uint8Array, name: string, requestedKind?: DocumentKind, options: { threads?: number } = {}): Promise<Result<ScanRecognition>> {
  return recognizeScanWith(() => loadNodeModels(options.threads ?? 2), bytes, name, requestedKind);
}
