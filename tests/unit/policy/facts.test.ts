import { describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import {
  FACTS, addMonthsClamped, checkFactReference, completedMonths, contractStatus, factAnswerKey, factQuestion, readFact, registeredStore,
} from '../../../shared/policy/facts';
import { makeRecord } from './policyTestKit';

const d = asIsoDate;

describe('calendar months', () => {
  it.each([
    ['2021-01-31', 1, '2021-02-28'],
    ['2020-01-31', 1, '2020-02-29'],
    ['2021-11-30', 3, '2022-02-28'],
    ['2021-12-15', 1, '2022-01-15'],
    ['2022-03-31', -1, '2022-02-28'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonthsClamped(d(from), months)).toBe(expected);
  });

  it.each([
    ['2021-10-01', '2021-12-31', 2],
    ['2021-10-01', '2022-01-01', 3],
    ['2021-11-30', '2022-02-27', 2],
    ['2021-11-30', '2022-02-28', 3],
    ['2022-01-31', '2022-02-28', 1],
    ['2022-05-01', '2022-04-30', 0],
  ])('from %s to %s: %i whole months', (from, to, months) => {
    expect(completedMonths(d(from), d(to))).toBe(months);
  });
});

describe('labour contracts (签订 1 年以上劳动合同且在合同期内)', () => {
  const person = (contract: Record<string, unknown>) => makeRecord({ company: {}, people: [{ name: '张三', ...contract }] }).people[0]!;
  it.each([
    ['a one-year contract, in force', { contractStart: '2022-01-01', contractEnd: '2022-12-31' }, 'yes'],
    ['one day short of a year', { contractStart: '2022-01-01', contractEnd: '2022-12-30' }, 'no'],
    ['open-ended', { contractStart: '2015-06-01', isContractOpenEnded: true }, 'yes'],
    ['expired before the date', { contractStart: '2019-01-01', contractEnd: '2022-05-31' }, 'no'],
    ['starts after the date', { contractStart: '2022-07-01', contractEnd: '2025-06-30' }, 'no'],
    ['no start recorded', { contractEnd: '2025-06-30' }, 'undetermined'],
    ['no end recorded', { contractStart: '2021-01-01' }, 'undetermined'],
  ])('%s', (_label, contract, status) => {
    expect(contractStatus(person(contract), d('2022-06-15')).status).toBe(status);
  });
});

const pharmacy = (people: Record<string, unknown>[], extra: Partial<Parameters<typeof makeRecord>[0]> = {}) => makeRecord({
  company: { registeredAddress: '北京市朝阳区示例路 8 号', industryCode: 'F5251' },
  stores: [{ id: 's-shop', name: '示例大药房', kind: '门店', address: '朝阳区示例路8号', operatingSince: '2021-09-15' }],
  people,
  ...extra,
});
const pharmacist = (extra: Record<string, unknown> = {}) => ({
  name: '王药师', roles: ['执业药师'], practiceStoreId: 's-shop', contractStart: '2021-09-01', contractEnd: '2024-08-31',
  certificates: [{ kind: '执业药师资格证书' }], ...extra,
});

describe('pharmacy facts', () => {
  it('finds the store at the registered address despite 北京市 and spacing', () => {
    expect(registeredStore(pharmacy([]))?.id).toBe('s-shop');
  });

  it.each([
    ['2021-12-14', 2],
    ['2021-12-15', 3],
    ['2022-06-30', 9],
  ])('months operating at the registered address on %s: %i', (date, months) => {
    expect(readFact(pharmacy([]), d(date), 'pharmacy.monthsOperatingAtRegisteredAddress', undefined).value).toBe(months);
  });

  it('is unknown without a start date, and takes the answered date instead', () => {
    const record = makeRecord({ company: { registeredAddress: '朝阳区示例路8号' }, stores: [{ name: '店', kind: '门店', address: '朝阳区示例路8号' }] });
    expect(readFact(record, d('2022-03-01'), 'pharmacy.monthsOperatingAtRegisteredAddress', undefined).value).toBeUndefined();
    const answered = { ...record, company: { ...record.company, answers: { [factAnswerKey('pharmacy.monthsOperatingAtRegisteredAddress')]: '2021-10-20' } } };
    expect(readFact(answered, d('2022-03-01'), 'pharmacy.monthsOperatingAtRegisteredAddress', undefined).value).toBe(4);
  });

  it.each([
    ['a licensed pharmacist registered here with a 3-year contract', [pharmacist()], 1],
    ['a 药学 technician with a 中药学 certificate', [pharmacist({ roles: ['药学技术人员'], certificates: [{ kind: '中药学专业技术资格证书' }] })], 1],
    ['a pharmacist registered at another store', [pharmacist({ practiceStoreId: 's-other' })], 0],
    ['a pharmacist on a 6-month contract', [pharmacist({ contractEnd: '2022-02-28' })], 0],
    ['a pharmacist whose contract has ended', [pharmacist({ contractStart: '2019-01-01', contractEnd: '2021-12-31' })], 0],
  ])('qualified pharmacists: %s → %i', (_label, people, count) => {
    expect(readFact(pharmacy(people), d('2022-03-01'), 'pharmacy.qualifiedPharmacistCount', undefined).value).toBe(count);
  });

  it('gives a range when some pharmacists lack data, naming what is missing', () => {
    const reading = readFact(pharmacy([pharmacist(), pharmacist({ name: '李药师', practiceStoreId: null })]), d('2022-03-01'), 'pharmacy.qualifiedPharmacistCount', undefined);
    expect(reading).toMatchObject({ value: undefined, min: 1, max: 2 });
    expect(reading.detail).toContain('李药师：未填写注册地');
  });

  it('counts 医保管理人员 with a one-year contract in force', () => {
    const record = pharmacy([
      { name: '甲', roles: ['医保管理人员'], contractStart: '2021-01-01', contractEnd: '2023-12-31' },
      { name: '乙', roles: ['医保管理人员', '质量负责人'], contractStart: '2021-06-01', contractEnd: '2022-01-31' },
      { name: '丙', roles: ['质量负责人'], contractStart: '2021-01-01', contractEnd: '2023-12-31' },
    ]);
    expect(readFact(record, d('2022-03-01'), 'pharmacy.qualifiedInsuranceManagerCount', undefined)).toMatchObject({ value: 1 });
  });

  it('derives designation and agreement end from events', () => {
    const record = pharmacy([], { events: [{ kind: 'agreementSigned', date: '2022-04-01' }] });
    expect(readFact(record, d('2022-03-31'), 'pharmacy.isDesignated', undefined).value).toBeUndefined();
    expect(readFact(record, d('2022-04-01'), 'pharmacy.isDesignated', undefined).value).toBe(true);
    expect(readFact(record, d('2022-05-01'), 'pharmacy.insuranceAgreementEndsOn', undefined).value).toBe('2023-04-01');
    const ended = pharmacy([], { events: [{ kind: 'agreementSigned', date: '2022-04-01' }, { kind: 'agreementTerminated', date: '2022-09-01' }] });
    expect(readFact(ended, d('2022-10-01'), 'pharmacy.isDesignated', undefined).value).toBe(false);
  });
});

describe('vehicle facts', () => {
  const fleet = makeRecord({
    company: {},
    vehicles: [
      { plate: '京A10001', usageNature: '租赁', registeredOn: '2007-05-10', inServiceOn: '2019-03-01', filingStatus: '已备案' },
      { plate: '京A10002', usageNature: '非营运', registeredOn: '2019-02-01', inServiceOn: '2019-02-15', filingStatus: '已备案' },
      { plate: '京A10003', usageNature: '非营运', registeredOn: '2021-05-01', inServiceOn: '2021-05-10', filingStatus: '已备案', isTimeShare: true },
      { plate: '京A10004', usageNature: '租赁', registeredOn: '2020-01-01', filingStatus: '已移出备案', leftFilingOn: '2022-01-05' },
    ],
  });
  it.each([
    ['vehicles.count', undefined, '2022-01-04', 4],
    ['vehicles.count', undefined, '2022-01-05', 3],
    ['vehicles.countByUsage', '租赁', '2022-02-01', 1],
    ['vehicles.countByUsage', '非营运', '2022-02-01', 2],
    ['vehicles.countNewInServiceNotRental', undefined, '2022-02-01', 1],
    ['vehicles.countRentalOverServiceLife', undefined, '2022-05-09', 0],
    ['vehicles.countRentalOverServiceLife', undefined, '2022-05-10', 1],
    ['vehicles.hasTimeShare', undefined, '2022-02-01', true],
  ])('%s(%s) on %s = %s', (fact, param, date, value) => {
    expect(readFact(fleet, d(date), fact, param).value).toBe(value);
  });

  it('asks whether the company does 分时租赁 when no vehicle is recorded', () => {
    const empty = makeRecord({ company: {} });
    expect(readFact(empty, d('2022-01-01'), 'vehicles.hasTimeShare', undefined).value).toBeUndefined();
    expect(factQuestion('vehicles.hasTimeShare')).toMatchObject({ key: 'answer.fact.vehicles.hasTimeShare', type: 'boolean' });
  });

  it('takes the filing expiry from the licence, or three years from its start', () => {
    const withEnd = makeRecord({ company: {}, licences: [{ kind: '小微型客车租赁经营备案', validFrom: '2021-09-01', validTo: '2024-08-31' }] });
    expect(readFact(withEnd, d('2022-01-01'), 'carRental.filingExpiresOn', undefined).value).toBe('2024-08-31');
    const startOnly = makeRecord({ company: {}, licences: [{ kind: '小微型客车租赁经营备案', validFrom: '2021-09-01' }] });
    expect(readFact(startOnly, d('2022-01-01'), 'carRental.filingExpiresOn', undefined).value).toBe('2024-08-31');
  });
});

describe('company facts', () => {
  it('reads licences as valid only within their dates', () => {
    const record = makeRecord({ company: {}, licences: [{ kind: '药品经营许可证', validFrom: '2020-01-01', validTo: '2024-12-31' }] });
    expect(readFact(record, d('2024-12-31'), 'licence.hasValid', '药品经营许可证').value).toBe(true);
    expect(readFact(record, d('2025-01-01'), 'licence.hasValid', '药品经营许可证').value).toBe(false);
    expect(readFact(record, d('2022-01-01'), 'licence.hasValid', '营业执照').value).toBe(false);
  });

  it('classifies enterprise size through the 300号 classifier', () => {
    const record = makeRecord({ company: { industryCode: 'I6510', employeeCount: 8, annualRevenueWanYuan: 80 } });
    expect(readFact(record, d('2022-01-01'), 'company.sizeClass', undefined).value).toBe('微型');
    const small = makeRecord({ company: { industryCode: 'I6510', employeeCount: 30, annualRevenueWanYuan: 80 } });
    expect(readFact(small, d('2022-01-01'), 'company.sizeClass', undefined).value).toBe('小型');
    expect(readFact(makeRecord({ company: {} }), d('2022-01-01'), 'company.sizeClass', undefined).value).toBeUndefined();
  });

  it('reads answer.* keys from company.answers and falls back to answers for unknown stored facts', () => {
    const record = makeRecord({ company: { answers: { 'answer.energy.isKeyEnergyUser': true, [factAnswerKey('company.employeeCount')]: 42 } } });
    expect(readFact(record, d('2022-01-01'), 'answer.energy.isKeyEnergyUser', undefined).value).toBe(true);
    expect(readFact(record, d('2022-01-01'), 'answer.energy.other', undefined).value).toBeUndefined();
    expect(readFact(record, d('2022-01-01'), 'company.employeeCount', undefined).value).toBe(42);
  });

  it.each([
    ['company.industryCode', undefined, null],
    ['licence.hasValid', '药品经营许可证', null],
    ['answer.pharmacy.x', undefined, null],
    ['company.nonsense', undefined, '不在事实登记表中'],
    ['licence.hasValid', undefined, '需要参数'],
    ['licence.hasValid', '驾驶证', '不是有效的证照种类'],
    ['company.district', '朝阳区', '不接受参数'],
    ['answer.中文', undefined, '格式不正确'],
  ])('checkFactReference(%s, %s)', (fact, param, problem) => {
    const result = checkFactReference(fact, param);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });

  it('labels every registry fact in Chinese', () => {
    for (const def of FACTS.values()) expect(def.label).toMatch(/[\u4e00-\u9fff]/);
  });
});
