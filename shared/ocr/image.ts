/*
 * The raster the recognition pipeline works on: 8-bit RGB, row-major, no alpha. Pure functions,
 * no Node or DOM APIs, so the same code runs in the desktop's utility process and a browser worker.
 */

export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 3 bytes, R G B. */
  readonly data: Uint8Array;
}

export function rotate180(image: RgbImage): RgbImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  const pixels = width * height;
  for (let i = 0; i < pixels; i++) {
    const j = pixels - 1 - i;
    out[j * 3] = data[i * 3] ?? 0;
    out[j * 3 + 1] = data[i * 3 + 1] ?? 0;
    out[j * 3 + 2] = data[i * 3 + 2] ?? 0;
  }
  return { width, height, data: out };
}

/** Bilinear resize to exactly `width` × `height`. */
export function resizeBilinear(image: RgbImage, width: number, height: number): RgbImage {
  const out = new Uint8Array(width * height * 3);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), image.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), image.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const a = image.data[(y0 * image.width + x0) * 3 + c] ?? 0;
        const b = image.data[(y0 * image.width + x1) * 3 + c] ?? 0;
        const d = image.data[(y1 * image.width + x0) * 3 + c] ?? 0;
        const e = image.data[(y1 * image.width + x1) * 3 + c] ?? 0;
        out[(y * width + x) * 3 + c] = Math.round((a * (1 - wx) + b * wx) * (1 - wy) + (d * (1 - wx) + e * wx) * wy);
      }
    }
  }
  return { width, height, data: out };
}

/** Share of pixels clearly darker than the paper: near 0 for a blank page. */
export function inkShare(image: RgbImage): number {
  const { data } = image;
  const pixels = image.width * image.height;
  const step = Math.max(1, Math.floor(pixels / 200_000));
  let sum = 0;
  let n = 0;
  for (let i = 0; i < pixels; i += step) {
    sum += ((data[i * 3] ?? 0) + (data[i * 3 + 1] ?? 0) + (data[i * 3 + 2] ?? 0)) / 3;
    n++;
  }
  const mean = sum / Math.max(n, 1);
  let dark = 0;
  for (let i = 0; i < pixels; i += step) {
    const v = ((data[i * 3] ?? 0) + (data[i * 3 + 1] ?? 0) + (data[i * 3 + 2] ?? 0)) / 3;
    if (v < mean - 60) dark++;
  }
  return dark / Math.max(n, 1);
}

/**
 * Red ink (seals) made light: a reddish pixel becomes its red channel brightened by its redness,
 * so a seal stamped over print fades to paper white and black or blue print under it stays dark. Scanners
 * for forms do the same with a red "dropout" lamp.
 */
export function dropRedInk(image: RgbImage): RgbImage {
  const data = new Uint8Array(image.data);
  for (let i = 0; i < data.length; i += 3) {
    const r = data[i]!;
    const redness = r - Math.max(data[i + 1]!, data[i + 2]!);
    if (redness > 40) {
      const grey = Math.min(255, r + redness);
      data[i] = grey; data[i + 1] = grey; data[i + 2] = grey;
    }
  }
  return { width: image.width, height: image.height, data };
}

/** A quarter turn clockwise (EXIF orientation 6: the camera was held sideways). */
export function rotateClockwise(image: RgbImage): RgbImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 3;
      const to = (x * height + (height - 1 - y)) * 3;
      out[to] = data[from]!; out[to + 1] = data[from + 1]!; out[to + 2] = data[from + 2]!;
    }
  }
  return { width: height, height: width, data: out };
}

/** Applies a JPEG's EXIF orientation (1 upright, 3 upside down, 6 and 8 sideways; mirrored ones are rare and left). */
export function applyExifOrientation(image: RgbImage, orientation: number): RgbImage {
  if (orientation === 3) return rotate180(image);
  if (orientation === 6) return rotateClockwise(image);
  if (orientation === 8) return rotate180(rotateClockwise(image));
  return image;
}
