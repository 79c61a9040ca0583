import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_DISPLAY_NAME } from './menu';
import { SECURE_WEB_PREFERENCES } from './security';
import { MIN_WINDOW_SIZE, type InitialWindowBounds, type WindowState } from './windowState';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly bounds: InitialWindowBounds;
  readonly isDev: boolean;
  /** Window icon for Linux; Windows and macOS take the icon of the packaged executable. */
  readonly iconPath?: string;
}

export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  const { x, y, width, height } = options.bounds;
  return {
    ...(x !== undefined && y !== undefined ? { x, y } : { center: true }),
    width,
    height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: APP_DISPLAY_NAME,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    ...(options.iconPath === undefined ? {} : { icon: options.iconPath }),
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: options.preloadPath,
      devTools: options.isDev,
      spellcheck: false,
    },
  };
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options));
  window.once('ready-to-show', () => {
    if (options.bounds.isMaximized) window.maximize();
    window.show();
  });
  return window;
}

type LifecycleWindow = Pick<BrowserWindow, 'on' | 'hide' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>;

export interface WindowLifecycleOptions {
  /** True once the user chose 退出 (menu, tray, Cmd+Q): then closing really closes. */
  readonly isQuitting: () => boolean;
  readonly saveState: (state: WindowState) => void;
  /** How long to wait after the last move or resize before writing the state file. */
  readonly saveDelayMs?: number;
}

function currentWindowState(window: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>): WindowState {
  // Normal bounds, so that a maximized window still remembers the size it returns to.
  const bounds = window.getNormalBounds();
  return {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    isMaximized: window.isMaximized(),
  };
}

/**
 * Closing the window hides it to the tray, so scheduled reminders keep firing; only 退出 quits.
 * The window's bounds are saved shortly after each move or resize and when it closes.
 */
export function manageWindowLifecycle(window: LifecycleWindow, options: WindowLifecycleOptions): void {
  let pendingSave: ReturnType<typeof setTimeout> | null = null;
  const saveNow = (): void => {
    if (pendingSave !== null) clearTimeout(pendingSave);
    pendingSave = null;
    if (!window.isDestroyed()) options.saveState(currentWindowState(window));
  };
  const saveSoon = (): void => {
    if (pendingSave !== null) clearTimeout(pendingSave);
    pendingSave = setTimeout(saveNow, options.saveDelayMs ?? 1000);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', (event) => {
    saveNow();
    if (!options.isQuitting()) {
      event.preventDefault();
      window.hide();
    }
  });
}
