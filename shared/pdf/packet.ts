import {
  concatTransformationMatrix, degrees, drawObject, PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber,
  popGraphicsState, pushGraphicsState, rgb, type PDFDict, type PDFFont, type PDFImage, type PDFPage, type PDFRef,
} from 'pdf-lib';
import { type IsoDate } from '../domain/isoDate';
import { err, ok, type Result } from '../util/result';
import { embedCjkFont, saveWithCjkFonts, setChineseDocumentInfo } from './cjkFont';
import { checkAttachment, DEFAULT_ATTACHMENT_LIMITS, jpegExifOrientation, type AttachmentLimits } from './fileSniff';
import { formatChineseDate } from './formFacts';
import type { FontSubsetter } from './fontSubset';
import { PacketStreamWriter, type PacketSink } from './packetSink';
import { loadPdf } from './pdfLoad';
import {
  A4_HEIGHT, A4_WIDTH, baselineInLineBox, drawLine, GREY_TEXT, INK, measurerForFont, PAGE_NUMBER_CHARACTERS, pageNumberText,
} from './pdfDraw';
import { wrapText, type TextMeasurer } from './textLayout';

/*
 * The 申报材料包: one PDF in the checklist's order with a cover (company, application, date, the
 * list of materials), a table of contents with page numbers, a bookmark per material (and per
 * document when a material has several), the generated forms and every attached document (PDF
 * pages copied, JPEG/PNG placed on A4), 第 N 页 共 M 页 on every page after the cover, page labels
 * matching those numbers, and an optional watermark on ID copies.
 *
 * Built for a Web Worker: files are read one at a time through their `source` callback and
 * released once copied (peak memory ≈ the output twice), progress is reported per file, the event
 * loop gets a turn between files, and the build can be cancelled.
 *
 * A bad file (empty, truncated, encrypted, wrong extension ...) either stops the build with the
 * file's Chinese error (onBadFile 'stop', the default) or is left out with a note page saying why.
 */

type PacketFileSource = Uint8Array | (() => Promise<Uint8Array>);

export interface PacketPart {
  /** The bookmark and table-of-contents line, e.g. "营业执照（副本）". */
  readonly title: string;
  /** Named in error messages and note pages. */
  readonly fileName: string;
  readonly source: PacketFileSource;
  /** Text of a diagonal watermark over every page of this part (ID copies), or null. */
  readonly watermark?: string | null | undefined;
  /** A note printed on its own page before the part's pages (why an expired document is enclosed). */
  readonly notice?: string | undefined;
}

export interface PacketMaterial {
  readonly id: string;
  /** The material's name as the checklist gives it. */
  readonly title: string;
  readonly parts: readonly PacketPart[];
  /** Printed on the note page of a material with no parts, e.g. "复印件，加盖公章". */
  readonly note?: string | undefined;
}

export interface PacketCover {
  readonly companyName: string;
  readonly applicationTitle: string;
  readonly date: IsoDate;
  readonly uscc?: string | undefined;
  readonly authority?: string | undefined;
}

export interface PacketOptions {
  /** 'stop' (default): the first bad file ends the build with its error. 'skip': it is left out with a note page. */
  readonly onBadFile?: 'stop' | 'skip' | undefined;
  /** A note page for each material without any file (default true). */
  readonly hasMissingMaterialPages?: boolean | undefined;
  readonly hasPageNumbers?: boolean | undefined;
  readonly limits?: AttachmentLimits | undefined;
}

export interface PacketProgress {
  readonly stage: 'files' | 'contents' | 'numbering' | 'saving' | 'done';
  readonly done: number;
  readonly total: number;
  /** Chinese, for the progress bar: "正在加入 营业执照.pdf". */
  readonly message: string;
}

export interface PacketInput {
  readonly cover: PacketCover;
  readonly materials: readonly PacketMaterial[];
  readonly subsetter: FontSubsetter;
  readonly options?: PacketOptions | undefined;
  /** Checked between files; a cancelled build returns the error packet.cancelled. */
  readonly signal?: { readonly aborted: boolean } | undefined;
  /**
   * When given, the packet is written to the sink while it is built (each file's large streams
   * as soon as the file is added) and the result's `bytes` is empty: a packet of thousands of
   * scanned pages then needs the memory of one file at a time, not twice the whole packet. A
   * failed or cancelled build leaves a partial file in the sink for the caller to discard.
   */
  readonly sink?: PacketSink | undefined;
}

interface PacketPartResult {
  readonly title: string;
  readonly fileName: string;
  /** 1-based physical page in the packet. */
  readonly firstPage: number;
  readonly pageCount: number;
  readonly isSkipped: boolean;
}

interface PacketMaterialResult {
  readonly id: string;
  readonly title: string;
  readonly firstPage: number | null;
  readonly pageCount: number;
  readonly isMissing: boolean;
  readonly parts: readonly PacketPartResult[];
}

interface SkippedFile {
  readonly materialTitle: string;
  readonly fileName: string;
  readonly code: string;
  readonly message: string;
}

export interface PacketResult {
  /** The PDF; empty when it was written to `PacketInput.sink`. */
  readonly bytes: Uint8Array;
  /** Size of the PDF in bytes (also when it went to the sink). */
  readonly byteLength: number;
  readonly pageCount: number;
  readonly materials: readonly PacketMaterialResult[];
  readonly skipped: readonly SkippedFile[];
  readonly missingCharacters: readonly string[];
}

/** Every literal the packet draws besides the data (the font subset must hold them all). */
const FIXED_TEXT = '申报材料 材料清单 目录 封面（缺）（未能加入）……另有项，详见目录 材料共项，共页 .';

const MARGIN = 56;
const IMAGE_MARGIN = 36;
/** Room kept free at the bottom of image pages for the page number. */
const STAMP_ROOM = 28;
const WATERMARK_GREY = rgb(0.55, 0.55, 0.55);

/** Lets the page (or the worker's message loop) run between files. */
async function yieldToEventLoop(): Promise<void> {
  const schedule = (globalThis as { setTimeout?: (callback: () => void, ms: number) => unknown }).setTimeout;
  await new Promise<void>((resolve) => {
    if (schedule) schedule(resolve, 0);
    else resolve();
  });
}

interface NotePage {
  readonly page: PDFPage;
  readonly heading: string;
  readonly lines: readonly string[];
}

interface ComposedPart {
  readonly part: PacketPart;
  readonly pages: PDFPage[];
  readonly isSkipped: boolean;
}

interface ComposedMaterial {
  readonly material: PacketMaterial;
  readonly parts: ComposedPart[];
  /** The note page of a material with no parts. */
  readonly missingPage: PDFPage | null;
}

export async function buildPacket(input: PacketInput, onProgress?: (progress: PacketProgress) => void): Promise<Result<PacketResult>> {
  const options = input.options ?? {};
  const onBadFile = options.onBadFile ?? 'stop';
  const hasMissingPages = options.hasMissingMaterialPages ?? true;
  const limits = options.limits ?? DEFAULT_ATTACHMENT_LIMITS;
  const partTotal = input.materials.reduce((n, m) => n + m.parts.length, 0);
  const total = partTotal + 3;
  const report = (stage: PacketProgress['stage'], done: number, message: string): void => onProgress?.({ stage, done, total, message });

  const doc = await PDFDocument.create();
  setChineseDocumentInfo(doc, `${input.cover.applicationTitle}申报材料（${input.cover.companyName}）`, input.cover.applicationTitle);
  const notes: NotePage[] = [];
  const watermarks: Array<{ page: PDFPage; text: string }> = [];
  const skipped: SkippedFile[] = [];
  const composed: ComposedMaterial[] = [];
  const writer = input.sink ? await PacketStreamWriter.start(doc, input.sink) : null;
  let done = 0;

  for (const material of input.materials) {
    const parts: ComposedPart[] = [];
    let missingPage: PDFPage | null = null;
    if (material.parts.length === 0 && hasMissingPages) {
      missingPage = doc.addPage([A4_WIDTH, A4_HEIGHT]);
      notes.push({
        page: missingPage,
        heading: `缺少材料：${material.title}`,
        lines: ['本项材料尚未提供，提交前请补齐。', ...(material.note ? [`材料要求：${material.note}`] : [])],
      });
    }
    for (const part of material.parts) {
      if (input.signal?.aborted) return err('packet.cancelled', '已取消生成申报材料包');
      report('files', done, `正在加入 ${part.fileName}`);
      // The notice page comes first, so the contents and bookmark lead the reader to it.
      const noticePages: PDFPage[] = [];
      if (part.notice) {
        const page = doc.addPage([A4_WIDTH, A4_HEIGHT]);
        notes.push({ page, heading: `说明：${part.title}`, lines: [part.notice, `所属材料：${material.title}`] });
        noticePages.push(page);
      }
      const added = await addPart(doc, part, limits, writer !== null);
      if (added.ok) {
        await writer?.flushNewStreams(added.value);
        parts.push({ part, pages: [...noticePages, ...added.value], isSkipped: false });
        if (part.watermark) for (const page of added.value) watermarks.push({ page, text: part.watermark });
      } else {
        if (onBadFile === 'stop') {
          return err(added.error.code, `申报材料包未生成。材料“${material.title}”中的${added.error.message}`, { fileName: part.fileName });
        }
        skipped.push({ materialTitle: material.title, fileName: part.fileName, code: added.error.code, message: added.error.message });
        const page = doc.addPage([A4_WIDTH, A4_HEIGHT]);
        notes.push({ page, heading: `未能加入：${part.fileName}`, lines: [added.error.message, `所属材料：${material.title}`, '请处理该文件后重新生成申报材料包。'] });
        parts.push({ part, pages: [...noticePages, page], isSkipped: true });
      }
      done += 1;
      await yieldToEventLoop();
    }
    composed.push({ material, parts, missingPage });
  }

  report('contents', done, '正在生成封面和目录');
  const contentPageCount = doc.getPageCount();
  const tocEntries = buildTocEntries(composed);
  const coverLines = coverTexts(input.cover, input.materials.length);
  const text = [
    ...coverLines.flat(),
    ...input.materials.map((m, i) => `${i + 1}．${m.title}`),
    FIXED_TEXT,
    ...tocEntries.map((e) => e.prefix + e.title),
    ...notes.flatMap((n) => [n.heading, ...n.lines]),
    ...watermarks.map((w) => w.text),
    PAGE_NUMBER_CHARACTERS,
    '.',
  ].join('');
  const { pdfFont: font, missingCharacters } = embedCjkFont(doc, input.subsetter, text);
  const measure = measurerForFont(font);

  for (const note of notes) drawNotePage(note, font, measure);
  for (const { page, text: watermark } of watermarks) drawWatermark(page, watermark, font);

  const tocLayout = layoutToc(tocEntries, measure);
  const frontCount = 1 + tocLayout.length;
  const cover = doc.insertPage(0, [A4_WIDTH, A4_HEIGHT]);
  const tocPages = tocLayout.map((_, i) => doc.insertPage(1 + i, [A4_WIDTH, A4_HEIGHT]));
  const pageCount = frontCount + contentPageCount;
  const pages = doc.getPages();
  const pageNumberOf = new Map<PDFPage, number>(pages.map((p, i) => [p, i + 1]));

  const materialResults: PacketMaterialResult[] = composed.map(({ material, parts, missingPage }) => {
    const partResults = parts.map((p) => ({
      title: p.part.title,
      fileName: p.part.fileName,
      firstPage: pageNumberOf.get(p.pages[0] ?? cover) ?? 0,
      pageCount: p.pages.length,
      isSkipped: p.isSkipped,
    }));
    const first = missingPage ? pageNumberOf.get(missingPage) : partResults[0]?.firstPage;
    return {
      id: material.id,
      title: material.title,
      firstPage: first ?? null,
      pageCount: missingPage ? 1 : partResults.reduce((n, p) => n + p.pageCount, 0),
      isMissing: parts.length === 0,
      parts: partResults,
    };
  });

  drawCover(cover, input.cover, input.materials, coverLines, font, measure, pageCount);
  tocLayout.forEach((lines, i) => drawTocPage(tocPages[i] ?? cover, lines, i === 0, font, measure, materialResults));

  report('numbering', done + 1, '正在编页码和书签');
  if (options.hasPageNumbers ?? true) {
    pages.forEach((page, i) => {
      if (i > 0) stampPageNumber(page, font, i + 1, pageCount);
    });
  }
  addPageLabels(doc, tocLayout.length);
  addOutline(doc, pages, tocLayout.length, composed, materialResults);

  report('saving', done + 2, '正在保存');
  await yieldToEventLoop();
  let bytes: Uint8Array;
  let byteLength: number;
  if (writer) {
    await font.embed();
    // What save() does before writing: embeds whatever is still pending (fonts, images).
    await (doc as unknown as { flush(): Promise<void> }).flush();
    byteLength = await writer.finish();
    bytes = new Uint8Array(0);
  } else {
    bytes = await saveWithCjkFonts(doc, [font], { objectsPerTick: 200 });
    byteLength = bytes.byteLength;
  }
  report('done', total, '已完成');
  return ok({ bytes, byteLength, pageCount, materials: materialResults, skipped, missingCharacters });
}

async function readSource(source: PacketFileSource): Promise<Uint8Array> {
  return typeof source === 'function' ? source() : source;
}

/** Adds one file's pages; the file's bytes are dropped when this returns. */
async function addPart(doc: PDFDocument, part: PacketPart, limits: AttachmentLimits, isStreamed: boolean): Promise<Result<PDFPage[]>> {
  let bytes: Uint8Array;
  try {
    bytes = await readSource(part.source);
  } catch (e) {
    return err('file.readFailed', `文件“${part.fileName}”无法读取：${e instanceof Error ? e.message : String(e)}`);
  }
  const checked = checkAttachment(part.fileName, bytes, limits);
  if (!checked.ok) return checked;
  try {
    switch (checked.value.kind) {
      case 'pdf': {
        const loaded = await loadPdf(part.fileName, bytes);
        if (!loaded.ok) return loaded;
        const copied = await doc.copyPages(loaded.value, loaded.value.getPageIndices());
        return ok(copied.map((page) => doc.addPage(page)));
      }
      case 'jpeg': {
        const image = await doc.embedJpg(bytes);
        // Streamed: the image's stream is made now, so that it can be written and dropped.
        if (isStreamed) await image.embed();
        return ok([placeImage(doc, image, jpegExifOrientation(bytes))]);
      }
      case 'png': {
        const image = await doc.embedPng(bytes);
        if (isStreamed) await image.embed();
        return ok([placeImage(doc, image, 1)]);
      }
    }
  } catch (e) {
    return err('file.corrupt', `文件“${part.fileName}”已损坏，无法读取（${e instanceof Error ? e.message : String(e)}）。请重新导出或扫描后再添加。`);
  }
}

/**
 * An image on its own A4 page (landscape when the image is), within the margins, never enlarged
 * past 96 dpi so a small image stays sharp, EXIF orientation applied.
 */
function placeImage(doc: PDFDocument, image: PDFImage, orientation: number): PDFPage {
  const isQuarterTurn = orientation >= 5;
  const width = isQuarterTurn ? image.height : image.width;
  const height = isQuarterTurn ? image.width : image.height;
  const isLandscape = width > height;
  const pageWidth = isLandscape ? A4_HEIGHT : A4_WIDTH;
  const pageHeight = isLandscape ? A4_WIDTH : A4_HEIGHT;
  const boxWidth = pageWidth - 2 * IMAGE_MARGIN;
  const boxHeight = pageHeight - 2 * IMAGE_MARGIN - STAMP_ROOM;
  const scale = Math.min(boxWidth / width, boxHeight / height, 72 / 96);
  const drawnWidth = width * scale;
  const drawnHeight = height * scale;
  const x = (pageWidth - drawnWidth) / 2;
  const y = IMAGE_MARGIN + STAMP_ROOM + (boxHeight - drawnHeight) / 2;
  const page = doc.addPage([pageWidth, pageHeight]);
  const name = page.node.newXObject('Image', image.ref);
  // The image's unit square mapped onto the target box, with the EXIF rotation/mirroring.
  const [a, b, c, d, e, f] = orientationMatrix(orientation, drawnWidth, drawnHeight);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(1, 0, 0, 1, x, y), concatTransformationMatrix(a, b, c, d, e, f), drawObject(name), popGraphicsState());
  return page;
}

/**
 * The matrix drawing the image's unit square into a w × h box so that it reads upright, for each
 * EXIF orientation (1 upright, 2 mirrored, 3 upside down, 4 flipped, 5-8 the quarter turns).
 */
function orientationMatrix(orientation: number, w: number, h: number): [number, number, number, number, number, number] {
  switch (orientation) {
    case 2:
      return [-w, 0, 0, h, w, 0];
    case 3:
      return [-w, 0, 0, -h, w, h];
    case 4:
      return [w, 0, 0, -h, 0, h];
    case 5:
      return [0, -h, -w, 0, w, h];
    case 6:
      return [0, -h, w, 0, 0, h];
    case 7:
      return [0, h, w, 0, 0, 0];
    case 8:
      return [0, h, -w, 0, w, 0];
    default:
      return [w, 0, 0, h, 0, 0];
  }
}

/** The visible area of a page as the reader sees it (CropBox, /Rotate applied) and how to draw in it. */
interface DisplayFrame {
  readonly width: number;
  readonly height: number;
  /** Display coordinates (origin bottom-left as seen) to the page's user space. */
  toUser(u: number, v: number): { x: number; y: number };
  /** Rotation (degrees, counter-clockwise) that makes text read upright on screen. */
  readonly textAngle: number;
}

function displayFrame(page: PDFPage): DisplayFrame {
  const box = page.getCropBox();
  const x0 = box.x;
  const y0 = box.y;
  const x1 = box.x + box.width;
  const y1 = box.y + box.height;
  const rotation = (((page.getRotation().angle % 360) + 360) % 360);
  switch (rotation) {
    case 90:
      return { width: box.height, height: box.width, toUser: (u, v) => ({ x: x1 - v, y: y0 + u }), textAngle: 90 };
    case 180:
      return { width: box.width, height: box.height, toUser: (u, v) => ({ x: x1 - u, y: y1 - v }), textAngle: 180 };
    case 270:
      return { width: box.height, height: box.width, toUser: (u, v) => ({ x: x0 + v, y: y1 - u }), textAngle: 270 };
    default:
      return { width: box.width, height: box.height, toUser: (u, v) => ({ x: x0 + u, y: y0 + v }), textAngle: 0 };
  }
}

function stampPageNumber(page: PDFPage, font: PDFFont, pageNumber: number, pageCount: number): void {
  const frame = displayFrame(page);
  const text = pageNumberText(pageNumber, pageCount);
  const size = 9;
  const width = font.widthOfTextAtSize(text, size);
  const at = frame.toUser((frame.width - width) / 2, 16);
  // A white band under the number keeps it legible on a full-bleed scan.
  const bandAt = frame.toUser((frame.width - width) / 2 - 4, 12);
  page.drawRectangle({ x: bandAt.x, y: bandAt.y, width: width + 8, height: size + 6, color: rgb(1, 1, 1), opacity: 0.85, rotate: degrees(frame.textAngle) });
  page.drawText(text, { x: at.x, y: at.y, size, font, color: GREY_TEXT, rotate: degrees(frame.textAngle) });
}

/** "仅供……使用" three times across the page at 30°, translucent, over the copy. */
function drawWatermark(page: PDFPage, text: string, font: PDFFont): void {
  const frame = displayFrame(page);
  const size = Math.max(14, Math.min(32, frame.width / (text.length * 0.8)));
  const width = font.widthOfTextAtSize(text, size);
  const angle = 30;
  const radians = (angle * Math.PI) / 180;
  for (const fraction of [0.25, 0.5, 0.75]) {
    const cu = frame.width / 2 - (Math.cos(radians) * width) / 2;
    const cv = frame.height * fraction - (Math.sin(radians) * width) / 2;
    const at = frame.toUser(cu, cv);
    page.drawText(text, { x: at.x, y: at.y, size, font, color: WATERMARK_GREY, opacity: 0.35, rotate: degrees(frame.textAngle + angle) });
  }
}

function drawNotePage(note: NotePage, font: PDFFont, measure: TextMeasurer): void {
  const width = A4_WIDTH - 2 * MARGIN;
  let top = A4_HEIGHT - 160;
  const headingSize = 16;
  for (const line of wrapText(note.heading, measure, width, headingSize)) {
    drawLine(note.page, line, MARGIN, baselineInLineBox(top, headingSize * 1.6, headingSize), { font, size: headingSize, isBold: true });
    top -= headingSize * 1.6;
  }
  top -= 12;
  note.page.drawLine({ start: { x: MARGIN, y: top }, end: { x: A4_WIDTH - MARGIN, y: top }, thickness: 0.6, color: INK });
  top -= 16;
  for (const paragraph of note.lines) {
    for (const line of wrapText(paragraph, measure, width, 12)) {
      drawLine(note.page, line, MARGIN, baselineInLineBox(top, 22, 12), { font, size: 12 });
      top -= 22;
    }
    top -= 6;
  }
}

function coverTexts(cover: PacketCover, materialCount: number): string[][] {
  return [
    ['申报材料'],
    [cover.applicationTitle],
    [
      `申请单位：${cover.companyName}`,
      ...(cover.uscc ? [`统一社会信用代码：${cover.uscc}`] : []),
      ...(cover.authority ? [`受理机关：${cover.authority}`] : []),
      `日期：${formatChineseDate(cover.date)}`,
      `材料共 ${materialCount} 项`,
    ],
  ];
}

function drawCentered(page: PDFPage, text: string, top: number, size: number, font: PDFFont, measure: TextMeasurer, isBold = false): number {
  const lineHeight = size * 1.6;
  for (const line of wrapText(text, measure, A4_WIDTH - 2 * MARGIN, size)) {
    drawLine(page, line, (A4_WIDTH - measure.width(line, size)) / 2, baselineInLineBox(top, lineHeight, size), { font, size, isBold });
    top -= lineHeight;
  }
  return top;
}

function drawCover(
  page: PDFPage,
  cover: PacketCover,
  materials: readonly PacketMaterial[],
  texts: string[][],
  font: PDFFont,
  measure: TextMeasurer,
  pageCount: number,
): void {
  const [[title = ''] = [], [application = ''] = [], info = []] = texts;
  let top = A4_HEIGHT - 120;
  top = drawCentered(page, title, top, 30, font, measure, true);
  top -= 16;
  top = drawCentered(page, application, top, 18, font, measure, true);
  top -= 36;
  const infoLines = [...info.slice(0, -1), `${info[info.length - 1] ?? ''}，共 ${pageCount} 页`];
  const infoWidth = Math.max(...infoLines.map((l) => measure.width(l, 12)));
  const infoX = Math.max(MARGIN, (A4_WIDTH - infoWidth) / 2);
  for (const line of infoLines) {
    for (const wrapped of wrapText(line, measure, A4_WIDTH - infoX - MARGIN, 12)) {
      drawLine(page, wrapped, infoX, baselineInLineBox(top, 22, 12), { font, size: 12 });
      top -= 22;
    }
  }
  top -= 20;
  page.drawLine({ start: { x: MARGIN, y: top }, end: { x: A4_WIDTH - MARGIN, y: top }, thickness: 0.6, color: INK });
  top -= 14;
  drawLine(page, '材料清单', MARGIN, baselineInLineBox(top, 20, 12), { font, size: 12, isBold: true });
  top -= 22;
  const bottom = 60;
  const lineHeight = 16;
  for (const [i, material] of materials.entries()) {
    const lines = wrapText(`${i + 1}．${material.title}`, measure, A4_WIDTH - 2 * MARGIN - 12, 10.5);
    const remaining = materials.length - i;
    if (top - lines.length * lineHeight < bottom + (remaining > 1 ? lineHeight : 0)) {
      drawLine(page, `……另有 ${remaining} 项，详见目录`, MARGIN + 12, baselineInLineBox(top, lineHeight, 10.5), { font, size: 10.5, color: GREY_TEXT });
      break;
    }
    for (const line of lines) {
      drawLine(page, line, MARGIN + 12, baselineInLineBox(top, lineHeight, 10.5), { font, size: 10.5 });
      top -= lineHeight;
    }
  }
}

interface TocEntry {
  readonly level: 0 | 1;
  /** "3．" before a material's title; continuation lines align after it. */
  readonly prefix: string;
  readonly title: string;
  /** Index into materials, and into its parts for level 1. */
  readonly material: number;
  readonly part: number | null;
}

function buildTocEntries(composed: readonly ComposedMaterial[]): TocEntry[] {
  const entries: TocEntry[] = [];
  composed.forEach(({ material, parts }, m) => {
    entries.push({ level: 0, prefix: `${m + 1}．`, title: `${material.title}${parts.length === 0 ? '（缺）' : ''}`, material: m, part: null });
    // A material of one document already says what it is; list documents only when there are several.
    if (parts.length > 1) parts.forEach((p, i) => entries.push({ level: 1, prefix: '', title: p.part.title, material: m, part: i }));
  });
  return entries;
}

interface TocLine {
  readonly entry: TocEntry;
  readonly text: string;
  readonly isFirst: boolean;
  /** The entry's last line carries the leader and page number. */
  readonly isLast: boolean;
  readonly height: number;
}

const TOC_NUMBER_WIDTH = 40;
const TOC_TOP = A4_HEIGHT - 80;
const TOC_BOTTOM = 64;

function tocStyle(level: 0 | 1): { size: number; indent: number; lineHeight: number } {
  return level === 0 ? { size: 12, indent: 0, lineHeight: 22 } : { size: 10.5, indent: 24, lineHeight: 18 };
}

/** TOC lines split into pages; the first page starts below the 目录 heading. */
function layoutToc(entries: readonly TocEntry[], measure: TextMeasurer): TocLine[][] {
  const pages: TocLine[][] = [[]];
  let top = TOC_TOP - 50;
  for (const entry of entries) {
    const style = tocStyle(entry.level);
    const width = A4_WIDTH - 2 * MARGIN - style.indent - measure.width(entry.prefix, style.size) - TOC_NUMBER_WIDTH - 12;
    const lines = wrapText(entry.title, measure, width, style.size);
    lines.forEach((text, i) => {
      if (top - style.lineHeight < TOC_BOTTOM) {
        pages.push([]);
        top = TOC_TOP;
      }
      pages[pages.length - 1]?.push({ entry, text, isFirst: i === 0, isLast: i === lines.length - 1, height: style.lineHeight });
      top -= style.lineHeight;
    });
  }
  return pages;
}

function drawTocPage(
  page: PDFPage,
  lines: readonly TocLine[],
  isFirst: boolean,
  font: PDFFont,
  measure: TextMeasurer,
  results: readonly PacketMaterialResult[],
): void {
  let top = TOC_TOP;
  if (isFirst) {
    drawCentered(page, '目录', top + 10, 20, font, measure, true);
    top -= 50;
  }
  for (const line of lines) {
    const style = tocStyle(line.entry.level);
    const isBold = line.entry.level === 0;
    const x = MARGIN + style.indent + measure.width(line.entry.prefix, style.size);
    const baseline = baselineInLineBox(top, line.height, style.size);
    if (line.isFirst) drawLine(page, line.entry.prefix, MARGIN + style.indent, baseline, { font, size: style.size, isBold });
    drawLine(page, line.text, x, baseline, { font, size: style.size, isBold });
    if (line.isLast) {
      const material = results[line.entry.material];
      const pageNumber = line.entry.part === null ? material?.firstPage : material?.parts[line.entry.part]?.firstPage;
      const numberText = pageNumber === null || pageNumber === undefined ? '' : String(pageNumber);
      const numberWidth = measure.width(numberText, style.size);
      const numberX = A4_WIDTH - MARGIN - numberWidth;
      drawLine(page, numberText, numberX, baseline, { font, size: style.size });
      // Dot leaders between the title and the number.
      const start = x + measure.width(line.text, style.size) + 6;
      const end = numberX - 6;
      const unit = measure.width(' .', style.size);
      if (end > start + unit && numberText !== '') {
        const dots = ' .'.repeat(Math.floor((end - start) / unit));
        page.drawText(dots, { x: end - measure.width(dots, style.size), y: baseline, size: style.size, font, color: GREY_TEXT });
      }
    }
    top -= line.height;
  }
}

function textString(text: string): PDFHexString {
  return PDFHexString.fromText(text);
}

/** Page labels: 封面, 目录 (目录-1, 目录-2 … when longer), then the stamped page numbers. */
function addPageLabels(doc: PDFDocument, tocPageCount: number): void {
  const context = doc.context;
  const nums: Array<number | PDFDict> = [0, context.obj({ P: textString('封面') })];
  nums.push(1, tocPageCount > 1 ? context.obj({ P: textString('目录-'), S: 'D', St: 1 }) : context.obj({ P: textString('目录') }));
  if (doc.getPageCount() > 1 + tocPageCount) nums.push(1 + tocPageCount, context.obj({ S: 'D', St: 2 + tocPageCount }));
  const array = PDFArray.withContext(context);
  for (const item of nums) array.push(typeof item === 'number' ? PDFNumber.of(item) : item);
  doc.catalog.set(PDFName.of('PageLabels'), context.obj({ Nums: array }));
}

interface OutlineNode {
  readonly title: string;
  readonly page: PDFPage;
  readonly children: readonly OutlineNode[];
}

/** Bookmarks: 封面, 目录, one per material (with one per document when it has several), opened on the materials. */
function addOutline(
  doc: PDFDocument,
  pages: readonly PDFPage[],
  tocPageCount: number,
  composed: readonly ComposedMaterial[],
  results: readonly PacketMaterialResult[],
): void {
  const at = (pageNumber: number | null): PDFPage | undefined => (pageNumber === null ? undefined : pages[pageNumber - 1]);
  const nodes: OutlineNode[] = [];
  const cover = pages[0];
  const toc = pages[1];
  if (cover) nodes.push({ title: '封面', page: cover, children: [] });
  if (toc && tocPageCount > 0) nodes.push({ title: '目录', page: toc, children: [] });
  composed.forEach(({ material, parts }, m) => {
    const result = results[m];
    const page = at(result?.firstPage ?? null);
    if (!page || !result) return;
    const children =
      parts.length > 1
        ? parts.flatMap((p, i) => {
            const partPage = at(result.parts[i]?.firstPage ?? null);
            return partPage ? [{ title: p.isSkipped ? `${p.part.title}（未能加入）` : p.part.title, page: partPage, children: [] }] : [];
          })
        : [];
    nodes.push({ title: `${m + 1}. ${material.title}${parts.length === 0 ? '（缺）' : ''}`, page, children });
  });
  const context = doc.context;
  const outlinesRef = context.nextRef();
  const refs = writeOutlineLevel(doc, nodes, outlinesRef);
  const outlines = context.obj({ Type: 'Outlines' });
  if (refs.length > 0) {
    outlines.set(PDFName.of('First'), refs[0] as PDFRef);
    outlines.set(PDFName.of('Last'), refs[refs.length - 1] as PDFRef);
    outlines.set(PDFName.of('Count'), PDFNumber.of(countVisible(nodes)));
  }
  context.assign(outlinesRef, outlines);
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Items open: every node and its children are visible. */
function countVisible(nodes: readonly OutlineNode[]): number {
  return nodes.reduce((n, node) => n + 1 + countVisible(node.children), 0);
}

function writeOutlineLevel(doc: PDFDocument, nodes: readonly OutlineNode[], parent: PDFRef): PDFRef[] {
  const context = doc.context;
  const refs = nodes.map(() => context.nextRef());
  nodes.forEach((node, i) => {
    const ref = refs[i] as PDFRef;
    const item = context.obj({ Title: textString(node.title), Parent: parent });
    item.set(PDFName.of('Dest'), context.obj([node.page.ref, 'Fit']));
    const previous = refs[i - 1];
    const next = refs[i + 1];
    if (previous) item.set(PDFName.of('Prev'), previous);
    if (next) item.set(PDFName.of('Next'), next);
    const childRefs = writeOutlineLevel(doc, node.children, ref);
    if (childRefs.length > 0) {
      item.set(PDFName.of('First'), childRefs[0] as PDFRef);
      item.set(PDFName.of('Last'), childRefs[childRefs.length - 1] as PDFRef);
      item.set(PDFName.of('Count'), PDFNumber.of(countVisible(node.children)));
    }
    context.assign(ref, item);
  });
  return refs;
}
