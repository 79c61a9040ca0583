import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { asIsoDate } from '../../shared/domain/isoDate';
import type { FontSubsetter } from '../../shared/pdf/fontSubset';
import { buildPacket, type PacketMaterial, type PacketResult } from '../../shared/pdf/packet';
import type { PacketSink } from '../../shared/pdf/packetSink';
import { loadPdf } from '../../shared/pdf/pdfLoad';
import type { PacketInputs } from './packetInputs';

/**
 * The whole packet build as the app's worker runs it: each file read from disk only when the
 * build reaches it (the worker reads it from the document vault), cover, contents, bookmarks,
 * page numbers, watermarks, save (to `sink` as it goes when one is given).
 */
export async function buildPacketFromInputs(inputs: PacketInputs, subsetter: FontSubsetter, sink?: PacketSink): Promise<PacketResult> {
  const materials: PacketMaterial[] = inputs.materials.map((m) => ({
    id: m.id,
    title: m.title,
    parts: m.parts.map((p) => ({
      title: p.title,
      fileName: p.file,
      source: async () => new Uint8Array(await readFile(path.join(inputs.dir, p.file))),
      watermark: p.watermark,
    })),
  }));
  const built = await buildPacket({
    cover: { companyName: '北京康宁大药房连锁有限公司', applicationTitle: '定点零售药店申请', date: asIsoDate('2026-11-26'), uscc: '91110105MA01ABCD2X', authority: '北京市朝阳区医疗保障局' },
    materials,
    subsetter,
    sink,
  });
  if (!built.ok) throw new Error(built.error.message);
  if (built.value.pageCount < inputs.totalPages) throw new Error(`packet has ${built.value.pageCount} pages for ${inputs.totalPages} input pages`);
  return built.value;
}

/** The merging part of buildPacket alone: the same PDFs loaded, their pages copied and saved, one file at a time. */
export async function mergePdfsLikePacket(inputs: PacketInputs): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const d of inputs.documents) {
    if (d.kind !== 'pdf') continue;
    const loaded = await loadPdf(d.file, new Uint8Array(await readFile(path.join(inputs.dir, d.file))));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const copied = await doc.copyPages(loaded.value, loaded.value.getPageIndices());
    for (const page of copied) doc.addPage(page);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return doc.save({ objectsPerTick: 200, updateFieldAppearances: false });
}

/** qpdf --empty --pages f1.pdf f2.pdf … -- out.pdf on the same PDFs. */
export function mergePdfsWithQpdf(inputs: PacketInputs, out: string): Promise<void> {
  const files = inputs.documents.filter((d) => d.kind === 'pdf').map((d) => path.join(inputs.dir, d.file));
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/qpdf', ['--empty', '--pages', ...files, '--', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    // Exit code 3 is success with warnings.
    child.on('close', (code) => (code === 0 || code === 3 ? resolve() : reject(new Error(`qpdf exited with ${code}: ${stderr}`))));
  });
}
