import { execFileSync } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAcroFormFit, fillAcroForm, type AcroFormMapping } from '../../../shared/pdf/acroForm';
import { cjkMeasurerFactory } from '../../../shared/pdf/cjkFont';
import { crampedWarning, fitFieldText, type FontMetrics } from '../../../shared/pdf/fieldFit';
import { collectFormFacts, type FormFacts } from '../../../shared/pdf/formFacts';
import type { FontSubsetter } from '../../../shared/pdf/fontSubset';
import { assemblePacket, crampedPacketForms } from '../../../shared/pdf/packetAssembly';
import { planPacket } from '../../../shared/pdf/packetPlan';
import { crampedTemplateFields, renderForm } from '../../../shared/pdf/renderForm';
import { cachedMeasurer } from '../../../shared/pdf/textLayout';
import { companyRecordSchema } from '../../../shared/workspace/workspaceFile';
import { loadTemplate, makeOfficialFormPdf, PHARMACY_CITATION, pharmacyDesignationItem, pharmacyRecord, removeTempDirs, tempDir, testSubsetter, TODAY, writeTemp } from './pdfTestKit';

/*
 * Issue 16: a value that would be shrunk below 8 pt is flagged before the form or packet is built,
 * and the check says exactly what the fill then does.
 */

const dir = tempDir();
afterAll(removeTempDirs);
let subsetter: FontSubsetter;
let official: Uint8Array;

beforeAll(async () => {
  subsetter = await testSubsetter();
  official = await makeOfficialFormPdf();
});

function factsWithAddress(address: string): FormFacts {
  const record = pharmacyRecord();
  return collectFormFacts(companyRecordSchema.parse({ ...record, company: { ...record.company, registeredAddress: address } }), { today: TODAY });
}

/** The font size a filled field's default appearance sets ("/F 6.5 Tf 0 g"). */
async function filledSize(bytes: Uint8Array, name: string): Promise<number> {
  const doc = await PDFDocument.load(bytes);
  const da = doc.getForm().getTextField(name).acroField.getDefaultAppearance() ?? '';
  const match = /([\d.]+)\s+Tf/.exec(da);
  if (!match) throw new Error(`no size in ${da}`);
  return Number(match[1]);
}

describe('fitFieldText', () => {
  // Every character one em wide, a line box of 1.2 em: the arithmetic is easy to follow.
  const metrics: FontMetrics = { measure: cachedMeasurer(() => 1000), heightAtSize: (size) => size };

  it('keeps a one-line value at its size when it fits, else the largest half point that fits', () => {
    expect(fitFieldText('北京市朝阳区', { width: 100, height: 18, startSize: 9, isMultiline: false }, metrics)).toEqual({ size: 9, lines: null, isOverflowing: false });
    // 15 characters in 100 pt: 6.5 pt (97.5 pt) fits, 7 pt (105 pt) does not.
    expect(fitFieldText('北'.repeat(15), { width: 100, height: 18, startSize: 9, isMultiline: false }, metrics)).toEqual({ size: 6.5, lines: null, isOverflowing: false });
    expect(fitFieldText('北'.repeat(30), { width: 100, height: 18, startSize: 9, isMultiline: false }, metrics)).toMatchObject({ size: 6, isOverflowing: true });
  });

  it('wraps a multi-line value and shrinks until its lines fit the height', () => {
    const fit = fitFieldText('北'.repeat(40), { width: 100, height: 40, startSize: 10, isMultiline: true }, metrics);
    // 10 pt: 4 lines of 10 = 48 pt high; 8 pt: 4 lines (12 a line) = 38.4 pt.
    expect(fit).toMatchObject({ size: 8, isOverflowing: false });
    expect(fit.lines).toHaveLength(4);
  });
});

describe('checkAcroFormFit agrees with fillAcroForm', () => {
  // The fixture's 注册地址 box: 120 × 20 pt, auto size (starts at 9 pt), one line.
  const mapping: AcroFormMapping = { fields: { 注册地址: 'company.registeredAddress', 企业名称: 'company.name' } };

  it('flags a long address in the narrow field with the size it needs, and the fill uses that size', async () => {
    const facts = factsWithAddress('北京市朝阳区望京街道阜通东大街6号');
    const checked = await checkAcroFormFit('申请表.pdf', official, mapping, facts, subsetter);
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value).toHaveLength(1);
    const [flagged] = checked.value;
    expect(flagged?.field).toBe('注册地址');
    expect(flagged?.label).toBe('注册地址');
    expect(flagged?.neededSize).toBeGreaterThanOrEqual(6);
    expect(flagged?.neededSize).toBeLessThan(8);

    const filled = await fillAcroForm('申请表.pdf', official, mapping, facts, subsetter);
    if (!filled.ok) throw new Error(filled.error.message);
    expect(filled.value.cramped).toEqual(checked.value);
    expect(await filledSize(filled.value.bytes, '注册地址')).toBe(flagged?.neededSize);
    expect(crampedWarning(checked.value)).toBe(`以下字段内容过长，需缩小到 8 磅以下才能放下：注册地址（需 ${flagged?.neededSize} 磅）。建议缩短内容，或打印后手工填写。`);
  });

  it('does not flag a short address; the fill keeps a readable size', async () => {
    const facts = factsWithAddress('北京市朝阳区望京街道');
    const checked = await checkAcroFormFit('申请表.pdf', official, mapping, facts, subsetter);
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value).toEqual([]);
    const filled = await fillAcroForm('申请表.pdf', official, mapping, facts, subsetter);
    if (!filled.ok) throw new Error(filled.error.message);
    expect(filled.value.cramped).toEqual([]);
    expect(await filledSize(filled.value.bytes, '注册地址')).toBeGreaterThanOrEqual(8);
  });

  it('says when even 6 pt cannot hold the value', async () => {
    const facts = factsWithAddress('北京市朝阳区望京街道阜通东大街6号院3号楼1层101室（住所托管于北京某某商务秘书有限公司）');
    const checked = await checkAcroFormFit('申请表.pdf', official, mapping, facts, subsetter);
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value).toEqual([{ field: '注册地址', label: '注册地址', neededSize: null }]);
    expect(crampedWarning(checked.value)).toContain('注册地址（缩到 6 磅仍放不下）');
    const filled = await fillAcroForm('申请表.pdf', official, mapping, facts, subsetter);
    if (!filled.ok) throw new Error(filled.error.message);
    expect(filled.value.cramped).toEqual(checked.value);
    expect(await filledSize(filled.value.bytes, '注册地址')).toBe(6);
  });
});

describe('crampedTemplateFields agrees with renderForm', () => {
  const template = loadTemplate('pharmacy-designation-application');
  const facts = collectFormFacts(pharmacyRecord(), { today: TODAY });
  // 药品经营许可证发证机关: a one-column box (about 131 pt of text width).
  const longIssuer = '北京市朝阳区市场监督管理局（原北京市朝阳区食品药品监督管理局，机构改革后职能划入）'.repeat(6);

  it('flags an over-long value in a narrow box with the size it would need; the renderer draws it at 8 pt in a taller box', async () => {
    const values = { drugLicenceIssuer: longIssuer };
    const measureFor = await cjkMeasurerFactory(subsetter);
    const flagged = crampedTemplateFields({ template, facts, values, measureFor });
    expect(flagged.map((f) => f.field)).toEqual(['drugLicenceIssuer']);
    const needed = flagged[0]?.neededSize ?? 0;
    expect(needed).toBeGreaterThanOrEqual(2);
    expect(needed).toBeLessThan(8);

    const rendered = await renderForm({ template, facts, values, subsetter });
    expect(rendered.cramped).toEqual(flagged.map(({ field, label }) => ({ field, label })));
    expect(rendered.overflowing).toEqual([]);
    // Printed at 8 pt, not smaller: poppler's word boxes are as tall as the font size times the font's line box.
    const file = writeTemp(dir, 'cramped.pdf', rendered.bytes);
    const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const heightOf = (pattern: RegExp): number => {
      const m = [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].find((w) => pattern.test(w[3] ?? ''));
      if (!m) throw new Error(`no word ${String(pattern)}`);
      return Number(m[2]) - Number(m[1]);
    };
    const ratio = heightOf(/机构改革后职能划入/) / heightOf(/北京康宁大药房/);
    expect(ratio).toBeCloseTo(8 / 10.5, 1);
  });

  it('does not flag what fits at 8 pt or more', async () => {
    const measureFor = await cjkMeasurerFactory(subsetter);
    expect(crampedTemplateFields({ template, facts, values: { drugLicenceIssuer: '北京市朝阳区市场监督管理局' }, measureFor })).toEqual([]);
    const rendered = await renderForm({ template, facts, values: { drugLicenceIssuer: '北京市朝阳区市场监督管理局' }, subsetter });
    expect(rendered.cramped).toEqual([]);
  });
});

describe('crampedPacketForms agrees with assemblePacket', () => {
  const item = pharmacyDesignationItem([{ id: 'application-form', name: '定点零售药店申请表', citation: PHARMACY_CITATION }]);
  const template = loadTemplate('pharmacy-designation-application');
  const record = pharmacyRecord();
  const plan = planPacket(item, [], { today: TODAY, templates: new Map([[template.id, template]]) });

  it('names, before building, the typed value the built packet prints cramped; nothing when it is short', async () => {
    const typed = '已接入北京市医保信息平台，进销存系统与医保结算接口联调完成，药品追溯码逐盒扫码上传；'.repeat(20);
    const formValues = { [template.id]: { informationSystem: typed } };
    const measureFor = await cjkMeasurerFactory(subsetter);
    const before = crampedPacketForms({ item, record, plan, today: TODAY, formValues, measureFor });
    expect(before).toEqual([{ materialId: 'application-form', title: '定点零售药店申请表', fields: [expect.objectContaining({ field: 'informationSystem', label: '医保信息系统情况' })] }]);
    expect(before[0]?.fields[0]?.neededSize).toBeLessThan(8);

    const assembled = await assemblePacket({ item, record, plan, readDocument: () => undefined, subsetter, today: TODAY, formValues });
    expect(assembled.forms.map((f) => f.cramped)).toEqual(before.map((f) => f.fields.map(({ field, label }) => ({ field, label }))));

    const short = { [template.id]: { informationSystem: '已接入北京市医保信息平台' } };
    expect(crampedPacketForms({ item, record, plan, today: TODAY, formValues: short, measureFor })).toEqual([]);
  });
});
