import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillAcroForm, listFields, parseAcroFormMapping, type AcroFormMapping } from '../../../shared/pdf/acroForm';
import { collectFormFacts, isResolvableFactKey, resolveFact } from '../../../shared/pdf/formFacts';
import { inkCoverage, makeOfficialFormPdf, makeSourcePdf, pdffonts, pdftotext, pharmacyRecord, tempDir, testSubsetter, TODAY, writeTemp, removeTempDirs } from './pdfTestKit';

const dir = tempDir();
afterAll(removeTempDirs);
const facts = collectFormFacts(pharmacyRecord(), { today: TODAY });
let official: Uint8Array;

const mapping: AcroFormMapping = {
  fields: {
    企业名称: 'company.name',
    统一社会信用代码: { fact: 'company.uscc' },
    经营范围: 'company.businessScope',
    自贸试验区: { text: '是' },
    办理方式: { text: '告知承诺制' },
    所在区: 'company.district',
    联系电话: 'company.contactPhone',
    // Its /DA is on the AcroForm only.
    电子邮箱: 'company.email',
  },
};

beforeAll(async () => {
  official = await makeOfficialFormPdf();
});

describe('listFields', () => {
  it('lists every field with its Chinese name, tooltip, kind, options and page', async () => {
    const listed = await listFields('申请表.pdf', official);
    if (!listed.ok) throw new Error(listed.error.message);
    const byName = new Map(listed.value.fields.map((f) => [f.name, f]));
    expect([...byName.keys()]).toEqual(['企业名称', '统一社会信用代码', '经营范围', '注册地址', '自贸试验区', '办理方式', '所在区', '联系电话', '电子邮箱']);
    expect(byName.get('企业名称')).toMatchObject({ kind: 'text', label: '申请单位名称（与营业执照一致）', page: 1, isMultiline: false });
    expect(byName.get('统一社会信用代码')?.maxLength).toBe(18);
    expect(byName.get('经营范围')?.isMultiline).toBe(true);
    expect(byName.get('自贸试验区')?.kind).toBe('checkbox');
    expect(byName.get('办理方式')).toMatchObject({ kind: 'radio', options: ['告知承诺制', '一般程序'] });
    expect(byName.get('所在区')).toMatchObject({ kind: 'dropdown', options: ['东城区', '西城区', '朝阳区', '海淀区'] });
    expect(listed.value.hasXfa).toBe(false);
  });

  it('says so, naming the file, when a PDF has no fields or is encrypted', async () => {
    const plain = await listFields('营业执照.pdf', await makeSourcePdf('plain', 1));
    expect(plain.ok).toBe(false);
    if (!plain.ok) expect(plain.error.message).toContain('文件“营业执照.pdf”没有可填写的表单域');
    const notPdf = await listFields('表.pdf', new TextEncoder().encode('hello'));
    expect(notPdf.ok).toBe(false);
    if (!notPdf.ok) expect(notPdf.error.message).toContain('“表.pdf”');
  });
});

describe('mapping', () => {
  it('accepts fact keys, fixed text and tick rules, and refuses anything else', () => {
    expect(parseAcroFormMapping(mapping).ok).toBe(true);
    const bad = parseAcroFormMapping({ fields: { 企业名称: 42 } }, '对应关系');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('对应关系格式有误');
  });

  it('resolves list cells such as the second pharmacist', () => {
    expect(resolveFact(facts, 'people:药学人员[2].name')).toBe('欧阳慧琳');
    expect(resolveFact(facts, 'people:药学人员[3].name')).toBeUndefined();
    expect(isResolvableFactKey('people:执业药师[1].certificateNumber')).toBe(true);
    expect(isResolvableFactKey('people:执业药师[1].salary')).toBe(false);
    expect(isResolvableFactKey('company.uscc')).toBe(true);
  });
});

describe('fillAcroForm', () => {
  it('fills the mapped fields with Chinese that renders and extracts, and reports what it could not fill', async () => {
    const withMissing: AcroFormMapping = { fields: { ...mapping.fields, 注册地址: 'company.registeredAddress', 不存在的字段: 'company.name', 联系电话: 'company.email' } };
    const filled = await fillAcroForm('申请表.pdf', official, withMissing, facts, await testSubsetter());
    if (!filled.ok) throw new Error(filled.error.message);
    const { problems } = filled.value;
    expect(filled.value.filled).toEqual(expect.arrayContaining(['企业名称', '统一社会信用代码', '经营范围', '自贸试验区', '办理方式', '所在区']));
    expect(problems.find((p) => p.field === '不存在的字段')?.message).toContain('表单中没有名为“不存在的字段”的字段');
    // The narrow address box cannot hold the address even at 6 pt.
    expect(problems.find((p) => p.field === '注册地址')?.message).toContain('内容过长');

    const reloaded = await PDFDocument.load(filled.value.bytes);
    const form = reloaded.getForm();
    expect(form.getTextField('企业名称').getText()).toBe('北京康宁大药房连锁有限公司');
    expect(form.getCheckBox('自贸试验区').isChecked()).toBe(true);
    expect(form.getRadioGroup('办理方式').getSelected()).toBe('告知承诺制');
    expect(form.getDropdown('所在区').getSelected()).toEqual(['朝阳区']);
    // The value is the text as entered; only the appearance is wrapped (pdf-lib alone wraps at spaces).
    const scope = form.getTextField('经营范围');
    expect(scope.getText()).toBe(resolveFact(facts, 'company.businessScope'));
    expect(scope.getText()).not.toContain('\n');
    const appearance = scope.acroField.getWidgets()[0]?.getNormalAppearance();
    const stream = appearance instanceof PDFRef ? reloaded.context.lookup(appearance) : appearance;
    if (!(stream instanceof PDFRawStream)) throw new Error('no appearance stream');
    const operators = new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode());
    expect(operators.match(/Tj/g)?.length ?? 0).toBeGreaterThan(2);

    const file = writeTemp(dir, 'filled.pdf', filled.value.bytes);
    expect(pdffonts(file).find((f) => f.name.endsWith('NotoSansCJKsc-Regular'))).toMatchObject({ isEmbedded: true, isSubset: true, hasToUnicode: true });
  });

  it('flattens: the values become page content, the fields and their widgets are gone, no reference dangles', async () => {
    const filled = await fillAcroForm('申请表.pdf', official, mapping, facts, await testSubsetter(), { flatten: true });
    if (!filled.ok) throw new Error(filled.error.message);
    const file = writeTemp(dir, 'flat.pdf', filled.value.bytes);
    const text = pdftotext(file).replace(/\s+/g, '');
    for (const value of ['北京康宁大药房连锁有限公司', '91110105MA01ABCD2X', '零售药品；销售医疗器械', '朝阳区', '010-64781234', 'compliance@kangning.example.cn']) expect(text).toContain(value);
    expect(inkCoverage(file, dir)[0]).toBeGreaterThan(0.005);
    expect(filled.value.bytes.byteLength).toBeLessThan(300 * 1024);

    const doc = await PDFDocument.load(filled.value.bytes);
    expect(doc.getForm().getFields()).toHaveLength(0);
    for (const page of doc.getPages()) {
      for (const entry of page.node.Annots()?.asArray() ?? []) {
        expect(entry instanceof PDFRef ? doc.context.lookup(entry) : entry).toBeDefined();
      }
    }
    // Only the standard 14 fonts of the form's own empty boxes and tick marks may stay unembedded.
    const fonts = pdffonts(file);
    expect(fonts.filter((f) => !f.isEmbedded).every((f) => /^(Helvetica|ZapfDingbats)/.test(f.name))).toBe(true);
    expect(fonts.some((f) => f.isEmbedded && f.isSubset && f.hasToUnicode && f.name.endsWith('NotoSansCJKsc-Regular'))).toBe(true);
    expect(doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)).toBeDefined();
  });

  it('refuses an encrypted form with a Chinese error naming it', async () => {
    const { encryptPdf } = await import('./pdfTestKit');
    const filled = await fillAcroForm('官方表格.pdf', encryptPdf(dir, official), mapping, facts, await testSubsetter());
    expect(filled.ok).toBe(false);
    if (!filled.ok) {
      expect(filled.error.code).toBe('pdf.encrypted');
      expect(filled.error.message).toContain('文件“官方表格.pdf”已加密');
    }
  });
});
