import { SeededRandom } from '../../bench/seededRandom';
import { configureChineseValidationMessages } from '../../../shared/util/zodLocale';
import { IMPORTERS, type ImporterUnderTest } from './importers';
import { hasLibraryText } from './libraryText';

/*
 * The figures of issue 13, measured (not asserted): every importer gets ≥ 300 seeded hostile
 * inputs (random bytes with and without the magic numbers importers look for, the valid sample
 * cut short, byte-flipped, and every other importer's file), and the table counts uncaught
 * exceptions, runs over 10 s, refusals whose sentence carries library text, the slowest refusal
 * and the process's peak resident memory while that importer ran. The importers only read: they
 * write nothing, so "bytes changed in the store" is 0 by construction here; the store side is
 * asserted in tests/unit/hostile/storage.hostile.test.ts and tests/unit/backup/restoreChecks.test.ts.
 *
 *   npx tsx --expose-gc tests/unit/hostile/hostileFigures.ts [--runs 100]
 */

configureChineseValidationMessages();
// pdf-lib reports every object it skips; thousands of lines would bury the table.
console.warn = () => undefined;
console.log = () => undefined;
const print = (text: string) => process.stdout.write(`${text}\n`);

const MAGIC: readonly (readonly number[])[] = [[0x50, 0x4b, 0x03, 0x04], [0x25, 0x50, 0x44, 0x46, 0x2d], [0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47], [0x7b]];

function inputsFor(importer: ImporterUnderTest, sample: Uint8Array, others: readonly Uint8Array[], perKind: number, seed: number): Uint8Array[] {
  const random = new SeededRandom(seed);
  const inputs: Uint8Array[] = [new Uint8Array()];
  for (let i = 0; i < perKind; i++) {
    const bytes = new Uint8Array(random.int(1, 4096));
    for (let j = 0; j < bytes.length; j++) bytes[j] = random.int(0, 255);
    if (i % 2 === 0) bytes.set(random.pick(MAGIC).slice(0, bytes.length));
    inputs.push(bytes);
  }
  for (let i = 0; i < perKind; i++) inputs.push(sample.slice(0, random.int(0, Math.max(0, sample.length - 1))));
  for (let i = 0; i < perKind; i++) {
    const flipped = sample.slice();
    for (let f = random.int(1, 8); f > 0; f--) flipped[random.int(0, flipped.length - 1)] = random.int(0, 255);
    inputs.push(flipped);
  }
  inputs.push(...others);
  void importer;
  return inputs;
}

interface Row {
  readonly name: string;
  inputs: number;
  uncaught: number;
  over10s: number;
  libraryText: number;
  slowestRefusalMs: number;
  totalMs: number;
  peakMb: number;
}

const perKindArg = process.argv.indexOf('--runs');
const perKind = perKindArg > 0 ? Number(process.argv[perKindArg + 1]) : 100;
const gc = (globalThis as { gc?: () => void }).gc;

const samples = new Map<string, Uint8Array>();
for (const importer of IMPORTERS) samples.set(importer.name, await importer.validSample());
const rows: Row[] = [];
for (const [index, importer] of IMPORTERS.entries()) {
  gc?.();
  const sample = samples.get(importer.name) ?? new Uint8Array();
  const others = IMPORTERS.filter((o) => o.name !== importer.name).map((o) => samples.get(o.name) ?? new Uint8Array());
  const inputs = inputsFor(importer, sample, others, perKind, 13 + index);
  const row: Row = { name: importer.name, inputs: inputs.length, uncaught: 0, over10s: 0, libraryText: 0, slowestRefusalMs: 0, totalMs: 0, peakMb: 0 };
  const started = performance.now();
  for (const bytes of inputs) {
    const t0 = performance.now();
    let refusal: string | null = null;
    try {
      const result = await importer.importBytes(bytes);
      if (!result.ok) refusal = result.error.message;
    } catch {
      row.uncaught += 1;
    }
    const ms = performance.now() - t0;
    if (ms > 10_000) row.over10s += 1;
    if (refusal !== null) {
      if (hasLibraryText(refusal)) row.libraryText += 1;
      row.slowestRefusalMs = Math.max(row.slowestRefusalMs, ms);
    }
    row.peakMb = Math.max(row.peakMb, process.memoryUsage().rss / 1024 / 1024);
  }
  row.totalMs = performance.now() - started;
  rows.push(row);
}

print('| 导入器 | 输入数 | 未捕获异常 | 超过 10 秒 | 含库文字的提示 | 写入后改变的字节 | 最慢一次拒绝 | 峰值内存（进程 RSS） |');
print('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  print(`| ${r.name} | ${r.inputs} | ${r.uncaught} | ${r.over10s} | ${r.libraryText} | 0 | ${Math.round(r.slowestRefusalMs)} ms | ${Math.round(r.peakMb)} MB |`);
}
