import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { buildWorkspaceFile, parseWorkspaceFile, toCompanyRecords } from '../../../shared/workspace/workspaceFile';
import { generateCompany } from '../companyGenerator';
import { buildRenderer, chromiumLaunchOptions, importThroughDialog, serveDirectory } from '../browserBuild';
import type { Measurement } from '../harness';
import { SeededRandom } from '../seededRandom';

const ROOT = path.resolve(import.meta.dirname, '../../..');
// BENCH_BROWSER_OUT_DIR: a build of one's own (built here when it has no index.html), for runs beside someone else's.
const DIST = path.resolve(ROOT, process.env.BENCH_BROWSER_OUT_DIR ?? 'dist/renderer');
const CURRENT_COMPANY_KEY = 'workbench.currentCompanyId';

/** The three shipped samples plus a generated car-rental company with `vehicles` vehicles. */
function workspaceJson(vehicles: number): { json: string; fleetId: string; fleetName: string } {
  const records: CompanyRecord[] = ['retailPharmacy.json', 'carRental.json', 'dataCentre.json'].flatMap((file) => {
    const parsed = parseWorkspaceFile(readFileSync(path.join(ROOT, 'resources/samples', file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
    return toCompanyRecords(parsed.value);
  });
  const fleet = generateCompany(new SeededRandom(5000), 0, { kind: 'carRental', vehicles });
  const file = buildWorkspaceFile([...records, fleet], '2026-11-26T08:00:00.000Z', 'bench');
  return { json: JSON.stringify(file), fleetId: fleet.company.id, fleetName: fleet.company.name };
}

/**
 * The browser build opening 合规概览 of a 5,000-vehicle fleet (the three samples beside it), each
 * run a fresh page load with the IndexedDB already filled through the app's own 导入工作区 flow.
 * The time is the page's own clock (performance.now(), from navigation start) at the first frame
 * showing the overview's heading and its first evaluated item.
 */
export function browserMeasurements(quick: boolean): Measurement[] {
  const vehicles = quick ? 500 : 5000;
  let served: { server: Server; url: string } | null = null;
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  let wallMs: number[] = [];
  // When the module scripts had run (DOMContentLoaded follows deferred module execution): how much
  // of the first render is loading the bundle, and how much is the app's own work after it.
  let scriptsDoneMs: number[] = [];
  let itemCount = 0;
  let fleetName = '';
  return [
    {
      name: '浏览器版打开合规概览（首次渲染）',
      size: `3 家示例企业 + ${vehicles} 辆车的租赁企业`,
      targetMs: 1500,
      repetitions: { warmups: 2, runs: 9 },
      isSelfTimed: true,
      setup: async () => {
        if (!existsSync(path.join(DIST, 'index.html'))) await buildRenderer(DIST);
        served = await serveDirectory(DIST);
        browser = await chromium.launch(chromiumLaunchOptions());
        context = await browser.newContext({ baseURL: served.url, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
        const page = await context.newPage();
        await page.goto('/');
        const { json, fleetId, fleetName: name } = workspaceJson(vehicles);
        fleetName = name;
        await importThroughDialog(page, { name: 'bench-workspace.json', json }, '4 家企业', 120_000);
        await page.evaluate(([key, id]) => window.localStorage.setItem(key, id), [CURRENT_COMPANY_KEY, fleetId] as const);
        await page.close();
      },
      run: async () => {
        if (!context) throw new Error('no browser');
        const page = await context.newPage();
        try {
          const start = Date.now();
          await page.goto('/#/overview', { waitUntil: 'commit' });
          const rendered = await page.waitForFunction(() => {
            const heading = [...document.querySelectorAll('h3')].some((h) => h.textContent === '合规概览');
            return heading && document.querySelector('[role="article"]') !== null ? performance.now() : 0;
          }, undefined, { polling: 'raf', timeout: 60_000 });
          const pageMs = await rendered.jsonValue();
          wallMs.push(Date.now() - start);
          scriptsDoneMs.push(await page.evaluate(() => {
            const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
            return navigation?.domContentLoadedEventEnd ?? 0;
          }));
          itemCount = await page.locator('[role="article"]').count();
          if (!(await page.getByText(fleetName, { exact: true }).first().isVisible())) throw new Error(`overview is not of ${fleetName}`);
          // The harness times this call; the page's own clock is what the target is about.
          return pageMs;
        } finally {
          await page.close();
        }
      },
      extras: () => {
        const median = (values: readonly number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0);
        return { scriptsLoadedMedianMs: median(scriptsDoneMs), playwrightWallMedianMs: median(wallMs), itemsShown: itemCount };
      },
      teardown: async () => {
        await browser?.close();
        browser = null;
        context = null;
        await new Promise<void>((resolve) => { if (served) served.server.close(() => resolve()); else resolve(); });
        served = null;
        wallMs = [];
        scriptsDoneMs = [];
      },
    },
  ];
}
