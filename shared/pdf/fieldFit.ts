import { MIN_READABLE_FONT_SIZE, wrapText, type TextMeasurer } from './textLayout';

/*
 * Whether a value fits its box at a readable size. A value that fits only below 8 pt is flagged to
 * the officer before a form or packet is built (issue 16): the check and the fill call the same
 * functions here and in renderForm.ts / acroForm.ts, so what is flagged is what gets printed small.
 */

/** An official form's text field is never filled below this size (pdf-lib draws smaller, but no one reads it). */
export const MIN_FIELD_FONT_SIZE = 6;

/** A value that fits its box only below MIN_READABLE_FONT_SIZE, or not at all. */
export interface CrampedField {
  /** Field id (form template) or fully qualified name (AcroForm). */
  readonly field: string;
  /** What the officer calls the field (注册地址). */
  readonly label: string;
  /** The size at which the value fits its box; null when it does not fit even at the smallest size tried. */
  readonly neededSize: number | null;
}

/** The metrics of the font a value is drawn with. */
export interface FontMetrics {
  readonly measure: TextMeasurer;
  /** Height of the font's ascent-to-descent box at `size`, as pdf-lib lays out field appearances. */
  heightAtSize(size: number): number;
}

/** The inside of an AcroForm text field's widget (less border and padding) and the size it starts at. */
export interface FieldBox {
  readonly width: number;
  readonly height: number;
  readonly startSize: number;
  readonly isMultiline: boolean;
}

export interface FieldFit {
  readonly size: number;
  /** A multi-line field's display lines; null for a one-line field. */
  readonly lines: readonly string[] | null;
  /** True when even MIN_FIELD_FONT_SIZE does not fit the box. */
  readonly isOverflowing: boolean;
}

/**
 * The size an AcroForm text field's value is filled at: the largest from the field's own size down
 * to MIN_FIELD_FONT_SIZE, in half points, at which the (wrapped) value fits the box.
 */
export function fitFieldText(text: string, box: FieldBox, metrics: FontMetrics): FieldFit {
  const { measure } = metrics;
  if (box.isMultiline && box.startSize >= MIN_FIELD_FONT_SIZE) {
    for (let size = box.startSize; ; size -= 0.5) {
      const lines = wrapText(text, measure, box.width, size);
      // pdf-lib's line height: (ascent - descent) * 1.2.
      const isOverflowing = lines.length * metrics.heightAtSize(size) * 1.2 > box.height;
      if (!isOverflowing || size - 0.5 < MIN_FIELD_FONT_SIZE) return { size, lines, isOverflowing };
    }
  }
  const fits = (at: number): boolean => measure.width(text, at) <= box.width && metrics.heightAtSize(at) <= box.height + 1;
  let size = box.startSize;
  while (size > MIN_FIELD_FONT_SIZE && !fits(size)) size -= 0.5;
  return { size, lines: null, isOverflowing: measure.width(text, size) > box.width };
}

/** The field as flagged, or null when its fill is readable. */
export function crampedField(field: string, label: string, fit: FieldFit): CrampedField | null {
  if (fit.isOverflowing) return { field, label, neededSize: null };
  return fit.size < MIN_READABLE_FONT_SIZE ? { field, label, neededSize: fit.size } : null;
}

function sizeText(size: number): string {
  return String(Math.round(size * 10) / 10);
}

/** 「注册地址（需 6.5 磅）」, or 「注册地址（缩到 6 磅仍放不下）」. */
export function crampedFieldText(field: CrampedField, smallestSize = MIN_FIELD_FONT_SIZE): string {
  return field.neededSize === null ? `${field.label}（缩到 ${sizeText(smallestSize)} 磅仍放不下）` : `${field.label}（需 ${sizeText(field.neededSize)} 磅）`;
}

/** The warning shown before building: 以下字段内容过长，需缩小到 8 磅以下才能放下：…。建议缩短内容，或打印后手工填写。 */
export function crampedWarning(fields: readonly CrampedField[], smallestSize = MIN_FIELD_FONT_SIZE): string {
  return `以下字段内容过长，需缩小到 ${MIN_READABLE_FONT_SIZE} 磅以下才能放下：${fields.map((f) => crampedFieldText(f, smallestSize)).join('、')}。建议缩短内容，或打印后手工填写。`;
}
