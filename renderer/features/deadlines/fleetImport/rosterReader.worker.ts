import '../../../app/zodConfig';
import { readRosterWorkbook, type RosterReadProgress, type RosterWorkbook } from '../../../../shared/fleet/rosterWorkbook';
import type { Result } from '../../../../shared/util/result';
import { errFrom } from '../../../../shared/util/errorDescription';

/** Messages from the roster reader. */
export type RosterReaderMessage =
  | { readonly type: 'progress'; readonly progress: RosterReadProgress }
  | { readonly type: 'done'; readonly result: Result<RosterWorkbook> };

const post = (message: RosterReaderMessage): void => self.postMessage(message);

/** Reads a roster .xlsx off the page's thread: a 10,000-row workbook takes seconds in exceljs. */
self.onmessage = (event: MessageEvent<ArrayBuffer>) => {
  readRosterWorkbook(new Uint8Array(event.data), (progress) => {
    post({ type: 'progress', progress });
    // A turn of the event loop, so the progress message leaves before the next slice.
    return new Promise<void>((resolve) => setTimeout(resolve, 0));
  }).then(
    (result) => post({ type: 'done', result }),
    (error: unknown) => post({ type: 'done', result: errFrom('roster.failed', error, { lead: '读取文件失败', reason: '文件无法读取，可能已损坏或不是 Excel 工作簿' }) }),
  );
};
