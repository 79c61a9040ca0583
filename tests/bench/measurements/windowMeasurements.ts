import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { buildWorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { generateCompany, type GeneratedCompanyOptions } from '../companyGenerator';
import { buildRenderer, chromiumLaunchOptions, importThroughDialog, serveDirectory } from '../browserBuild';
import type { Measurement } from '../harness';
import { SeededRandom } from '../seededRandom';

/*
 * 期限跟踪 in the browser build (the bundle the desktop app loads) with a large group: N companies
 * and V vehicles spread over the car-rental ones, imported once through the app's own 导入工作区
 * flow into a Chromium profile kept for all measurements of this file. Each run is a fresh page
 * load; times are the page's own clock; long tasks come from PerformanceObserver('longtask').
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
// Its own build directory: always built from the current source, never a stale dist/renderer.
const DIST = path.join(ROOT, 'dist/renderer-bench-window');
const CURRENT_COMPANY_KEY = 'workbench.currentCompanyId';

/** Collects long tasks from the first script on (buffered entries include those before it ran). */
const LONG_TASK_SCRIPT = `(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

/** `companies` companies of four kinds; the car-rental ones share `vehicles` vehicles. */
export function largeGroup(companies: number, vehicles: number): { records: CompanyRecord[]; largestId: string } {
  const rng = new SeededRandom(15_000);
  const kinds: GeneratedCompanyOptions['kind'][] = ['pharmacy', 'carRental', 'energy', 'general'];
  const kindOf = (i: number) => kinds[i % kinds.length] ?? 'general';
  const rentals = Array.from({ length: companies }, (_, i) => i).filter((i) => kindOf(i) === 'carRental');
  const records = Array.from({ length: companies }, (_, i) => {
    const kind = kindOf(i);
    const r = rentals.indexOf(i);
    const share = r < 0 ? 0 : Math.floor(vehicles / rentals.length) + (r < vehicles % rentals.length ? 1 : 0);
    return generateCompany(rng, i, { kind, vehicles: share });
  });
  const largestId = records.reduce((a, b) => (b.vehicles.length > a.vehicles.length ? b : a)).company.id;
  return { records, largestId };
}

interface WindowEnv {
  readonly context: BrowserContext;
  readonly server: Server;
}

const median = (values: readonly number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0);

/** The longest task (ms) the page has seen since `fromMs` (its own clock). */
async function longestTaskSince(page: Page, fromMs: number): Promise<number> {
  return page.evaluate((from) => {
    const tasks = (window as unknown as { __longTasks?: [number, number][] }).__longTasks ?? [];
    return Math.round(Math.max(0, ...tasks.filter(([start, duration]) => start + duration >= from).map(([, duration]) => duration)));
  }, fromMs);
}

/** Resolves to the page's clock when a duty row's action button is on screen. */
async function firstRowsAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => {
    const button = document.querySelector('[aria-label^="标记完成："], [aria-label^="撤销完成："]');
    return button !== null && button.getBoundingClientRect().height > 0 ? performance.now() : 0;
  }, undefined, { polling: 'raf', timeout: 120_000 });
  return handle.jsonValue();
}

/** Waits until the page has had no long task for `quietMs` (the work after the first rows settles). */
async function settle(page: Page, quietMs = 1500, maxMs = 60_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const lastEnd = await page.evaluate(() => {
      const tasks = (window as unknown as { __longTasks?: [number, number][] }).__longTasks ?? [];
      return [performance.now(), Math.max(0, ...tasks.map(([s, d]) => s + d))] as const;
    });
    if (lastEnd[0] - lastEnd[1] >= quietMs || Date.now() - started > maxMs) return;
    await page.waitForTimeout(250);
  }
}

export function windowMeasurements(quick: boolean): Measurement[] {
  const companies = quick ? 10 : 50;
  const vehicles = quick ? 500 : 50_000;
  const size = `${companies} 家企业、${vehicles} 辆车`;
  let env: WindowEnv | null = null;
  let profileDir: string | null = null;
  let port = 0;
  let isImported = false;
  let largestId = '';

  const open = async (): Promise<WindowEnv> => {
    if (env) return env;
    if (profileDir === null) {
      await buildRenderer(DIST);
      profileDir = mkdtempSync(path.join(os.tmpdir(), 'bench-window-'));
      const dir = profileDir;
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
    const served = await serveDirectory(DIST, { port });
    port = served.port;
    const context = await chromium.launchPersistentContext(profileDir, {
      ...chromiumLaunchOptions(), baseURL: `http://127.0.0.1:${port}/`, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
      viewport: { width: 1440, height: 900 },
    });
    await context.addInitScript(LONG_TASK_SCRIPT);
    env = { context, server: served.server };
    if (!isImported) {
      const page = await context.newPage();
      await page.goto('/');
      const group = largeGroup(companies, vehicles);
      largestId = group.largestId;
      const json = JSON.stringify(buildWorkspaceFile(group.records, '2026-11-26T08:00:00.000Z', 'bench'));
      await importThroughDialog(page, { name: 'bench-group.json', json }, `${companies} 家企业`, 600_000);
      await page.evaluate(([key, id]) => window.localStorage.setItem(key, id), [CURRENT_COMPANY_KEY, largestId] as const);
      await page.close();
      isImported = true;
    }
    return env;
  };
  const close = async () => {
    if (!env) return;
    const { context, server } = env;
    env = null;
    await context.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  /** A fresh load of 期限跟踪 (one company or all): first rows, and the longest task until the page settles. */
  const firstRows = (scope: 'company' | 'all'): Measurement => {
    let longest: number[] = [];
    let rowsShown = '';
    return {
      name: `期限跟踪首屏（${scope === 'all' ? '全部企业' : '单家企业'}）${vehicles} 辆车`,
      size,
      targetMs: 1500,
      repetitions: { warmups: 1, runs: 3 },
      isSelfTimed: true,
      setup: async () => {
        await open();
      },
      run: async () => {
        if (!env) throw new Error('no browser');
        const page = await env.context.newPage();
        try {
          await page.goto(scope === 'all' ? '/#/deadlines?scope=all' : '/#/deadlines', { waitUntil: 'commit' });
          const at = await firstRowsAt(page);
          await settle(page);
          longest.push(await longestTaskSince(page, 0));
          rowsShown = (await page.getByText(/^显示 \d+ \/ 共 \d+ 项$/).first().textContent({ timeout: 5000 }).catch(() => null)) ?? '（未见计数）';
          if (process.env.BENCH_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.BENCH_SCREENSHOTS, `deadlines-${scope}.png`) });
          return at;
        } finally {
          await page.close();
        }
      },
      extras: () => ({ longestTaskMs: Math.max(0, ...longest), longestTaskMedianMs: median(longest), rowsShown }),
      teardown: () => {
        longest = [];
      },
    };
  };

  /**
   * In the all-companies list: filter by a group card, search a plate, clear, scroll the whole
   * list, then mark one duty done (the timing: click on 确认完成 until the row shows 撤销完成).
   */
  const interactions: Measurement = (() => {
    let longest: number[] = [];
    let framesOk: number[] = [];
    let frameCounts: number[] = [];
    let run = 0;
    return {
      name: `期限跟踪操作（筛选、搜索、滚动、标记完成）${vehicles} 辆车`,
      size,
      targetMs: 300,
      repetitions: { warmups: 0, runs: 3 },
      isSelfTimed: true,
      setup: async () => {
        await open();
      },
      run: async () => {
        if (!env) throw new Error('no browser');
        const page = await env.context.newPage();
        try {
          await page.goto('/#/deadlines?scope=all', { waitUntil: 'commit' });
          await firstRowsAt(page);
          await settle(page);
          const from = await page.evaluate(() => performance.now());
          // Filter: 逾期 only, then back to 全部.
          await page.getByRole('button', { name: /^逾期 \d+ 项$/ }).click();
          await firstRowsAt(page);
          await page.getByRole('button', { name: /^全部 \d+ 项$/ }).click();
          await firstRowsAt(page);
          // Search: part of a plate, then clear.
          const search = page.getByRole('textbox', { name: '搜索事项' });
          await search.fill('京A');
          await page.waitForTimeout(500);
          await search.fill('');
          await firstRowsAt(page);
          // Scroll the whole list, one step per frame, recording frame times.
          const frames = await page.evaluate(async () => {
            const holder = [...document.querySelectorAll<HTMLElement>('.ant-table-tbody-virtual-holder, .ant-table-body')].find((e) => e.scrollHeight > e.clientHeight);
            if (!holder) return [] as number[];
            const steps = 300;
            const step = (holder.scrollHeight - holder.clientHeight) / steps;
            const times: number[] = [];
            let last = performance.now();
            for (let i = 1; i <= steps; i++) {
              holder.scrollTop = step * i;
              holder.dispatchEvent(new Event('scroll'));
              await new Promise<void>((r) => requestAnimationFrame(() => r()));
              const now = performance.now();
              times.push(now - last);
              last = now;
            }
            return times;
          });
          frameCounts.push(frames.length);
          framesOk.push(frames.length === 0 ? 0 : (100 * frames.filter((t) => t <= 50).length) / frames.length);
          await page.evaluate(() => {
            const holder = [...document.querySelectorAll<HTMLElement>('.ant-table-tbody-virtual-holder, .ant-table-body')].find((e) => e.scrollHeight > e.clientHeight);
            if (holder) holder.scrollTop = 0;
          });
          // Mark one open duty done: a vehicle's, found by its plate so the row stays in view.
          const button = page.locator('[aria-label^="标记完成："]').nth(run);
          run++;
          const label = (await button.getAttribute('aria-label')) ?? '';
          const name = label.slice('标记完成：'.length);
          const plate = /（([^）]+)）$/.exec(name)?.[1] ?? name;
          await search.fill(plate);
          // Generated companies may share a plate, so the search can list the same duty for two companies.
          await page.getByRole('button', { name: label }).first().waitFor({ timeout: 60_000 });
          await page.getByRole('button', { name: label }).first().click();
          const dialog = page.getByRole('dialog', { name: label });
          await dialog.getByLabel('证明材料').fill('基准测试：已办理');
          await dialog.getByLabel('记录人').fill('基准测试');
          const clickedAt = await page.evaluate(() => performance.now());
          await dialog.getByRole('button', { name: '确认完成' }).click();
          const shownAt = await (await page.waitForFunction(
            (undoLabel) => ([...document.querySelectorAll('button')].some((b) => b.getAttribute('aria-label') === undoLabel) ? performance.now() : 0),
            `撤销完成：${name}`, { polling: 'raf', timeout: 60_000 },
          )).jsonValue();
          await settle(page, 1000);
          longest.push(await longestTaskSince(page, from));
          return shownAt - clickedAt;
        } finally {
          await page.close();
        }
      },
      extras: () => ({
        longestTaskMs: Math.max(0, ...longest), longestTaskMedianMs: median(longest),
        scrollFramesWithin50msPercent: Math.round(Math.min(100, ...framesOk) * 10) / 10, scrollFrames: median(frameCounts),
      }),
      teardown: () => {
        longest = [];
        framesOk = [];
        frameCounts = [];
      },
    };
  })();

  const list = [firstRows('company'), firstRows('all'), interactions];
  // The browser closes after the last measurement of this file that `--only` selects.
  const args = process.argv.slice(2);
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
  const selected = list.filter((m) => only === undefined || m.name.includes(only));
  return list.map((m) => (m === selected.at(-1) ? { ...m, teardown: async () => { await m.teardown?.(); await close(); } } : m));
}
