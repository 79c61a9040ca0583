import '../../app/zodConfig';
import { buildTrackerWorkbook, type TrackerWorkbookInput } from '../../../shared/export/trackerWorkbook';

/** Messages from the tracker workbook worker. */
export type TrackerWorkbookWorkerMessage =
  | { readonly type: 'done'; readonly bytes: Uint8Array }
  | { readonly type: 'failed'; readonly message: string };

/** Builds the 跟踪表 off the page's thread: 20,000 rows take seconds in exceljs. */
self.onmessage = (event: MessageEvent<TrackerWorkbookInput>) => {
  buildTrackerWorkbook(event.data).then(
    (bytes) => {
      const message: TrackerWorkbookWorkerMessage = { type: 'done', bytes };
      self.postMessage(message, { transfer: [bytes.buffer] });
    },
    (error: unknown) => {
      const message: TrackerWorkbookWorkerMessage = { type: 'failed', message: error instanceof Error ? error.message : String(error) };
      self.postMessage(message);
    },
  );
};
