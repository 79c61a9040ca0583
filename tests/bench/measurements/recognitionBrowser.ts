import type { Server } from 'node:http';
import type { Page } from '@playwright/test';
import { buildRenderer, serveDirectory } from '../browserBuild';

/*
 * The browser build's recognition (renderer/features/recognition/recognitionClient.ts → its Web
 * Worker with onnxruntime-web) driven from Node: a build with the recognition probe page
 * (WORKBENCH_RECOGNITION_PROBE=1, see vite.config.ts) in its own directory, served over HTTP, and
 * the real client called in the page. Used by tests/e2e/recognitionWorker.spec.ts and the bench.
 */

const PROBE_PATH = 'features/recognition/recognitionProbe.html';

/** Builds the renderer with the probe page into `dist` (relative to the repository). */
export function buildProbe(dist: string): Promise<void> {
  return buildRenderer(dist, { WORKBENCH_RECOGNITION_PROBE: '1' });
}

/**
 * Serves `dist` on a free port. `isolated` adds the cross-origin isolation headers (COOP/COEP)
 * under which the worker may use WASM threads; without them it runs single-threaded.
 */
export function serveDist(dist: string, options: { readonly isolated?: boolean } = {}): Promise<{ server: Server; url: string }> {
  return serveDirectory(dist, options);
}

interface PageScanResult {
  readonly name: string;
  readonly ok: boolean;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly kind: string | null;
  readonly fields: Readonly<Record<string, string | null>>;
  readonly fieldStatus: Readonly<Record<string, string>>;
  readonly seconds: { readonly load: number; readonly recognition: number } | null;
}

export interface PageBatch {
  readonly results: readonly PageScanResult[];
  readonly progress: readonly { readonly done: number; readonly total: number; readonly current: string | null }[];
  /** The page's clock around the whole call, ms. */
  readonly elapsedMs: number;
  readonly crossOriginIsolated: boolean;
}

/** Opens the probe page and waits until the client is on `window`. */
export async function openProbe(page: Page, baseUrl: string): Promise<void> {
  await page.goto(new URL(PROBE_PATH, baseUrl).href);
  await page.waitForFunction(() => typeof (window as unknown as { recognizeScans?: unknown }).recognizeScans === 'function');
}

/** Calls the page's recognizeScans with these scans (bytes go in as base64) and summarises the results. */
export async function recognizeInPage(page: Page, scans: readonly { name: string; bytes: Uint8Array }[], kind?: string): Promise<PageBatch> {
  const input = scans.map((s) => ({ name: s.name, base64: Buffer.from(s.bytes).toString('base64') }));
  // No named function inside: tsx keeps names with a helper (__name) the page does not have.
  return page.evaluate(async ({ input, kind }) => {
    type Field = { field: string; value: string | null; status: string };
    type Outcome = { ok: true; value: { kind: string; fields: Field[]; seconds: { load: number; recognition: number } } } | { ok: false; error: { code: string; message: string } };
    const recognize = (window as unknown as {
      recognizeScans: (scans: { name: string; bytes: Uint8Array }[], options: object) => Promise<Outcome[]>;
    }).recognizeScans;
    const scans = input.map((s) => ({ name: s.name, bytes: Uint8Array.from(atob(s.base64), (c) => c.charCodeAt(0)) }));
    const progress: { done: number; total: number; current: string | null }[] = [];
    const start = performance.now();
    const outcomes = await recognize(scans, { ...(kind === undefined ? {} : { kind }), onProgress: progress.push.bind(progress) });
    const elapsedMs = performance.now() - start;
    const results = outcomes.map((o, i) => ({
      name: scans[i]?.name ?? '',
      ok: o.ok,
      errorCode: o.ok ? null : o.error.code,
      errorMessage: o.ok ? null : o.error.message,
      kind: o.ok ? o.value.kind : null,
      fields: o.ok ? Object.fromEntries(o.value.fields.map((f) => [f.field, f.value])) : {},
      fieldStatus: o.ok ? Object.fromEntries(o.value.fields.map((f) => [f.field, f.status])) : {},
      seconds: o.ok ? o.value.seconds : null,
    }));
    return { results, progress, elapsedMs, crossOriginIsolated: window.crossOriginIsolated };
  }, { input, kind });
}
