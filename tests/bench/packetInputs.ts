import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PDFDocument, rgb } from 'pdf-lib';
import { embedCjkFont, saveWithCjkFonts } from '../../shared/pdf/cjkFont';
import type { FontSubsetter } from '../../shared/pdf/fontSubset';
import { SeededRandom } from './seededRandom';

/*
 * The inputs of a realistic 申报材料包, written to a folder by a seeded generator so that every run
 * merges the same bytes: multi-page PDFs (Chinese text with the CJK font subset, tables drawn as
 * vectors, and scanned pages carrying a large JPEG) and JPEG scans of A4 pages. Scan images come
 * from a small pool (encoding a 200 dpi page in pure JS takes about a second); every file still
 * carries its own copy, so the merge does the full work for each.
 */

interface PacketInputDocument {
  readonly file: string;
  readonly kind: 'pdf' | 'jpeg';
  readonly pages: number;
  readonly bytes: number;
}

interface PacketInputMaterial {
  readonly id: string;
  readonly title: string;
  readonly parts: readonly { readonly title: string; readonly file: string; readonly watermark: string | null }[];
}

export interface PacketInputs {
  readonly dir: string;
  readonly documents: readonly PacketInputDocument[];
  readonly materials: readonly PacketInputMaterial[];
  readonly totalBytes: number;
  readonly totalPages: number;
}

export interface PacketInputSize {
  readonly documents: number;
  readonly pages: number;
  /** Share of documents that are JPEG scans (one page each). */
  readonly scanShare: number;
  /** Share of PDF pages that are scanned pages (a full-page JPEG). */
  readonly scannedPdfPageShare: number;
  /** Pixel width of the A4 scans (1654 = 200 dpi); height follows A4. */
  readonly scanWidth: number;
  readonly imagePool: number;
}

export const FULL_PACKET: PacketInputSize = { documents: 100, pages: 300, scanShare: 0.4, scannedPdfPageShare: 0.25, scanWidth: 1654, imagePool: 12 };
export const QUICK_PACKET: PacketInputSize = { documents: 10, pages: 30, scanShare: 0.4, scannedPdfPageShare: 0.25, scanWidth: 620, imagePool: 3 };

const A4_WIDTH = 595.28;
const A4_HEIGHT = 841.89;

/** An A4 page as a scanner gives it: off-white paper with grain, text lines, a red seal, a slight tilt of tone. */
function scanJpeg(rng: SeededRandom, width: number): Uint8Array {
  const height = Math.round(width * Math.SQRT2);
  const data = new Uint8Array(width * height * 4);
  const paper = 232 + rng.int(0, 12);
  for (let i = 0, p = 0; i < data.length; i += 4, p++) {
    const y = Math.floor(p / width);
    // Grain and a gentle vertical shading, as on a flatbed scan.
    const grain = Math.floor(rng.next() * 14) - 7;
    const v = paper + grain - Math.floor((y / height) * 8);
    data[i] = v; data[i + 1] = v; data[i + 2] = v - 4; data[i + 3] = 255;
  }
  const ink = (x0: number, y0: number, w: number, h: number, r: number, g: number, b: number) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        if (rng.next() < 0.3) continue;
        const o = (y * width + x) * 4;
        data[o] = r; data[o + 1] = g; data[o + 2] = b;
      }
    }
  };
  const margin = Math.round(width * 0.1);
  const lineHeight = Math.max(6, Math.round(width / 55));
  for (let y = margin; y < height - margin; y += lineHeight * 2) {
    // Words as dark strokes of varying length, the last line of a paragraph shorter.
    let x = margin + (rng.chance(0.15) ? lineHeight * 2 : 0);
    const end = width - margin - (rng.chance(0.2) ? rng.int(0, width / 2) : 0);
    while (x < end) {
      const w = rng.int(lineHeight, lineHeight * 5);
      ink(x, y, Math.min(w, end - x), lineHeight, 40, 40, 45);
      x += w + Math.round(lineHeight / 2);
    }
  }
  // A red seal near the bottom right.
  const sealX = width - margin - width / 5;
  const sealY = height - margin - width / 5;
  const radius = width / 10;
  for (let a = 0; a < 360; a += 0.25) {
    const x = Math.round(sealX + radius * Math.cos((a * Math.PI) / 180));
    const y = Math.round(sealY + radius * Math.sin((a * Math.PI) / 180));
    ink(x, y, 4, 4, 200, 30, 30);
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, 85).data);
}

const TITLES = [
  '营业执照（副本）', '药品经营许可证', '法定代表人身份证复印件', '执业药师注册证', '劳动合同', '社会保险缴费证明',
  '房屋租赁合同', '质量管理制度', '组织机构图', '营业场所平面图', '计算机信息系统说明', '医保管理制度', '承诺书',
  '车辆行驶证', '机动车登记证书', '消防安全检查合格证明', '财务审计报告', '能源审计报告',
];

const PARAGRAPH = '根据《北京市基本医疗保险定点医药机构管理办法》的规定，本单位承诺所提交的材料真实、准确、完整，'
  + '并严格遵守医疗保障相关法律法规，按照协议约定提供医药服务，接受医疗保障行政部门和经办机构的监督检查。'
  + '甲方与乙方经平等协商，就劳动合同期限、工作内容、劳动报酬、社会保险等事项达成一致，签订本合同，共同遵守。';

/** A multi-page Chinese PDF: text pages with a ruled table, and scanned pages carrying a JPEG. */
async function documentPdf(rng: SeededRandom, title: string, pages: number, scannedPages: ReadonlySet<number>, pool: readonly Uint8Array[], subsetter: FontSubsetter): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const text = `${title}${PARAGRAPH}第页共0123456789`;
  const { pdfFont: font } = embedCjkFont(doc, subsetter, text);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([A4_WIDTH, A4_HEIGHT]);
    if (scannedPages.has(p)) {
      const index = rng.int(0, pool.length - 1);
      // Each scanned page is its own image object, as a scanner app writes them.
      const bytes = pool[index];
      if (bytes === undefined) throw new Error('empty image pool');
      const image = await doc.embedJpg(bytes);
      page.drawImage(image, { x: 0, y: 0, width: A4_WIDTH, height: A4_HEIGHT });
      continue;
    }
    page.drawText(title, { x: 60, y: 780, size: 18, font });
    let y = 740;
    for (let line = 0; line < 24; line++) {
      const start = rng.int(0, PARAGRAPH.length - 30);
      page.drawText(PARAGRAPH.slice(start, start + 30), { x: 60, y, size: 11, font, color: rgb(0.1, 0.1, 0.1) });
      y -= 18;
    }
    // A ruled table, drawn as vectors like exported office documents.
    for (let r = 0; r <= 8; r++) page.drawLine({ start: { x: 60, y: 300 - r * 24 }, end: { x: 535, y: 300 - r * 24 }, thickness: 0.6 });
    for (const x of [60, 160, 300, 420, 535]) page.drawLine({ start: { x, y: 300 }, end: { x, y: 108 }, thickness: 0.6 });
    page.drawText(`第 ${p + 1} 页 共 ${pages} 页`, { x: 260, y: 50, size: 9, font });
  }
  return saveWithCjkFonts(doc, [font]);
}

/** Spreads `total` pages over `count` documents of 1 to 12 pages, seeded. */
function pageCounts(rng: SeededRandom, count: number, total: number): number[] {
  const counts = Array.from({ length: count }, () => rng.int(1, 7));
  let sum = counts.reduce((a, b) => a + b, 0);
  while (sum !== total) {
    const i = rng.int(0, count - 1);
    const c = counts[i] ?? 1;
    if (sum < total && c < 12) { counts[i] = c + 1; sum++; }
    if (sum > total && c > 1) { counts[i] = c - 1; sum--; }
  }
  return counts;
}

export async function generatePacketInputs(dir: string, size: PacketInputSize, subsetter: FontSubsetter): Promise<PacketInputs> {
  await mkdir(dir, { recursive: true });
  const rng = new SeededRandom(150);
  const pool = Array.from({ length: size.imagePool }, () => scanJpeg(rng, size.scanWidth));
  const scans = Math.round(size.documents * size.scanShare);
  const pdfCount = size.documents - scans;
  const counts = pageCounts(rng, pdfCount, size.pages - scans);
  const documents: PacketInputDocument[] = [];
  let pdfIndex = 0;
  for (let i = 0; i < size.documents; i++) {
    // Scans and PDFs interleaved, as a checklist mixes them.
    const isScan = Math.floor(((i + 1) * scans) / size.documents) > Math.floor((i * scans) / size.documents);
    const title = TITLES[i % TITLES.length] ?? '材料';
    if (isScan) {
      const bytes = pool[rng.int(0, pool.length - 1)];
      if (bytes === undefined) throw new Error('empty image pool');
      const file = `${String(i + 1).padStart(3, '0')}-${title}.jpg`;
      await writeFile(path.join(dir, file), bytes);
      documents.push({ file, kind: 'jpeg', pages: 1, bytes: bytes.byteLength });
      continue;
    }
    const pages = counts[pdfIndex++] ?? 1;
    const scanned = new Set<number>();
    for (let p = 0; p < pages; p++) if (rng.chance(size.scannedPdfPageShare)) scanned.add(p);
    const bytes = await documentPdf(rng, title, pages, scanned, pool, subsetter);
    const file = `${String(i + 1).padStart(3, '0')}-${title}.pdf`;
    await writeFile(path.join(dir, file), bytes);
    documents.push({ file, kind: 'pdf', pages, bytes: bytes.byteLength });
  }
  // About four documents per material, in checklist order; ID copies get the watermark.
  const materials: PacketInputMaterial[] = [];
  for (let i = 0; i < documents.length; i += 4) {
    const group = documents.slice(i, i + 4);
    const title = TITLES[(i / 4) % TITLES.length] ?? '材料';
    materials.push({
      id: `m${i / 4 + 1}`,
      title,
      parts: group.map((d) => ({
        title: d.file.replace(/^\d+-|\.(pdf|jpg)$/g, ''),
        file: d.file,
        watermark: d.file.includes('身份证') ? '仅供定点零售药店申请使用' : null,
      })),
    });
  }
  const totalBytes = documents.reduce((n, d) => n + d.bytes, 0);
  const totalPages = documents.reduce((n, d) => n + d.pages, 0);
  const inputs: PacketInputs = { dir, documents, materials, totalBytes, totalPages };
  await writeFile(path.join(dir, 'inputs.json'), JSON.stringify(inputs));
  return inputs;
}
