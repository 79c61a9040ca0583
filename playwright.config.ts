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
  expect: { timeout: 15_000 },
  fullyParallel: false,
  /*
   * One spec file at a time. The suite is CPU-bound on this 2-core machine: with two workers
   * (measured in CI, 2026-12-07) every test ran 2–3× slower and the whole took no less time.
   */
  workers: 1,
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
