import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

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
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 5174, strictPort: true },
});
