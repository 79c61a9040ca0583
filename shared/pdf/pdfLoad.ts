import { technicalDetails } from '../util/technicalDetail';
import type { PDFDocument } from 'pdf-lib';
import { err, ok, type Result } from '../util/result';
import { checkAttachment } from './fileSniff';

/**
 * Opens a PDF someone gave us (an attachment, an official form) with a Chinese error naming the
 * file for every way it can fail: not a PDF, truncated, encrypted, unreadable, no pages.
 * An encrypted PDF is refused even when it opens without a password: pdf-lib cannot decrypt, so
 * its copied pages would come out blank or garbled.
 */
export async function loadPdf(fileName: string, bytes: Uint8Array): Promise<Result<PDFDocument>> {
  const checked = checkAttachment(fileName, bytes);
  if (!checked.ok) return checked;
  if (checked.value.kind !== 'pdf') return err('pdf.notPdf', `文件“${fileName}”不是 PDF 文档。`);
  // pdf-lib on first use: the page checks picked files with this module, and must not load pdf-lib to show itself.
  const { PDFDocument: Pdf } = await import('pdf-lib');
  let doc: PDFDocument;
  try {
    // Loaded with ignoreEncryption so that an encrypted file is recognised by isEncrypted below:
    // pdf-lib's EncryptedPDFError is an ES5 subclass of Error and fails instanceof.
    doc = await Pdf.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch (e) {
    return err('pdf.corrupt', `无法读取文件“${fileName}”：PDF 结构已损坏。请重新导出或扫描后再添加。`, technicalDetails(e));
  }
  if (doc.isEncrypted) return encrypted(fileName);
  let pageCount: number;
  try {
    pageCount = doc.getPages().length;
  } catch (e) {
    return err('pdf.corrupt', `无法读取文件“${fileName}”的页面：PDF 结构已损坏。请重新导出或扫描后再添加。`, technicalDetails(e));
  }
  if (pageCount === 0) return err('pdf.noPages', `文件“${fileName}”没有任何页面，可能已损坏。`);
  return ok(doc);
}

function encrypted(fileName: string): Result<never> {
  return err('pdf.encrypted', `文件“${fileName}”已加密（设有打开密码或权限密码），本应用无法读取其内容。请在 PDF 软件中解除加密、另存为普通 PDF 后再添加。`);
}
