import { isWindowsDeviceName } from '../../shared/validation/recordSafety';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { err, ok, type Result } from '../../shared/util/result';
import { APP_HOST, APP_SCHEME } from './appUrl';

/**
 * Serves dist/renderer under app://workbench. The resolver is pure so that every traversal trick
 * can be unit-tested on both path flavours; the handler adds MIME types and the CSP header.
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets the packet worker compile HarfBuzz (font subsetting for Chinese PDFs);
  // it permits WebAssembly compilation only, not eval() or inline scripts.
  "script-src 'self' 'wasm-unsafe-eval'",
  // antd 6 styles components with CSS-in-JS (@ant-design/cssinjs), which injects <style> elements
  // at run time; without 'unsafe-inline' for styles the whole UI renders unstyled. Scripts stay
  // strictly 'self'.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  // PDF preview shows a stored document from a blob: URL in an <iframe>.
  "frame-src 'self' blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.icns': 'image/icns',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export interface ResolvedAppPath {
  readonly filePath: string;
  /** index.html when the request looks like a client-side route (no extension); else null. */
  readonly fallbackPath: string | null;
}

type PathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'extname' | 'join' | 'sep'>;

// eslint-disable-next-line no-control-regex -- refusing control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Maps a URL pathname ("/assets/index-abc.js", still percent-encoded) to a file inside rootDir.
 * Refuses ".." and "." segments (also percent-encoded), backslashes, encoded slashes, drive
 * letters, NUL and other control characters, Windows device names, and anything that would end up
 * outside rootDir. `pathApi` lets tests run the Windows rules on Linux.
 */
export function resolveAppPath(rootDir: string, pathname: string, pathApi: PathApi = path): Result<ResolvedAppPath> {
  const refuse = (why: string): Result<never> => err('appProtocol.refused', `拒绝访问该路径：${why}`);
  if (!pathname.startsWith('/')) return refuse('路径必须以 / 开头');
  if (pathname.includes('\\')) return refuse('路径中不允许反斜杠');

  const segments: string[] = [];
  for (const rawSegment of pathname.split('/')) {
    if (rawSegment === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return refuse('路径编码无效');
    }
    if (segment === '.' || segment === '..') return refuse('路径中不允许 . 或 ..');
    if (segment.includes('/') || segment.includes('\\')) return refuse('路径中不允许编码的分隔符');
    if (segment.includes(':')) return refuse('路径中不允许冒号或盘符');
    if (CONTROL_CHARACTER.test(segment)) return refuse('路径中不允许控制字符');
    // Windows opens devices for these names in any folder, also as COM¹, "con .txt" or "NUL.";
    // and it drops trailing dots and spaces, so "index.html." would name another file.
    if (isWindowsDeviceName(segment)) return refuse('路径中不允许设备名');
    if (/[. ]$/.test(segment)) return refuse('路径段不允许以点或空格结尾');
    segments.push(segment);
  }

  const root = pathApi.resolve(rootDir);
  const indexPath = pathApi.join(root, 'index.html');
  if (segments.length === 0) return ok({ filePath: indexPath, fallbackPath: null });

  const filePath = pathApi.resolve(root, ...segments);
  const relative = pathApi.relative(root, filePath);
  if (relative === '' || relative === '..' || relative.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(relative)) {
    return refuse('路径超出应用目录');
  }
  const lastSegment = segments[segments.length - 1] ?? '';
  const isRouteLike = pathname.endsWith('/') || pathApi.extname(lastSegment) === '';
  return ok({ filePath, fallbackPath: isRouteLike ? indexPath : null });
}

/** Like resolveAppPath, for a whole request URL; anything but app://workbench is refused. */
export function resolveAppRequestUrl(rootDir: string, requestUrl: string, pathApi: PathApi = path): Result<ResolvedAppPath> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return err('appProtocol.badUrl', '请求地址无效');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username !== '' || url.password !== '') {
    return err('appProtocol.foreignHost', '请求地址不属于本应用');
  }
  return resolveAppPath(rootDir, url.pathname, pathApi);
}

export type ReadFileBytes = (filePath: string) => Promise<Uint8Array<ArrayBuffer>>;

function baseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // The bundle changes with every app update; revalidation is cheap on a local scheme.
    'Cache-Control': 'no-cache',
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: baseHeaders('text/plain; charset=utf-8') });
}

function isMissingFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/**
 * The handler passed to protocol.handle('app', ...). Only GET and HEAD; a missing file with an
 * extension is a 404 (a missing script must fail loudly), a missing extension-less path is a
 * client-side route and gets index.html.
 */
export function createAppProtocolHandler(rootDir: string, readBytes: ReadFileBytes = (p) => readFile(p)): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, '不支持的请求方法');
    const resolved = resolveAppRequestUrl(rootDir, request.url);
    if (!resolved.ok) return textResponse(403, resolved.error.message);

    const serve = async (filePath: string): Promise<Response> => {
      const bytes = await readBytes(filePath);
      const body = request.method === 'HEAD' ? null : bytes;
      return new Response(body, { status: 200, headers: baseHeaders(mimeTypeFor(filePath)) });
    };
    try {
      return await serve(resolved.value.filePath);
    } catch (error) {
      if (!isMissingFileError(error)) return textResponse(500, '读取应用文件失败');
      if (resolved.value.fallbackPath === null) return textResponse(404, '找不到该文件');
      try {
        return await serve(resolved.value.fallbackPath);
      } catch {
        return textResponse(404, '找不到应用页面');
      }
    }
  };
}
