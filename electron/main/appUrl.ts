/**
 * The app's own origin. The page is always served from app://workbench so that IndexedDB (keyed by
 * origin) never moves: a file:// or changing localhost origin would orphan every stored record.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseUrl(rawUrl: string): URL | null {
  try {
    return new URL(rawUrl);
  } catch {
    return null;
  }
}

/**
 * The Vite dev server origin from VITE_DEV_SERVER_URL, or null. Only an http(s) loopback URL is
 * accepted, and only in an unpackaged build: an installed app must never be pointed at another
 * origin by an environment variable.
 */
export function parseDevServerOrigin(rawUrl: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || rawUrl === undefined || rawUrl === '') return null;
  const url = parseUrl(rawUrl);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  if (url.username !== '' || url.password !== '' || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  return url.origin;
}

/**
 * Whether a URL belongs to the app: app://workbench (no port, no credentials) or, in development,
 * exactly the dev server's origin. Everything else (https:, file:, javascript:, data:, other app
 * hosts) is foreign. Used for navigation, IPC senders and permission requests.
 */
export function isTrustedAppUrl(rawUrl: string, devServerOrigin: string | null): boolean {
  const url = parseUrl(rawUrl);
  if (url === null || url.username !== '' || url.password !== '') return false;
  if (url.protocol === `${APP_SCHEME}:`) {
    // Node's URL leaves non-special schemes' hosts as written; Chromium lowercases standard ones.
    return url.host.toLowerCase() === APP_HOST;
  }
  if (devServerOrigin !== null && (url.protocol === 'http:' || url.protocol === 'https:')) {
    return url.origin === devServerOrigin;
  }
  return false;
}
