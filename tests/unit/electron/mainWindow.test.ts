import { EventEmitter } from 'node:events';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WindowState } from '../../../electron/main/windowState';

const electron = vi.hoisted(() => {
  class BrowserWindowMock {
    static instances: BrowserWindowMock[] = [];
    readonly listeners = new Map<string, () => void>();
    readonly maximize = vi.fn();
    readonly show = vi.fn();
    constructor(readonly options: unknown) {
      BrowserWindowMock.instances.push(this);
    }
    once(event: string, listener: () => void): this {
      this.listeners.set(event, listener);
      return this;
    }
  }
  return { BrowserWindow: BrowserWindowMock, app: { on: vi.fn(), enableSandbox: vi.fn() }, protocol: { registerSchemesAsPrivileged: vi.fn() } };
});
vi.mock('electron', () => electron);

const { createMainWindow, manageWindowLifecycle } = await import('../../../electron/main/mainWindow');

const preloadPath = '/opt/app/dist-electron/preload.cjs';

function createdOptions(): BrowserWindowConstructorOptions {
  const instance = electron.BrowserWindow.instances.at(-1);
  if (instance === undefined) throw new Error('no BrowserWindow was created');
  return instance.options as BrowserWindowConstructorOptions;
}

describe('createMainWindow', () => {
  beforeEach(() => {
    electron.BrowserWindow.instances = [];
  });

  it('creates the window with exactly the required web preferences', () => {
    createMainWindow({ preloadPath, bounds: { width: 1280, height: 820, isMaximized: false }, isDev: false });
    expect(createdOptions().webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      preload: preloadPath,
      devTools: false,
      spellcheck: false,
    });
  });

  it('enables DevTools only in development', () => {
    createMainWindow({ preloadPath, bounds: { width: 1280, height: 820, isMaximized: false }, isDev: true });
    expect(createdOptions().webPreferences?.devTools).toBe(true);
  });

  it('opens at the saved position, hidden until ready, and maximizes when it was maximized', () => {
    createMainWindow({ preloadPath, bounds: { x: 40, y: 60, width: 1400, height: 900, isMaximized: true }, isDev: false });
    const options = createdOptions();
    expect(options).toMatchObject({ x: 40, y: 60, width: 1400, height: 900, show: false, minWidth: 960, minHeight: 600, title: '企业合规工作台' });
    expect(options.center).toBeUndefined();
    const instance = electron.BrowserWindow.instances[0];
    instance?.listeners.get('ready-to-show')?.();
    expect(instance?.maximize).toHaveBeenCalled();
    expect(instance?.show).toHaveBeenCalled();
  });

  it('centers the window when there is no saved position', () => {
    createMainWindow({ preloadPath, bounds: { width: 1280, height: 820, isMaximized: false }, isDev: false });
    expect(createdOptions()).toMatchObject({ center: true });
    expect(createdOptions().x).toBeUndefined();
  });
});

class FakeWindow extends EventEmitter {
  readonly hide = vi.fn();
  maximized = false;
  bounds = { x: 10.4, y: 20, width: 1300, height: 850 };
  getNormalBounds() {
    return this.bounds;
  }
  isMaximized() {
    return this.maximized;
  }
  isDestroyed() {
    return false;
  }
}

describe('manageWindowLifecycle', () => {
  let window: FakeWindow;
  let isQuitting: boolean;
  let saved: WindowState[];

  beforeEach(() => {
    vi.useFakeTimers();
    window = new FakeWindow();
    isQuitting = false;
    saved = [];
    manageWindowLifecycle(window as unknown as BrowserWindow, { isQuitting: () => isQuitting, saveState: (s) => saved.push(s), saveDelayMs: 500 });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('hides the window to the tray instead of closing it', () => {
    const event = { preventDefault: vi.fn() };
    window.emit('close', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(window.hide).toHaveBeenCalled();
  });

  it('really closes once the user chose 退出', () => {
    isQuitting = true;
    const event = { preventDefault: vi.fn() };
    window.emit('close', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(window.hide).not.toHaveBeenCalled();
  });

  it('saves the state once, shortly after a burst of moves and resizes', () => {
    window.emit('move');
    window.emit('resize');
    vi.advanceTimersByTime(400);
    window.emit('resize');
    expect(saved).toHaveLength(0);
    vi.advanceTimersByTime(500);
    expect(saved).toEqual([{ x: 10, y: 20, width: 1300, height: 850, isMaximized: false }]);
  });

  it('saves the normal bounds and the maximized flag on close', () => {
    window.maximized = true;
    window.emit('maximize');
    window.emit('close', { preventDefault: vi.fn() });
    expect(saved).toEqual([{ x: 10, y: 20, width: 1300, height: 850, isMaximized: true }]);
    vi.advanceTimersByTime(1000);
    expect(saved).toHaveLength(1);
  });
});
