import {
  popGraphicsState, pushGraphicsState, rgb, setLineWidth, setTextRenderingMode, TextRenderingMode,
  type Color, type PDFFont, type PDFPage,
} from 'pdf-lib';
import { cachedMeasurer, type TextMeasurer } from './textLayout';

/** A4 in PDF points (210 × 297 mm). */
export const A4_WIDTH = 595.28;
export const A4_HEIGHT = 841.89;

export const INK = rgb(0, 0, 0);
export const GREY_TEXT = rgb(0.45, 0.45, 0.45);
export const LABEL_FILL = rgb(0.94, 0.94, 0.94);
/** Light yellow behind a field the user still has to fill (preview only). */
export const HIGHLIGHT_FILL = rgb(1, 0.93, 0.62);

/** Chinese sizes: 五号 10.5 pt, 小四 12 pt, 小二 18 pt. */
export const SIZE_BODY = 10.5;

/**
 * Where the baseline goes to centre a line of CJK text of `size` in a line box whose top is `top`:
 * the ideographic em box of Noto Sans CJK runs from 0.12 em below the baseline to 0.88 em above.
 */
export function baselineInLineBox(top: number, lineHeight: number, size: number): number {
  return top - lineHeight / 2 - 0.38 * size;
}

export function measurerForFont(font: PDFFont): TextMeasurer {
  return cachedMeasurer((char) => font.widthOfTextAtSize(char, 1000));
}

export interface TextStyle {
  readonly font: PDFFont;
  readonly size: number;
  readonly color?: Color | undefined;
  /** Fill and stroke the glyphs (there is one weight shipped; this thickens it for titles). */
  readonly isBold?: boolean | undefined;
}

export function drawLine(page: PDFPage, text: string, x: number, baseline: number, style: TextStyle): void {
  if (text === '') return;
  if (style.isBold) {
    page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.FillAndOutline), setLineWidth(style.size * 0.035));
  }
  page.drawText(text, { x, y: baseline, size: style.size, font: style.font, color: style.color ?? INK });
  if (style.isBold) page.pushOperators(popGraphicsState());
}

/** "第 3 页 共 12 页" centred in the bottom margin. */
export function pageNumberText(pageNumber: number, pageCount: number): string {
  return `第 ${pageNumber} 页 共 ${pageCount} 页`;
}

export function stampPageNumber(page: PDFPage, font: PDFFont, pageNumber: number, pageCount: number): void {
  const text = pageNumberText(pageNumber, pageCount);
  const size = 9;
  const { width } = page.getSize();
  const textWidth = font.widthOfTextAtSize(text, size);
  drawLine(page, text, (width - textWidth) / 2, 24, { font, size, color: GREY_TEXT });
}

/** Every character page numbers can need, for the font subset. */
export const PAGE_NUMBER_CHARACTERS = '第页共 0123456789';
