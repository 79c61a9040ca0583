import path from 'node:path';

/**
 * Where the shell finds its files, relative to the app folder (the repository when run with
 * `electron .`, app.asar when packaged). Vite builds the page into dist/renderer and
 * scripts/build-electron.mjs writes main, preload and the tray icons into dist-electron.
 */
export function appPaths(appPath: string, userDataPath: string, isMac: boolean): {
  readonly rendererRoot: string;
  readonly preload: string;
  readonly trayIcon: string;
  readonly windowIcon: string;
  readonly windowState: string;
  readonly knowledgeBaseOverride: string;
  readonly backups: string;
  readonly vault: string;
} {
  return {
    rendererRoot: path.join(appPath, 'dist', 'renderer'),
    preload: path.join(appPath, 'dist-electron', 'preload.cjs'),
    trayIcon: path.join(appPath, 'dist-electron', 'icons', isMac ? 'trayTemplate.png' : 'tray.png'),
    windowIcon: path.join(appPath, 'dist-electron', 'icons', 'icon.png'),
    windowState: path.join(userDataPath, 'window-state.json'),
    knowledgeBaseOverride: path.join(userDataPath, 'knowledge-base.json'),
    backups: path.join(userDataPath, 'backups'),
    vault: path.join(userDataPath, 'vault'),
  };
}
