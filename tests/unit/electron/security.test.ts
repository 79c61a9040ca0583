import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  app: { enableSandbox: vi.fn(), on: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn() },
}));
vi.mock('electron', () => electron);

const { ALLOWED_PERMISSIONS, hardenWebContents, installAppSecurity, installSessionPolicy, isPermissionAllowed, SECURE_WEB_PREFERENCES } = await import('../../../electron/main/security');

const { mainWindowOptions } = await import('../../../electron/main/mainWindow');

const ELECTRON_DIR = path.resolve(import.meta.dirname, '../../../electron');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return /\.(ts|cts|mts)$/.test(entry.name) ? [full] : [];
  });
}

type WindowOpenHandler = (details: { url: string }) => { action: string };

class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

function harden(devServerOrigin: string | null = null): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents, devServerOrigin);
  return contents;
}

beforeEach(() => {
  vi.clearAllMocks();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('hardenWebContents', () => {
  it('denies every window.open', () => {
    const contents = harden();
    for (const url of ['https://example.com/', 'app://workbench/index.html', 'about:blank']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it.each([
    ['will-navigate'],
    ['will-frame-navigate'],
    ['will-redirect'],
  ])('%s: prevents foreign URLs and lets the app origin through', (eventName) => {
    const contents = harden();
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'app://other/']) {
      const event = navigationEvent(url);
      contents.emit(eventName, event, url);
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
    }
    const own = navigationEvent('app://workbench/index.html');
    contents.emit(eventName, own, own.url);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });

  it('allows the dev server only when it is configured', () => {
    const dev = harden('http://localhost:5173');
    const allowed = navigationEvent('http://localhost:5173/');
    dev.emit('will-navigate', allowed, allowed.url);
    expect(allowed.preventDefault).not.toHaveBeenCalled();

    const prod = harden(null);
    const refused = navigationEvent('http://localhost:5173/');
    prod.emit('will-navigate', refused, refused.url);
    expect(refused.preventDefault).toHaveBeenCalled();
  });

  it('prevents attaching any <webview>', () => {
    const contents = harden();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('permissions', () => {
  it('allows only the listed permissions, only for the app origin', () => {
    expect([...ALLOWED_PERMISSIONS].sort()).toEqual(['clipboard-sanitized-write', 'notifications', 'persistent-storage']);
    expect(isPermissionAllowed('notifications', 'app://workbench/index.html', null)).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example/', null)).toBe(false);
    expect(isPermissionAllowed('notifications', undefined, null)).toBe(false);
    for (const permission of ['media', 'geolocation', 'openExternal', 'usb', 'hid', 'serial', 'display-capture', 'clipboard-read', 'midiSysex', 'fileSystem']) {
      expect(isPermissionAllowed(permission, 'app://workbench/index.html', null)).toBe(false);
    }
  });

  it('wires both session handlers', () => {
    type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
    type CheckHandler = (contents: unknown, permission: string, requestingOrigin: string) => boolean;
    let requestHandler: RequestHandler | null = null;
    let checkHandler: CheckHandler | null = null;
    const session = {
      setPermissionRequestHandler: (handler: RequestHandler) => {
        requestHandler = handler;
      },
      setPermissionCheckHandler: (handler: CheckHandler) => {
        checkHandler = handler;
      },
    };
    installSessionPolicy(session, null);

    const decisions: boolean[] = [];
    const request = requestHandler as RequestHandler | null;
    request?.(null, 'notifications', (granted) => decisions.push(granted), { requestingUrl: 'app://workbench/index.html' });
    request?.(null, 'media', (granted) => decisions.push(granted), { requestingUrl: 'app://workbench/index.html' });
    request?.(null, 'notifications', (granted) => decisions.push(granted), { requestingUrl: 'https://evil.example/' });
    expect(decisions).toEqual([true, false, false]);

    const check = checkHandler as CheckHandler | null;
    expect(check?.(null, 'persistent-storage', 'app://workbench')).toBe(true);
    expect(check?.(null, 'geolocation', 'app://workbench')).toBe(false);
  });
});

describe('installAppSecurity', () => {
  it('sandboxes all renderers, privileges app:// and hardens every new web contents', () => {
    installAppSecurity(null);
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
    ]);
    const [eventName, listener] = electron.app.on.mock.calls[0] as [string, (event: unknown, contents: FakeWebContents) => void];
    expect(eventName).toBe('web-contents-created');
    const contents = new FakeWebContents();
    listener({}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const event = navigationEvent('https://example.com/');
    contents.emit('will-navigate', event, event.url);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it.each([true, false])('every window the app opens gets the secure web preferences (isDev %s)', (isDev) => {
    // The one place that opens a window is the main-window factory; a second BrowserWindow,
    // BrowserView or WebContentsView anywhere in electron/ would escape this check, so none may exist.
    const opened = sourcesUnder(ELECTRON_DIR).filter((file) => /new (BrowserWindow|BrowserView|WebContentsView)\b/.test(readFileSync(file, 'utf8')));
    expect(opened.map((file) => path.relative(ELECTRON_DIR, file))).toEqual([path.join('main', 'mainWindow.ts')]);
    const { webPreferences } = mainWindowOptions({ preloadPath: '/opt/app/preload.cjs', bounds: { width: 1280, height: 820, isMaximized: false }, isDev });
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    // Nothing after the spread of SECURE_WEB_PREFERENCES weakens one of its entries.
    expect(webPreferences).toMatchObject(SECURE_WEB_PREFERENCES);
  });
});
