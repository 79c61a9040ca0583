import { checkAttachment, DEFAULT_ATTACHMENT_LIMITS, extensionOf, sniffKind, SNIFFED_KIND_NAMES } from '../pdf/fileSniff';
import { loadPdf } from '../pdf/pdfLoad';
import { err, ok, type Result } from '../util/result';

/*
 * What a file the user adds to the vault must pass before it is stored: PDF, JPEG and PNG are
 * checked as the packet will need them (magic bytes against the extension, truncation, an
 * encrypted or corrupt PDF); DOCX and XLSX are kept as attachments when they really are Office
 * files. Every refusal is Chinese and names the file. Pure: runs in the page's worker, in tests and in `cli validate`.
 */

export interface InspectedFile {
  readonly mimeType: string;
  /** PDF only. */
  readonly pageCount: number | null;
}

const OFFICE_MIME: Readonly<Record<string, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Checks of the size alone, before any byte is read (a 0-byte or enormous file). */
export function checkFileSize(fileName: string, size: number): Result<null> {
  if (size === 0) return err('file.empty', `文件“${fileName}”是空文件（0 字节），无法添加。请重新选择原文件。`);
  if (size > DEFAULT_ATTACHMENT_LIMITS.maxBytes) {
    return err('file.tooLarge', `文件“${fileName}”过大（${Math.round(size / 1024 / 1024)} MB，上限 ${DEFAULT_ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB）。请压缩或拆分后再添加。`);
  }
  return ok(null);
}

export async function inspectFileBytes(fileName: string, bytes: Uint8Array): Promise<Result<InspectedFile>> {
  const sized = checkFileSize(fileName, bytes.byteLength);
  if (!sized.ok) return sized;
  const extension = extensionOf(fileName);
  const officeMime = OFFICE_MIME[extension];
  if (officeMime !== undefined) {
    const kind = sniffKind(bytes);
    if (kind !== 'zip') return err('file.extensionMismatch', `文件“${fileName}”的扩展名是 .${extension}，但内容是${SNIFFED_KIND_NAMES[kind]}，与扩展名不符。请确认选对了文件。`);
    return ok({ mimeType: officeMime, pageCount: null });
  }
  const checked = checkAttachment(fileName, bytes);
  if (!checked.ok) return checked;
  switch (checked.value.kind) {
    case 'pdf': {
      const loaded = await loadPdf(fileName, bytes);
      if (!loaded.ok) return loaded;
      return ok({ mimeType: 'application/pdf', pageCount: loaded.value.getPageCount() });
    }
    case 'jpeg':
      return ok({ mimeType: 'image/jpeg', pageCount: null });
    case 'png':
      return ok({ mimeType: 'image/png', pageCount: null });
  }
}
