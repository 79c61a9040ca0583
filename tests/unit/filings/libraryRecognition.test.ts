import { describe, expect, it } from 'vitest';
import { companySchema, licenceSchema, personSchema, vehicleSchema } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import type { DocumentKind, ProposedField } from '../../../shared/ocr/fields';
import { confirmedValues, initialReview, sourceNoteOf } from '../../../renderer/features/recognition/recognitionReview';
import { DOCUMENT_KINDS } from '../../../renderer/features/filings/documentKinds';
import {
  documentFill, factPlan, factUpdate, LIBRARY_TARGETS, librarySource, periodOf, recognitionKindOf,
} from '../../../renderer/features/filings/libraryRecognition';

/*
 * 识别并核对 in the document library (issue 18): which documents are recognised, what the confirmed
 * review puts into the document's form, which stored facts it differs from, and what 保存 writes.
 */

const companyId = 'c1';
const record: CompanyRecord = {
  company: companySchema.parse({
    id: companyId, name: '北京康宁大药房有限公司', uscc: '91110105MA01ABCD1X', legalRepresentative: '王秀英', registeredAddress: '北京市朝阳区建国路 1 号',
    district: '朝阳区', entityType: '有限责任公司', businessScope: '药品零售', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z',
  }),
  people: [
    personSchema.parse({ id: 'p1', companyId, name: '李娜', idNumber: '110101199003071234' }),
    personSchema.parse({ id: 'p2', companyId, name: '张伟', idNumber: '', certificates: [{ kind: '执业药师注册证', number: 'ZC001', validTo: '2025-06-30' }] }),
    personSchema.parse({ id: 'p3', companyId, name: '王芳' }),
    personSchema.parse({ id: 'p4', companyId, name: '王芳' }),
  ],
  licences: [
    licenceSchema.parse({ id: 'l1', companyId, kind: '营业执照', number: '91110105MA01ABCD1X' }),
    licenceSchema.parse({ id: 'l2', companyId, kind: '药品经营许可证', number: '京AA1100001', validTo: '2025-12-31' }),
  ],
  vehicles: [vehicleSchema.parse({ id: 'v1', companyId, plate: '京A12345', usageNature: '租赁', model: '大众朗逸', seats: 5 })],
  stores: [],
  events: [],
};

const box = { x: 0, y: 0, width: 10, height: 10 };
const field = (name: string, value: string | null): ProposedField => ({ field: name, value, raw: value ?? '', confidence: 0.97, status: value === null ? 'missing' : 'ok', problem: null, box });
/** A confirmed review of `kind` as the dialog hands it over (blank values left out). */
function review(kind: DocumentKind, read: Readonly<Record<string, string | null>>) {
  const fields = initialReview(Object.entries(read).map(([name, value]) => field(name, value)), LIBRARY_TARGETS[kind]);
  return { values: confirmedValues(fields), note: sourceNoteOf(kind, 'scan.jpg', fields) };
}

describe('recognitionKindOf', () => {
  it('maps the library kinds the recogniser reads, for images and PDFs only', () => {
    expect(recognitionKindOf('营业执照', 'image/jpeg')).toBe('营业执照');
    expect(recognitionKindOf('药品经营许可证', 'application/pdf')).toBe('药品经营许可证');
    expect(recognitionKindOf('车辆行驶证', 'image/png')).toBe('行驶证');
    expect(recognitionKindOf('身份证复印件', 'image/jpeg')).toBe('身份证');
    expect(recognitionKindOf('执业药师注册证', 'image/jpeg')).toBe('执业药师注册证');
    expect(DOCUMENT_KINDS).toContain('执业药师注册证');
  });

  it('refuses another paper, an attachment type, and no kind', () => {
    expect(recognitionKindOf('执业药师资格证书', 'image/jpeg')).toBeNull();
    expect(recognitionKindOf('劳动合同', 'application/pdf')).toBeNull();
    expect(recognitionKindOf('营业执照', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBeNull();
    expect(recognitionKindOf('toString', 'image/jpeg')).toBeNull();
    expect(recognitionKindOf(undefined, 'image/jpeg')).toBeNull();
  });
});

describe('periodOf', () => {
  it('reads a start with an end date or 长期', () => {
    expect(periodOf('2015-03-01至长期')).toEqual({ from: '2015-03-01', to: null });
    expect(periodOf('2015年3月1日至2035年2月28日')).toEqual({ from: '2015-03-01', to: '2035-02-28' });
    expect(periodOf('2015.03.01-2035.02.28')).toEqual({ from: '2015-03-01', to: '2035-02-28' });
  });

  it('takes nothing that is not a period', () => {
    expect(periodOf('长期')).toBeNull();
    expect(periodOf('2015-03-01')).toBeNull();
    expect(periodOf('2015-02-30至长期')).toBeNull();
  });
});

describe('documentFill', () => {
  it('营业执照: the USCC as 证号, 营业期限 长期 as an empty 有效期至, the licence of that number as 归属', () => {
    const { values } = review('营业执照', { 统一社会信用代码: '91110105MA01ABCD1X', 营业期限: '2015-03-01至长期', 名称: '北京康宁大药房有限公司' });
    expect(documentFill('营业执照', values, record)).toEqual({ patch: { number: '91110105MA01ABCD1X', validFrom: '2015-03-01', validTo: null, subject: 'licence:l1' }, notes: [] });
  });

  it('营业执照: a period that does not read leaves 有效期 alone and says so', () => {
    const { values } = review('营业执照', { 统一社会信用代码: '91110105MA01ABCD1X', 营业期限: '2015-03-01至', 名称: null });
    const fill = documentFill('营业执照', values, record);
    expect(fill.patch).not.toHaveProperty('validFrom');
    expect(fill.patch).not.toHaveProperty('validTo');
    expect(fill.notes).toEqual(['营业期限“2015-03-01至”不是“起始日期至截止日期（或长期）”，有效期未填，请手动填写。']);
  });

  it('身份证: never puts the ID number into a document field; the person by ID number, then by name', () => {
    const byId = review('身份证', { 姓名: '李小娜', 公民身份号码: '110101199003071234', 有效期限: '2016.05.01-2036.05.01' });
    const fill = documentFill('身份证', byId.values, record);
    expect(fill.patch).toEqual({ validFrom: '2016-05-01', validTo: '2036-05-01', subject: 'person:p1' });
    expect(JSON.stringify(fill)).not.toContain('110101199003071234');
    const byName = review('身份证', { 姓名: '张伟', 公民身份号码: '110101198001011237', 有效期限: null });
    expect(documentFill('身份证', byName.values, record).patch).toEqual({ subject: 'person:p2' });
  });

  it('身份证: two people of the name match neither, and the 归属 is left with a note', () => {
    const { values } = review('身份证', { 姓名: '王芳', 公民身份号码: '110101198001011237', 有效期限: null });
    expect(documentFill('身份证', values, record)).toEqual({ patch: {}, notes: ['本企业有 2 名人员叫“王芳”，无法确定是哪一位，请在“人员”页核对；归属未改。'] });
  });

  it('行驶证: the plate as 证号 and the vehicle of that plate as 归属; an unknown plate says so', () => {
    const known = review('行驶证', { 号牌号码: '京A 12345', 注册日期: '2020-05-06' });
    expect(documentFill('行驶证', known.values, record)).toEqual({ patch: { number: '京A12345', subject: 'vehicle:v1' }, notes: [] });
    const unknown = review('行驶证', { 号牌号码: '京B99999' });
    expect(documentFill('行驶证', unknown.values, record)).toEqual({ patch: { number: '京B99999' }, notes: ['车辆 京B99999 不在本企业车辆中，请在“车辆”页识别行驶证添加；归属未改。'] });
  });

  it('药品经营许可证 and 执业药师注册证: 有效期至 from the paper', () => {
    const drug = review('药品经营许可证', { 证号: '京AA1100001', 有效期至: '2030-12-31', 企业名称: '北京康宁大药房有限公司' });
    expect(documentFill('药品经营许可证', drug.values, record).patch).toEqual({ number: '京AA1100001', validTo: '2030-12-31', subject: 'licence:l2' });
    const pharmacist = review('执业药师注册证', { 姓名: '张伟', 注册单位: '北京康宁大药房有限公司', 有效期: '2030-06-30' });
    expect(documentFill('执业药师注册证', pharmacist.values, record).patch).toEqual({ validTo: '2030-06-30', subject: 'person:p2' });
  });
});

describe('factPlan and factUpdate', () => {
  it('营业执照: the company fields that differ, with stored and confirmed values; equal and blank ones are not listed', () => {
    const { values } = review('营业执照', {
      名称: '北京康宁大药房有限公司', 统一社会信用代码: '91110105MA01ABCD1X', 法定代表人: '王秀荚', 类型: '有限责任公司（自然人独资）',
      成立日期: '2015年03月01日', 住所: '北京市海淀区中关村大街 2 号', 经营范围: null, 营业期限: '2015-03-01至长期',
    });
    const plan = factPlan('营业执照', values, record);
    expect(plan.target).toEqual({ table: 'companies', id: companyId, label: '企业“北京康宁大药房有限公司”' });
    expect(plan.diffs.map((d) => [d.label, d.stored, d.confirmed])).toEqual([
      ['法定代表人', '王秀英', '王秀荚'],
      ['住所', '北京市朝阳区建国路 1 号', '北京市海淀区中关村大街 2 号'],
      ['所在区', '朝阳区', '海淀区'],
      ['企业类型', '有限责任公司', '有限责任公司(自然人独资)'],
      ['成立日期', '', '2015-03-01'],
    ]);
    expect(plan.notes).toEqual([]);
    const update = factUpdate(record, plan, new Set(['legalRepresentative', 'establishedOn']));
    expect(update?.table).toBe('companies');
    expect(update?.row).toMatchObject({ legalRepresentative: '王秀荚', establishedOn: '2015-03-01', registeredAddress: '北京市朝阳区建国路 1 号', entityType: '有限责任公司' });
    expect(factUpdate(record, plan, new Set())).toBeNull();
  });

  it('营业执照: another company\'s USCC is pointed out', () => {
    const { values } = review('营业执照', { 统一社会信用代码: '91110000600001760P' });
    expect(factPlan('营业执照', values, record).notes[0]).toBe('识别出的统一社会信用代码 91110000600001760P 与本企业登记的 91110105MA01ABCD1X 不同，请确认这是本企业的营业执照。');
  });

  it('行驶证: the vehicle of that plate, its fields in the record\'s terms; an unknown plate updates nothing', () => {
    const known = review('行驶证', { 号牌号码: '京A12345', 车辆类型: '小型普通客车', 使用性质: '租赁', 品牌型号: '大众朗逸', 注册日期: '2020-05-06', 核定载人数: '7人' });
    const plan = factPlan('行驶证', known.values, record);
    expect(plan.target?.id).toBe('v1');
    expect(plan.diffs.map((d) => [d.key, d.stored, d.value])).toEqual([['registeredOn', '', '2020-05-06'], ['vehicleType', '', '小型客车'], ['seats', '5', 7]]);
    const unknown = review('行驶证', { 号牌号码: '京B99999', 注册日期: '2020-05-06' });
    const none = factPlan('行驶证', unknown.values, record);
    expect(none).toEqual({ target: null, diffs: [], notes: ['车辆 京B99999 不在本企业车辆中，请在“车辆”页识别行驶证添加；未更新任何车辆。'] });
    expect(factUpdate(record, none, new Set(['registeredOn']))).toBeNull();
  });

  it('行驶证: a 使用性质 the record has no option for is said, not stored', () => {
    const { values } = review('行驶证', { 号牌号码: '京A12345', 使用性质: '货运' });
    const plan = factPlan('行驶证', values, record);
    expect(plan.diffs).toEqual([]);
    expect(plan.notes).toEqual(['使用性质“货运”不在车辆信息的选项（租赁、非营运、营运）中，未更新。']);
  });

  it('药品经营许可证: the licence of that number; with none of the kind, nothing', () => {
    const { values } = review('药品经营许可证', { 证号: '京AA1100001', 有效期至: '2030-12-31' });
    const plan = factPlan('药品经营许可证', values, record);
    expect(plan.diffs.map((d) => [d.label, d.stored, d.confirmed])).toEqual([['有效期至', '2025-12-31', '2030-12-31']]);
    expect(factUpdate(record, plan, new Set(['validTo']))?.row).toMatchObject({ id: 'l2', number: '京AA1100001', validTo: '2030-12-31' });
    const bare = { ...record, licences: [] };
    expect(factPlan('药品经营许可证', values, bare)).toEqual({ target: null, diffs: [], notes: ['本企业证照中没有药品经营许可证，请在“证照”页添加；未更新任何证照。'] });
  });

  it('身份证 and 执业药师注册证: the person, the ID number masked in the dialog, the certificate\'s 有效期', () => {
    const id = review('身份证', { 姓名: '张伟', 公民身份号码: '110101198001011237' });
    const idPlan = factPlan('身份证', id.values, record);
    expect(idPlan.diffs).toEqual([{ key: 'idNumber', label: '居民身份证号码', stored: '', confirmed: '110***********1237', value: '110101198001011237' }]);
    const cert = review('执业药师注册证', { 姓名: '张伟', 有效期: '2030-06-30' });
    const certPlan = factPlan('执业药师注册证', cert.values, record);
    expect(certPlan.diffs.map((d) => [d.label, d.stored, d.confirmed])).toEqual([['执业药师注册证有效期', '2025-06-30', '2030-06-30']]);
    expect(factUpdate(record, certPlan, new Set(['certificates']))?.row).toMatchObject({ id: 'p2', certificates: [{ kind: '执业药师注册证', number: 'ZC001', validTo: '2030-06-30' }] });
    const stranger = review('身份证', { 姓名: '赵六', 公民身份号码: '110101198001011237' });
    expect(factPlan('身份证', stranger.values, record).notes).toEqual(['人员 赵六 不在本企业人员中，请在“人员”页添加；未更新任何人员。']);
  });
});

describe('librarySource', () => {
  it('the document row lists what it holds, the company row its own fields without the document-only period', () => {
    const { note } = review('营业执照', { 统一社会信用代码: '91110105MA01ABCD1X', 法定代表人: '王秀荚', 营业期限: '2015-03-01至长期' });
    expect(librarySource('营业执照', note, 'documents', { number: '91110105MA01ABCD1X' }, 'companies')).toEqual({
      text: '来源：营业执照扫描件“scan.jpg”识别', fields: [{ label: '统一社会信用代码', recognised: '91110105MA01ABCD1X', final: null }],
    });
    const company = librarySource('营业执照', note, 'companies', { uscc: '91110105MA01ABCD1X', legalRepresentative: '王秀英' }, 'companies');
    expect(company?.fields.map((f) => f.label)).toEqual(['统一社会信用代码', '法定代表人']);
    expect(company?.fields[1]).toEqual({ label: '法定代表人', recognised: '王秀荚', final: '王秀英' });
    expect(librarySource('营业执照', note, 'vehicles', {}, 'companies')).toBeNull();
    expect(librarySource('营业执照', note, 'companies', {}, null)).toBeNull();
  });
});
