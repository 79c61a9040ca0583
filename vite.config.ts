import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The app's own modules that only define things (types, schemas, constants, pure functions): a
 * module of these that the page imports for one helper does not bring the rest of its imports
 * along (e.g. the header's reminders read two helpers of dutyModel.ts, not the duty computation,
 * which runs in its worker). Anything with an effect on import (zodConfig, the echarts
 * registration in energyChart.ts, CSS) must stay out of this list.
 */
const PURE_MODULES = /\/(shared\/(deadlines|policy|domain)\/[^/]+|shared\/energy\/(?!energyChart)[^/]+|renderer\/features\/deadlines\/dutyModel)\.ts$/;

// The renderer is served from `app://workbench/` in Electron and from localhost in the browser
// build; relative asset URLs keep both working. `resources/` is the public folder so that the
// page fetches the knowledge base, samples, fonts and holiday data at run time instead of
// bundling megabytes of data into the script.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: '../resources',
  plugins: [react()],
  build: {
    // WORKBENCH_OUT_DIR lets parallel developers build and preview side by side (see playwright.config.ts).
    outDir: process.env.WORKBENCH_OUT_DIR ?? '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: true,
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: (id) => (PURE_MODULES.test(id) ? false : undefined),
      },
    },
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 5174, strictPort: true },
});
