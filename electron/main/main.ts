// The security policy is imported and installed before anything else happens in main.
import { installAppSecurity, installSessionPolicy } from './security';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell, utilityProcess, type Tray } from 'electron';
import path from 'node:path';
import { configureChineseValidationMessages } from '../../shared/util/zodLocale';
import { IPC_EVENTS, type IpcEventChannel, type IpcEventPayloads } from '../../shared/ipc/contract';
import { appPaths } from './appPaths';
import { createAppProtocolHandler } from './appProtocol';
import { createBackupService, createWorkerBackupVerifier } from './backup/backupService';
import { APP_ENTRY_URL, APP_SCHEME, parseDevServerOrigin } from './appUrl';
import { createFileDialogs } from './fileDialogs';
import { registerIpcHandlers, sendEvent } from './ipc';
import { createIpcHandlers } from './ipcHandlers';
import { createMainWindow, manageWindowLifecycle } from './mainWindow';
import { createOsKeyStore } from './osKeyStore';
import { QuitBackupGuard } from './backup/quitBackupGuard';
import { createRecognitionService, forkRecognitionProcess } from './recognitionService';
import { APP_DISPLAY_NAME, buildMenuTemplate } from './menu';
import { showReminderNotification } from './reminderNotifications';
import { ReminderScheduler } from './reminderScheduler';
import { createTray } from './tray';
import { clampWindowState, loadWindowState, saveWindowState } from './windowState';

configureChineseValidationMessages();

/** Same as appId in electron-builder.yml: Windows shows toasts only for a known AppUserModelID. */
const APP_USER_MODEL_ID = 'cn.compliance-workbench.app';

const isMac = process.platform === 'darwin';
const isDev = !app.isPackaged;
const devServerUrl = process.env.VITE_DEV_SERVER_URL;
const devServerOrigin = parseDevServerOrigin(devServerUrl, app.isPackaged);

installAppSecurity(devServerOrigin);

if (app.requestSingleInstanceLock()) {
  startShell();
} else {
  // Another instance owns the data folder; it is told through 'second-instance' and shows itself.
  app.quit();
}

function startShell(): void {
  let mainWindow: BrowserWindow | null = null;
  // Kept in a variable for the app's lifetime: a garbage-collected Tray disappears.
  let tray: Tray | null = null;
  let isQuitting = false;

  const showMainWindow = (): void => {
    if (mainWindow === null || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  const sendToPage = <E extends IpcEventChannel>(channel: E, payload: IpcEventPayloads[E]): void => {
    if (mainWindow !== null && !mainWindow.isDestroyed()) sendEvent(mainWindow.webContents, channel, payload);
  };

  const quit = (): void => {
    isQuitting = true;
    app.quit();
  };

  const showAbout = (): void => {
    const options = {
      type: 'info' as const,
      title: `关于${APP_DISPLAY_NAME}`,
      message: APP_DISPLAY_NAME,
      detail: `版本 ${app.getVersion()}\n面向北京企业合规专员的离线桌面工具。\n所有数据只保存在本机。`,
      buttons: ['确定'],
    };
    const shown = mainWindow === null ? dialog.showMessageBox(options) : dialog.showMessageBox(mainWindow, options);
    shown.catch((error: unknown) => console.error('[about] dialog failed', error));
  };

  const scheduler = new ReminderScheduler({
    now: () => Date.now(),
    notify: (reminder) => {
      showReminderNotification(reminder, (reminderId) => {
        showMainWindow();
        sendToPage(IPC_EVENTS.reminderClicked, reminderId);
      });
    },
  });

  // At quit, changes made since the last backup are backed up first (see QuitBackupGuard).
  const quitBackup = new QuitBackupGuard({
    requestBackup: (requestId) => {
      if (mainWindow === null || mainWindow.isDestroyed() || mainWindow.webContents.isDestroyed()) return false;
      // Shown, so the user sees 「正在备份…」 instead of a tray icon that does not go away.
      showMainWindow();
      sendToPage(IPC_EVENTS.backupRequested, requestId);
      return true;
    },
    quit: () => app.quit(),
  });

  app.on('second-instance', showMainWindow);
  app.on('activate', showMainWindow);
  app.on('before-quit', (event) => {
    isQuitting = true;
    quitBackup.onBeforeQuit(event);
  });
  // Scan recognition: the utility process starts with the first scan (electron/ocr/recognitionProcess.ts,
  // bundled beside main.cjs by scripts/build-electron.mjs).
  const recognition = createRecognitionService({
    fork: () => forkRecognitionProcess(utilityProcess, path.join(__dirname, 'recognitionProcess.cjs')),
  });

  app.on('will-quit', () => {
    scheduler.dispose();
    recognition.stop();
  });

  const onReady = async (): Promise<void> => {
    if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
    const paths = appPaths(app.getAppPath(), app.getPath('userData'), isMac);

    installSessionPolicy(session.defaultSession, devServerOrigin);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererRoot));

    const backups = createBackupService({
      folder: paths.backups,
      // Bundled beside main.cjs (scripts/build-electron.mjs); __dirname is dist-electron, inside
      // app.asar when packaged, where Electron's worker_threads can load it (electron/electron#33216).
      verifyBackupFile: createWorkerBackupVerifier(path.join(__dirname, 'backupVerifyWorker.cjs')),
      now: () => new Date(),
      dialog,
      windowFor: (sender) => BrowserWindow.fromWebContents(sender),
      defaultDirectory: () => app.getPath('documents'),
      openPath: (folder) => shell.openPath(folder),
    });
    backups.removeLeftovers().catch((error: unknown) => console.warn('[backup] leftover temporary files not removed', error));

    registerIpcHandlers(ipcMain, createIpcHandlers({
      fileDialogs: createFileDialogs({
        dialog,
        windowFor: (sender) => BrowserWindow.fromWebContents(sender),
        defaultDirectory: () => app.getPath('documents'),
      }),
      reminders: scheduler,
      appInfo: () => ({ version: app.getVersion(), platform: process.platform, userDataPath: app.getPath('userData') }),
      knowledgeBaseOverridePath: paths.knowledgeBaseOverride,
      backups,
      quitBackup,
      osKeyStore: createOsKeyStore({ safeStorage, folder: paths.vault, platform: process.platform }),
      recognition,
    }), devServerOrigin);

    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({
      isMac,
      isDev,
      sendCommand: (command) => {
        showMainWindow();
        sendToPage(IPC_EVENTS.menuCommand, command);
      },
      showAbout,
    })));

    const savedState = await loadWindowState(paths.windowState);
    const window = createMainWindow({
      preloadPath: paths.preload,
      bounds: clampWindowState(savedState, screen.getAllDisplays()),
      isDev,
      ...(process.platform === 'linux' ? { iconPath: paths.windowIcon } : {}),
    });
    mainWindow = window;
    manageWindowLifecycle(window, {
      isQuitting: () => isQuitting,
      saveState: (state) => {
        saveWindowState(paths.windowState, state).catch((error: unknown) => console.warn('[window-state] not saved', error));
      },
    });
    const pageId = window.webContents.id;
    const onPageGone = (): void => {
      quitBackup.pageGone();
      recognition.cancelAllOf(pageId);
      backups.abandonSessionsOf(pageId).catch((error: unknown) => console.warn('[backup] abandoned sessions not cleaned up', error));
    };
    window.webContents.on('render-process-gone', onPageGone);
    // A reload starts a new page that knows nothing of the old page's unfinished backups.
    window.webContents.on('did-navigate', () => {
      recognition.cancelAllOf(pageId);
      backups.abandonSessionsOf(pageId).catch((error: unknown) => console.warn('[backup] abandoned sessions not cleaned up', error));
    });
    window.on('closed', () => {
      mainWindow = null;
      onPageGone();
    });

    tray = createTray(paths.trayIcon, isMac, { showWindow: showMainWindow, quit });

    const entryUrl = devServerOrigin !== null && devServerUrl !== undefined ? devServerUrl : APP_ENTRY_URL;
    await window.loadURL(entryUrl);
  };

  app.whenReady().then(onReady).catch((error: unknown) => {
    console.error('[main] start-up failed', error);
    dialog.showErrorBox(`${APP_DISPLAY_NAME}无法启动`, error instanceof Error ? error.message : String(error));
    tray?.destroy();
    app.exit(1);
  });
}
