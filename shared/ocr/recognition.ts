import { decodeScan } from './decodeScan';
import { detectKind, DOCUMENT_KIND_NAMES, extractFields, type DocumentKind, type ProposedField } from './fields';
import { inkShare } from './image';
import { readPage, type OcrModels, type OcrPage } from './pipeline';
import { err, ok, type Result } from '../util/result';

/*
 * One scan in, proposed facts out (issue 18), the same on every runtime: decode with the pixel
 * cap, refuse a blank page, read the lines (orientation and skew undone), tell the kind and read
 * its fields. The ONNX runtime comes in as `OcrModels` (onnxruntime-node in the desktop's utility
 * process and the CLI, onnxruntime-web in the browser build's worker). Nothing is saved; the
 * caller shows the proposal for the officer to confirm.
 */

export interface ScanRecognition {
  readonly kind: DocumentKind;
  /** The kind the page looks like (null when it is none of the five). */
  readonly detectedKind: DocumentKind | null;
  readonly page: OcrPage;
  /**
   * The decoded image as given (EXIF orientation and a PDF page's /Rotate applied, nothing else):
   * every field box and line quad is in its pixels. A preview may be smaller but has the same
   * aspect ratio, so an overlay scales boxes by previewWidth / image.width.
   */
  readonly image: { readonly width: number; readonly height: number };
  /**
   * A JPEG of that image when the input cannot be shown as is by an <img> (a scanned PDF); null for
   * JPEG and PNG input, which the UI shows itself.
   */
  readonly preview: { readonly bytes: Uint8Array; readonly mime: 'image/jpeg' } | null;
  readonly fields: readonly ProposedField[];
  /** Chinese warnings: wrong document, page turned, … */
  readonly notes: readonly string[];
  readonly seconds: { readonly load: number; readonly recognition: number };
}

/** A page with less ink than this is blank (a few specks of dust are not a document). */
const BLANK_INK_SHARE = 0.0015;

/**
 * Recognises one scan. `loadModels` is called only once the image decoded and is not blank, so a
 * refused file costs no model load; its time is reported as `seconds.load`.
 */
export async function recognizeScanWith(
  loadModels: () => Promise<OcrModels>,
  bytes: Uint8Array,
  name: string,
  requestedKind?: DocumentKind,
): Promise<Result<ScanRecognition>> {
  const decoded = await decodeScan(bytes, name);
  if (!decoded.ok) return decoded;
  const { image } = decoded.value;
  if (inkShare(image) < BLANK_INK_SHARE) return err('ocr.blank', `图片“${name}”是空白页，没有可识别的文字。请确认扫描了证件的正面。`);
  const loadStart = Date.now();
  const models = await loadModels();
  const start = Date.now();
  const page = await readPage(models, image);
  const seconds = { load: (start - loadStart) / 1000, recognition: (Date.now() - start) / 1000 };
  if (page.lines.length === 0) return err('ocr.noText', `图片“${name}”上没有识别出文字。请确认扫描清晰、证件完整在画面内。`);
  const { kind: detectedKind } = detectKind(page);
  const kind = requestedKind ?? detectedKind;
  if (kind === null) {
    return err('ocr.unknownKind', `图片“${name}”看起来不是营业执照、药品经营许可证、机动车行驶证、居民身份证或执业药师注册证，无法判断证件类型。如确为其中之一，请指定证件类型后再识别。`);
  }
  const notes: string[] = [...decoded.value.notes];
  if (page.rotation === 180) notes.push('扫描件是倒置的，已旋转 180° 后识别。');
  else if (page.rotation === 90) notes.push('扫描件是横放的（页面顺时针转了 90°），已逆时针旋转 90° 转正后识别。');
  else if (page.rotation === 270) notes.push('扫描件是横放的（页面逆时针转了 90°），已顺时针旋转 90° 转正后识别。');
  if (Math.abs(page.skewDegrees) > 3) notes.push(`扫描件倾斜约 ${Math.abs(page.skewDegrees).toFixed(1)}°，已按倾斜校正识别。`);
  if (requestedKind !== undefined && detectedKind !== null && detectedKind !== requestedKind) {
    notes.push(`注意：这份扫描件看起来是${DOCUMENT_KIND_NAMES[detectedKind]}，不是${DOCUMENT_KIND_NAMES[requestedKind]}，识别结果可能不对应。`);
  }
  const { fields } = extractFields(page, kind);
  return ok({ kind, detectedKind, page, image: { width: image.width, height: image.height }, preview: decoded.value.preview, fields, notes, seconds });
}
