import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as hb from 'harfbuzzjs';

/*
 * A tiny anti-aliased vector rasteriser for the test-scan generator: glyph outlines from the
 * shipped Noto Sans CJK font (through harfbuzzjs), filled with the non-zero rule under one page
 * transform (so a rotated scan is drawn rotated, not resampled).
 */

type Edge = readonly [number, number, number, number];

export interface Rgb { readonly r: number; readonly g: number; readonly b: number }

let cachedFont: { font: hb.Font; upem: number } | null = null;

function font(): { font: hb.Font; upem: number } {
  if (cachedFont !== null) return cachedFont;
  const bytes = readFileSync(path.resolve(import.meta.dirname, '../../resources/fonts/NotoSansCJKsc-Regular.otf'));
  const face = new hb.Face(new hb.Blob(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
  cachedFont = { font: new hb.Font(face), upem: face.upem };
  return cachedFont;
}

const pathCache = new Map<number, string>();

/** Page canvas in millimetres; `dpi` sets the pixel size, `angleDegrees` rotates everything drawn about the centre. */
export class Canvas {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
  private readonly scale: number;
  private readonly cos: number;
  private readonly sin: number;

  constructor(widthMm: number, heightMm: number, dpi: number, angleDegrees: number, paper: Rgb) {
    this.scale = dpi / 25.4;
    this.width = Math.round(widthMm * this.scale);
    this.height = Math.round(heightMm * this.scale);
    this.data = new Float32Array(this.width * this.height * 3);
    for (let i = 0; i < this.width * this.height; i++) {
      this.data[i * 3] = paper.r; this.data[i * 3 + 1] = paper.g; this.data[i * 3 + 2] = paper.b;
    }
    const a = (angleDegrees * Math.PI) / 180;
    this.cos = Math.cos(a);
    this.sin = Math.sin(a);
  }

  /** Millimetres on the unrotated page → pixels on the scan. */
  private map(xMm: number, yMm: number): [number, number] {
    const x = xMm * this.scale - this.width / 2;
    const y = yMm * this.scale - this.height / 2;
    return [x * this.cos - y * this.sin + this.width / 2, x * this.sin + y * this.cos + this.height / 2];
  }

  /** Width of `text` in mm at `sizeMm` (em size), with `spacingMm` after every character but the last. */
  measure(text: string, sizeMm: number, spacingMm = 0): number {
    const { font: f, upem } = font();
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(f, buffer);
    const advance = buffer.getGlyphPositions().reduce((s, p) => s + p.xAdvance, 0);
    return (advance / upem) * sizeMm + spacingMm * Math.max(0, [...text].length - 1);
  }

  /** Draws `text` with its baseline at (x, y) mm. */
  text(text: string, xMm: number, yMm: number, sizeMm: number, color: Rgb, spacingMm = 0, alpha = 1): void {
    const { font: f, upem } = font();
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(f, buffer);
    const infos = buffer.getGlyphInfos();
    const positions = buffer.getGlyphPositions();
    let pen = xMm;
    const k = sizeMm / upem;
    infos.forEach((info, i) => {
      const pos = positions[i]!;
      let svg = pathCache.get(info.codepoint);
      if (svg === undefined) { svg = f.glyphToPath(info.codepoint); pathCache.set(info.codepoint, svg); }
      const ox = pen + pos.xOffset * k;
      const oy = yMm - pos.yOffset * k;
      this.fillEdges(pathEdges(svg, (x, y) => this.map(ox + x * k, oy - y * k)), color, alpha);
      pen += pos.xAdvance * k + spacingMm;
    });
  }

  /** Filled polygon(s), points in mm. */
  polygon(contours: readonly (readonly [number, number][])[], color: Rgb, alpha = 1): void {
    const edges: Edge[] = [];
    for (const contour of contours) {
      for (let i = 0; i < contour.length; i++) {
        const a = contour[i]!;
        const b = contour[(i + 1) % contour.length]!;
        edges.push([...this.map(a[0], a[1]), ...this.map(b[0], b[1])]);
      }
    }
    this.fillEdges(edges, color, alpha);
  }

  line(x0: number, y0: number, x1: number, y1: number, widthMm: number, color: Rgb): void {
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    const nx = (-(y1 - y0) / len) * (widthMm / 2);
    const ny = ((x1 - x0) / len) * (widthMm / 2);
    this.polygon([[[x0 + nx, y0 + ny], [x1 + nx, y1 + ny], [x1 - nx, y1 - ny], [x0 - nx, y0 - ny]]], color);
  }

  ring(cx: number, cy: number, radius: number, widthMm: number, color: Rgb, alpha = 1): void {
    const outer: [number, number][] = [];
    const inner: [number, number][] = [];
    for (let i = 0; i < 96; i++) {
      const a = (i / 96) * 2 * Math.PI;
      outer.push([cx + Math.cos(a) * radius, cy + Math.sin(a) * radius]);
      inner.unshift([cx + Math.cos(a) * (radius - widthMm), cy + Math.sin(a) * (radius - widthMm)]);
    }
    this.polygon([outer, inner], color, alpha);
  }

  private fillEdges(edges: readonly Edge[], color: Rgb, alpha: number): void {
    if (edges.length === 0) return;
    let minY = Infinity, maxY = -Infinity, minX = Infinity, maxX = -Infinity;
    for (const [x0, y0, x1, y1] of edges) {
      minY = Math.min(minY, y0, y1); maxY = Math.max(maxY, y0, y1);
      minX = Math.min(minX, x0, x1); maxX = Math.max(maxX, x0, x1);
    }
    const rowStart = Math.max(0, Math.floor(minY));
    const rowEnd = Math.min(this.height - 1, Math.ceil(maxY));
    const colStart = Math.max(0, Math.floor(minX));
    const colEnd = Math.min(this.width - 1, Math.ceil(maxX));
    if (rowStart > rowEnd || colStart > colEnd) return;
    const span = colEnd - colStart + 1;
    const coverage = new Float32Array(span);
    const SUB = 4;
    const crossings: [number, number][] = [];
    for (let row = rowStart; row <= rowEnd; row++) {
      coverage.fill(0);
      for (let s = 0; s < SUB; s++) {
        const y = row + (s + 0.5) / SUB;
        crossings.length = 0;
        for (const [x0, y0, x1, y1] of edges) {
          if ((y0 <= y && y1 > y) || (y1 <= y && y0 > y)) crossings.push([x0 + ((y - y0) / (y1 - y0)) * (x1 - x0), y1 > y0 ? 1 : -1]);
        }
        crossings.sort((a, b) => a[0] - b[0]);
        let winding = 0;
        for (let i = 0; i < crossings.length - 1; i++) {
          winding += crossings[i]![1];
          if (winding === 0) continue;
          const xa = Math.max(crossings[i]![0], colStart);
          const xb = Math.min(crossings[i + 1]![0], colEnd + 1);
          if (xb <= xa) continue;
          const ia = Math.floor(xa);
          const ib = Math.floor(xb);
          if (ia === ib) { coverage[ia - colStart]! += (xb - xa) / SUB; continue; }
          coverage[ia - colStart]! += (ia + 1 - xa) / SUB;
          for (let x = ia + 1; x < ib; x++) coverage[x - colStart]! += 1 / SUB;
          if (ib <= colEnd) coverage[ib - colStart]! += (xb - ib) / SUB;
        }
      }
      for (let x = 0; x < span; x++) {
        const c = Math.min(1, coverage[x]!) * alpha;
        if (c <= 0) continue;
        const at = (row * this.width + colStart + x) * 3;
        // Ink multiplies with what is under it (a seal over print stays readable, as on paper).
        this.data[at] = this.data[at]! * (1 - c + (c * color.r) / 255);
        this.data[at + 1] = this.data[at + 1]! * (1 - c + (c * color.g) / 255);
        this.data[at + 2] = this.data[at + 2]! * (1 - c + (c * color.b) / 255);
      }
    }
  }
}

/** Flattens an SVG path (M L Q C Z, absolute) into edges through `map`. */
function pathEdges(svg: string, map: (x: number, y: number) => [number, number]): Edge[] {
  const edges: Edge[] = [];
  const tokens = svg.match(/[MLQCZ]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  let i = 0;
  let cur: [number, number] = [0, 0];
  let start: [number, number] = [0, 0];
  let curFont: [number, number] = [0, 0];
  const num = (): number => Number(tokens[i++]);
  const lineTo = (p: [number, number]): void => { edges.push([cur[0], cur[1], p[0], p[1]]); cur = p; };
  let command = 'M';
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (/[MLQCZ]/.test(t)) { command = t; i++; if (command !== 'Z') continue; }
    if (command === 'M') { curFont = [num(), num()]; cur = map(...curFont); start = cur; command = 'L'; }
    else if (command === 'L') { curFont = [num(), num()]; lineTo(map(...curFont)); }
    else if (command === 'Q') {
      const c = [num(), num()] as const;
      const e: [number, number] = [num(), num()];
      const p0 = curFont;
      for (let k = 1; k <= 6; k++) {
        const u = k / 6;
        lineTo(map((1 - u) ** 2 * p0[0] + 2 * (1 - u) * u * c[0] + u * u * e[0], (1 - u) ** 2 * p0[1] + 2 * (1 - u) * u * c[1] + u * u * e[1]));
      }
      curFont = e;
    } else if (command === 'C') {
      const c1 = [num(), num()] as const;
      const c2 = [num(), num()] as const;
      const e: [number, number] = [num(), num()];
      const p0 = curFont;
      for (let k = 1; k <= 8; k++) {
        const u = k / 8;
        const a = (1 - u) ** 3, b = 3 * (1 - u) ** 2 * u, c = 3 * (1 - u) * u * u, d = u ** 3;
        lineTo(map(a * p0[0] + b * c1[0] + c * c2[0] + d * e[0], a * p0[1] + b * c1[1] + c * c2[1] + d * e[1]));
      }
      curFont = e;
    } else if (command === 'Z') { if (cur[0] !== start[0] || cur[1] !== start[1]) lineTo(start); command = 'M'; }
  }
  if (cur[0] !== start[0] || cur[1] !== start[1]) edges.push([cur[0], cur[1], start[0], start[1]]);
  return edges;
}
