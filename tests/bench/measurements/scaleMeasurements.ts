import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadFontSubsetter } from '../../../electron/cli/commandInputs';
import { runNodeChild } from '../childProcess';
import type { Measurement } from '../harness';
import { FULL_PACKET, generatePacketInputs, QUICK_PACKET, type PacketInputs } from '../packetInputs';

const MB = 1024 * 1024;

/** What scaleChild.ts reports for one job. */
interface ChildReport {
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssKiB: number;
  readonly baselineRssKiB: number;
  readonly [extra: string]: number | string;
}

/** Runs one job of scaleChild.ts in a fresh Node process (its own peak RSS) and returns its report. */
function runChild(job: string, size: number, dir: string): Promise<ChildReport> {
  return runNodeChild<ChildReport>(path.resolve(import.meta.dirname, '../scaleChild.ts'), [job, String(size), dir], { exposeGc: true, label: `${job} ${size}` });
}

/** `/usr/bin/time -f '%e %M' qpdf --empty --pages …`: seconds and peak RSS of qpdf on the same PDFs. */
function qpdfMerge(inputs: PacketInputs, out: string): Promise<{ ms: number; maxRssKiB: number }> {
  const files = inputs.documents.filter((d) => d.kind === 'pdf').map((d) => path.join(inputs.dir, d.file));
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'CW-TIME %e %M', '/usr/bin/qpdf', '--empty', '--pages', ...files, '--', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      const match = /CW-TIME ([\d.]+) (\d+)/.exec(stderr);
      // qpdf's exit code 3 is success with warnings; time passes it on.
      if ((code !== 0 && code !== 3) || !match) {
        reject(new Error(`qpdf exited with ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      resolve({ ms: Number(match[1]) * 1000, maxRssKiB: Number(match[2]) });
    });
  });
}

const mb = (kib: number | undefined) => Math.round((kib ?? 0) / 1024);

/**
 * The sizes of a large fleet and a large group (issue 15), each job in its own process so its
 * peak memory is its own: the 跟踪表 of 100,000 rows beside exceljs' streaming writer, a
 * 3,000-page packet beside qpdf, a roster of 100,000 vehicles, matching 100,000 companies.
 * Quick mode runs the same jobs at CI sizes. The peak is the job's: the child resets its
 * high-water mark after loading its inputs (which stay in memory, as in the app).
 */
export function scaleMeasurements(quick: boolean): Measurement[] {
  const trackerRows = quick ? 2000 : 100_000;
  const packetPages = quick ? QUICK_PACKET.pages : 3000;
  const rosterRows = quick ? 1000 : 100_000;
  const companies = quick ? 200 : 100_000;
  const once = { warmups: 0, runs: 1 };
  let dir: string | null = null;
  let packetInputs: PacketInputs | null = null;
  let rosterReady = false;
  let trackerReady = false;
  const folder = async () => {
    dir ??= await mkdtemp(path.join(tmpdir(), 'cw-bench-scale-'));
    return dir;
  };
  let remaining = 4;
  const teardown = async () => {
    remaining -= 1;
    if (remaining > 0 || dir === null) return;
    await rm(dir, { recursive: true, force: true });
    dir = null;
    packetInputs = null;
  };

  let tracker: ChildReport | null = null;
  let trackerStream: ChildReport | null = null;
  let packet: ChildReport | null = null;
  let qpdf: { ms: number; maxRssKiB: number } | null = null;
  let roster: ChildReport | null = null;
  let match: ChildReport | null = null;

  return [
    {
      name: `导出 Excel 跟踪表 ${trackerRows} 行（独立进程）`,
      size: `${trackerRows} 行（样式、数据验证、条件格式、公式）`,
      targetMs: 20_000,
      repetitions: once,
      isSelfTimed: true,
      setup: async () => {
        if (trackerReady) return;
        await runChild('tracker-input', trackerRows, await folder());
        trackerReady = true;
      },
      run: async () => { tracker = await runChild('tracker', trackerRows, await folder()); return tracker.ms; },
      reference: {
        name: 'exceljs 流式写入（WorkbookWriter）相同单元格',
        isSelfTimed: true,
        run: async () => { trackerStream = await runChild('tracker-stream', trackerRows, await folder()); return trackerStream.ms; },
      },
      checks: () => [{ label: '峰值内存', value: mb(tracker?.maxRssKiB), max: 600, unit: 'MB' }],
      extras: () => ({
        cpuMs: Math.round(tracker?.cpuMs ?? 0), inputsRssMB: mb(tracker?.baselineRssKiB), outputMB: tracker?.['outputMB'] ?? 0,
        referencePeakMB: mb(trackerStream?.maxRssKiB), referenceCpuMs: Math.round(trackerStream?.cpuMs ?? 0),
      }),
      teardown,
    },
    {
      name: `生成申报材料包 ${packetPages} 页（独立进程）`,
      get size() {
        if (!packetInputs) return `${packetPages} 页（PDF 与扫描件）`;
        const scans = packetInputs.documents.filter((d) => d.kind === 'jpeg').length;
        return `${packetInputs.documents.length} 份文件（扫描件 ${scans}），${packetInputs.totalPages} 页，${(packetInputs.totalBytes / MB).toFixed(0)} MB`;
      },
      targetMs: 60_000,
      repetitions: once,
      isSelfTimed: true,
      setup: async () => {
        if (packetInputs) return;
        const subsetter = await loadFontSubsetter();
        try {
          // The full packet's mix (40 % scans, a quarter of PDF pages scanned) at ten times its size.
          const size = quick ? QUICK_PACKET : { ...FULL_PACKET, documents: FULL_PACKET.documents * 10, pages: packetPages };
          packetInputs = await generatePacketInputs(path.join(await folder(), 'packet'), size, subsetter);
        } finally {
          subsetter.dispose();
        }
      },
      run: async () => { packet = await runChild('packet', packetPages, path.join(await folder(), 'packet')); return packet.ms; },
      reference: {
        name: 'qpdf --empty --pages（仅合并其中的 PDF）',
        isSelfTimed: true,
        run: async () => {
          if (!packetInputs) throw new Error('packet inputs not generated');
          qpdf = await qpdfMerge(packetInputs, path.join(await folder(), 'qpdf.pdf'));
          return qpdf.ms;
        },
      },
      checks: () => [{ label: '峰值内存', value: mb(packet?.maxRssKiB), max: 1200, unit: 'MB' }],
      extras: () => ({
        cpuMs: Math.round(packet?.cpuMs ?? 0), inputsRssMB: mb(packet?.baselineRssKiB), outputMB: packet?.['outputMB'] ?? 0, pages: packet?.['pages'] ?? 0,
        qpdfPeakMB: mb(qpdf?.maxRssKiB),
      }),
      teardown,
    },
    {
      name: `导入车辆花名册 ${rosterRows} 行（独立进程，含逐行报告）`,
      size: `${rosterRows} 行数据 .xlsx`,
      targetMs: 15_000,
      repetitions: once,
      isSelfTimed: true,
      setup: async () => {
        if (rosterReady) return;
        // Writing the file with exceljs takes more memory than reading it: done in a process of its own.
        await runChild('roster-input', rosterRows, await folder());
        rosterReady = true;
      },
      run: async () => { roster = await runChild('roster', rosterRows, await folder()); return roster.ms; },
      checks: () => [{ label: '峰值内存', value: mb(roster?.maxRssKiB), max: 700, unit: 'MB' }],
      extras: () => ({
        cpuMs: Math.round(roster?.cpuMs ?? 0), inputsRssMB: mb(roster?.baselineRssKiB), fileMB: roster?.['fileMB'] ?? 0,
        accepted: roster?.['accepted'] ?? 0, rejected: roster?.['rejected'] ?? 0,
      }),
      teardown,
    },
    {
      name: `匹配 ${companies} 家企业（独立进程，CPU 时间）`,
      size: `${companies} 家企业（四类各四分之一，租赁企业各 20 辆车）× 全部政策事项`,
      targetMs: 20_000,
      repetitions: once,
      isSelfTimed: true,
      // The target is CPU time: the machine is shared, so wall time would count other people's work.
      run: async () => { match = await runChild('match', companies, await folder()); return match.cpuMs; },
      extras: () => ({ wallMs: Math.round(match?.ms ?? 0), peakMB: mb(match?.maxRssKiB), results: match?.['results'] ?? 0 }),
      teardown,
    },
  ];
}
