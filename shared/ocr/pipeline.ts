import { minAreaRect, rectCorners, unclip, type Point, type RotatedRect } from './geometry';
import { dropRedInk, rotateClockwise, type RgbImage } from './image';

/*
 * The small PaddleOCR pipeline the app owns (issue 18): DB text detection with a size cap,
 * per-box crop along the box's own angle (deskew), page orientation (a page whose text lines run
 * up and down is turned a quarter, then the angle classifier tells 0° from 180°), per-box CTC
 * recognition. The ONNX runtime is behind `OcrModels`, so the desktop
 * (onnxruntime-node) and a browser worker (onnxruntime-web) share this code; it holds no Node API.
 */

export interface OcrTensor {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

export interface OcrModels {
  /** DB detector: [1,3,H,W] → probability map [1,1,H,W]. */
  readonly detect: (input: OcrTensor) => Promise<OcrTensor>;
  /** CRNN/SVTR recogniser: [N,3,48,W] → [N,T,C] softmax over blank + dictionary + space. */
  readonly recognize: (input: OcrTensor) => Promise<OcrTensor>;
  /** Angle classifier: [N,3,48,192] → [N,2] (0°, 180°); null when the models lack one. */
  readonly classify: ((input: OcrTensor) => Promise<OcrTensor>) | null;
  /** ppocr_keys: the recogniser's classes 1..n; class 0 is the CTC blank, n+1 a space. */
  readonly dictionary: readonly string[];
}

export interface OcrLine {
  readonly text: string;
  /** Mean probability of the characters read, 0..1. */
  readonly confidence: number;
  /** The box's corners in the scan as given (pixels, clockwise from top-left as read). */
  readonly quad: readonly [Point, Point, Point, Point];
  /** Axis-aligned box in the upright, deskewed page (width × height of the page): where the line sits in the layout. */
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** Printed in red: a seal's ink, not the document's text. */
  readonly isRed: boolean;
}

export interface OcrPage {
  /** The upright page's size (the scan's, with width and height swapped for a quarter turn). */
  readonly width: number;
  readonly height: number;
  /**
   * How far the scan shows the page turned clockwise, found and undone: 0, 90, 180 or 270. The
   * layout boxes (x0…y1) are in the upright page; `quad`s stay in the scan as given.
   */
  readonly rotation: 0 | 90 | 180 | 270;
  /** Median skew of the text lines, degrees (positive = clockwise). */
  readonly skewDegrees: number;
  readonly lines: readonly OcrLine[];
}

export interface OcrOptions {
  /** Longest side of the detector's input, pixels; larger scans are scaled down for detection only. */
  readonly detectionMaxSide?: number;
  readonly recognitionBatch?: number;
}

const DET_MEAN = [0.485, 0.456, 0.406];
const DET_STD = [0.229, 0.224, 0.225];
const BINARY_THRESHOLD = 0.3;
const BOX_THRESHOLD = 0.55;
const UNCLIP_RATIO = 1.6;
const REC_HEIGHT = 48;
const CLS_WIDTH = 192;

function detectorInput(image: RgbImage, maxSide: number): { tensor: OcrTensor; scaleX: number; scaleY: number } {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  const w = Math.max(32, Math.round((image.width * scale) / 32) * 32);
  const h = Math.max(32, Math.round((image.height * scale) / 32) * 32);
  const data = new Float32Array(3 * w * h);
  const sx = image.width / w;
  const sy = image.height / h;
  const plane = w * h;
  for (let y = 0; y < h; y++) {
    // Box-average the source pixels each target pixel covers (a plain bilinear sample aliases thin strokes).
    const ya = Math.floor(y * sy);
    const yb = Math.max(ya + 1, Math.min(image.height, Math.floor((y + 1) * sy)));
    for (let x = 0; x < w; x++) {
      const xa = Math.floor(x * sx);
      const xb = Math.max(xa + 1, Math.min(image.width, Math.floor((x + 1) * sx)));
      let r = 0, g = 0, b = 0, n = 0;
      for (let yy = ya; yy < yb; yy++) {
        let i = (yy * image.width + xa) * 3;
        for (let xx = xa; xx < xb; xx++, i += 3) {
          r += image.data[i] ?? 0; g += image.data[i + 1] ?? 0; b += image.data[i + 2] ?? 0; n++;
        }
      }
      const at = y * w + x;
      // PaddleOCR feeds BGR with the mean/std listed in that order.
      data[at] = (b / n / 255 - DET_MEAN[0]!) / DET_STD[0]!;
      data[plane + at] = (g / n / 255 - DET_MEAN[1]!) / DET_STD[1]!;
      data[2 * plane + at] = (r / n / 255 - DET_MEAN[2]!) / DET_STD[2]!;
    }
  }
  return { tensor: { data, dims: [1, 3, h, w] }, scaleX: w / image.width, scaleY: h / image.height };
}

/** DB postprocess: threshold the probability map, one rotated box per connected region, unclip. */
function boxesFromProbabilityMap(map: Float32Array, w: number, h: number): RotatedRect[] {
  const seen = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  const boxes: RotatedRect[] = [];
  const on = (at: number): boolean => (map[at] ?? 0) > BINARY_THRESHOLD;
  for (let start = 0; start < w * h; start++) {
    if (seen[start] !== 0 || !on(start)) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    const points: Point[] = [];
    let scoreSum = 0;
    let pixels = 0;
    while (top > 0) {
      const at = stack[--top]!;
      const x = at % w;
      const y = (at - x) / w;
      scoreSum += map[at] ?? 0;
      pixels++;
      const left = x > 0 && on(at - 1);
      const right = x < w - 1 && on(at + 1);
      const up = y > 0 && on(at - w);
      const down = y < h - 1 && on(at + w);
      // Only a region's edge pixels matter for its hull; the pixel square's corners keep thin boxes honest.
      if (!left || !right || !up || !down) points.push({ x, y }, { x: x + 1, y }, { x, y: y + 1 }, { x: x + 1, y: y + 1 });
      if (left && seen[at - 1] === 0) { seen[at - 1] = 1; stack[top++] = at - 1; }
      if (right && seen[at + 1] === 0) { seen[at + 1] = 1; stack[top++] = at + 1; }
      if (up && seen[at - w] === 0) { seen[at - w] = 1; stack[top++] = at - w; }
      if (down && seen[at + w] === 0) { seen[at + w] = 1; stack[top++] = at + w; }
    }
    if (pixels < 6 || scoreSum / pixels < BOX_THRESHOLD) continue;
    const rect = minAreaRect(points);
    if (Math.min(rect.width, rect.height) < 2) continue;
    const grown = unclip(rect, UNCLIP_RATIO);
    if (Math.min(grown.width, grown.height) < 4) continue;
    boxes.push(grown);
  }
  return boxes;
}

/**
 * Samples a rotated box out of the scan into a [3, 48, width] tensor slice (normalised to −1..1,
 * BGR as PaddleOCR trains), the box's angle undone; `flip` reads it upside down.
 */
function cropBox(image: RgbImage, rect: RotatedRect, outW: number, outH: number, flip: boolean, into: Float32Array, offset: number, stride: number): void {
  const cos = Math.cos(rect.angle);
  const sin = Math.sin(rect.angle);
  const plane = outH * stride;
  const sign = flip ? -1 : 1;
  // Average a few samples per output pixel when shrinking, so thin strokes survive.
  const shrink = Math.max(1, Math.min(3, Math.round(rect.height / outH)));
  const src = image.data;
  const iw = image.width;
  const maxX = image.width - 1;
  const maxY = image.height - 1;
  for (let v = 0; v < outH; v++) {
    for (let u = 0; u < outW; u++) {
      let r = 0, g = 0, b = 0;
      for (let sv = 0; sv < shrink; sv++) {
        for (let su = 0; su < shrink; su++) {
          const fu = sign * (((u + (su + 0.5) / shrink) / outW - 0.5) * rect.width);
          const fv = sign * (((v + (sv + 0.5) / shrink) / outH - 0.5) * rect.height);
          const x = rect.cx + fu * cos - fv * sin - 0.5;
          const y = rect.cy + fu * sin + fv * cos - 0.5;
          const x0 = Math.min(Math.max(Math.floor(x), 0), maxX);
          const y0 = Math.min(Math.max(Math.floor(y), 0), maxY);
          const x1 = Math.min(x0 + 1, maxX);
          const y1 = Math.min(y0 + 1, maxY);
          const wx = Math.min(Math.max(x - x0, 0), 1);
          const wy = Math.min(Math.max(y - y0, 0), 1);
          const i00 = (y0 * iw + x0) * 3, i01 = (y0 * iw + x1) * 3, i10 = (y1 * iw + x0) * 3, i11 = (y1 * iw + x1) * 3;
          const w00 = (1 - wx) * (1 - wy), w01 = wx * (1 - wy), w10 = (1 - wx) * wy, w11 = wx * wy;
          r += src[i00]! * w00 + src[i01]! * w01 + src[i10]! * w10 + src[i11]! * w11;
          g += src[i00 + 1]! * w00 + src[i01 + 1]! * w01 + src[i10 + 1]! * w10 + src[i11 + 1]! * w11;
          b += src[i00 + 2]! * w00 + src[i01 + 2]! * w01 + src[i10 + 2]! * w10 + src[i11 + 2]! * w11;
        }
      }
      const n = shrink * shrink * 255;
      const at = offset + v * stride + u;
      into[at] = (b / n - 0.5) / 0.5;
      into[plane + at] = (g / n - 0.5) / 0.5;
      into[2 * plane + at] = (r / n - 0.5) / 0.5;
    }
  }
}

function recWidth(rect: RotatedRect): number {
  return Math.max(8, Math.min(1600, Math.ceil((rect.width / Math.max(rect.height, 1)) * REC_HEIGHT)));
}

/** CTC greedy decoding: best class per step, repeats merged, blanks dropped. */
function ctcDecode(output: Float32Array, steps: number, classes: number, offset: number, dictionary: readonly string[]): { text: string; confidence: number } {
  let text = '';
  let sum = 0;
  let count = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * classes;
    let best = 0;
    let bestP = -Infinity;
    for (let k = 0; k < classes; k++) {
      const p = output[base + k] ?? 0;
      if (p > bestP) { bestP = p; best = k; }
    }
    if (best !== 0 && best !== previous) {
      text += best <= dictionary.length ? dictionary[best - 1] ?? '' : ' ';
      sum += bestP;
      count++;
    }
    previous = best;
  }
  return { text, confidence: count === 0 ? 0 : sum / count };
}

async function recognizeBoxes(models: OcrModels, image: RgbImage, rects: readonly RotatedRect[], flip: boolean, batchSize: number): Promise<{ text: string; confidence: number }[]> {
  const results = rects.map(() => ({ text: '', confidence: 0 }));
  const order = rects.map((r, i) => i).sort((a, b) => recWidth(rects[a]!) - recWidth(rects[b]!));
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    const width = Math.max(...batch.map((i) => recWidth(rects[i]!)));
    const data = new Float32Array(batch.length * 3 * REC_HEIGHT * width);
    batch.forEach((index, n) => {
      const rect = rects[index]!;
      cropBox(image, rect, recWidth(rect), REC_HEIGHT, flip, data, n * 3 * REC_HEIGHT * width, width);
    });
    const out = await models.recognize({ data, dims: [batch.length, 3, REC_HEIGHT, width] });
    const [, steps = 0, classes = 0] = out.dims;
    batch.forEach((index, n) => { results[index] = ctcDecode(out.data, steps, classes, n * steps * classes, models.dictionary); });
  }
  return results;
}

/** Share of the boxes the angle classifier reads as upside down (confident votes only). */
async function upsideDownShare(models: OcrModels, image: RgbImage, rects: readonly RotatedRect[]): Promise<number> {
  if (models.classify === null) return 0;
  const sample = [...rects].sort((a, b) => b.width - a.width).slice(0, 24).filter((r) => r.width > r.height * 2);
  if (sample.length === 0) return 0;
  const data = new Float32Array(sample.length * 3 * REC_HEIGHT * CLS_WIDTH);
  sample.forEach((rect, n) => cropBox(image, rect, Math.min(CLS_WIDTH, recWidth(rect)), REC_HEIGHT, false, data, n * 3 * REC_HEIGHT * CLS_WIDTH, CLS_WIDTH));
  const out = await models.classify({ data, dims: [sample.length, 3, REC_HEIGHT, CLS_WIDTH] });
  let up = 0, down = 0;
  for (let n = 0; n < sample.length; n++) {
    const p180 = out.data[n * 2 + 1] ?? 0;
    if (p180 > 0.8) down++;
    else if (p180 < 0.2) up++;
  }
  return up + down === 0 ? 0 : down / (up + down);
}

/** Whether the darkest fifth of a box's pixels (its ink) is clearly red. */
function isRedInk(image: RgbImage, corners: readonly Point[]): boolean {
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(image.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(image.height - 1, Math.ceil(Math.max(...ys)));
  const step = Math.max(1, Math.round(Math.sqrt(((x1 - x0 + 1) * (y1 - y0 + 1)) / 3000)));
  const samples: [number, number][] = [];
  for (let y = y0; y <= y1; y += step) {
    for (let x = x0; x <= x1; x += step) {
      const i = (y * image.width + x) * 3;
      const r = image.data[i]!, g = image.data[i + 1]!, b = image.data[i + 2]!;
      samples.push([r + g + b, r - Math.max(g, b)]);
    }
  }
  if (samples.length < 10) return false;
  samples.sort((a, b) => a[0] - b[0]);
  const ink = samples.slice(0, Math.max(1, Math.floor(samples.length / 5)));
  return ink.reduce((s, [, red]) => s + red, 0) / ink.length > 60;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function detectRects(models: OcrModels, image: RgbImage, maxSide: number): Promise<RotatedRect[]> {
  const { tensor, scaleX, scaleY } = detectorInput(image, maxSide);
  const map = await models.detect(tensor);
  const [, , mh = 0, mw = 0] = map.dims;
  return boxesFromProbabilityMap(map.data, mw, mh).map((r) => {
    // Back to scan pixels (the detector's input may be scaled differently along x and y).
    const cos = Math.cos(r.angle);
    const sin = Math.sin(r.angle);
    const angle = Math.atan2((sin * scaleX) / scaleY, cos);
    const along = Math.hypot(cos / scaleX, sin / scaleY);
    const across = Math.hypot(sin / scaleX, cos / scaleY);
    return { cx: r.cx / scaleX, cy: r.cy / scaleY, width: r.width * along, height: r.height * across, angle };
  });
}

/** Boxes clearly longer across (text lines read left to right) and clearly longer up and down. */
export function lineDirections(rects: readonly RotatedRect[]): { across: number; upDown: number } {
  let across = 0, upDown = 0;
  for (const r of rects) {
    if (r.width >= 2.5 * r.height) across++;
    else if (r.height >= 2.5 * r.width) upDown++;
  }
  return { across, upDown };
}

/** Reads every text line of a scan. */
export async function readPage(models: OcrModels, scan: RgbImage, options: OcrOptions = {}): Promise<OcrPage> {
  const maxSide = options.detectionMaxSide ?? 960;
  // Seals are read past, not read: every model sees the scan with red ink faded.
  let source = scan;
  let image = dropRedInk(scan);
  let rects = await detectRects(models, image, maxSide);
  // Lines running up and down: the page was fed sideways. Detect again on the page turned a
  // quarter clockwise and keep that when its lines run across; the classifier then tells whether
  // it is upright (the scan was turned 270°) or upside down (90°).
  let isQuarterTurned = false;
  const directions = lineDirections(rects);
  if (directions.upDown >= 3 && directions.upDown > directions.across) {
    const turnedImage = rotateClockwise(image);
    const turnedRects = await detectRects(models, turnedImage, maxSide);
    if (lineDirections(turnedRects).across > directions.across) {
      image = turnedImage;
      source = rotateClockwise(scan);
      rects = turnedRects;
      isQuarterTurned = true;
    }
  }
  let isUpsideDown = (await upsideDownShare(models, image, rects)) > 0.5;
  let read = await recognizeBoxes(models, image, rects, isUpsideDown, options.recognitionBatch ?? 8);
  // No classifier verdict and a poor reading: try the page the other way up.
  const meanConfidence = (r: readonly { confidence: number }[]): number => r.reduce((s, x) => s + x.confidence, 0) / Math.max(r.length, 1);
  if (models.classify === null && rects.length > 0 && meanConfidence(read) < 0.6) {
    const flipped = await recognizeBoxes(models, image, rects, !isUpsideDown, options.recognitionBatch ?? 8);
    if (meanConfidence(flipped) > meanConfidence(read)) { read = flipped; isUpsideDown = !isUpsideDown; }
  }
  const skew = median(rects.filter((r) => r.width > r.height * 3).map((r) => r.angle));
  const cosS = Math.cos(-skew);
  const sinS = Math.sin(-skew);
  const lines: OcrLine[] = [];
  rects.forEach((rect, i) => {
    const result = read[i]!;
    const text = result.text.trim();
    if (text === '') return;
    // Layout position: undo the page rotation (180°) and the skew about the page centre.
    let dx = rect.cx - image.width / 2;
    let dy = rect.cy - image.height / 2;
    if (isUpsideDown) { dx = -dx; dy = -dy; }
    const ux = dx * cosS - dy * sinS + image.width / 2;
    const uy = dx * sinS + dy * cosS + image.height / 2;
    const angleOff = rect.angle - skew;
    const halfW = (Math.abs(rect.width * Math.cos(angleOff)) + Math.abs(rect.height * Math.sin(angleOff))) / 2;
    const halfH = (Math.abs(rect.width * Math.sin(angleOff)) + Math.abs(rect.height * Math.cos(angleOff))) / 2;
    const corners = rectCorners(rect);
    const ordered: readonly [Point, Point, Point, Point] = isUpsideDown ? [corners[2], corners[3], corners[0], corners[1]] : corners;
    // A quarter-turned page's corners go back to the scan as given: (x, y) turned is (H − y, x).
    const back = (p: Point): Point => (isQuarterTurned ? { x: p.y, y: image.width - p.x } : p);
    const quad = [back(ordered[0]), back(ordered[1]), back(ordered[2]), back(ordered[3])] as const;
    lines.push({ text, confidence: result.confidence, quad, x0: ux - halfW, x1: ux + halfW, y0: uy - halfH, y1: uy + halfH, isRed: isRedInk(source, corners) });
  });
  lines.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const rotation = isQuarterTurned ? (isUpsideDown ? 90 : 270) : isUpsideDown ? 180 : 0;
  return { width: image.width, height: image.height, rotation, skewDegrees: (skew * 180) / Math.PI, lines };
}

