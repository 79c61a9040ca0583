import type { DocumentKind } from '../../shared/ocr/fields';
import type { ScanRecognition } from '../../shared/ocr/recognition';
import { err, type Result } from '../../shared/util/result';

/*
 * The messages between main (electron/main/recognitionService.ts) and the recognition utility
 * process (electron/ocr/recognitionProcess.ts), structured-cloned over process.parentPort. Kept
 * apart from the process entry so that main's bundle does not take in the models' runtime.
 *
 *   main → process: { type: 'recognize', jobId, name, bytes, kind? } | { type: 'cancel', jobId }
 *   process → main: { type: 'started', jobId } when a job leaves the queue, then
 *                   { type: 'result', jobId, result } with the shared Result<ScanRecognition>.
 */

export interface RecognizeJobMessage {
  readonly type: 'recognize';
  readonly jobId: string;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly kind?: DocumentKind;
}

interface CancelJobMessage {
  readonly type: 'cancel';
  readonly jobId: string;
}

export type ToRecognitionProcess = RecognizeJobMessage | CancelJobMessage;

export type FromRecognitionProcess =
  | { readonly type: 'started'; readonly jobId: string }
  | { readonly type: 'result'; readonly jobId: string; readonly result: Result<ScanRecognition> };

/** What a cancelled job answers, wherever it was cancelled (the page, main or the process's queue). */
export function cancelledResult(): Result<never> {
  return err('ocr.cancelled', '已取消识别。');
}
