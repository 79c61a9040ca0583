import { describe, expect, it } from 'vitest';
import {
  isSubjectFact, readSubjectDate, readSubjectFact, subjectsOf,
} from '../../../shared/deadlines/subjectFacts';
import { record } from './fixtures';

const rec = record({
  licences: [{ kind: '药品经营许可证', number: '京AA1234', validTo: '2025-12-31' }, { kind: '营业执照', validTo: null }],
  people: [
    { name: '李药师', roles: ['执业药师'], contractEnd: '2024-06-30', certificates: [{ kind: '执业药师资格证书', validTo: '2026-01-01' }] },
    { name: '王经理', roles: ['医保管理人员'], isContractOpenEnded: true },
    { name: '赵店员', roles: ['医保管理人员'] },
  ],
  vehicles: [{ plate: '京A00001', usageNature: '非营运', registeredOn: '2015-01-01' }],
  stores: [{ name: '总店', kind: '门店', operatingSince: '2020-05-01' }, { name: '仓库', kind: '仓库' }],
});

describe('subjects of per-subject rules', () => {
  it('narrows licences, people and stores by the trigger parameter', () => {
    expect(subjectsOf(rec, 'licence', '药品经营许可证').map((s) => s.label)).toEqual(['药品经营许可证（京AA1234）']);
    expect(subjectsOf(rec, 'person', '医保管理人员', 'person.contractEnd').map((s) => s.label)).toEqual(['王经理', '赵店员']);
    expect(subjectsOf(rec, 'store', '门店').map((s) => s.label)).toEqual(['总店']);
    expect(subjectsOf(rec, 'vehicle').map((s) => s.label)).toEqual(['京A00001']);
    expect(subjectsOf(rec, 'company')).toEqual([{ kind: 'company', id: 'c1', label: '北京测试租车有限公司' }]);
  });
});

describe('subject dates', () => {
  const [drugLicence, businessLicence] = subjectsOf(rec, 'licence');
  const [pharmacist, manager, clerk] = subjectsOf(rec, 'person');
  it.each([
    ['a licence expiry', drugLicence, 'licence.validTo', undefined, { state: 'known', date: '2025-12-31' }],
    ['a licence without expiry (长期)', businessLicence, 'licence.validTo', undefined, { state: 'none', reason: '证照长期有效（未填有效期止）' }],
    ['a contract end', pharmacist, 'person.contractEnd', undefined, { state: 'known', date: '2024-06-30' }],
    ['an open-ended contract', manager, 'person.contractEnd', undefined, { state: 'none', reason: '无固定期限劳动合同' }],
    ['a contract end not recorded', clerk, 'person.contractEnd', undefined, { state: 'missing', reason: '未填写劳动合同终止日期' }],
    ['a certificate expiry by kind', pharmacist, 'person.certificateValidTo', '执业药师资格证书', { state: 'known', date: '2026-01-01' }],
  ] as const)('%s', (_label, subject, fact, param, expected) => {
    if (subject === undefined) throw new Error('fixture subject missing');
    expect(readSubjectDate(subject, fact, param)).toEqual(expected);
  });

  it('reads values for conditions and nothing from another kind of subject', () => {
    const [vehicle] = subjectsOf(rec, 'vehicle');
    if (vehicle === undefined || drugLicence === undefined) throw new Error('fixture subject missing');
    expect(readSubjectFact(vehicle, 'vehicle.usageNature', undefined)).toEqual({ value: '非营运' });
    expect(readSubjectFact(vehicle, 'vehicle.inServiceOn', undefined)).toEqual({ value: undefined });
    expect(readSubjectFact(drugLicence, 'vehicle.usageNature', undefined)).toEqual({ value: undefined });
    expect(isSubjectFact('vehicle.registeredOn')).toBe(true);
    expect(isSubjectFact('vehicles.count')).toBe(false);
  });
});
