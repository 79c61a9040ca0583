import '../../app/zodConfig';
import { readXlsxRows } from '../../../shared/energy/meterImport';

/** Reads an .xlsx off the page's thread: exceljs parsing a large meter export would freeze the window. */
self.onmessage = (event: MessageEvent<ArrayBuffer>) => {
  void readXlsxRows(new Uint8Array(event.data)).then(
    (result) => self.postMessage(result.ok ? result : { ok: false, error: { code: result.error.code, message: result.error.message } }),
    (e: unknown) => self.postMessage({ ok: false, error: { code: 'import.failed', message: `读取表格失败：${e instanceof Error ? e.message : String(e)}` } }),
  );
};
