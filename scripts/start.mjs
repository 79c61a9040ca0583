// `npm start`: build and launch the desktop app, or – where the Electron binary cannot be had (no
// download access, ELECTRON_SKIP_BINARY_DOWNLOAD, a Node older than Electron's tooling needs) – say
// so in one line and serve the browser build instead, so that the README's first command always
// opens the product rather than ending in Electron's English stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const webPort = 5174;
// @electron/get and the other Electron tooling declare this engine; older Node cannot fetch the binary.
const electronToolingNode = [22, 12];

function nodeIsAtLeast([major, minor]) {
  const [m, n] = process.versions.node.split('.').map(Number);
  return m > major || (m === major && n >= minor);
}

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** The binary, after one quiet try of Electron's own installer; otherwise why not, in both languages. */
function obtainElectron() {
  const existing = electronBinary();
  if (existing) return { binary: existing };
  if (!existsSync(path.join(electronDir, 'install.js'))) {
    return { zh: '未安装 Electron 依赖', en: 'the electron package is not installed' };
  }
  if (!nodeIsAtLeast(electronToolingNode)) {
    const needed = electronToolingNode.join('.');
    return {
      zh: `下载 Electron 需要 Node ${needed} 或更高，当前为 ${process.versions.node}`,
      en: `Electron's installer needs Node >= ${needed}`,
    };
  }
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    env,
    stdio: 'pipe',
    timeout: 180_000,
  });
  const binary = electronBinary();
  return binary ? { binary } : { zh: '无法下载 Electron 程序', en: 'the Electron binary could not be downloaded' };
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function npmRun(script) {
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script]);
}

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('close', (code) => process.exit(code ?? 1));
}

const electron = obtainElectron();
if (electron.binary) {
  npmRun('build');
  forward(spawn(electron.binary, ['.'], { cwd: root, stdio: 'inherit' }));
} else {
  console.log(
    `无法启动桌面版（${electron.zh}），改为启动浏览器版 · Desktop app unavailable (${electron.en}), starting the browser build instead.`,
  );
  npmRun('build:renderer');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  console.log(`浏览器版地址 · open in your browser: http://localhost:${webPort}/`);
  forward(spawn(process.execPath, [vite, 'preview', '--port', String(webPort), '--strictPort'], { cwd: root, stdio: 'inherit' }));
}
