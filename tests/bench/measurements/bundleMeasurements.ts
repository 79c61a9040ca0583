import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildRenderer } from '../browserBuild';
import type { Measurement } from '../harness';

/*
 * What the browser build (the bundle the desktop app loads) makes every start download and parse:
 * the scripts index.html loads (its module script and the modulepreloads of its static imports),
 * gzipped; and, per heavy library, how many files carry it (the page's chunks and the workers'
 * alike: vite.config.ts bundles exceljs and pdf-lib once into a file that the page and every worker
 * import) and whether a page needs it to show itself. Built into its own directory from the
 * current source.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
// BENCH_BUNDLE_OUT_DIR: another directory, for runs beside someone else's on one machine.
const DIST = path.resolve(ROOT, process.env.BENCH_BUNDLE_OUT_DIR ?? 'dist/renderer-bench-bundle');
const FIRST_LOAD_MAX_KB = 350;

interface HeavyLibrary {
  /** The library's own file in assets/ (vite.config.ts's standalone build, or the wasm). */
  readonly file: RegExp;
  /** Its sources in a chunk's source map: a chunk that bundled its own copy. */
  readonly sources: RegExp;
}

const HEAVY_LIBRARIES: Readonly<Record<string, HeavyLibrary>> = {
  exceljs: { file: /^exceljs-[\w-]+\.js$/, sources: /node_modules\/exceljs\// },
  'pdf-lib': { file: /^pdf-lib-[\w-]+\.js$/, sources: /node_modules\/pdf-lib\// },
  // HarfBuzz's hb-subset is its wasm (shared/pdf/fontSubset.ts drives it); harfbuzzjs' JS is not used.
  harfbuzzjs: { file: /^harfbuzz-subset-[\w-]+\.wasm$/, sources: /node_modules\/harfbuzzjs\/.*\.js$/ },
};

interface FirstLoadReport {
  /** The scripts index.html loads, with their gzipped size in KB. */
  readonly scripts: readonly { readonly file: string; readonly gzipKb: number }[];
  readonly totalGzipKb: number;
  readonly totalRawKb: number;
  /** Per heavy library: the files (workers' chunks included) that carry it. */
  readonly libraryChunks: Readonly<Record<string, readonly string[]>>;
  /**
   * Per heavy library: the files that a page loads to show itself (the static imports of
   * index.html's scripts and of each page's chunk) and that carry or reference it. Must be empty:
   * a heavy library loads by dynamic import when a feature uses it.
   */
  readonly libraryAtFirstRender: Readonly<Record<string, readonly string[]>>;
}

/** kB as vite's build output counts them (1,000 bytes). */
const kb = (bytes: number) => Math.round(bytes / 100) / 10;

/** The files a chunk imports statically (`import…from"./x.js"`, `import"./x.js"`, `export…from"./x.js"`), not `import("./x.js")`. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`]\.\/([^"'`]+\.js)["'`]/g)].map((m) => m[1] as string);
}

/** `roots` and everything they import statically, transitively (file names in assets/). */
function staticClosure(assets: string, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(readFileSync(path.join(assets, file), 'utf8')));
  }
  return seen;
}

/** The chunks of the pages routes.tsx loads on navigation (`import('../features/x/YPage')` → YPage-HASH.js). */
function pageChunks(files: readonly string[]): string[] {
  const routes = readFileSync(path.join(ROOT, 'renderer/app/routes.tsx'), 'utf8');
  const pages = [...routes.matchAll(/import\('[^']*\/(\w+Page)'\)/g)].map((m) => m[1] as string);
  if (pages.length === 0) throw new Error('renderer/app/routes.tsx: no page imports found');
  return pages.map((page) => {
    const chunk = files.find((f) => new RegExp(`^${page}-[\\w-]+\\.js$`).test(f));
    if (chunk === undefined) throw new Error(`no chunk for ${page} in the build`);
    return chunk;
  });
}

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
  const assetFiles = readdirSync(assets);
  const libraryChunks: Record<string, string[]> = Object.fromEntries(Object.keys(HEAVY_LIBRARIES).map((name) => [name, []]));
  for (const [name, library] of Object.entries(HEAVY_LIBRARIES)) libraryChunks[name]?.push(...assetFiles.filter((f) => library.file.test(f)));
  for (const map of assetFiles.filter((f) => f.endsWith('.js.map'))) {
    const sources = (JSON.parse(readFileSync(path.join(assets, map), 'utf8')) as { sources?: string[] }).sources ?? [];
    for (const [name, library] of Object.entries(HEAVY_LIBRARIES)) if (sources.some((s) => library.sources.test(s))) libraryChunks[name]?.push(map.slice(0, -'.map'.length));
  }
  for (const [name, chunks] of Object.entries(libraryChunks)) if (chunks.length === 0) throw new Error(`${name} is in no file of the build: the measurement no longer finds it`);
  const firstRender = staticClosure(assets, [...scripts.map((s) => s.file), ...pageChunks(assetFiles)]);
  const libraryAtFirstRender = Object.fromEntries(Object.entries(libraryChunks).map(([name, chunks]) => {
    const carried = chunks.filter((chunk) => firstRender.has(chunk));
    // The wasm is fetched by URL: a first-render chunk that names it would load it.
    const referencing = [...firstRender].filter((file) => chunks.some((chunk) => chunk.endsWith('.wasm') && readFileSync(path.join(assets, file), 'utf8').includes(chunk)));
    return [name, [...new Set([...carried, ...referencing])]];
  }));
  return {
    scripts: scripts.map(({ file, gzipKb }) => ({ file, gzipKb })),
    totalGzipKb: Math.round(scripts.reduce((n, s) => n + s.gzipKb, 0) * 10) / 10,
    totalRawKb: kb(scripts.reduce((n, s) => n + s.rawBytes, 0)),
    libraryChunks,
    libraryAtFirstRender,
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
      ...Object.entries(report?.libraryAtFirstRender ?? {}).map(([name, chunks]) => ({ label: `页面首次渲染加载 ${name} 的分块数`, value: chunks.length, max: 0, unit: '个' })),
    ],
    extras: () => ({
      firstLoadGzipKb: report?.totalGzipKb ?? 0,
      firstLoadRawKb: report?.totalRawKb ?? 0,
      firstLoadScripts: report?.scripts.map((s) => `${s.file}:${s.gzipKb}`).join(' ') ?? '',
      ...Object.fromEntries(Object.entries(report?.libraryChunks ?? {}).map(([name, chunks]) => [`${name}Chunks`, chunks.join(' ')])),
      ...Object.fromEntries(Object.entries(report?.libraryAtFirstRender ?? {}).map(([name, chunks]) => [`${name}AtFirstRender`, chunks.join(' ')])),
    }),
  }];
}

// `tsx tests/bench/measurements/bundleMeasurements.ts <dist>`: the report of an existing build.
if (process.argv[1] === import.meta.filename && process.argv[2] !== undefined) {
  console.log(JSON.stringify(firstLoadReport(path.resolve(process.argv[2])), null, 2));
}
