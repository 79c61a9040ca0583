import '../../app/zodConfig';
import { readXlsxRows } from '../../../shared/energy/meterImport';
import { failureFromError } from '../../../shared/util/errorDescription';

/** Reads an .xlsx off the page's thread: exceljs parsing a large meter export would freeze the window. */
self.onmessage = (event: MessageEvent<ArrayBuffer>) => {
  void readXlsxRows(new Uint8Array(event.data)).then(
    (result) => {
      if (result.ok) return self.postMessage(result);
      // Only the message and the library's words (for 技术详情) cross back; other details may not clone.
      const technical = (result.error.details as { technical?: unknown } | undefined)?.technical;
      const error = typeof technical === 'string'
        ? { code: result.error.code, message: result.error.message, details: { technical } }
        : { code: result.error.code, message: result.error.message };
      self.postMessage({ ok: false, error });
    },
    (e: unknown) => self.postMessage({ ok: false, error: failureFromError('import.failed', e, { lead: '读取表格失败' }) }),
  );
};
