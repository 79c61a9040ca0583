import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DocumentKind } from '../../shared/ocr/fields';
import type { ScanRecognition } from '../../shared/ocr/recognition';
import type { Result } from '../../shared/util/result';
import { createRecognitionJobRunner, recognitionThreads } from '../../electron/ocr/recognitionProcess';
import type { FromRecognitionProcess } from '../../electron/ocr/recognitionProtocol';
import { recognizeScan } from '../../electron/ocr/recognizeScan';
import { peakRssKiB } from './childProcess';

/*
 * The desktop's recognition process for the bench (issue 18 "Speed"), in a fresh Node process so
 * that its peak memory is its own: the same job runner and onnxruntime-node loader (same thread
 * count) as electron/ocr/recognitionProcess.ts in Electron's utility process, fed the scans main
 * would post. Models load with the first scan, as in the app.
 *
 *   recognitionNativeChild.ts <dir> <kind> <mode>
 *     dir   a folder of <seed>.jpg scans with <seed>.json truths (field → value), read in name order
 *     mode  'sequential': each scan posted once the previous one answered (the page's client does this)
 *           'queued': all scans posted at once (the queue holds every scan's bytes: the worst case)
 * Prints one JSON line: per-scan wall times (ms, from posting to answer), model load and
 * recognition seconds as ScanRecognition reports them, fields read right (of those proposed whose
 * truth the generator knows), peak RSS and RSS once idle (KiB).
 */

const [dir, kindArg, mode] = process.argv.slice(2);
if (dir === undefined || kindArg === undefined || (mode !== 'sequential' && mode !== 'queued')) {
  throw new Error('usage: recognitionNativeChild.ts <dir> <kind> sequential|queued');
}
const kind = kindArg as DocumentKind;

const names = (await readdir(dir)).filter((n) => n.endsWith('.jpg')).sort();
const scans = await Promise.all(names.map(async (name) => ({
  name,
  bytes: new Uint8Array(await readFile(path.join(dir, name))),
  truth: JSON.parse(await readFile(path.join(dir, name.replace(/\.jpg$/, '.json')), 'utf8')) as Record<string, string>,
})));

const answers = new Map<string, (result: Result<ScanRecognition>) => void>();
const runner = createRecognitionJobRunner(
  (bytes, name, requested) => recognizeScan(bytes, name, requested, { threads: recognitionThreads() }),
  (message: FromRecognitionProcess) => {
    if (message.type === 'result') answers.get(message.jobId)?.(message.result);
  },
);

const post = (index: number): Promise<{ result: Result<ScanRecognition>; ms: number }> => {
  const scan = scans[index];
  if (scan === undefined) throw new Error(`no scan ${index}`);
  const start = performance.now();
  const answered = new Promise<Result<ScanRecognition>>((resolve) => answers.set(String(index), resolve));
  // A copy, as a structured clone over the parent port would be.
  runner.receive({ type: 'recognize', jobId: String(index), name: scan.name, bytes: scan.bytes.slice(), kind });
  return answered.then((result) => ({ result, ms: performance.now() - start }));
};

const startAll = performance.now();
const outcomes: { result: Result<ScanRecognition>; ms: number }[] = [];
if (mode === 'sequential') {
  for (let i = 0; i < scans.length; i++) outcomes.push(await post(i));
} else {
  outcomes.push(...(await Promise.all(scans.map((_, i) => post(i)))));
}
const totalMs = performance.now() - startAll;
await runner.idle();

let fieldsRight = 0;
let fieldsTotal = 0;
const failures: string[] = [];
outcomes.forEach(({ result }, i) => {
  const scan = scans[i];
  if (scan === undefined) return;
  if (!result.ok) {
    failures.push(`${scan.name}: ${result.error.message}`);
    return;
  }
  // The kind's fields that the generator knows the truth of (it also draws fields nobody reads).
  for (const { field, value } of result.value.fields) {
    const truth = scan.truth[field];
    if (truth === undefined) continue;
    fieldsTotal += 1;
    if (value === truth) fieldsRight += 1;
  }
});

process.stdout.write(`${JSON.stringify({
  totalMs,
  scanMs: outcomes.map((o) => o.ms),
  loadS: outcomes.map((o) => (o.result.ok ? o.result.value.seconds.load : null)),
  recognitionS: outcomes.map((o) => (o.result.ok ? o.result.value.seconds.recognition : null)),
  fieldsRight,
  fieldsTotal,
  failures,
  threads: recognitionThreads(),
  maxRssKiB: peakRssKiB(),
  // What the process holds once the queue is empty (models loaded, scans answered and dropped).
  idleRssKiB: Math.round(process.memoryUsage().rss / 1024),
})}\n`);
