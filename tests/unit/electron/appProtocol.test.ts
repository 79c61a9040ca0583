import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY, createAppProtocolHandler, mimeTypeFor, resolveAppPath, resolveAppRequestUrl,
} from '../../../electron/main/appProtocol';

const POSIX_ROOT = '/opt/app/dist/renderer';
const WIN_ROOT = 'C:\\Program Files\\企业合规工作台\\resources\\app.asar\\dist\\renderer';

describe('resolveAppPath (posix)', () => {
  it.each([
    ['/', 'index.html', null],
    ['/index.html', 'index.html', null],
    ['/assets/index-abc.js', 'assets/index-abc.js', null],
    ['/policies/knowledge-base.json', 'policies/knowledge-base.json', null],
    ['/fonts/%E6%80%9D%E6%BA%90.otf', 'fonts/思源.otf', null],
    ['/companies/123', 'companies/123', 'index.html'],
    ['/companies/', 'companies', 'index.html'],
    ['//assets//a.css', 'assets/a.css', null],
  ])('%s → %s (fallback %s)', (pathname, relative, fallback) => {
    const result = resolveAppPath(POSIX_ROOT, pathname, path.posix);
    expect(result).toEqual({
      ok: true,
      value: {
        filePath: path.posix.join(POSIX_ROOT, relative),
        fallbackPath: fallback === null ? null : path.posix.join(POSIX_ROOT, fallback),
      },
    });
  });

  it.each([
    ['/../etc/passwd'],
    ['/assets/../../etc/passwd'],
    ['/..'],
    ['/.'],
    ['/%2e%2e/etc/passwd'],
    ['/%2E%2E/%2E%2E/etc/passwd'],
    ['/.%2e/secret'],
    ['/%2e./secret'],
    ['/assets%2f..%2f..%2fetc%2fpasswd'],
    ['/..%2fetc%2fpasswd'],
    ['/..%5c..%5cwindows'],
    ['/a\\..\\..\\etc\\passwd'],
    ['/index.html%00.png'],
    ['/a%0ab'],
    ['/%E0%A4%A'],
    ['relative/path'],
    [''],
    ['/C:/Windows/win.ini'],
    ['/c%3a/windows'],
    ['/CON'],
    ['/aux.json'],
  ])('refuses %s', (pathname) => {
    const result = resolveAppPath(POSIX_ROOT, pathname, path.posix);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('appProtocol.refused');
  });
});

describe('resolveAppPath (Windows paths)', () => {
  it('maps into the root with Windows separators', () => {
    const result = resolveAppPath(WIN_ROOT, '/assets/index-abc.js', path.win32);
    expect(result).toEqual({ ok: true, value: { filePath: `${WIN_ROOT}\\assets\\index-abc.js`, fallbackPath: null } });
  });

  it.each([
    ['/..\\..\\Windows\\win.ini'],
    ['/%5c..%5c..%5cWindows'],
    ['/..%5cWindows'],
    ['/C:%5cWindows%5cwin.ini'],
    ['/%2e%2e/%2e%2e/Windows'],
    ['/\\\\server\\share\\x'],
    ['/nul'],
    ['/COM1.txt'],
  ])('refuses %s', (pathname) => {
    expect(resolveAppPath(WIN_ROOT, pathname, path.win32).ok).toBe(false);
  });
});

describe('resolveAppRequestUrl', () => {
  it('accepts app://workbench only', () => {
    expect(resolveAppRequestUrl(POSIX_ROOT, 'app://workbench/assets/a.js', path.posix).ok).toBe(true);
    expect(resolveAppRequestUrl(POSIX_ROOT, 'app://other/assets/a.js', path.posix).ok).toBe(false);
    expect(resolveAppRequestUrl(POSIX_ROOT, 'app://user@workbench/assets/a.js', path.posix).ok).toBe(false);
    expect(resolveAppRequestUrl(POSIX_ROOT, 'file:///etc/passwd', path.posix).ok).toBe(false);
    expect(resolveAppRequestUrl(POSIX_ROOT, '::::', path.posix).ok).toBe(false);
  });

  it('ignores query and fragment', () => {
    const result = resolveAppRequestUrl(POSIX_ROOT, 'app://workbench/index.html?x=../../y#../z', path.posix);
    expect(result.ok && result.value.filePath).toBe(`${POSIX_ROOT}/index.html`);
  });

  it('refuses percent-encoded traversal that URL parsing leaves in the path', () => {
    expect(resolveAppRequestUrl(POSIX_ROOT, 'app://workbench/..%2f..%2fetc/passwd', path.posix).ok).toBe(false);
    expect(resolveAppRequestUrl(POSIX_ROOT, 'app://workbench/a\\..\\..\\b', path.posix).ok).toBe(false);
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.JS', 'text/javascript; charset=utf-8'],
    ['worker.mjs', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['kb.json', 'application/json; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['font.otf', 'font/otf'],
    ['mod.wasm', 'application/wasm'],
    ['template.pdf', 'application/pdf'],
    ['blob.unknownext', 'application/octet-stream'],
    ['LICENSE', 'application/octet-stream'],
  ])('%s → %s', (name, type) => {
    expect(mimeTypeFor(name)).toBe(type);
  });
});

describe('createAppProtocolHandler', () => {
  let root = '';
  let outside = '';
  let handler: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'app-protocol-'));
    root = path.join(base, 'renderer');
    outside = path.join(base, 'secret.txt');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>企业合规工作台</title>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(root, 'assets', 'app.css'), 'body{}');
    await writeFile(outside, 'top secret');
    handler = createAppProtocolHandler(root);
  });

  afterAll(async () => {
    await rm(path.dirname(root), { recursive: true, force: true });
  });

  it('serves files with their MIME type and the strict CSP header', async () => {
    const response = await handler(new Request('app://workbench/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for the root and for extension-less routes', async () => {
    for (const url of ['app://workbench/', 'app://workbench/companies/42/licences']) {
      const response = await handler(new Request(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).toContain('企业合规工作台');
    }
  });

  it('answers 404 for a missing file with an extension (no SPA fallback)', async () => {
    const response = await handler(new Request('app://workbench/assets/missing.js'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses traversal out of the root with 403 and does not leak the file', async () => {
    for (const url of ['app://workbench/..%2fsecret.txt', 'app://workbench/%2e%2e/secret.txt', 'app://workbench/assets/..%2f..%2fsecret.txt']) {
      const response = await handler(new Request(url));
      expect(response.status).not.toBe(200);
      expect(await response.text()).not.toContain('top secret');
    }
  });

  it('answers HEAD without a body and refuses POST', async () => {
    const head = await handler(new Request('app://workbench/assets/app.css', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await head.text()).toBe('');
    const post = await handler(new Request('app://workbench/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });

  it('answers 500 when reading fails for another reason than a missing file', async () => {
    const failing = createAppProtocolHandler(root, () => Promise.reject(Object.assign(new Error('io'), { code: 'EIO' })));
    const response = await failing(new Request('app://workbench/index.html'));
    expect(response.status).toBe(500);
  });

  it('lists every directive the shell promises', () => {
    expect(CONTENT_SECURITY_POLICY.split('; ')).toEqual([
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "worker-src 'self' blob:",
      "frame-src 'self' blob:",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
  });
});

describe('resolveAppPath: Windows device names in every disguise', () => {
  it.each([
    '/COM¹', '/com².js', '/LPT³', '/lpt1.txt', '/CON .txt', '/con%20.txt', '/NUL.', '/aux%20', '/assets/PRN.css', '/CONIN$', '/conout$.log',
    '/index.html.', '/index.html%20', '/assets/app.js...',
  ])('refuses %s', (pathname) => {
    const result = resolveAppPath(POSIX_ROOT, pathname, path.posix);
    expect(result.ok).toBe(false);
  });

  it.each(['/assets/console.js', '/COM10.js', '/icons/lpt.png', '/connect.html'])('still serves %s', (pathname) => {
    expect(resolveAppPath(POSIX_ROOT, pathname, path.posix).ok).toBe(true);
  });
});
