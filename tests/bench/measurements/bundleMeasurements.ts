import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildRenderer } from '../browserBuild';
import type { Measurement } from '../harness';

/*
 * What the browser build (the bundle the desktop app loads) makes every start download and parse:
 * the scripts index.html loads (its module script and the modulepreloads of its static imports),
 * gzipped, and how many chunks carry each heavy library (each must be bundled once, loaded only
 * where used). Built into its own directory from the current source.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIST = path.join(ROOT, 'dist/renderer-bench-bundle');
const FIRST_LOAD_MAX_KB = 350;

/** Heavy libraries, by the path of their sources in the source maps. */
const HEAVY_LIBRARIES: Readonly<Record<string, RegExp>> = {
  exceljs: /node_modules\/exceljs\//,
  'pdf-lib': /node_modules\/pdf-lib\//,
  harfbuzzjs: /node_modules\/harfbuzzjs\//,
};

interface FirstLoadReport {
  /** The scripts index.html loads, with their gzipped size in KB. */
  readonly scripts: readonly { readonly file: string; readonly gzipKb: number }[];
  readonly totalGzipKb: number;
  readonly totalRawKb: number;
  /** Per heavy library: the chunks (workers included) whose source map lists it. */
  readonly libraryChunks: Readonly<Record<string, readonly string[]>>;
}

/** kB as vite's build output counts them (1,000 bytes). */
const kb = (bytes: number) => Math.round(bytes / 100) / 10;

function firstLoadReport(dist: string): FirstLoadReport {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [
    ...[...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)].map((m) => m[1] as string),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((m) => m[1] as string),
  ];
  const scripts = [...new Set(files)].map((file) => {
    const bytes = readFileSync(path.join(dist, file));
    return { file: path.basename(file), gzipKb: kb(gzipSync(bytes, { level: 9 }).byteLength), rawBytes: bytes.byteLength };
  });
  const assets = path.join(dist, 'assets');
  const libraryChunks: Record<string, string[]> = Object.fromEntries(Object.keys(HEAVY_LIBRARIES).map((name) => [name, []]));
  for (const map of readdirSync(assets).filter((f) => f.endsWith('.js.map'))) {
    const sources = (JSON.parse(readFileSync(path.join(assets, map), 'utf8')) as { sources?: string[] }).sources ?? [];
    for (const [name, pattern] of Object.entries(HEAVY_LIBRARIES)) if (sources.some((s) => pattern.test(s))) libraryChunks[name]?.push(map.slice(0, -'.map'.length));
  }
  return {
    scripts: scripts.map(({ file, gzipKb }) => ({ file, gzipKb })),
    totalGzipKb: Math.round(scripts.reduce((n, s) => n + s.gzipKb, 0) * 10) / 10,
    totalRawKb: kb(scripts.reduce((n, s) => n + s.rawBytes, 0)),
    libraryChunks,
  };
}

export function bundleMeasurements(_quick: boolean): Measurement[] {
  let report: FirstLoadReport | null = null;
  return [{
    name: '首次加载的 JavaScript（gzip）',
    size: 'index.html 加载的全部脚本',
    repetitions: { warmups: 0, runs: 1 },
    setup: () => buildRenderer(DIST),
    run: () => {
      report = firstLoadReport(DIST);
    },
    checks: () => [
      { label: '首次加载 gzip', value: report?.totalGzipKb ?? Infinity, max: FIRST_LOAD_MAX_KB, unit: 'KB' },
      ...Object.entries(report?.libraryChunks ?? {}).map(([name, chunks]) => ({ label: `${name} 所在分块数`, value: chunks.length, max: 1, unit: '个' })),
    ],
    extras: () => ({
      firstLoadGzipKb: report?.totalGzipKb ?? 0,
      firstLoadRawKb: report?.totalRawKb ?? 0,
      firstLoadScripts: report?.scripts.map((s) => `${s.file}:${s.gzipKb}`).join(' ') ?? '',
      ...Object.fromEntries(Object.entries(report?.libraryChunks ?? {}).map(([name, chunks]) => [`${name}Chunks`, chunks.join(' ')])),
    }),
  }];
}

// `tsx tests/bench/measurements/bundleMeasurements.ts <dist>`: the report of an existing build.
if (process.argv[1] === import.meta.filename && process.argv[2] !== undefined) {
  console.log(JSON.stringify(firstLoadReport(path.resolve(process.argv[2])), null, 2));
}
