import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, createAppProtocolHandler, resolveAppPath, resolveAppRequestUrl } from '../../../electron/main/appProtocol';
import { isTrustedAppUrl } from '../../../electron/main/appUrl';

/*
 * Property tests of the shell's pure security functions, beyond the hand-picked cases in
 * appUrl/appProtocol/security tests: generated URLs against the navigation allowlist, generated
 * traversal paths against the app:// resolver and handler (posix and Windows rules), and the CSP
 * parsed directive by directive.
 */

vi.mock('electron', () => ({ app: {}, protocol: {} }));
const { hardenWebContents } = await import('../../../electron/main/security');

/** What WHATWG URL parsing says the origin is; the allowlist must agree with it. */
function isAppOrigin(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'app:' && url.host.toLowerCase() === 'workbench' && url.username === '' && url.password === '';
}

const HOST_PARTS = ['workbench', 'WORKBENCH', 'localhost:5173', 'LOCALHOST:5173', '127.0.0.1:5173', 'localhost:5174', 'user@localhost:5173', 'workbench.evil', 'evil', 'workbench:8080', 'user@workbench', 'workbench@evil', 'evil#@workbench', 'evil?workbench', '', 'workbench%2eevil', 'xn--workbench'];
const SCHEMES = ['app:', 'APP:', 'http:', 'https:', 'file:', 'javascript:', 'data:', 'blob:app:', 'about:', 'chrome:', 'devtools:', 'app:/', 'ftp:'];

const urlArbitrary: fc.Arbitrary<string> = fc.oneof(
  // Near misses of the app origin, weighted up so that both outcomes are common.
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom('app://', 'APP://', 'App://'), fc.constantFrom('workbench', 'WORKBENCH', 'WorkBench', ...HOST_PARTS), fc.webPath(), fc.webFragments())
      .map(([scheme, host, p, f]) => `${scheme}${host}${p}${f === '' ? '' : `#${f}`}`),
  },
  fc.tuple(fc.constantFrom(...SCHEMES), fc.constantFrom('//', '', '///', '\\\\'), fc.constantFrom(...HOST_PARTS), fc.webPath(), fc.webQueryParameters(), fc.webFragments())
    .map(([scheme, slashes, host, p, q, f]) => `${scheme}${slashes}${host}${p}${q === '' ? '' : `?${q}`}${f === '' ? '' : `#${f}`}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string({ maxLength: 60 }),
);

describe('navigation allowlist (isTrustedAppUrl) on 500 generated URLs', () => {
  it('generates both app URLs and foreign ones (the properties below are not vacuous)', () => {
    const urls = fc.sample(urlArbitrary, { numRuns: 500, seed: 1 });
    expect(urls.filter(isAppOrigin).length).toBeGreaterThan(10);
    expect(urls.filter((u) => !isAppOrigin(u)).length).toBeGreaterThan(100);
  });

  it('trusts exactly the URLs whose parsed origin is app://workbench', () => {
    fc.assert(
      fc.property(urlArbitrary, (url) => {
        expect(isTrustedAppUrl(url, null), url).toBe(isAppOrigin(url));
      }),
      { numRuns: 500 },
    );
  });

  it('with a dev server, additionally trusts only that exact origin', () => {
    const dev = 'http://localhost:5173';
    fc.assert(
      fc.property(urlArbitrary, (url) => {
        let isDevOrigin: boolean;
        try {
          const parsed = new URL(url);
          // Credentials in a URL are refused even on the dev origin (phishing-style user@host).
          isDevOrigin = parsed.origin === dev && parsed.username === '' && parsed.password === '';
        } catch {
          isDevOrigin = false;
        }
        expect(isTrustedAppUrl(url, dev), url).toBe(isAppOrigin(url) || isDevOrigin);
      }),
      { numRuns: 500 },
    );
  });

  it('blocks every navigation, frame navigation and redirect to a foreign URL, and every window.open', () => {
    type Listener = (event: { url: string; preventDefault: () => void }) => void;
    const listeners = new Map<string, Listener>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
        openHandler = handler;
      },
      on: (name: string, listener: Listener) => {
        listeners.set(name, listener);
        return contents;
      },
    };
    hardenWebContents(contents as unknown as Parameters<typeof hardenWebContents>[0], null);
    // The shell logs each blocked navigation; 500 lines would bury the test output.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fc.assert(
      fc.property(urlArbitrary, fc.constantFrom('will-navigate', 'will-frame-navigate', 'will-redirect'), (url, eventName) => {
        const preventDefault = vi.fn();
        listeners.get(eventName)?.({ url, preventDefault });
        expect(preventDefault.mock.calls.length > 0, `${eventName} ${url}`).toBe(!isAppOrigin(url));
        expect(openHandler?.({ url })).toEqual({ action: 'deny' });
      }),
      { numRuns: 500 },
    );
    vi.restoreAllMocks();
  });
});

const SEGMENTS = [
  '..', '.', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '..%2f', '..%5c', '%2f', '%5c', '\\', 'a\\..', '', 'assets', 'index.html', 'CON', 'aux.json',
  'C:', 'c%3a', '%00', 'x%0a', '%E0%A4%A', '....', '..;', '%c0%ae%c0%ae', '．．', '%uff0e', 'policies', '思源.otf', '%E6%80%9D',
];
const pathArbitrary = fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 7 }).map((segments) => `/${segments.join('/')}`);

describe('app:// path resolution on 500 generated traversal attempts', () => {
  it('generates paths that resolve and paths that are refused', () => {
    const results = fc.sample(pathArbitrary, { numRuns: 500, seed: 1 }).map((p) => resolveAppPath('/opt/app/dist/renderer', p, path.posix).ok);
    expect(results.filter(Boolean).length).toBeGreaterThan(10);
    expect(results.filter((isOk) => !isOk).length).toBeGreaterThan(100);
  });

  it.each([
    ['posix', '/opt/app/dist/renderer', path.posix],
    ['Windows', 'C:\\Program Files\\企业合规工作台\\resources\\app.asar\\dist\\renderer', path.win32],
  ] as const)('never resolves outside the root (%s rules)', (_label, root, pathApi) => {
    fc.assert(
      fc.property(pathArbitrary, (pathname) => {
        const result = resolveAppPath(root, pathname, pathApi);
        if (!result.ok) {
          expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
          return;
        }
        for (const file of [result.value.filePath, result.value.fallbackPath]) {
          if (file === null) continue;
          const relative = pathApi.relative(root, file);
          expect(relative === '' || relative === '..' || relative.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(relative), `${pathname} → ${file}`).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every request URL whose path decodes to a ".." segment', () => {
    fc.assert(
      fc.property(pathArbitrary, (pathname) => {
        const url = `app://workbench${pathname}`;
        let parsedPath: string;
        try {
          parsedPath = new URL(url).pathname;
        } catch {
          return;
        }
        const hasDotDot = parsedPath.split('/').some((s) => {
          try {
            return decodeURIComponent(s) === '..';
          } catch {
            return false;
          }
        });
        if (hasDotDot) expect(resolveAppRequestUrl('/opt/app/dist/renderer', url, path.posix).ok, url).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  describe('the handler on a real folder with a secret beside it', () => {
    let base = '';
    let handler: (request: Request) => Promise<Response>;

    beforeAll(async () => {
      base = await mkdtemp(path.join(os.tmpdir(), 'app-protocol-fuzz-'));
      const root = path.join(base, 'renderer');
      await mkdir(path.join(root, 'assets'), { recursive: true });
      await writeFile(path.join(root, 'index.html'), '<!doctype html><title>企业合规工作台</title>');
      await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
      await writeFile(path.join(base, 'secret.txt'), 'TOP-SECRET');
      await writeFile(path.join(base, 'renderer.txt'), 'TOP-SECRET');
      handler = createAppProtocolHandler(root);
    });

    afterAll(async () => {
      await rm(base, { recursive: true, force: true });
    });

    it('never serves a file outside the root, and every answer carries the CSP (300 requests)', async () => {
      const requestPath = fc.tuple(pathArbitrary, fc.constantFrom('', '/secret.txt', '/../secret.txt', '%2f..%2fsecret.txt', '/..%2f..%2fsecret.txt'));
      await fc.assert(
        fc.asyncProperty(requestPath, fc.constantFrom('GET', 'HEAD', 'POST', 'PUT'), async ([pathname, tail], method) => {
          let request: Request;
          try {
            request = new Request(`app://workbench${pathname}${tail}`, { method });
          } catch {
            return;
          }
          const response = await handler(request);
          expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
          expect(response.headers.get('x-content-type-options')).toBe('nosniff');
          expect(await response.text()).not.toContain('TOP-SECRET');
        }),
        { numRuns: 300 },
      );
    });
  });
});

/** "a b; c d" → Map { a → [b], c → [d] }; duplicate directives are reported. */
function parseCsp(policy: string): { directives: Map<string, string[]>; duplicates: string[] } {
  const directives = new Map<string, string[]>();
  const duplicates: string[] = [];
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name === undefined || name === '') continue;
    const key = name.toLowerCase();
    if (directives.has(key)) duplicates.push(key);
    else directives.set(key, sources);
  }
  return { directives, duplicates };
}

const FETCH_DIRECTIVES = ['default-src', 'script-src', 'style-src', 'img-src', 'font-src', 'connect-src', 'worker-src', 'object-src', 'media-src', 'frame-src', 'child-src', 'manifest-src'];
/** Anything that reaches beyond the app's own origin or allows code from strings. */
const REMOTE_OR_UNSAFE = /^(?:\*|https?:|wss?:|ftp:|filesystem:|'unsafe-eval'|'unsafe-hashes'|'strict-dynamic'|[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?(?:\/.*)?|\*\..*)$/i;

describe('Content-Security-Policy of app:// responses, directive by directive', () => {
  const { directives, duplicates } = parseCsp(CONTENT_SECURITY_POLICY);
  const sources = (name: string) => directives.get(name) ?? [];

  it('names each directive once', () => {
    expect(duplicates).toEqual([]);
  });

  it("default-src is 'self' only", () => {
    expect(sources('default-src')).toEqual(["'self'"]);
  });

  it("script-src is 'self' (plus WebAssembly compilation at most): no inline, eval, data: or blob: scripts", () => {
    const script = sources('script-src');
    expect(script).toContain("'self'");
    expect(script.filter((s) => s !== "'self'" && s !== "'wasm-unsafe-eval'")).toEqual([]);
  });

  it("style-src allows inline styles (antd's CSS-in-JS) but nothing remote", () => {
    expect(sources('style-src').filter((s) => s !== "'self'" && s !== "'unsafe-inline'")).toEqual([]);
  });

  it.each([
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['frame-src', ["'self'", 'blob:']],
  ])('%s allows only %j', (name, allowed) => {
    expect(sources(name).filter((s) => !allowed.includes(s))).toEqual([]);
    expect(sources(name)).toContain("'self'");
  });

  it.each(['object-src', 'base-uri', 'frame-ancestors', 'form-action'])("%s is 'none'", (name) => {
    expect(sources(name)).toEqual(["'none'"]);
  });

  it('lets no fetch directive reach a remote host, a wildcard or eval (the app is offline)', () => {
    for (const name of FETCH_DIRECTIVES) {
      for (const source of sources(name)) expect(source, `${name} ${source}`).not.toMatch(REMOTE_OR_UNSAFE);
    }
  });

  it('the page’s own meta CSP (renderer/index.html, also used in the browser) is no looser for scripts', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    expect(content).toBeDefined();
    const meta = parseCsp(content ?? '').directives;
    const metaScript = meta.get('script-src') ?? meta.get('default-src') ?? [];
    expect(metaScript.filter((s) => s !== "'self'" && s !== "'wasm-unsafe-eval'")).toEqual([]);
    for (const [name, list] of meta) for (const source of list) expect(source, `meta ${name} ${source}`).not.toMatch(REMOTE_OR_UNSAFE);
  });
});
