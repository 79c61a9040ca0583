import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadFontSubsetter } from '../../electron/cli/commandInputs';
import { peakRssKiB } from './childProcess';
import { buildPacketFromInputs } from './packetBuild';
import type { PacketInputs } from './packetInputs';

/*
 * One packet build in a process of its own, so its peak memory is the build's alone:
 * node --import tsx tests/bench/packetChild.ts <inputs folder>. Prints one JSON line: build time,
 * peak RSS, output size.
 */

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: packetChild.ts <inputs folder>');
const inputs = JSON.parse(await readFile(path.join(dir, 'inputs.json'), 'utf8')) as PacketInputs;
const subsetter = await loadFontSubsetter();
const baselineRssKiB = peakRssKiB();
const start = performance.now();
const result = await buildPacketFromInputs(inputs, subsetter);
await writeFile(path.join(dir, 'packet-child.pdf'), result.bytes);
const ms = performance.now() - start;
subsetter.dispose();
process.stdout.write(`${JSON.stringify({ ms, maxRssKiB: peakRssKiB(), baselineRssKiB, bytes: result.bytes.byteLength, pages: result.pageCount })}\n`);
