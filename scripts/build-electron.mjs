// Bundles Electron's main process, preload and main's worker threads into dist-electron/ (CommonJS,
// as Electron loads `main` and sandboxed preloads with require) and copies the icons main needs at
// run time.
import { build } from 'esbuild';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist-electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 ships Node 22.
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

await rm(outDir, { recursive: true, force: true });

await Promise.all([
  build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: path.join(outDir, 'main.cjs') }),
  // The preload runs sandboxed: only `electron` (and a few polyfilled modules) can be required,
  // so everything else it uses must be inside this one file.
  build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: path.join(outDir, 'preload.cjs') }),
  // A worker thread loads a file of its own; main starts it from path.join(__dirname, …), so it
  // must sit beside main.cjs.
  build({ ...common, entryPoints: ['electron/main/backupVerifyWorker.ts'], outfile: path.join(outDir, 'backupVerifyWorker.cjs') }),
]);

const iconsOut = path.join(outDir, 'icons');
await mkdir(iconsOut, { recursive: true });
for (const name of ['icon.png', 'tray.png', 'tray@2x.png', 'trayTemplate.png', 'trayTemplate@2x.png']) {
  await copyFile(path.join(root, 'resources', 'icons', name), path.join(iconsOut, name));
}

for (const name of ['main.cjs', 'preload.cjs', 'backupVerifyWorker.cjs']) {
  const { size } = await stat(path.join(outDir, name));
  console.log(`dist-electron/${name}  ${(size / 1024).toFixed(1)} KiB`);
}
