import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Use the system Chromium where there is one (CI and machines without Playwright's own browser
// download); otherwise fall back to the browser Playwright manages.
const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate): candidate is string => typeof candidate === 'string' && candidate !== '' && existsSync(candidate),
);

// E2E_PORT lets two runs on one machine (say, a developer's and CI's) use different servers.
const port = Number(process.env.E2E_PORT ?? 4317);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  // Two browsers share this 2-core machine (below): a wait for the app gets twice the time it
  // needs alone.
  expect: { timeout: 30_000 },
  fullyParallel: false,
  /*
   * Two spec files at a time, each in its own browser context (its own store) against the one
   * preview server. A single browser leaves about a quarter of one core idle while the page waits
   * on IndexedDB and timers; two keep both cores busy (issue 14, point 8). Tests within a file
   * still run in order. E2E_WORKERS=1 for a quiet run.
   */
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: !!process.env.CI,
  // E2E_OUTPUT_DIR keeps traces of parallel runs apart (with E2E_PORT and WORKBENCH_OUT_DIR).
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    // The app turns antd's animations off for reduced motion (renderer/app/App.tsx), so no click
    // lands on a dialog that is still zooming in.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
