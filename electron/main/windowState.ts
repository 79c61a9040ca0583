import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './atomicWrite';

/**
 * The main window's size, position and maximized state, kept in <userData>/window-state.json.
 * The file is validated on load and the bounds clamped to the displays present now, so a window
 * saved on a monitor that has since been unplugged comes back on screen.
 */

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;
/** How much of the window must remain on some display for its saved position to be kept. */
const MIN_VISIBLE_PIXELS = { width: 200, height: 100 } as const;

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive().max(100_000),
  height: z.number().int().positive().max(100_000),
  isMaximized: z.boolean(),
});

export type WindowState = z.infer<typeof windowStateSchema>;

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DisplayArea {
  readonly workArea: Rect;
}

/** Bounds to open the window with. x/y are absent when the window should be centered. */
export interface InitialWindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly isMaximized: boolean;
}

/** The saved state, or null if the file content is not valid JSON of the right shape. */
export function parseWindowState(text: string): WindowState | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = windowStateSchema.safeParse(json);
  if (!parsed.success) return null;
  // x and y only make sense together.
  const { x, y, ...rest } = parsed.data;
  return x !== undefined && y !== undefined ? { x, y, ...rest } : rest;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function overlapArea(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * Fits a saved state to the current displays. The size is limited to the largest work area (and
 * at least the window's minimum); a position is kept only if enough of the window lies on some
 * display, and then it is pulled fully into that display's work area. Otherwise the window is
 * centered by leaving x/y out.
 */
export function clampWindowState(state: WindowState | null, displays: readonly DisplayArea[]): InitialWindowBounds {
  const largest = displays.reduce<Rect | null>(
    (best, display) => (best === null || display.workArea.width * display.workArea.height > best.width * best.height ? display.workArea : best),
    null,
  );
  const maxWidth = Math.max(MIN_WINDOW_SIZE.width, largest?.width ?? DEFAULT_WINDOW_SIZE.width);
  const maxHeight = Math.max(MIN_WINDOW_SIZE.height, largest?.height ?? DEFAULT_WINDOW_SIZE.height);
  const width = clamp(state?.width ?? DEFAULT_WINDOW_SIZE.width, MIN_WINDOW_SIZE.width, maxWidth);
  const height = clamp(state?.height ?? DEFAULT_WINDOW_SIZE.height, MIN_WINDOW_SIZE.height, maxHeight);
  const isMaximized = state?.isMaximized ?? false;

  if (state?.x === undefined || state.y === undefined) return { width, height, isMaximized };
  const saved: Rect = { x: state.x, y: state.y, width, height };

  let host: Rect | null = null;
  let bestOverlap = 0;
  for (const display of displays) {
    const overlap = overlapArea(saved, display.workArea);
    const isVisibleEnough = overlap.width >= Math.min(MIN_VISIBLE_PIXELS.width, width) && overlap.height >= Math.min(MIN_VISIBLE_PIXELS.height, height);
    if (isVisibleEnough && overlap.width * overlap.height > bestOverlap) {
      host = display.workArea;
      bestOverlap = overlap.width * overlap.height;
    }
  }
  if (host === null) return { width, height, isMaximized };

  const fittedWidth = Math.min(width, host.width);
  const fittedHeight = Math.min(height, host.height);
  return {
    x: clamp(saved.x, host.x, host.x + host.width - fittedWidth),
    y: clamp(saved.y, host.y, host.y + host.height - fittedHeight),
    width: fittedWidth,
    height: fittedHeight,
    isMaximized,
  };
}

export async function loadWindowState(filePath: string): Promise<WindowState | null> {
  try {
    return parseWindowState(await readFile(filePath, 'utf8'));
  } catch {
    // Missing or unreadable: start with the default size, centered.
    return null;
  }
}

export async function saveWindowState(filePath: string, state: WindowState): Promise<void> {
  await writeFileAtomic(filePath, `${JSON.stringify(state, null, 2)}\n`);
}
