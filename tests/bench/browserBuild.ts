import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';

/*
 * The browser build as the in-window measurements (and tests/e2e/recognitionWorker.spec.ts) use
 * it: built with vite into a directory of its own, served over HTTP as `vite preview` would (no
 * dev transforms), opened in Debian's Chromium, filled through the app's own 导入工作区 dialog.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.otf': 'font/otf', '.ttf': 'font/ttf', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
  '.onnx': 'application/octet-stream',
};

/** The flags Chromium needs to run as root on this machine, without reaching the network. */
const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** Debian's Chromium where it is installed; otherwise Playwright's own browser. */
export function chromiumLaunchOptions(): { readonly executablePath?: string; readonly args: string[] } {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  return { ...(executablePath ? { executablePath } : {}), args: [...CHROMIUM_ARGS] };
}

/** Builds the renderer into `outDir` (absolute, or relative to the repository). */
export function buildRenderer(outDir: string, env: Readonly<Record<string, string>> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['vite', 'build'], {
      cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ...env, WORKBENCH_OUT_DIR: path.resolve(ROOT, outDir) },
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

/**
 * Serves `dir` on `port` (0: a free one). A fixed port matters when a Chromium profile is kept
 * between runs: its IndexedDB belongs to the origin. `isolated` adds the cross-origin isolation
 * headers (COOP/COEP) under which a worker may use WASM threads.
 */
export function serveDirectory(
  dir: string,
  options: { readonly port?: number; readonly isolated?: boolean } = {},
): Promise<{ server: Server; port: number; url: string }> {
  const root = path.resolve(ROOT, dir);
  const isolation = options.isolated === true ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (bytes) => response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', ...isolation }).end(bytes),
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, port, url: `http://127.0.0.1:${port}/` });
    });
  });
}

/**
 * Imports a workspace file through 导入工作区 as an officer would, and returns once the preview
 * dialog has closed on a finished import. `expected` is text the preview must show first (e.g.
 * “4 家企业”). Fails with the dialog's own words when the import is refused or does not finish.
 */
export async function importThroughDialog(
  page: Page,
  file: { readonly name: string; readonly json: string },
  expected: string,
  timeoutMs: number,
): Promise<void> {
  const chooser = page.waitForEvent('filechooser', { timeout: timeoutMs });
  await page.getByRole('button', { name: '导入工作区' }).first().click();
  await (await chooser).setFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.json) }, { timeout: timeoutMs });
  const preview = page.getByRole('dialog', { name: /导入工作区/ });
  await preview.getByText(expected).waitFor({ timeout: timeoutMs });
  // The dialog zooms in: a click while it still moves can land beside the button on a loaded
  // machine (a CI run waited 120 s on a dialog nobody had confirmed). Click once it stands still.
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'), undefined, { timeout: timeoutMs });
  const confirm = preview.getByRole('button', { name: '导入' });
  await confirm.click();
  const failure = page.getByRole('dialog').filter({ hasText: /导入失败|无法导入/ }).first();
  const deadline = Date.now() + timeoutMs;
  let clicks = 1;
  for (;;) {
    if (await failure.isVisible()) throw new Error(`导入工作区失败：${await failure.innerText()}`);
    if (!(await preview.isVisible())) {
      // A refused write closes the preview too, and says so in a dialog of its own.
      await page.waitForTimeout(300);
      if (await failure.isVisible()) throw new Error(`导入工作区失败：${await failure.innerText()}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`导入工作区在 ${timeoutMs / 1000} 秒内未完成，对话框显示：${await preview.innerText()}`);
    // Still open and not writing (the button shows no spinner): the click did not reach it.
    const isWriting = async () => (await confirm.getAttribute('class'))?.includes('loading') === true;
    if (clicks < 3 && !(await isWriting())) {
      await page.waitForTimeout(2_000);
      if ((await preview.isVisible()) && !(await isWriting())) {
        clicks += 1;
        await confirm.click();
      }
    }
    await page.waitForTimeout(250);
  }
}
