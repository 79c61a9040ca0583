import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatTable, measure, type Measurement, type MeasurementResult } from './harness';
import { browserMeasurements } from './measurements/browserMeasurements';
import { bundleMeasurements } from './measurements/bundleMeasurements';
import { backupMeasurements } from './measurements/backupMeasurements';
import { deadlineMeasurements } from './measurements/deadlineMeasurements';
import { formMeasurements } from './measurements/formMeasurements';
import { packetMeasurements } from './measurements/packetMeasurements';
import { policyMeasurements } from './measurements/policyMeasurements';
import { recognitionNativeMeasurements } from './measurements/recognitionNativeMeasurements';
import { recognitionWorkerMeasurements } from './measurements/recognitionWorkerMeasurements';
import { rosterMeasurements } from './measurements/rosterMeasurements';
import { scaleMeasurements } from './measurements/scaleMeasurements';
import { storageMeasurements } from './measurements/storageMeasurements';

/*
 * npm run bench [-- --quick] [-- --only <substring>]
 * Runs each measurement after a warm-up, prints medians (min–max) beside the reference measured
 * in the same run, and writes bench-results/bench-<mode>.json. --quick uses small inputs so CI can
 * check on every submission that the benchmarks still run (CI checks they run, not their times).
 */

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

const suites: ((quick: boolean) => Measurement[])[] = [
  policyMeasurements, deadlineMeasurements, rosterMeasurements, storageMeasurements, formMeasurements, packetMeasurements, backupMeasurements, browserMeasurements, scaleMeasurements, bundleMeasurements,
  recognitionWorkerMeasurements, recognitionNativeMeasurements,
];
suites.push((await import('./measurements/windowMeasurements')).windowMeasurements);

const measurements = suites.flatMap((suite) => suite(quick)).filter((m) => only === undefined || m.name.includes(only));
const options = quick ? { warmups: 0, runs: 1 } : { warmups: 2, runs: 9 };

const results: MeasurementResult[] = [];
for (const m of measurements) {
  process.stderr.write(`测量：${m.name} …\n`);
  results.push(await measure(m, options));
}

const machine = {
  cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.release()}`, node: process.version,
};
console.log(formatTable(results));
console.log(`\n机器：${machine.cpus} 核 ${machine.cpuModel}，内存 ${machine.memoryGiB} GiB，${machine.platform}，Node ${machine.node}；${quick ? '快速模式（小规模输入，仅检查可运行）' : `每项预热 ${options.warmups} 次、测量 ${options.runs} 次`}`);

const outDir = path.resolve(import.meta.dirname, '../../bench-results');
await mkdir(outDir, { recursive: true });
const outFile = path.join(outDir, `bench-${quick ? 'quick' : 'full'}.json`);
await writeFile(outFile, JSON.stringify({ measuredAt: new Date().toISOString(), quick, machine, results }, null, 2));
console.log(`结果已写入 ${path.relative(process.cwd(), outFile)}`);
