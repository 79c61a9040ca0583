import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clampWindowState, DEFAULT_WINDOW_SIZE, loadWindowState, MIN_WINDOW_SIZE, parseWindowState, saveWindowState, type DisplayArea,
} from '../../../electron/main/windowState';

const laptop: DisplayArea = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const leftMonitor: DisplayArea = { workArea: { x: -2560, y: 0, width: 2560, height: 1400 } };
const small: DisplayArea = { workArea: { x: 0, y: 0, width: 1366, height: 728 } };

describe('parseWindowState', () => {
  it('reads a valid file', () => {
    expect(parseWindowState('{"x":10,"y":20,"width":1300,"height":850,"isMaximized":true}')).toEqual({ x: 10, y: 20, width: 1300, height: 850, isMaximized: true });
  });

  it('drops a lone x or y', () => {
    expect(parseWindowState('{"x":10,"width":1300,"height":850,"isMaximized":false}')).toEqual({ width: 1300, height: 850, isMaximized: false });
  });

  it.each([
    ['not JSON', '{oops'],
    ['empty', ''],
    ['an array', '[]'],
    ['a string width', '{"width":"1300","height":850,"isMaximized":false}'],
    ['a negative height', '{"width":1300,"height":-5,"isMaximized":false}'],
    ['a fractional x', '{"x":1.5,"y":2,"width":1300,"height":850,"isMaximized":false}'],
    ['missing isMaximized', '{"width":1300,"height":850}'],
    ['an absurd size', '{"width":1e9,"height":850,"isMaximized":false}'],
  ])('rejects %s', (_label, text) => {
    expect(parseWindowState(text)).toBeNull();
  });
});

describe('clampWindowState', () => {
  it('uses the default size, centered, without a saved state', () => {
    expect(clampWindowState(null, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, isMaximized: false });
  });

  it('keeps a position that is on screen', () => {
    expect(clampWindowState({ x: 100, y: 50, width: 1300, height: 850, isMaximized: false }, [laptop]))
      .toEqual({ x: 100, y: 50, width: 1300, height: 850, isMaximized: false });
  });

  it('keeps a position on a monitor left of the primary one', () => {
    expect(clampWindowState({ x: -2000, y: 100, width: 1300, height: 850, isMaximized: true }, [laptop, leftMonitor]))
      .toEqual({ x: -2000, y: 100, width: 1300, height: 850, isMaximized: true });
  });

  it('centers a window saved on a monitor that is no longer connected', () => {
    expect(clampWindowState({ x: -2000, y: 100, width: 1300, height: 850, isMaximized: false }, [laptop]))
      .toEqual({ width: 1300, height: 850, isMaximized: false });
  });

  it('pulls a partly off-screen window fully onto the display', () => {
    expect(clampWindowState({ x: 1500, y: 600, width: 1300, height: 850, isMaximized: false }, [laptop]))
      .toEqual({ x: 620, y: 190, width: 1300, height: 850, isMaximized: false });
  });

  it('centers a window whose visible sliver is too small to grab', () => {
    expect(clampWindowState({ x: 1900, y: 1000, width: 1300, height: 850, isMaximized: false }, [laptop]))
      .toEqual({ width: 1300, height: 850, isMaximized: false });
  });

  it('shrinks a window larger than every display', () => {
    expect(clampWindowState({ x: 0, y: 0, width: 3000, height: 2000, isMaximized: false }, [small]))
      .toEqual({ x: 0, y: 0, width: 1366, height: 728, isMaximized: false });
  });

  it('never goes below the minimum size', () => {
    const result = clampWindowState({ width: 200, height: 100, isMaximized: false }, [laptop]);
    expect(result).toEqual({ width: MIN_WINDOW_SIZE.width, height: MIN_WINDOW_SIZE.height, isMaximized: false });
  });

  it('works without any display information', () => {
    expect(clampWindowState({ x: 5, y: 5, width: 1300, height: 850, isMaximized: false }, [])).toEqual({ width: 1280, height: 820, isMaximized: false });
  });
});

describe('loadWindowState / saveWindowState', () => {
  it('round-trips through the file and treats a missing or corrupt file as no state', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'window-state-'));
    try {
      const file = path.join(dir, 'window-state.json');
      expect(await loadWindowState(file)).toBeNull();
      await saveWindowState(file, { x: 1, y: 2, width: 1000, height: 700, isMaximized: false });
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ x: 1, y: 2, width: 1000, height: 700, isMaximized: false });
      expect(await loadWindowState(file)).toEqual({ x: 1, y: 2, width: 1000, height: 700, isMaximized: false });
      await writeFile(file, '{"width": "big"}');
      expect(await loadWindowState(file)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
