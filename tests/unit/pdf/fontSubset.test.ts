import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { readCffCharset, readSfntTable, withIdentityCidCharset } from '../../../shared/pdf/cffFont';
import { embedCjkFont, saveWithCjkFonts } from '../../../shared/pdf/cjkFont';
import { FONT_PATH, grayPixels, inkCoverage, pdffonts, pdftotext, tempDir, testSubsetter, writeTemp, removeTempDirs } from './pdfTestKit';

afterAll(removeTempDirs);

const SAMPLE = '企业合规工作台：北京康宁大药房连锁有限公司，统一社会信用代码 91110105MA01ABCD2X（朝阳区）。';

describe('the shipped font', () => {
  it('is the full Noto Sans CJK SC face with its OFL licence beside it', () => {
    expect(statSync(FONT_PATH).size).toBeLessThan(16 * 1024 * 1024);
    const licence = readFileSync(path.join(path.dirname(FONT_PATH), 'OFL.txt'), 'utf8');
    expect(licence).toContain('SIL OPEN FONT LICENSE Version 1.1');
    expect(licence).toContain('Adobe');
    const cff = readSfntTable(readFileSync(FONT_PATH), 'CFF ');
    expect(cff).not.toBeNull();
    // 44,309 glyphs: every character of the SC face's cmap (see resources/fonts/README.md).
    expect(readCffCharset(cff ?? new Uint8Array()).glyphCount).toBe(44309);
  });
});

describe('createFontSubsetter (HarfBuzz hb-subset)', () => {
  it('keeps exactly the glyphs of the text, and they are CID-keyed with the original CIDs', async () => {
    const subsetter = await testSubsetter();
    const font = subsetter.subset(SAMPLE);
    expect(font.byteLength).toBeLessThan(60_000);
    const cff = readSfntTable(font, 'CFF ');
    if (!cff) throw new Error('no CFF table');
    const charset = readCffCharset(cff);
    expect(charset.isCidKeyed).toBe(true);
    // .notdef + the distinct characters (space included) — the subset renumbers glyphs ...
    expect(charset.glyphCount).toBe(new Set(SAMPLE + ' ').size + 1);
    // ... but keeps the original CIDs, which is why the charset must be rewritten before embedding.
    expect(charset.glyphToCid.some((cid, gid) => cid !== gid)).toBe(true);
  });

  it('withIdentityCidCharset maps glyph n to CID n without moving any other byte', async () => {
    const cff = readSfntTable((await testSubsetter()).subset(SAMPLE), 'CFF ');
    if (!cff) throw new Error('no CFF table');
    const patched = withIdentityCidCharset(cff);
    expect(patched.byteLength).toBe(cff.byteLength);
    const charset = readCffCharset(patched);
    expect(charset.glyphToCid).toEqual(charset.glyphToCid.map((_, gid) => gid));
  });

  // How long this takes is measured by `npm run bench` (填写一页中文表单（含字体子集）).
  it('subsets a whole form\'s text once the font is loaded', async () => {
    const subsetter = await testSubsetter();
    const text = readFileSync(path.resolve(FONT_PATH, '../../forms/labor-dispatch-commitment.json'), 'utf8');
    const font = subsetter.subset(text);
    expect(font.byteLength).toBeGreaterThan(10_000);
  });
});

describe('embedCjkFont', () => {
  it('embeds a subset CIDFontType0 (CFF) font with ToUnicode that poppler renders and extracts', async () => {
    const dir = tempDir();
    const doc = await PDFDocument.create();
    const { pdfFont, missingCharacters } = embedCjkFont(doc, await testSubsetter(), SAMPLE + '😀');
    expect(missingCharacters).toEqual(['😀']);
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(SAMPLE.slice(0, 24), { x: 40, y: 780, size: 14, font: pdfFont });
    page.drawText(SAMPLE.slice(24), { x: 40, y: 750, size: 14, font: pdfFont });
    const file = writeTemp(dir, 'font.pdf', await saveWithCjkFonts(doc, [pdfFont]));
    const fonts = pdffonts(file);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatchObject({ isEmbedded: true, isSubset: true, hasToUnicode: true });
    expect(fonts[0]?.type).toBe('CID Type 0C');
    expect(fonts[0]?.name).toMatch(/^[A-Z]{6}\+NotoSansCJKsc-Regular$/);
    expect(pdftotext(file).replace(/\s+/g, '')).toBe(SAMPLE.replace(/\s+/g, ''));
    expect(inkCoverage(file, dir)[0]).toBeGreaterThan(0.002);
    // The same pixels with no system font at all: nothing is substituted, everything is embedded.
    const withFonts = grayPixels(file, dir);
    const withoutFonts = grayPixels(file, dir, { withoutSystemFonts: true });
    expect(withoutFonts).toEqual(withFonts);
  });
});

describe('glyph selection (the CID-keyed CFF trap)', () => {
  it('draws the same glyphs as pdf-lib embedding the same subset as a TrueType-style CIDFont (CID = glyph id)', async () => {
    const dir = tempDir();
    const subsetter = await testSubsetter();
    const text = '定点零售药店申请表企业合规';
    const draw = async (embed: (doc: PDFDocument) => Promise<{ font: PDFFont; save: () => Promise<Uint8Array> }>): Promise<Uint8Array> => {
      const doc = await PDFDocument.create();
      const { font, save } = await embed(doc);
      doc.addPage([400, 120]).drawText(text, { x: 10, y: 50, size: 28, font });
      return save();
    };
    // Ours: CIDFontType0 + bare CFF whose charset was made identity.
    const ours = await draw((doc) => {
      const { pdfFont } = embedCjkFont(doc, subsetter, text);
      return Promise.resolve({ font: pdfFont, save: () => saveWithCjkFonts(doc, [pdfFont]) });
    });
    // Reference: pdf-lib's stock path (FontFile2 + CIDToGIDMap Identity), which poppler maps by glyph id.
    const reference = await draw(async (doc) => {
      doc.registerFontkit(fontkit);
      const font = await doc.embedFont(subsetter.subset(text), { subset: false });
      return { font, save: () => doc.save() };
    });
    const a = grayPixels(writeTemp(dir, 'ours.pdf', ours), dir);
    const b = grayPixels(writeTemp(dir, 'reference.pdf', reference), dir);
    expect(a.length).toBe(b.length);
    let differing = 0;
    let inked = 0;
    for (let i = 0; i < a.length; i++) {
      if ((a[i] ?? 255) < 128) inked++;
      if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > 64) differing++;
    }
    expect(inked).toBeGreaterThan(500);
    expect(differing / inked).toBeLessThan(0.02);
  });
});
