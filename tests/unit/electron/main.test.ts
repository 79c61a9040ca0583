import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBackupVerifyWorker } from './backupVerifyWorkerBundle';
import type * as BackupServiceModule from '../../../electron/main/backup/backupService';

/**
 * Loads electron/main/main.ts against a mocked Electron and checks the wiring end to end: the
 * security policy before readiness, the app:// handler, the IPC channels, the window, menu, tray
 * and reminder notifications. Each test gets fresh mocks and a fresh copy of main.
 */

type Listener = (...args: unknown[]) => unknown;

function createElectronMock(options: { hasLock: boolean; isPackaged: boolean; userData: string }) {
  const appListeners = new Map<string, Listener[]>();
  const callLog: string[] = [];
  const windows: FakeBrowserWindow[] = [];
  const notifications: FakeNotification[] = [];
  const trays: FakeTray[] = [];
  const ipcHandlers = new Map<string, Listener>();
  let setMenuTemplate: unknown[] = [];

  class FakeBrowserWindow {
    readonly listeners = new Map<string, Listener[]>();
    readonly webContents = { id: 1, send: vi.fn(), on: vi.fn(), isDestroyed: () => false, mainFrame: { processId: 1, routingId: 1 } };
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly show = vi.fn();
    readonly hide = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    readonly maximize = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener): this {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 10, y: 10, width: 1200, height: 800 };
    }
    static fromWebContents() {
      return windows[0] ?? null;
    }
  }

  class FakeNotification {
    static isSupported() {
      return true;
    }
    readonly listeners = new Map<string, Listener>();
    readonly show = vi.fn();
    constructor(readonly options: { title: string; body: string }) {
      notifications.push(this);
    }
    on(event: string, listener: Listener): this {
      this.listeners.set(event, listener);
      return this;
    }
  }

  class FakeTray {
    readonly setToolTip = vi.fn();
    readonly setContextMenu = vi.fn();
    readonly on = vi.fn();
    readonly destroy = vi.fn();
    constructor(readonly image: unknown) {
      trays.push(this);
    }
  }

  const electron = {
    app: {
      isPackaged: options.isPackaged,
      enableSandbox: vi.fn(() => callLog.push('enableSandbox')),
      on: vi.fn((event: string, listener: Listener) => {
        appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
      }),
      requestSingleInstanceLock: vi.fn(() => options.hasLock),
      quit: vi.fn(),
      exit: vi.fn(),
      whenReady: vi.fn(() => {
        callLog.push('whenReady');
        return Promise.resolve();
      }),
      getAppPath: () => '/opt/workbench',
      getPath: (name: string) => (name === 'userData' ? options.userData : `/home/user/${name}`),
      getVersion: () => '0.1.0',
      setAppUserModelId: vi.fn(),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => callLog.push('registerSchemesAsPrivileged')),
      handle: vi.fn(),
    },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    ipcMain: { handle: vi.fn((channel: string, listener: Listener) => ipcHandlers.set(channel, listener)) },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => template),
      setApplicationMenu: vi.fn((template: unknown[]) => {
        setMenuTemplate = template;
      }),
    },
    BrowserWindow: FakeBrowserWindow,
    Notification: FakeNotification,
    Tray: FakeTray,
    nativeImage: { createFromPath: vi.fn((p: string) => ({ path: p, setTemplateImage: vi.fn() })) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    dialog: { showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })), showErrorBox: vi.fn(), showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
    shell: { openPath: vi.fn(() => Promise.resolve('')) },
    // Reversible, so a round trip through main shows the real safeStorage is the one wired in.
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptString: vi.fn((text: string) => Buffer.from(text, 'utf8').reverse()),
      decryptString: vi.fn((bytes: Buffer) => Buffer.from(bytes).reverse().toString('utf8')),
    },
  };

  const emitApp = (event: string, ...args: unknown[]) => {
    for (const listener of appListeners.get(event) ?? []) listener(...args);
  };
  return { electron, callLog, windows, notifications, trays, ipcHandlers, emitApp, menuTemplate: () => setMenuTemplate };
}

const holder = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock('electron', () => {
  // Getters, so that every fresh copy of main sees the mocks of the current test.
  const names = ['app', 'protocol', 'session', 'ipcMain', 'Menu', 'BrowserWindow', 'Notification', 'Tray', 'nativeImage', 'screen', 'dialog', 'shell', 'safeStorage'];
  // A function target, so that `new BrowserWindow(...)` reaches the construct trap.
  return Object.fromEntries(names.map((name) => [name, new Proxy(function electronExport() {}, {
    get: (_target, key) => (holder.current?.[name] as Record<string | symbol, unknown> | undefined)?.[key],
    construct: (_target, args: unknown[]) => new (holder.current?.[name] as new (...a: unknown[]) => object)(...args),
  })]));
});

let userData = '';
let mock: ReturnType<typeof createElectronMock>;

async function startMain(options: { hasLock?: boolean; isPackaged?: boolean } = {}) {
  mock = createElectronMock({ hasLock: options.hasLock ?? true, isPackaged: options.isPackaged ?? false, userData });
  holder.current = mock.electron;
  vi.resetModules();
  await import('../../../electron/main/main');
}

beforeEach(async () => {
  userData = await mkdtemp(path.join(os.tmpdir(), 'workbench-userdata-'));
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.useRealTimers();
  await rm(userData, { recursive: true, force: true, maxRetries: 5 });
});

const appFrameEvent = () => ({
  senderFrame: { url: 'app://workbench/index.html', parent: null, processId: 1, routingId: 1 },
  sender: mock.windows[0]?.webContents,
});

describe('main', () => {
  it('installs the security policy before the app is ready, then loads app://workbench', async () => {
    await startMain();
    expect(mock.callLog.slice(0, 3)).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'whenReady']);
    await vi.waitFor(() => expect(mock.windows[0]?.loadURL).toHaveBeenCalledWith('app://workbench/index.html'));

    expect(mock.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(mock.electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect([...mock.ipcHandlers.keys()].sort()).toEqual([
      'app:getInfo', 'backup:abort', 'backup:append', 'backup:begin', 'backup:delete', 'backup:finish', 'backup:list', 'backup:openFolder',
      'backup:pickFile', 'backup:prune', 'backup:read', 'backup:reportQuitBackup', 'backup:setPendingChanges',
      'dialog:openFiles', 'dialog:saveFile', 'knowledgeBase:loadOverride', 'ocr:cancel', 'ocr:recognize', 'osKey:clear', 'osKey:load', 'osKey:save',
      'osKey:status', 'reminders:schedule',
    ]);

    const window = mock.windows[0];
    expect((window?.options.webPreferences as Record<string, unknown>).preload).toBe(path.join('/opt/workbench', 'dist-electron', 'preload.cjs'));
    expect(window?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(mock.trays).toHaveLength(1);
    expect(mock.electron.nativeImage.createFromPath).toHaveBeenCalledWith(expect.stringContaining(path.join('dist-electron', 'icons')));
  });

  it('quits at once when another instance holds the lock', async () => {
    await startMain({ hasLock: false });
    expect(mock.electron.app.quit).toHaveBeenCalled();
    expect(mock.electron.app.whenReady).not.toHaveBeenCalled();
    expect(mock.windows).toHaveLength(0);
  });

  it('focuses the existing window when a second instance starts', async () => {
    await startMain();
    await vi.waitFor(() => expect(mock.windows).toHaveLength(1));
    mock.emitApp('second-instance');
    expect(mock.windows[0]?.show).toHaveBeenCalled();
    expect(mock.windows[0]?.focus).toHaveBeenCalled();
  });

  it('hides to the tray on close and really closes after 退出', async () => {
    await startMain();
    await vi.waitFor(() => expect(mock.windows).toHaveLength(1));
    const window = mock.windows[0];
    const first = { preventDefault: vi.fn() };
    window?.emit('close', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(window?.hide).toHaveBeenCalled();

    mock.emitApp('before-quit');
    const second = { preventDefault: vi.fn() };
    window?.emit('close', second);
    expect(second.preventDefault).not.toHaveBeenCalled();

    // Closing also wrote the window's bounds for the next start.
    await vi.waitFor(async () => {
      const saved = JSON.parse(await readFile(path.join(userData, 'window-state.json'), 'utf8')) as unknown;
      expect(saved).toEqual({ x: 10, y: 10, width: 1200, height: 800, isMaximized: false });
    });
  });

  it('loads the Vite dev server only in an unpackaged build', async () => {
    vi.stubEnv('VITE_DEV_SERVER_URL', 'http://localhost:5173/');
    await startMain({ isPackaged: false });
    await vi.waitFor(() => expect(mock.windows[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173/'));

    await startMain({ isPackaged: true });
    await vi.waitFor(() => expect(mock.windows[0]?.loadURL).toHaveBeenCalledWith('app://workbench/index.html'));
  });

  it('sends menu commands to the page', async () => {
    await startMain();
    await vi.waitFor(() => expect(mock.windows).toHaveLength(1));
    const fileMenu = (mock.menuTemplate() as Array<{ label: string; submenu: Array<{ label?: string; click?: () => void }> }>).find((m) => m.label === '文件');
    fileMenu?.submenu.find((i) => i.label === '导出工作区…')?.click?.();
    expect(mock.windows[0]?.webContents.send).toHaveBeenCalledWith('menu:command', 'export-workspace');
  });

  it('shows a scheduled reminder as a notification while the window is hidden, and reports its click', async () => {
    await startMain();
    await vi.waitFor(() => expect(mock.windows).toHaveLength(1));
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse('2021-11-15T09:00:00+08:00'));
    mock.windows[0]?.emit('close', { preventDefault: vi.fn() });

    const schedule = mock.ipcHandlers.get('reminders:schedule');
    const result = await schedule?.(appFrameEvent(), {
      reminders: [{ id: 'licence-1', title: '药品经营许可证即将到期', body: '请在到期前办理换证', fireAt: '2021-11-15T10:00:00+08:00' }],
    });
    expect(result).toEqual({ ok: true, value: { scheduled: 1, skippedPast: 0 } });

    vi.advanceTimersByTime(60 * 60 * 1000);
    expect(mock.notifications).toHaveLength(1);
    expect(mock.notifications[0]?.options).toEqual({ title: '药品经营许可证即将到期', body: '请在到期前办理换证' });
    expect(mock.notifications[0]?.show).toHaveBeenCalled();

    mock.notifications[0]?.listeners.get('click')?.();
    expect(mock.windows[0]?.show).toHaveBeenCalled();
    expect(mock.windows[0]?.webContents.send).toHaveBeenCalledWith('reminders:clicked', 'licence-1');
  });

  it('answers app:getInfo with the user data folder, and refuses a foreign frame', async () => {
    await startMain();
    await vi.waitFor(() => expect(mock.windows).toHaveLength(1));
    const getInfo = mock.ipcHandlers.get('app:getInfo');
    await expect(getInfo?.(appFrameEvent(), undefined)).resolves.toEqual({
      ok: true, value: { version: '0.1.0', platform: process.platform, userDataPath: userData },
    });
    const foreign = { ...appFrameEvent(), senderFrame: { url: 'https://evil.example/', parent: null, processId: 1, routingId: 1 } };
    await expect(getInfo?.(foreign, undefined)).resolves.toMatchObject({ ok: false, error: { code: 'ipc.forbiddenSender' } });
  });

  it('writes a stored backup into <userData>/backups through the IPC channels, verified by the worker bundled beside main', async () => {
    // Under vitest main.ts runs from source, where no bundled worker sits beside it: build the real
    // one elsewhere and record which path main asked for, so the check below is the worker's own.
    const workerBundle = await buildBackupVerifyWorker(userData);
    const requestedWorkerPaths: string[] = [];
    vi.doMock('../../../electron/main/backup/backupService', async (importOriginal) => {
      const original = await importOriginal<typeof BackupServiceModule>();
      return {
        ...original,
        createWorkerBackupVerifier: (workerPath: string) => {
          requestedWorkerPaths.push(workerPath);
          return original.createWorkerBackupVerifier(workerBundle);
        },
      };
    });
    try {
      await startMain();
    } finally {
      vi.doUnmock('../../../electron/main/backup/backupService');
    }
    expect(requestedWorkerPaths).toEqual([path.join(path.resolve('electron/main'), 'backupVerifyWorker.cjs')]);
    await vi.waitFor(() => expect(mock.windows).toHaveLength(1));
    const begin = await mock.ipcHandlers.get('backup:begin')?.(appFrameEvent(), { target: { kind: 'backupFolder', reason: 'manual' } });
    expect(begin).toMatchObject({ ok: true, value: { isStarted: true } });
    const sessionId = (begin as { value: { sessionId: string } }).value.sessionId;
    // Not an archive: main's verification refuses it and leaves nothing behind.
    await mock.ipcHandlers.get('backup:append')?.(appFrameEvent(), { sessionId, chunk: new TextEncoder().encode('不是备份') });
    const finish = await mock.ipcHandlers.get('backup:finish')?.(appFrameEvent(), { sessionId, passphrase: null });
    expect(finish).toMatchObject({ ok: false, error: { code: 'backup.verifyFailed' } });
    // The worker read the file and refused it: not "could not start" or "exited".
    expect((finish as { error: { message: string } }).error.message).not.toMatch(/无法启动|意外/);
    const listed = await mock.ipcHandlers.get('backup:list')?.(appFrameEvent(), undefined);
    expect(listed).toEqual({ ok: true, value: { folder: path.join(userData, 'backups'), backups: [] } });
  });

  it('keeps the data-encryption key in <userData>/vault/os-key.bin through safeStorage', async () => {
    await startMain();
    await vi.waitFor(() => expect(mock.windows).toHaveLength(1));
    const call = (channel: string, payload?: unknown) => mock.ipcHandlers.get(channel)?.(appFrameEvent(), payload);
    const key = { keyBase64: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=', keyId: '0123456789abcdef' };
    await expect(call('osKey:status')).resolves.toEqual({ ok: true, value: { isAvailable: true, reason: null, hasKey: false } });
    await expect(call('osKey:save', key)).resolves.toEqual({ ok: true, value: null });
    const onDisk = await readFile(path.join(userData, 'vault', 'os-key.bin'), 'utf8');
    expect(onDisk).not.toContain(key.keyBase64);
    expect(mock.electron.safeStorage.encryptString).toHaveBeenCalledTimes(1);
    await expect(call('osKey:load')).resolves.toEqual({ ok: true, value: key });
    await expect(call('osKey:save', { ...key, keyId: 'not hex' })).resolves.toMatchObject({ ok: false, error: { code: 'ipc.invalidPayload' } });
    await expect(call('osKey:clear')).resolves.toEqual({ ok: true, value: null });
    await expect(call('osKey:load')).resolves.toEqual({ ok: true, value: null });
  });

  it('at quit with unsaved changes, asks the page to back up and quits once it reports back', async () => {
    await startMain();
    await vi.waitFor(() => expect(mock.windows).toHaveLength(1));
    const window = mock.windows[0];

    // Nothing changed since the last backup: quitting is not held back.
    const calm = { preventDefault: vi.fn() };
    mock.emitApp('before-quit', calm);
    expect(calm.preventDefault).not.toHaveBeenCalled();

    await mock.ipcHandlers.get('backup:setPendingChanges')?.(appFrameEvent(), { hasPendingChanges: true });
    const quitting = { preventDefault: vi.fn() };
    mock.emitApp('before-quit', quitting);
    expect(quitting.preventDefault).toHaveBeenCalled();
    const sent = window?.webContents.send.mock.calls.find(([channel]) => channel === 'backup:requested') as [string, string] | undefined;
    expect(sent?.[1]).toMatch(/^[0-9a-f]{32}$/);
    expect(mock.electron.app.quit).not.toHaveBeenCalled();

    const report = await mock.ipcHandlers.get('backup:reportQuitBackup')?.(appFrameEvent(), { requestId: sent?.[1], isBackedUp: true });
    expect(report).toEqual({ ok: true, value: null });
    expect(mock.electron.app.quit).toHaveBeenCalledTimes(1);
    const again = { preventDefault: vi.fn() };
    mock.emitApp('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('at quit, stops waiting for the backup when the window is closed', async () => {
    await startMain();
    await vi.waitFor(() => expect(mock.windows).toHaveLength(1));
    await mock.ipcHandlers.get('backup:setPendingChanges')?.(appFrameEvent(), { hasPendingChanges: true });
    mock.emitApp('before-quit', { preventDefault: vi.fn() });
    expect(mock.electron.app.quit).not.toHaveBeenCalled();
    mock.windows[0]?.emit('closed');
    expect(mock.electron.app.quit).toHaveBeenCalledTimes(1);
  });
});
