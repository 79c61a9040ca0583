import { app, protocol, type Session, type WebContents, type WebPreferences } from 'electron';
import { APP_SCHEME, isTrustedAppUrl } from './appUrl';

/**
 * The security policy of the shell. main.ts imports this module first and calls
 * installAppSecurity() before anything else, so that every web contents ever created is hardened
 * and the app:// scheme is privileged before the app is ready.
 */

/**
 * Web preferences of every window, written out even where they equal Electron's defaults so that
 * a reviewer (and a test) sees them and a future default change cannot loosen them.
 */
export const SECURE_WEB_PREFERENCES = {
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
} as const satisfies WebPreferences;

/**
 * Permissions the page may have, and why: notifications (reminders), persistent-storage
 * (navigator.storage.persist() so Chromium never evicts the IndexedDB that holds all user data)
 * and clipboard-sanitized-write (copy buttons). Camera, location, USB and the rest are denied.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'persistent-storage', 'clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, devServerOrigin: string | null): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && requestingUrl !== undefined && isTrustedAppUrl(requestingUrl, devServerOrigin);
}

type HardenableContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

/**
 * No new windows, no navigation away from the app, no <webview>. Links to the outside world are
 * simply not followed: the app is offline and must not become a browser.
 */
export function hardenWebContents(contents: HardenableContents, devServerOrigin: string | null): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isTrustedAppUrl(event.url, devServerOrigin)) {
      event.preventDefault();
      console.warn(`[security] blocked navigation to ${event.url}`);
    }
  });
  // Covers iframes too; will-navigate fires for the main frame only.
  contents.on('will-frame-navigate', (event) => {
    if (!isTrustedAppUrl(event.url, devServerOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedAppUrl(event.url, devServerOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

export function installSessionPolicy(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>, devServerOrigin: string | null): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, devServerOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, devServerOrigin));
}

/** Must run before the app is ready (scheme privileges cannot be granted later). */
export function installAppSecurity(devServerOrigin: string | null): void {
  // Sandbox every renderer, including any the page might manage to create.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard + secure give app://workbench a real origin with IndexedDB, fetch and workers.
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
    },
  ]);
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, devServerOrigin);
  });
}
