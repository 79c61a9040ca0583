import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FontSubsetter } from '../../../shared/pdf/fontSubset';
import type { PacketResult } from '../../../shared/pdf/packet';
import { loadFontSubsetter } from '../../../electron/cli/commandInputs';
import { runNodeChild } from '../childProcess';
import type { Measurement } from '../harness';
import { buildPacketFromInputs, mergePdfsLikePacket, mergePdfsWithQpdf } from '../packetBuild';
import { FULL_PACKET, generatePacketInputs, QUICK_PACKET, type PacketInputs } from '../packetInputs';

const MB = 1024 * 1024;

interface ChildReport {
  readonly ms: number;
  readonly maxRssKiB: number;
  readonly baselineRssKiB: number;
  readonly bytes: number;
  readonly pages: number;
}

/** Builds the packet in a fresh Node process and returns what it reports (its own peak RSS). */
function buildInChildProcess(dir: string): Promise<ChildReport> {
  return runNodeChild<ChildReport>(path.resolve(import.meta.dirname, '../packetChild.ts'), [dir], { label: 'packet child' });
}

/**
 * The 申报材料包: 100 documents, 300 pages, ~150 MB of PDFs and JPEG scans (quick: 10, 30, a few
 * MB). The whole build; its merging part against qpdf; the peak memory of a build in its own process.
 */
export function packetMeasurements(quick: boolean): Measurement[] {
  const size = quick ? QUICK_PACKET : FULL_PACKET;
  let dir: string | null = null;
  let subsetter: FontSubsetter | null = null;
  let inputs: PacketInputs | null = null;
  let packet: PacketResult | null = null;
  let merged = 0;
  let child: ChildReport | null = null;
  let remaining = 3;

  const setup = async () => {
    subsetter ??= await loadFontSubsetter();
    if (inputs) return;
    dir = await mkdtemp(path.join(tmpdir(), 'cw-bench-packet-'));
    inputs = await generatePacketInputs(dir, size, subsetter);
  };
  // The inputs are shared by the three measurements; the last one to finish removes them.
  const teardown = async () => {
    remaining -= 1;
    if (remaining > 0) return;
    subsetter?.dispose();
    subsetter = null;
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
    inputs = null;
    packet = null;
  };
  const need = (): PacketInputs => {
    if (!inputs) throw new Error('packet inputs not generated');
    return inputs;
  };
  const describe = () => {
    if (!inputs) return `${size.documents} 份文件，${size.pages} 页`;
    const scans = inputs.documents.filter((d) => d.kind === 'jpeg').length;
    return `${inputs.documents.length} 份文件（PDF ${inputs.documents.length - scans}，扫描件 ${scans}），${inputs.totalPages} 页，${(inputs.totalBytes / MB).toFixed(0)} MB`;
  };
  const pdfDescribe = () => {
    if (!inputs) return '同一批 PDF';
    const pdfs = inputs.documents.filter((d) => d.kind === 'pdf');
    return `${pdfs.length} 份 PDF，${pdfs.reduce((n, d) => n + d.pages, 0)} 页，${(pdfs.reduce((n, d) => n + d.bytes, 0) / MB).toFixed(0)} MB`;
  };
  const limitMB = () => Math.round((2 * (inputs?.totalBytes ?? 0)) / MB + 300);

  return [
    {
      name: '生成申报材料包（整包）',
      get size() { return describe(); },
      targetMs: 20_000,
      repetitions: { warmups: 1, runs: 3 },
      setup,
      run: async () => {
        if (!subsetter) throw new Error('no subsetter');
        packet = await buildPacketFromInputs(need(), subsetter);
      },
      extras: () => ({ outputMB: Number(((packet?.bytes.byteLength ?? 0) / MB).toFixed(1)), pages: packet?.pageCount ?? 0 }),
      teardown,
    },
    {
      name: '申报材料包的合并部分（pdf-lib）',
      get size() { return pdfDescribe(); },
      maxRatioToReference: 3,
      repetitions: { warmups: 1, runs: 5 },
      setup,
      run: async () => { merged = (await mergePdfsLikePacket(need())).byteLength; },
      reference: {
        name: 'qpdf --empty --pages',
        run: () => mergePdfsWithQpdf(need(), path.join(dir ?? tmpdir(), 'qpdf-merged.pdf')),
      },
      extras: () => ({ mergedMB: Number((merged / MB).toFixed(1)) }),
      teardown,
    },
    {
      name: '申报材料包峰值内存（独立进程）',
      get size() { return describe(); },
      // One build in a fresh process: its peak RSS is the number, its time includes starting Node.
      repetitions: { warmups: 0, runs: 1 },
      setup,
      run: async () => { child = await buildInChildProcess(dir ?? ''); },
      checks: () => [{ label: '峰值内存', value: Math.round((child?.maxRssKiB ?? 0) / 1024), max: limitMB(), unit: 'MB' }],
      extras: () => ({
        inputMB: Math.round((inputs?.totalBytes ?? 0) / MB),
        baselineRssMB: Math.round((child?.baselineRssKiB ?? 0) / 1024),
        buildMs: Math.round(child?.ms ?? 0),
      }),
      teardown,
    },
  ];
}
