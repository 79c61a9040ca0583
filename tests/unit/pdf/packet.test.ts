import { execFileSync } from 'node:child_process';
import {
  concatTransformationMatrix, drawObject, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, popGraphicsState, pushGraphicsState,
} from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFormFacts } from '../../../shared/pdf/formFacts';
import { buildPacket, type PacketMaterial, type PacketProgress, type PacketResult } from '../../../shared/pdf/packet';
import { renderForm } from '../../../shared/pdf/renderForm';
import {
  encryptPdf, inkCoverage, loadTemplate, makeJpeg, makePng, makeSourcePdf, pdffonts, pdfinfoPages, pdftotext, pharmacyRecord, tempDir, testSubsetter, TODAY, writeTemp, removeTempDirs } from './pdfTestKit';

const dir = tempDir();
afterAll(removeTempDirs);
const squash = (text: string): string => text.replace(/\s+/g, '');
const cover = {
  companyName: '北京康宁大药房连锁有限公司',
  applicationTitle: '定点零售药店医疗保障定点申请',
  date: TODAY,
  uscc: '91110105MA01ABCD2X',
  authority: '北京市朝阳区医疗保障局',
};
const WATERMARK = '仅供定点零售药店医疗保障定点申请使用';

async function materials(): Promise<PacketMaterial[]> {
  const form = await renderForm({
    template: loadTemplate('pharmacy-designation-application'),
    facts: collectFormFacts(pharmacyRecord(), { today: TODAY }),
    subsetter: await testSubsetter(),
    options: { hasPageNumbers: false },
  });
  return [
    { id: 'application-form', title: '定点零售药店申请表', parts: [{ title: '定点零售药店申请表', fileName: '定点零售药店申请表.pdf', source: form.bytes }] },
    {
      id: 'licences-and-ids',
      title: '药品经营许可证、营业执照和法定代表人、主要负责人或实际控制人身份证复印件',
      parts: [
        { title: '药品经营许可证', fileName: '药品经营许可证.pdf', source: await makeSourcePdf('drug licence', 3) },
        { title: '营业执照（副本）', fileName: '营业执照.jpg', source: await makeJpeg(dir, 'licence', { landscape: true }) },
        // A phone photo stored sideways (EXIF orientation 6), read lazily like a file from disk.
        { title: '法定代表人身份证', fileName: '身份证.jpg', source: async () => makeJpeg(dir, 'id', { orientation: 6 }), watermark: WATERMARK },
      ],
    },
    {
      id: 'pharmacist',
      title: '执业药师资格证书或药学技术人员相关证书及其劳动合同复印件',
      parts: [
        { title: '执业药师资格证书', fileName: '资格证书.png', source: await makePng(900, 640) },
        { title: '劳动合同（横向页面）', fileName: '劳动合同.pdf', source: await makeSourcePdf('contract', 2, { rotate: 90 }) },
      ],
    },
    { id: 'insurance-contracts', title: '医保专（兼）职管理人员的劳动合同复印件', parts: [], note: '复印件' },
  ];
}

interface OutlineItem {
  readonly title: string;
  readonly page: number;
  readonly children: OutlineItem[];
}

/** Walks the outline tree with pdf-lib: titles and 1-based destination pages. */
function readOutline(doc: PDFDocument): OutlineItem[] {
  const pageRefs = doc.getPages().map((p) => p.ref);
  const walk = (first: unknown): OutlineItem[] => {
    const items: OutlineItem[] = [];
    let ref = first;
    while (ref instanceof PDFRef) {
      const item = doc.context.lookup(ref, PDFDict);
      const title = item.lookup(PDFName.of('Title'));
      const dest = item.lookup(PDFName.of('Dest'), PDFArray);
      const target = dest.get(0);
      items.push({
        title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '',
        page: pageRefs.findIndex((r) => r === target) + 1,
        children: walk(item.get(PDFName.of('First'))),
      });
      ref = item.get(PDFName.of('Next'));
    }
    return items;
  };
  const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
  return walk(outlines.get(PDFName.of('First')));
}

describe('buildPacket', () => {
  let result: PacketResult;
  let file: string;
  let pageTexts: string[];
  const progress: PacketProgress[] = [];

  beforeAll(async () => {
    const built = await buildPacket({ cover, materials: await materials(), subsetter: await testSubsetter() }, (p) => progress.push(p));
    if (!built.ok) throw new Error(built.error.message);
    result = built.value;
    file = writeTemp(dir, 'packet.pdf', result.bytes);
    pageTexts = Array.from({ length: result.pageCount }, (_, i) => squash(pdftotext(file, ['-f', String(i + 1), '-l', String(i + 1)])));
  });

  it('puts cover, contents, form and files in checklist order', () => {
    // cover 1 + contents 1 + form 1 + licence 3 + 2 images + png 1 + contract 2 + missing-material note 1
    expect(result.pageCount).toBe(12);
    expect(pdfinfoPages(file)).toBe(12);
    expect(result.materials.map((m) => [m.id, m.firstPage, m.pageCount, m.isMissing])).toEqual([
      ['application-form', 3, 1, false],
      ['licences-and-ids', 4, 5, false],
      ['pharmacist', 9, 3, false],
      ['insurance-contracts', 12, 1, true],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('has a cover naming the company, application, date and the list of materials', () => {
    const first = pageTexts[0] ?? '';
    for (const text of ['申报材料', cover.applicationTitle, `申请单位：${cover.companyName}`, '统一社会信用代码：91110105MA01ABCD2X', '受理机关：北京市朝阳区医疗保障局', '日期：2026年11月26日', '材料共4项，共12页', '材料清单', '4．医保专（兼）职管理人员的劳动合同复印件']) {
      expect(first).toContain(text);
    }
  });

  it('has a table of contents whose page numbers are the stamped ones', () => {
    const toc = pageTexts[1] ?? '';
    expect(toc).toContain('目录');
    expect(toc).toMatch(/1．定点零售药店申请表[. ]*3/);
    expect(toc).toMatch(/营业执照（副本）[. ]*7/);
    expect(toc).toMatch(/劳动合同（横向页面）[. ]*10/);
    expect(toc).toMatch(/医保专（兼）职管理人员的劳动合同复印件（缺）[. ]*12/);
    // 营业执照 is page 7 of the packet: its stamp says so.
    expect(pageTexts[6]).toContain('第7页共12页');
  });

  it('stamps 第 N 页 共 M 页 on every page after the cover, upright on rotated pages too', () => {
    expect(pageTexts[0]).not.toContain('第1页');
    for (let i = 1; i < result.pageCount; i++) expect(pageTexts[i]).toContain(`第${i + 1}页共12页`);
  });

  it('has a bookmark per material (and per file when a material has several), read back with pdf-lib', async () => {
    const outline = readOutline(await PDFDocument.load(result.bytes));
    expect(outline.map((o) => [o.title, o.page])).toEqual([
      ['封面', 1],
      ['目录', 2],
      ['1. 定点零售药店申请表', 3],
      ['2. 药品经营许可证、营业执照和法定代表人、主要负责人或实际控制人身份证复印件', 4],
      ['3. 执业药师资格证书或药学技术人员相关证书及其劳动合同复印件', 9],
      ['4. 医保专（兼）职管理人员的劳动合同复印件（缺）', 12],
    ]);
    expect(outline[3]?.children.map((c) => [c.title, c.page])).toEqual([['药品经营许可证', 4], ['营业执照（副本）', 7], ['法定代表人身份证', 8]]);
  });

  it('has page labels 封面, 目录, then the stamped numbers (read by qpdf)', () => {
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=pagelabels', file], { encoding: 'utf8' })) as {
      pagelabels: Array<{ index: number; label: Record<string, string | number> }>;
    };
    expect(json.pagelabels).toEqual([
      { index: 0, label: { '/P': 'u:封面', '/St': 1 } },
      { index: 1, label: { '/P': 'u:目录', '/St': 1 } },
      { index: 2, label: { '/S': '/D', '/St': 3 } },
    ]);
  });

  it('places images on A4 at a readable scale, landscape when they are, EXIF orientation applied', async () => {
    const doc = await PDFDocument.load(result.bytes);
    const size = (n: number): [number, number] => {
      const { width, height } = doc.getPage(n - 1).getSize();
      return [Math.round(width), Math.round(height)];
    };
    expect(size(7)).toEqual([842, 595]); // landscape licence photo
    expect(size(8)).toEqual([842, 595]); // portrait pixels stored sideways, EXIF 6: shown landscape
    expect(size(9)).toEqual([842, 595]); // 900 × 640 PNG
    expect(doc.getPage(9).getRotation().angle).toBe(90);
  });

  it('watermarks the ID copy only, three times across the page', () => {
    // -raw keeps drawing order, so the diagonal text reads straight.
    const raw = Array.from({ length: result.pageCount }, (_, i) => pdftotext(file, ['-raw', '-f', String(i + 1), '-l', String(i + 1)]));
    expect(raw[7]?.split(WATERMARK).length).toBe(4);
    expect(raw.filter((t) => t.includes(WATERMARK))).toHaveLength(1);
  });

  it('embeds its Chinese fonts as subsets with ToUnicode', () => {
    const chinese = pdffonts(file).filter((f) => f.name.includes('NotoSansCJK'));
    expect(chinese.length).toBeGreaterThanOrEqual(2); // the packet's own and the form's
    for (const f of chinese) expect(f).toMatchObject({ isEmbedded: true, isSubset: true, hasToUnicode: true });
  });

  it('renders no blank page', () => {
    const coverage = inkCoverage(file, dir);
    expect(coverage).toHaveLength(12);
    for (const [i, ink] of coverage.entries()) expect(ink, `page ${i + 1}`).toBeGreaterThan(0.003);
  });

  it('reports progress per file, in order, ending with done', () => {
    expect(progress.length).toBeGreaterThanOrEqual(8);
    expect(progress.every((p, i) => i === 0 || p.done >= (progress[i - 1]?.done ?? 0))).toBe(true);
    expect(new Set(progress.map((p) => p.total)).size).toBe(1);
    expect(progress.at(-1)).toMatchObject({ stage: 'done' });
    expect(progress.some((p) => p.message === '正在加入 身份证.jpg')).toBe(true);
  });
});

describe('buildPacket with bad files', () => {
  const bad: ReadonlyArray<readonly [string, () => Promise<Uint8Array>, string, string]> = [
    ['空文件.pdf', () => Promise.resolve(new Uint8Array()), 'file.empty', '是空文件'],
    ['截断.pdf', async () => (await makeSourcePdf('cut', 3)).slice(0, 900), 'file.truncated', '不完整'],
    ['加密.pdf', async () => encryptPdf(dir, await makeSourcePdf('secret', 1)), 'pdf.encrypted', '已加密'],
    ['照片.pdf', () => makePng(40, 40), 'file.extensionMismatch', '与扩展名不符'],
    ['损坏.pdf', () => Promise.resolve(new TextEncoder().encode(`%PDF-1.7\n${'x'.repeat(300)}\n%%EOF\n`)), 'pdf.corrupt', '无法读取'],
  ];

  it.each(bad)('stops on %s with a Chinese error naming it (default)', async (fileName, bytes, code, words) => {
    const built = await buildPacket({
      cover,
      materials: [
        { id: 'a', title: '营业执照', parts: [{ title: '营业执照', fileName: '营业执照.pdf', source: await makeSourcePdf('ok', 1) }] },
        { id: 'b', title: '内部管理制度', parts: [{ title: '制度', fileName, source: bytes }] },
      ],
      subsetter: await testSubsetter(),
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.error.code).toBe(code);
    expect(built.error.message).toContain(`“${fileName}”`);
    expect(built.error.message).toContain(words);
    expect(built.error.message).toContain('申报材料包未生成');
  });

  it('leaves bad files out with a visible note page when asked to', async () => {
    const parts = await Promise.all(bad.map(async ([fileName, bytes]) => ({ title: fileName, fileName, source: await bytes() })));
    const built = await buildPacket({
      cover,
      materials: [
        { id: 'a', title: '营业执照', parts: [{ title: '营业执照', fileName: '营业执照.pdf', source: await makeSourcePdf('ok', 1) }] },
        { id: 'b', title: '内部管理制度', parts },
      ],
      subsetter: await testSubsetter(),
      options: { onBadFile: 'skip' },
    });
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.skipped.map((s) => s.code)).toEqual(bad.map(([, , code]) => code));
    expect(built.value.pageCount).toBe(2 + 1 + bad.length);
    const file = writeTemp(dir, 'skipped.pdf', built.value.bytes);
    for (const [i, [fileName, , , words]] of bad.entries()) {
      const text = squash(pdftotext(file, ['-f', String(4 + i), '-l', String(4 + i)]));
      expect(text).toContain(`未能加入：${fileName}`);
      expect(text).toContain(words);
    }
  });

  it('stops when cancelled', async () => {
    const signal = { aborted: false };
    const built = await buildPacket(
      {
        cover,
        materials: [{ id: 'a', title: '材料', parts: Array.from({ length: 5 }, (_, i) => ({ title: `${i}`, fileName: `${i}.pdf`, source: () => makeSourcePdf(`p${i}`, 1) })) }],
        subsetter: await testSubsetter(),
        signal,
      },
      (p) => {
        if (p.done === 2) signal.aborted = true;
      },
    );
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.error.code).toBe('packet.cancelled');
  });
});

describe('a long checklist', () => {
  it('continues the contents on more pages (labelled 目录-1, 目录-2) and shortens the cover list', async () => {
    const many: PacketMaterial[] = Array.from({ length: 70 }, (_, i) => ({
      id: `m${i}`,
      title: `第 ${i + 1} 项：${'按规定需要提供的证明材料'.repeat(i % 3 === 0 ? 3 : 1)}`,
      parts: [],
    }));
    const built = await buildPacket({ cover, materials: many, subsetter: await testSubsetter() });
    if (!built.ok) throw new Error(built.error.message);
    const file = writeTemp(dir, 'long-toc.pdf', built.value.bytes);
    const tocPages = built.value.pageCount - 1 - 70;
    expect(tocPages).toBeGreaterThanOrEqual(2);
    expect(built.value.materials[0]?.firstPage).toBe(2 + tocPages);
    expect(squash(pdftotext(file, ['-f', '1', '-l', '1']))).toMatch(/……另有\d+项，详见目录/);
    const labels = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=pagelabels', file], { encoding: 'utf8' })) as { pagelabels: unknown[] };
    expect(labels.pagelabels[1]).toEqual({ index: 1, label: { '/P': 'u:目录-', '/S': '/D', '/St': 1 } });
    // The last material's entry, on the last contents page, points at the last page.
    const lastToc = squash(pdftotext(file, ['-f', String(1 + tocPages), '-l', String(1 + tocPages)]));
    expect(lastToc).toContain(`69．第69项：按规定需要提供的证明材料（缺）`);
    expect(lastToc.endsWith(`${built.value.pageCount}第${1 + tocPages}页共${built.value.pageCount}页`)).toBe(true);
  });
});

/** A 3-page PDF carrying ~200 KB of incompressible image data, like a scan. */
async function scanLikePdf(seed: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const width = 500;
  const height = 400;
  const pixels = new Uint8Array(width * height);
  let state = seed * 2654435761;
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    pixels[i] = 128 + (state >>> 25);
  }
  const image = doc.context.register(
    doc.context.stream(pixels, { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ColorSpace: 'DeviceGray', BitsPerComponent: 8 }),
  );
  for (let p = 0; p < 3; p++) {
    const page = doc.addPage([595.28, 841.89]);
    const name = page.node.newXObject('Scan', image);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(500, 0, 0, 400, 48, 300), drawObject(name), popGraphicsState());
  }
  return doc.save();
}

describe('a 100-document, 300-page packet', () => {
  // Its time and peak memory are measured by `npm run bench` (生成申报材料包), not asserted here.
  it('builds 305 numbered pages from 100 scans', async () => {
    const files = await Promise.all(Array.from({ length: 100 }, (_, i) => scanLikePdf(i + 1)));
    const inputBytes = files.reduce((n, f) => n + f.byteLength, 0);
    expect(inputBytes).toBeGreaterThan(15 * 1024 * 1024);
    const materialsList: PacketMaterial[] = Array.from({ length: 20 }, (_, m) => ({
      id: `m${m}`,
      title: `第 ${m + 1} 项材料`,
      parts: files.slice(m * 5, m * 5 + 5).map((bytes, i) => ({ title: `文件 ${m * 5 + i + 1}`, fileName: `scan-${m * 5 + i + 1}.pdf`, source: () => Promise.resolve(bytes) })),
    }));
    const built = await buildPacket({ cover, materials: materialsList, subsetter: await testSubsetter() });
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.pageCount).toBe(300 + 1 + 4);
    const file = writeTemp(dir, 'big.pdf', built.value.bytes);
    expect(pdfinfoPages(file)).toBe(305);
    expect(squash(pdftotext(file, ['-f', '305', '-l', '305']))).toContain('第305页共305页');
  });
});
