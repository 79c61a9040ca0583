import { describe, expect, it } from 'vitest';
import type { ProposedField } from '../../../shared/ocr/fields';
import type { ScanRecognition } from '../../../shared/ocr/recognition';
import { validateRoster } from '../../../shared/fleet/rosterImport';
import type { IsoDate } from '../../../shared/domain/isoDate';
import {
  acceptField, changeSourceFor, COMPANY_TARGETS, confidenceText, confirmBlockers, confirmedValues, cropStyle, editField, flagText, initialReview,
  sourceNoteOf,
} from '../../../renderer/features/recognition/recognitionReview';
import { companyFormPatch, districtOf, entityTypeOf } from '../../../renderer/features/companies/companyRecognition';
import { holdUndecided, notesByPlate, rosterFromScans, vehicleScanOf, vehicleTypeOf, withScanFacts } from '../../../renderer/features/deadlines/fleetImport/scanRoster';

const box = { x: 100, y: 200, width: 300, height: 40 };
const field = (name: string, value: string | null, status: ProposedField['status'] = 'ok', problem: string | null = null, confidence = 0.97): ProposedField =>
  ({ field: name, value, raw: value ?? '', confidence, status, problem, box: value === null ? null : box });

describe('recognition review', () => {
  it('never pre-accepts a failed check: the officer edits it or accepts it explicitly', () => {
    const fields = initialReview([field('名称', '北京某某有限公司'), field('统一社会信用代码', '91110105MA01ABCD1X', 'failed', '校验位不符')], COMPANY_TARGETS);
    expect(confirmBlockers(fields)).toEqual(['“统一社会信用代码”未通过校验，请修改或点“采用此值”']);
    expect(confirmBlockers(acceptField(fields, '统一社会信用代码'))).toEqual([]);
    expect(confirmBlockers(editField(fields, '统一社会信用代码', '91110105MA01ABCD12'))).toEqual([]);
    // Typing the recognised value back is not a decision.
    expect(confirmBlockers(editField(fields, '统一社会信用代码', ' 91110105MA01ABCD1X '))).toHaveLength(1);
  });

  it('confirms only fields the record has, trimmed, blanks left out', () => {
    const fields = initialReview([field('名称', ' 甲公司 '), field('注册资本', '100万元'), field('住所', null, 'missing')], COMPANY_TARGETS);
    expect(confirmedValues(fields)).toEqual({ name: '甲公司' });
    expect(fields.find((f) => f.field === '注册资本')?.target).toEqual({ kind: 'none', reason: '企业信息中没有“注册资本”一项，此值不会保存' });
  });

  it('says confidence and flags in Chinese', () => {
    expect(confidenceText(0.934)).toBe('置信度 93 %');
    expect(flagText({ status: 'low', problem: null })).toBe('请核对');
    expect(flagText({ status: 'failed', problem: '日期不存在' })).toBe('校验未通过：日期不存在');
    expect(flagText({ status: 'missing', problem: null })).toBe('未识别到');
    expect(flagText({ status: 'ok', problem: null })).toBeNull();
  });

  it('crops the box out of the scaled image', () => {
    const style = cropStyle({ x: 100, y: 200, width: 200, height: 40 }, { width: 1000, height: 800 }, 260, 72);
    // 12 px margin: 224 × 64 source pixels, scaled by min(260/224, 72/64, 2) = 1.125.
    expect(style).toEqual({ width: 252, height: 72, backgroundSize: '1125px 900px', backgroundPosition: '-99px -211.5px' });
  });

  it('records the recognised value and, where the officer changed it, the stored one', () => {
    let fields = initialReview([field('名称', '甲公司'), field('法定代表人', '王秀荚', 'low', null, 0.6), field('类型', '有限责任公司（自然人独资）'), field('营业期限', '2019-01-01至长期')], COMPANY_TARGETS);
    fields = editField(fields, '法定代表人', '王秀英');
    const note = sourceNoteOf('营业执照', '执照.jpg', fields);
    expect(changeSourceFor(note, { name: '甲公司', legalRepresentative: '王秀英', entityType: '有限责任公司(自然人独资)' })).toEqual({
      text: '来源：营业执照扫描件“执照.jpg”识别',
      fields: [
        { label: '名称', recognised: '甲公司', final: null },
        { label: '法定代表人', recognised: '王秀荚', final: '王秀英' },
        { label: '类型', recognised: '有限责任公司（自然人独资）', final: '有限责任公司(自然人独资)', isConverted: true },
        { label: '营业期限', recognised: '2019-01-01至长期', final: null, isNotSaved: true },
      ],
    });
  });
});

describe('从营业执照识别 fills the company form', () => {
  it('maps type, district and date, and says what it cannot fill', () => {
    expect(entityTypeOf('有限责任公司（自然人投资或控股）')).toBe('有限责任公司');
    expect(entityTypeOf('有限责任公司（自然人独资）')).toBe('有限责任公司(自然人独资)');
    expect(districtOf('北京市朝阳区建国路 1 号')).toBe('朝阳区');
    const { patch, notes } = companyFormPatch({ name: '甲公司', uscc: '91110105mA01 abcd12', entityType: '农民专业合作社', establishedOn: '2019-02-30', registeredAddress: '北京市海淀区中关村大街 1 号' });
    expect(patch).toEqual({ name: '甲公司', uscc: '91110105MA01ABCD12', registeredAddress: '北京市海淀区中关村大街 1 号', district: '海淀区' });
    expect(notes).toEqual(['类型“农民专业合作社”不在企业类型的选项中，请在表单中选择企业类型。', '成立日期“2019-02-30”不是有效日期，请在表单中填写。']);
  });
});

describe('识别行驶证 through the roster import', () => {
  const recognition = (fields: ProposedField[]): ScanRecognition => ({
    kind: '行驶证', detectedKind: '行驶证', page: { lines: [], rotation: 0, skewDegrees: 0 } as unknown as ScanRecognition['page'], fields, notes: [],
    seconds: { load: 0, recognition: 0 }, image: { width: 1000, height: 700 }, preview: null,
  });
  const scan = (plate: string, status: ProposedField['status'] = 'ok') => vehicleScanOf(`${plate}.jpg`, new Uint8Array(), recognition([
    field('号牌号码', plate, status, status === 'failed' ? '号牌格式不对' : null), field('使用性质', '租赁'), field('品牌型号', '大众牌SVW7'),
    field('注册日期', '2020-05-06'), field('车辆类型', '小型轿车'), field('核定载人数', '5人'),
  ]));

  it('turns each scan into a roster row the roster check accepts, and holds back an undecided failed check', () => {
    const batch = { scans: [scan('京A12345'), scan('京B23456', 'failed')], failed: [] };
    const mapped = rosterFromScans(batch);
    const sheet = mapped.workbook.sheets[0];
    if (sheet === undefined) throw new Error('no sheet');
    const validation = validateRoster({ rows: sheet.rows, headerRowIndex: 0, mapping: mapped.mapping, existingPlates: [], today: '2026-12-06' as IsoDate });
    expect(validation.accepted.map((a) => [a.rowNumber, a.vehicle.plate, a.vehicle.usageNature, a.vehicle.registeredOn, a.vehicle.model])).toEqual([
      [2, '京A12345', '租赁', '2020-05-06', '大众牌SVW7'], [3, '京B23456', '租赁', '2020-05-06', '大众牌SVW7'],
    ]);
    const held = holdUndecided(validation, batch);
    expect(held.accepted.map((a) => a.rowNumber)).toEqual([2]);
    expect(held.rejected).toEqual([{ rowNumber: 3, plateText: '京B23456', reasons: ['“号牌号码”未通过校验，请点“核对”修改或采用'] }]);
    expect([...notesByPlate(batch).keys()]).toEqual(['京A12345', '京B23456']);
    expect(withScanFacts(held, batch).accepted.map((a) => [a.vehicle.vehicleType, a.vehicle.seats])).toEqual([['小型客车', 5]]);
  });

  it('maps the 行驶证 vehicle type to the vehicle record', () => {
    expect(['小型轿车', '小型普通客车', '微型普通客车', '中型普通客车', '重型厢式货车', '小型客车', '三轮汽车'].map(vehicleTypeOf))
      .toEqual(['小型客车', '小型客车', '微型客车', '中型客车', '货车', '小型客车', '其他']);
  });
});
