/* Rotated rectangles for text boxes: minimum-area rectangle of a pixel region, unclip, corners. */

export interface Point { readonly x: number; readonly y: number }

/** A rotated rectangle: centre, width along `angle` (radians), height across it. */
export interface RotatedRect {
  readonly cx: number;
  readonly cy: number;
  readonly width: number;
  readonly height: number;
  readonly angle: number;
}

function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/** Andrew's monotone chain. */
function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (sorted.length < 3) return sorted;
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/**
 * Minimum-area enclosing rectangle (rotating calipers over the hull's edges), normalised so the
 * angle lies in (−45°, 45°]: text lines of a document read left to right.
 */
export function minAreaRect(points: readonly Point[]): RotatedRect {
  const hull = convexHull(points);
  let best: RotatedRect | null = null;
  let bestArea = Infinity;
  const n = hull.length;
  for (let i = 0; i < Math.max(n, 1); i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % n] ?? a;
    const angle = n < 2 ? 0 : Math.atan2(b.y - a.y, b.x - a.x);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const p of hull) {
      const u = p.x * cos + p.y * sin;
      const v = -p.x * sin + p.y * cos;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const mu = (minU + maxU) / 2;
      const mv = (minV + maxV) / 2;
      best = { cx: mu * cos - mv * sin, cy: mu * sin + mv * cos, width: maxU - minU, height: maxV - minV, angle };
    }
  }
  return normaliseRect(best ?? { cx: 0, cy: 0, width: 0, height: 0, angle: 0 });
}

function normaliseRect(rect: RotatedRect): RotatedRect {
  let { width, height, angle } = rect;
  // Bring the angle into (−π/2, π/2], then into (−π/4, π/4] by swapping sides.
  while (angle > Math.PI / 2) angle -= Math.PI;
  while (angle <= -Math.PI / 2) angle += Math.PI;
  if (angle > Math.PI / 4) { angle -= Math.PI / 2; [width, height] = [height, width]; }
  else if (angle <= -Math.PI / 4) { angle += Math.PI / 2; [width, height] = [height, width]; }
  return { cx: rect.cx, cy: rect.cy, width, height, angle };
}

/** DB "unclip": grows the shrunk text kernel back by area × ratio / perimeter on every side. */
export function unclip(rect: RotatedRect, ratio: number): RotatedRect {
  const area = rect.width * rect.height;
  const perimeter = 2 * (rect.width + rect.height);
  const d = perimeter > 0 ? (area * ratio) / perimeter : 0;
  return { ...rect, width: rect.width + 2 * d, height: rect.height + 2 * d };
}

/** Corners clockwise from top-left (in image coordinates, y down). */
export function rectCorners(rect: RotatedRect): [Point, Point, Point, Point] {
  const cos = Math.cos(rect.angle);
  const sin = Math.sin(rect.angle);
  const hw = rect.width / 2;
  const hh = rect.height / 2;
  const at = (u: number, v: number): Point => ({ x: rect.cx + u * cos - v * sin, y: rect.cy + u * sin + v * cos });
  return [at(-hw, -hh), at(hw, -hh), at(hw, hh), at(-hw, hh)];
}
