import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PDFHexString as PDFHexStringType, PDFName as PDFNameType } from 'pdf-lib';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { createFontSubsetter, type FontSubsetter } from '../../../shared/pdf/fontSubset';
import { parseFormTemplate, type FormTemplate } from '../../../shared/pdf/formTemplates';
import { policyItemSchema, type PolicyItem } from '../../../shared/policy/knowledgeBase';
import { companyRecordSchema, type CompanyDocument } from '../../../shared/workspace/workspaceFile';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FONT_PATH = path.join(ROOT, 'resources/fonts/NotoSansCJKsc-Regular.otf');
export const FORMS_DIR = path.join(ROOT, 'resources/forms');

function harfBuzzWasmPath(): string {
  return createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
}

let subsetter: Promise<FontSubsetter> | undefined;
/** One subsetter for the whole test file: loading the 10 MB font costs ~50 ms. */
export function testSubsetter(): Promise<FontSubsetter> {
  subsetter ??= createFontSubsetter({ harfBuzzWasm: readFileSync(harfBuzzWasmPath()), fontBytes: readFileSync(FONT_PATH) });
  return subsetter;
}

export function loadTemplate(id: string): FormTemplate {
  const parsed = parseFormTemplate(JSON.parse(readFileSync(path.join(FORMS_DIR, `${id}.json`), 'utf8')) as unknown, id);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

export const TODAY = asIsoDate('2026-11-26');

export const PHARMACY_CITATION = { ref: '第六条', lines: { start: 4745, end: 4763 }, quote: '零售药店应向所在区经办机构提出医疗保障定点申请' };

/** The pharmacy designation application with fixture materials (the knowledge base's own data may still change). */
export function pharmacyDesignationItem(materials: readonly unknown[]): PolicyItem {
  return policyItemSchema.parse({
    id: 'pharmacy-designation/designation-application',
    kind: 'application',
    title: '申请医疗保障定点',
    summary: '零售药店向所在区经办机构提出医疗保障定点申请。',
    citation: PHARMACY_CITATION,
    materials,
  });
}

const tempDirs: string[] = [];

/** A scratch folder, removed by removeTempDirs (call it in afterAll). */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cw-pdf-'));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeTemp(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

export function pdftotext(file: string, extra: string[] = []): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...extra, file, '-'], { encoding: 'utf8' });
}

export interface PdfFontRow {
  readonly name: string;
  readonly type: string;
  readonly isEmbedded: boolean;
  readonly isSubset: boolean;
  readonly hasToUnicode: boolean;
}

export function pdffonts(file: string): PdfFontRow[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type... encoding emb sub uni objectId gen
      const n = cols.length;
      return {
        name: cols[0] ?? '',
        type: cols.slice(1, n - 6).join(' '),
        isEmbedded: cols[n - 5] === 'yes',
        isSubset: cols[n - 4] === 'yes',
        hasToUnicode: cols[n - 3] === 'yes',
      };
    });
}

export function pdfinfoPages(file: string): number {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(out)?.[1] ?? 'NaN');
}

/**
 * The first page rendered at 72 dpi in grey, as raw pixel values. `withoutSystemFonts` renders
 * with a fontconfig that knows no font at all, as on a machine without Chinese fonts.
 */
export function grayPixels(file: string, dir: string, options: { withoutSystemFonts?: boolean } = {}): Uint8Array {
  const prefix = path.join(dir, `pixels-${path.basename(file, '.pdf')}${options.withoutSystemFonts ? '-nofonts' : ''}`);
  let env = process.env;
  if (options.withoutSystemFonts) {
    const config = path.join(dir, 'no-fonts.conf');
    writeFileSync(config, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><cachedir>${dir}/fc-cache</cachedir></fontconfig>`);
    env = { ...process.env, FONTCONFIG_FILE: config };
  }
  execFileSync('pdftoppm', ['-r', '72', '-gray', '-singlefile', file, prefix], { env });
  const bytes = readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('bad PGM');
  return new Uint8Array(bytes.subarray(header[0].length));
}

/** Renders pages at 50 dpi and returns the fraction of non-white pixels of each page (PGM output). */
export function inkCoverage(file: string, dir: string): number[] {
  const prefix = path.join(dir, `render-${path.basename(file, '.pdf')}`);
  execFileSync('pdftoppm', ['-r', '50', '-gray', file, prefix]);
  const pages = execFileSync('ls', [dir], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.startsWith(path.basename(prefix)) && f.endsWith('.pgm'))
    .sort();
  return pages.map((f) => {
    const bytes = readFileSync(path.join(dir, f));
    // P5\n<w> <h>\n255\n<data>
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString('latin1'));
    if (!header) throw new Error(`bad PGM ${f}`);
    const [all, w, h] = header;
    const data = bytes.subarray(all.length);
    const total = Number(w) * Number(h);
    let ink = 0;
    for (let i = 0; i < total; i++) if ((data[i] ?? 255) < 200) ink++;
    return ink / total;
  });
}

/** A pharmacy with two pharmacists, two 医保 staff, a drug licence and one store. */
export function pharmacyRecord(): CompanyRecord {
  const now = '2026-11-26T08:00:00.000Z';
  return companyRecordSchema.parse({
    company: {
      id: 'c-pharmacy',
      name: '北京康宁大药房连锁有限公司',
      uscc: '91110105MA01ABCD2X',
      legalRepresentative: '王建国',
      registeredAddress: '北京市朝阳区望京街道阜通东大街6号院3号楼1层101室',
      district: '朝阳区',
      establishedOn: '2019-03-15',
      entityType: '有限责任公司',
      industryCode: 'F5251',
      industryName: '药品零售',
      businessScope: '零售药品；销售医疗器械（限一类、二类）；销售保健食品、化妆品、日用品。（市场主体依法自主选择经营项目，开展经营活动。）',
      contactPerson: '李晓梅',
      contactPhone: '010-64781234',
      email: 'compliance@kangning.example.cn',
      createdAt: now,
      updatedAt: now,
    },
    people: [
      { id: 'p1', companyId: 'c-pharmacy', name: '王建国', idNumber: '110105197803154517', roles: ['法定代表人', '主要负责人'], phone: '13801012345' },
      {
        id: 'p2', companyId: 'c-pharmacy', name: '张敏', idNumber: '110108198807223026', roles: ['执业药师'], phone: '13911112222', storeId: 's1', practiceStoreId: 's1',
        certificates: [{ kind: '执业药师资格证书', number: 'ZY11012345678', issuer: '国家药品监督管理局' }],
        contractStart: '2024-01-01', contractEnd: '2026-12-31',
      },
      {
        id: 'p3', companyId: 'c-pharmacy', name: '欧阳慧琳', idNumber: '110101199002281524', roles: ['药学技术人员'], phone: '13722223333', storeId: 's1',
        certificates: [{ kind: '中药学专业技术资格证书', number: 'ZYX2020110099' }], contractStart: '2023-06-01', isContractOpenEnded: true,
      },
      { id: 'p4', companyId: 'c-pharmacy', name: '赵磊', idNumber: '110102199105053014', roles: ['医保管理人员'], phone: '13644445555', contractStart: '2025-03-01', contractEnd: '2027-02-28' },
      { id: 'p5', companyId: 'c-pharmacy', name: '孙丽', idNumber: '110106199212124023', roles: ['医保管理人员'], phone: '13555556666', contractStart: '2025-03-01', contractEnd: '2028-02-29' },
    ],
    licences: [
      { id: 'l1', companyId: 'c-pharmacy', kind: '药品经营许可证', number: '京AA1050123', issuer: '北京市朝阳区市场监督管理局', validFrom: '2024-05-20', validTo: '2029-05-19', storeId: 's1' },
      { id: 'l2', companyId: 'c-pharmacy', kind: '营业执照', number: '91110105MA01ABCD2X', issuer: '北京市朝阳区市场监督管理局', validFrom: '2019-03-15' },
    ],
    stores: [
      { id: 's1', companyId: 'c-pharmacy', name: '康宁大药房望京店', kind: '门店', address: '北京市朝阳区望京街道阜通东大街6号院3号楼1层101室', district: '朝阳区', operatingSince: '2024-06-01', floorAreaSqm: 126.5 },
    ],
  });
}

/**
 * An "official" fillable form as agencies publish them: Chinese field names (UTF-16 hex strings),
 * tooltips, a multi-line box, a checkbox, a radio group, a dropdown, a field with a maximum length,
 * and Helvetica as the default appearance font (which cannot draw Chinese).
 */
export async function makeOfficialFormPdf(): Promise<Uint8Array> {
  const { PDFDocument, PDFHexString, PDFName, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const form = doc.getForm();
  const rename = (
    field: { acroField: { dict: { set(key: PDFNameType, value: PDFHexStringType): void }; setDefaultAppearance(da: string): void } },
    name: string,
    tooltip: string,
    fontSize = 0,
  ): void => {
    field.acroField.dict.set(PDFName.of('T'), PDFHexString.fromText(name));
    field.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(tooltip));
    // Agencies' forms mostly say "auto size" (0) or a small fixed size, with Helvetica.
    field.acroField.setDefaultAppearance(`/Helv ${fontSize} Tf 0 g`);
  };
  const name = form.createTextField('f1');
  name.addToPage(page, { x: 150, y: 760, width: 300, height: 22, font: helvetica });
  rename(name, '企业名称', '申请单位名称（与营业执照一致）');
  const uscc = form.createTextField('f2');
  uscc.setMaxLength(18);
  uscc.addToPage(page, { x: 150, y: 730, width: 200, height: 22, font: helvetica });
  rename(uscc, '统一社会信用代码', '统一社会信用代码');
  const scope = form.createTextField('f3');
  scope.enableMultiline();
  scope.addToPage(page, { x: 150, y: 600, width: 300, height: 110, font: helvetica });
  rename(scope, '经营范围', '经营范围');
  const narrow = form.createTextField('f4');
  narrow.addToPage(page, { x: 150, y: 570, width: 120, height: 20, font: helvetica });
  rename(narrow, '注册地址', '注册地址');
  const ftz = form.createCheckBox('f5');
  ftz.addToPage(page, { x: 150, y: 540, width: 14, height: 14 });
  rename(ftz, '自贸试验区', '位于自贸试验区');
  const procedure = form.createRadioGroup('f6');
  procedure.addOptionToPage('告知承诺制', page, { x: 150, y: 510, width: 14, height: 14 });
  procedure.addOptionToPage('一般程序', page, { x: 250, y: 510, width: 14, height: 14 });
  rename(procedure, '办理方式', '办理方式');
  const district = form.createDropdown('f7');
  district.addOptions(['东城区', '西城区', '朝阳区', '海淀区']);
  district.addToPage(page, { x: 150, y: 470, width: 120, height: 22, font: helvetica });
  rename(district, '所在区', '所在区');
  const phone = form.createTextField('f8');
  phone.addToPage(page, { x: 150, y: 440, width: 150, height: 22, font: helvetica });
  rename(phone, '联系电话', '联系电话', 10);
  // A field that inherits its default appearance from the AcroForm, as many agencies' forms do.
  const email = form.createTextField('f9');
  email.addToPage(page, { x: 150, y: 410, width: 200, height: 22, font: helvetica });
  rename(email, '电子邮箱', '电子邮箱');
  for (const dict of [email.acroField.dict, ...email.acroField.getWidgets().map((w) => w.dict)]) dict.delete(PDFName.of('DA'));
  form.acroForm.dict.set(PDFName.of('DA'), PDFHexString.fromText('/Helv 0 Tf 0 g'));
  return doc.save();
}

/** A PDF of `pageCount` pages with a line of text each (Helvetica: a source document, not ours). */
export async function makeSourcePdf(label: string, pageCount: number, options: { rotate?: number; size?: [number, number] } = {}): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, degrees } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pageCount; i++) {
    const page = doc.addPage(options.size ?? [595.28, 841.89]);
    page.drawText(`${label} page ${i + 1}`, { x: 60, y: page.getHeight() - 100, size: 24, font });
    page.drawRectangle({ x: 60, y: 200, width: page.getWidth() - 120, height: 300, borderWidth: 2 });
    if (options.rotate) page.setRotation(degrees(options.rotate));
  }
  return doc.save();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A real RGB PNG of w × h with a diagonal pattern (no image library needed). */
export async function makePng(width: number, height: number): Promise<Uint8Array> {
  const { zlibSync } = await import('fflate');
  const raw = new Uint8Array((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const isInk = (x + y) % 40 < 6 || x < 4 || y < 4 || x >= width - 4 || y >= height - 4;
      raw[row + 1 + x * 3] = isInk ? 20 : 240;
      raw[row + 2 + x * 3] = isInk ? 60 : 240;
      raw[row + 3 + x * 3] = isInk ? 160 : 230;
    }
  }
  const chunk = (type: string, data: Uint8Array): Uint8Array => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8;
  header[9] = 2;
  const parts = [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), chunk('IHDR', header), chunk('IDAT', zlibSync(raw)), chunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A JPEG rendered by poppler from a one-page PDF, optionally with an EXIF orientation tag. */
export async function makeJpeg(dir: string, label: string, options: { landscape?: boolean; orientation?: number } = {}): Promise<Uint8Array> {
  const pdf = await makeSourcePdf(label, 1, { size: options.landscape ? [841.89, 595.28] : [595.28, 841.89] });
  const pdfFile = writeTemp(dir, `${label}.pdf`, pdf);
  const prefix = path.join(dir, `${label}-jpeg`);
  execFileSync('pdftoppm', ['-r', '40', '-jpeg', '-singlefile', pdfFile, prefix]);
  const jpeg = readFileSync(`${prefix}.jpg`);
  if (!options.orientation) return new Uint8Array(jpeg);
  // APP1 Exif, big-endian TIFF, IFD0 with one entry: Orientation (0x0112, SHORT, 1).
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, options.orientation, 0, 0, 0, 0, 0, 0];
  const payload = [...'Exif'].map((c) => c.charCodeAt(0)).concat([0, 0], tiff);
  const segment = [0xff, 0xe1, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff, ...payload];
  return Uint8Array.from([...jpeg.subarray(0, 2), ...segment, ...jpeg.subarray(2)]);
}

/** The same PDF encrypted by qpdf (AES-256, user password "secret"). */
export function encryptPdf(dir: string, pdf: Uint8Array, userPassword = 'secret'): Uint8Array {
  const input = writeTemp(dir, `plain-${Math.random().toString(36).slice(2)}.pdf`, pdf);
  const output = `${input}.enc.pdf`;
  execFileSync('qpdf', ['--encrypt', userPassword, 'owner-pass', '256', '--', input, output]);
  return new Uint8Array(readFileSync(output));
}

/** A document entry for a workspace, with its file. */
export interface FixtureDocument {
  readonly meta: CompanyDocument;
  readonly bytes: Uint8Array;
}

export function fixtureDocument(
  id: string,
  kind: string,
  title: string,
  fileName: string,
  bytes: Uint8Array,
  extra: Partial<CompanyDocument> = {},
): FixtureDocument {
  const mimeType = fileName.endsWith('.pdf') ? 'application/pdf' : fileName.endsWith('.png') ? 'image/png' : 'image/jpeg';
  return {
    meta: {
      id, companyId: 'c-pharmacy', kind, title, fileName, mimeType, size: bytes.byteLength, sha256: '', number: '', issuer: '',
      validFrom: null, validTo: null, subject: null, ...extra,
    },
    bytes,
  };
}

/** The pharmacy's documents: licences, ID copies, pharmacists' certificates and contracts, 医保 staff contracts. */
export async function pharmacyDocuments(dir: string): Promise<FixtureDocument[]> {
  return [
    fixtureDocument('d-licence', '药品经营许可证', '药品经营许可证（正本）', '药品经营许可证.pdf', await makeSourcePdf('drug licence', 1)),
    fixtureDocument('d-bl', '营业执照', '营业执照（副本）', '营业执照.jpg', await makeJpeg(dir, 'business-licence', { landscape: true })),
    fixtureDocument('d-id-legal', '身份证复印件', '法定代表人身份证复印件', '王建国身份证.png', await makePng(856, 540), { subject: { kind: 'person', id: 'p1' } }),
    fixtureDocument('d-cert-zhang', '执业药师资格证书', '张敏执业药师资格证书', '张敏资格证.pdf', await makeSourcePdf('pharmacist certificate', 1), { subject: { kind: 'person', id: 'p2' } }),
    fixtureDocument('d-contract-zhang', '劳动合同', '张敏劳动合同', '张敏劳动合同.pdf', await makeSourcePdf('contract zhang', 3), { subject: { kind: 'person', id: 'p2' } }),
    fixtureDocument('d-contract-zhao', '劳动合同', '赵磊劳动合同', '赵磊劳动合同.pdf', await makeSourcePdf('contract zhao', 2), { subject: { kind: 'person', id: 'p4' } }),
    fixtureDocument('d-contract-sun', '劳动合同', '孙丽劳动合同', '孙丽劳动合同.pdf', await makeSourcePdf('contract sun', 2), { subject: { kind: 'person', id: 'p5' } }),
    fixtureDocument('d-rules', '内部管理制度', '医保管理制度汇编', '制度.pdf', await makeSourcePdf('rules', 4)),
  ];
}

/** A workspace package (.zip) holding the pharmacy and its documents. */
export async function pharmacyWorkspacePackage(dir: string, documents?: readonly FixtureDocument[]): Promise<Uint8Array> {
  const { buildWorkspaceFile } = await import('../../../shared/workspace/workspaceFile');
  const { buildWorkspacePackage } = await import('../../../shared/workspace/workspacePackage');
  const docs = documents ?? (await pharmacyDocuments(dir));
  const workspace = buildWorkspaceFile([pharmacyRecord()], '2026-11-26T08:00:00.000Z', 'test', docs.map((d) => d.meta));
  const built = buildWorkspacePackage(workspace, new Map(docs.map((d) => [d.meta.id, d.bytes])));
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}
