import { describe, expect, it } from 'vitest';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { evaluateCompany, type ItemEvaluation } from '../../../shared/policy/evaluate';
import { knowledgeBaseOf, loadDocument, makeRecord } from './policyTestKit';

const kb = knowledgeBaseOf(['energy-saving-plan', 'car-rental-opinions', 'pharmacy-designation'].map(loadDocument));

function evaluate(record: CompanyRecord, date: string): Map<string, ItemEvaluation> {
  return new Map(evaluateCompany(kb, record, asIsoDate(date)).map((e) => [e.id, e]));
}
function get(results: Map<string, ItemEvaluation>, id: string): ItemEvaluation {
  const found = results.get(id);
  if (found === undefined) throw new Error(`no evaluation for ${id}`);
  return found;
}
const withAnswers = (record: CompanyRecord, answers: Record<string, boolean | number | string>): CompanyRecord =>
  ({ ...record, company: { ...record.company, answers: { ...record.company.answers, ...answers } } });

describe('scenario: a retail pharmacy applying for 医保定点', () => {
  const pharmacy = makeRecord({
    company: {
      id: 'c-ph', name: '北京康宁大药房有限公司', industryCode: 'F5251', businessScope: '药品零售；医疗器械经营',
      registeredAddress: '北京市朝阳区安苑路 12 号', district: '朝阳区', establishedOn: '2021-08-20',
    },
    stores: [{ id: 's-1', name: '康宁大药房安苑路店', kind: '门店', address: '北京市朝阳区安苑路12号', operatingSince: '2021-09-15' }],
    licences: [{ kind: '药品经营许可证', validFrom: '2021-09-01', validTo: '2026-08-31', storeId: 's-1' }],
    people: [
      { name: '王芳', roles: ['执业药师', '质量负责人'], practiceStoreId: 's-1', contractStart: '2021-09-01', contractEnd: '2024-08-31', certificates: [{ kind: '执业药师资格证书' }] },
      { name: '李强', roles: ['医保管理人员'], contractStart: '2021-09-01', contractEnd: '2023-08-31' },
      { name: '赵敏', roles: ['医保管理人员'], contractStart: '2021-12-01', contractEnd: '2022-05-31' },
    ],
  });
  const allAnswered = withAnswers(pharmacy, {
    'answer.pharmacy.insuranceManagersKnowRules': true, 'answer.pharmacy.hasDrugZoningAndInsuranceLabels': true,
    'answer.pharmacy.hasInsuranceDrugRules': true, 'answer.pharmacy.hasFinancialRules': true, 'answer.pharmacy.hasInsuranceStaffRules': true,
    'answer.pharmacy.hasStatisticsInformationRules': true, 'answer.pharmacy.hasSettlementRules': true,
    'answer.pharmacy.hasCompliantInformationSystem': true, 'answer.pharmacy.meetsOtherConditions': true,
    'answer.pharmacy.hasUnfulfilledPenalty': false, 'answer.pharmacy.fraudulentApplicationWithin3Years': false,
    'answer.pharmacy.agreementTerminatedForViolation': false, 'answer.pharmacy.agreementTerminatedForSeriousBreach': false,
    'answer.pharmacy.principalCausedTerminationWithin5Years': false, 'answer.pharmacy.principalOnDishonestList': false,
    'answer.pharmacy.otherRefusalGround': false,
  });

  it('before three months at the address, and with one qualifying insurance manager, names both gaps', () => {
    const application = get(evaluate(allAnswered, '2021-12-10'), 'pharmacy-designation/designation-application');
    expect(application.applies).toBe('yes');
    expect(application.requirementsMet).toBe('no');
    expect(application.gaps.map((g) => g.text)).toEqual([
      '在注册地址正式经营：需至少 3 个月，现已满 2 个月',
      '医保管理人员：需 2 名劳动合同期限不少于 1 年且在合同期内，现有 1 名',
    ]);
    const months = application.reasons.find((r) => r.conditionId === 'c5-1');
    expect(months).toMatchObject({ value: 2, outcome: 'fail', citation: { ref: '第五条第（一）项' } });
    expect(months?.detail).toContain('2021-09-15');
  });

  it('meets 第五条 once a second manager has a one-year contract and three months have passed', () => {
    const hired = { ...allAnswered, people: [...allAnswered.people, makeRecord({ company: { id: 'c-ph' }, people: [{ name: '孙磊', roles: ['医保管理人员'], contractStart: '2022-01-01', contractEnd: '2022-12-31' }] }).people[0]!] };
    const application = get(evaluate(hired, '2022-01-10'), 'pharmacy-designation/designation-application');
    expect(application).toMatchObject({ applies: 'yes', requirementsMet: 'yes', gaps: [], missingFacts: [] });
  });

  it('asks the unanswered 第五条 and 第十一条 questions beside a known gap, and only 定点? for the duties', () => {
    const results = evaluate(pharmacy, '2022-01-10');
    const application = get(results, 'pharmacy-designation/designation-application');
    // 赵敏's six-month contract already fails 第五条第（三）项; the open questions are still listed to complete the file.
    expect(application.requirementsMet).toBe('no');
    expect(application.gaps.map((g) => g.conditionId)).toEqual(['c5-3-count']);
    const keys = application.missingFacts.map((m) => m.question.key);
    expect(keys).toContain('answer.pharmacy.hasSettlementRules');
    expect(keys).toContain('answer.pharmacy.principalOnDishonestList');
    expect(keys).not.toContain('answer.fact.pharmacy.qualifiedPharmacistCount');
    // No 医保协议签订 event is recorded: the duties of a designated pharmacy are presumed not to apply yet, as a presumption.
    const duty = get(results, 'pharmacy-designation/record-retention');
    expect(duty).toMatchObject({ applies: 'no', basis: 'presumption', missingFacts: [] });
    expect(duty.presumptions.map((p) => p.key)).toEqual(['answer.fact.pharmacy.isDesignated']);
    expect(duty.presumptions[0]?.reason).toContain('没有“医保协议签订”记录');
  });

  it('asks 定点? for the duties once the officer overturns the presumption', () => {
    const overturned = { ...pharmacy, company: { ...pharmacy.company, overturnedPresumptions: { 'answer.fact.pharmacy.isDesignated': '2022-01-10T08:00:00.000Z' } } };
    const duty = get(evaluate(overturned, '2022-01-10'), 'pharmacy-designation/record-retention');
    expect(duty).toMatchObject({ applies: 'unknown', basis: null, presumptions: [] });
    expect(duty.missingFacts.map((m) => m.question.key)).toEqual(['answer.fact.pharmacy.isDesignated']);
  });

  it('turns the ongoing duties on once the 医保协议 is signed', () => {
    const designated = { ...allAnswered, events: [makeRecord({ company: { id: 'c-ph' }, events: [{ kind: 'agreementSigned', date: '2022-04-01' }] }).events[0]!] };
    const results = evaluate(designated, '2022-06-01');
    for (const slug of ['prescription-review', 'identity-verification', 'record-retention', 'sales-data-upload', 'agreement-renewal']) {
      expect(get(results, `pharmacy-designation/${slug}`).applies).toBe('yes');
    }
    expect(get(results, 'car-rental-opinions/opening-filing').applies).toBe('no');
  });
});

describe('scenario: a chain with stores away from its registered address (第五条 per store)', () => {
  // 第五条(一)(二) (L4718, L4720–4724) speak of 该零售药店: each 门店 of a chain is judged at its own
  // address, with a pharmacist registered at that store; the registered (head-office) address has no shop.
  const chain = (storeB: { operatingSince: string }, extraPeople: Parameters<typeof makeRecord>[0]['people'] = []) => withAnswers(makeRecord({
    company: {
      id: 'c-chain', name: '北京康宁医药连锁有限公司', industryCode: 'F5251', businessScope: '药品零售',
      registeredAddress: '北京市东城区示例大街 1 号写字楼 8 层', district: '东城区', establishedOn: '2019-03-01',
    },
    stores: [
      { id: 's-a', name: '安苑路店', kind: '门店', address: '北京市朝阳区安苑路 12 号', operatingSince: '2019-05-01' },
      { id: 's-b', name: '西红门店', kind: '门店', address: '北京市大兴区西红门镇示例路 3 号', operatingSince: storeB.operatingSince },
    ],
    licences: [{ kind: '药品经营许可证', validFrom: '2019-04-01', validTo: '2029-03-31', storeId: 's-a' }],
    people: [
      { name: '王芳', roles: ['执业药师'], practiceStoreId: 's-a', contractStart: '2019-05-01', isContractOpenEnded: true, certificates: [{ kind: '执业药师资格证书' }] },
      ...(extraPeople ?? []),
    ],
  }), {});

  it('names the newer store: one month at its address and no pharmacist registered there', () => {
    const application = get(evaluate(chain({ operatingSince: '2026-11-01' }), '2026-12-05'), 'pharmacy-designation/designation-application');
    const months = application.reasons.find((r) => r.conditionId === 'c5-1');
    expect(months).toMatchObject({ value: 1, outcome: 'fail' });
    expect(months?.detail).toContain('门店“西红门店”：自 2026-11-01 起经营');
    expect(months?.detail).toContain('门店“安苑路店”：自 2019-05-01 起经营');
    const pharmacists = application.reasons.find((r) => r.conditionId === 'c5-2');
    expect(pharmacists).toMatchObject({ value: 0, outcome: 'fail' });
    expect(pharmacists?.detail).toContain('门店“西红门店”：符合：无');
    expect(pharmacists?.detail).toContain('门店“安苑路店”：符合：王芳');
    expect(application.gaps.map((g) => g.text)).toEqual(expect.arrayContaining([
      '在注册地址正式经营：需至少 3 个月，现已满 1 个月',
    ]));
  });

  it('passes both once the new store has three months and its own registered pharmacist', () => {
    const grown = chain({ operatingSince: '2026-08-20' }, [
      { name: '陈晨', roles: ['执业药师'], practiceStoreId: 's-b', contractStart: '2026-08-01', isContractOpenEnded: true, certificates: [{ kind: '执业药师资格证书' }] },
    ]);
    const application = get(evaluate(grown, '2026-12-05'), 'pharmacy-designation/designation-application');
    expect(application.reasons.find((r) => r.conditionId === 'c5-1')).toMatchObject({ value: 3, outcome: 'pass' });
    expect(application.reasons.find((r) => r.conditionId === 'c5-2')).toMatchObject({ value: 1, outcome: 'pass' });
  });

  it('a pharmacist registered at the other store does not count for this one', () => {
    const elsewhere = chain({ operatingSince: '2026-08-20' }, [
      { name: '陈晨', roles: ['执业药师'], practiceStoreId: 's-a', contractStart: '2026-08-01', isContractOpenEnded: true, certificates: [{ kind: '执业药师资格证书' }] },
    ]);
    const application = get(evaluate(elsewhere, '2026-12-05'), 'pharmacy-designation/designation-application');
    expect(application.reasons.find((r) => r.conditionId === 'c5-2')).toMatchObject({ value: 0, outcome: 'fail' });
  });
});

describe('scenario: a car-rental company', () => {
  const rental = makeRecord({
    company: { id: 'c-cr', name: '北京畅行汽车租赁有限公司', industryCode: 'L7111', businessScope: '小微型客车租赁经营服务', registeredAddress: '北京市丰台区', district: '丰台区' },
    stores: [{ name: '丰台门店', kind: '门店', address: '北京市丰台区丰台路 1 号' }],
    licences: [{ kind: '小微型客车租赁经营备案', validFrom: '2021-09-01', validTo: '2024-08-31' }],
    vehicles: [
      { plate: '京B10001', usageNature: '租赁', registeredOn: '2021-08-01', inServiceOn: '2021-09-01', filingStatus: '已备案' },
      { plate: '京B10002', usageNature: '租赁', registeredOn: '2007-03-01', inServiceOn: '2019-01-01', filingStatus: '已备案' },
      { plate: '京B10003', usageNature: '非营运', registeredOn: '2020-06-01', inServiceOn: '2020-06-10', filingStatus: '已备案' },
      { plate: '京B10004', usageNature: '非营运', registeredOn: '2021-06-01', inServiceOn: '2021-06-05', filingStatus: '已备案' },
    ],
  });

  it('flags 非营运 vehicles, the 2021-04-01 rule and the 15-year life, each citing the text', () => {
    const results = evaluate(rental, '2022-04-15');
    expect(get(results, 'car-rental-opinions/opening-filing')).toMatchObject({ applies: 'yes', requirementsMet: 'yes' });
    const convert = get(results, 'car-rental-opinions/convert-non-operating-vehicles');
    expect(convert).toMatchObject({ applies: 'yes', requirementsMet: 'no' });
    // 三、(四)1.(2) (L2361–2365) is about vehicles filed before 2021-04-01: 京B10003 only. 京B10004, put
    // into service in June 2021, falls under (1) and is not told it will be 管理注销.
    expect(convert.gaps[0]?.text).toBe('尚有 1 辆“非营运”车辆未变更为“租赁”；逾期未变更的车辆予以管理注销');
    expect(convert.gaps[0]?.citation?.ref).toBe('三、（四）1.(2)');
    const newVehicles = get(results, 'car-rental-opinions/new-vehicles-rental-usage');
    expect(newVehicles.gaps[0]?.text).toBe('2021 年 4 月 1 日起投入经营的车辆使用性质应当为“租赁”，现有 1 辆不是');
    // 京B10002 was registered on 2007-03-01: 15 years are reached on 2022-03-01.
    const life = get(results, 'car-rental-opinions/service-life');
    expect(life.requirementsMet).toBe('no');
    expect(life.gaps[0]?.text).toBe('有 1 辆租赁车辆已达 15 年使用年限');
    expect(get(evaluate(rental, '2022-02-28'), 'car-rental-opinions/service-life').requirementsMet).toBe('yes');
    expect(get(evaluate(rental, '2022-03-01'), 'car-rental-opinions/service-life').requirementsMet).toBe('no');
  });

  it('asks about 分时租赁 only where it matters, and applies the time-share duties once answered', () => {
    const results = evaluate(rental, '2022-04-15');
    expect(get(results, 'car-rental-opinions/time-share-operations').applies).toBe('no');
    const timeShare = { ...rental, vehicles: rental.vehicles.map((v, i) => (i === 0 ? { ...v, isTimeShare: true } : v)) };
    const after = evaluate(timeShare, '2022-04-15');
    expect(get(after, 'car-rental-opinions/time-share-operations').applies).toBe('yes');
    expect(get(after, 'car-rental-opinions/driver-identity-confirmation').applies).toBe('yes');
    const noVehicles = evaluate({ ...rental, vehicles: [] }, '2022-04-15');
    const ops = get(noVehicles, 'car-rental-opinions/time-share-operations');
    expect(ops.applies).toBe('unknown');
    expect(ops.missingFacts.map((m) => m.question.text)).toEqual(['企业是否从事（或拟从事）分时租赁经营？']);
    expect(get(noVehicles, 'car-rental-opinions/opening-filing').gaps[0]?.text).toBe('名下需有使用性质为“租赁”的车辆，现有 0 辆；零车企业不予备案');
  });

  it('requires vehicles to leave the filing before cancellation once termination is recorded', () => {
    const terminating = { ...rental, events: makeRecord({ company: { id: 'c-cr' }, events: [{ kind: 'termination', date: '2022-06-30' }] }).events };
    const cancellation = get(evaluate(terminating, '2022-06-01'), 'car-rental-opinions/filing-cancellation');
    expect(cancellation).toMatchObject({ applies: 'yes', requirementsMet: 'no' });
    expect(cancellation.gaps[0]?.text).toBe('需先行办理车辆退出备案，尚有 4 辆车在册');
    expect(get(evaluate(rental, '2022-06-01'), 'car-rental-opinions/filing-cancellation').applies).toBe('no');
  });

  it('does not concern a pharmacy or a software company', () => {
    const software = makeRecord({ company: { industryCode: 'I6510', businessScope: '软件开发' } });
    const results = evaluate(software, '2022-04-15');
    for (const e of results.values()) if (e.documentId === 'car-rental-opinions') expect(e.applies).toBe('no');
  });
});

describe('scenario: energy duties', () => {
  const dataCentre = makeRecord({
    company: { id: 'c-dc', name: '北京云算数据服务有限公司', industryCode: 'I6450', businessScope: '数据处理和存储支持服务' },
    stores: [{ name: '亦庄数据中心', kind: '数据中心' }],
  });

  it('puts one question — 重点用能单位? — before the 重点用能单位 duties', () => {
    const results = evaluate(dataCentre, '2021-11-15');
    const monthly = get(results, 'energy-saving-plan/monthly-energy-data');
    expect(monthly.applies).toBe('unknown');
    expect(monthly.missingFacts.map((m) => m.question.key)).toEqual(['answer.energy.isKeyEnergyUser']);
  });

  it('applies the monthly report and the real-time connection to a third-party data-centre operator on the list', () => {
    const answered = withAnswers(dataCentre, { 'answer.energy.isKeyEnergyUser': true, 'answer.energy.providesThirdPartyDataCentre': true });
    const results = evaluate(answered, '2021-11-15');
    for (const slug of ['monthly-energy-data', 'energy-metering', 'energy-manager-training', 'data-centre-realtime-power', 'key-user-inspection']) {
      expect(get(results, `energy-saving-plan/${slug}`).applies).toBe('yes');
    }
    // 高耗能企业 are industrial (B/C/D); an I6450 data centre is presumed outside, as a presumption.
    expect(get(results, 'energy-saving-plan/high-energy-market-price')).toMatchObject({ applies: 'no', basis: 'presumption' });
    expect(get(results, 'energy-saving-plan/petrochemical-cement-cap').applies).toBe('no');
  });

  it('does not apply 重点用能单位 duties to a company that is not on the list', () => {
    const results = evaluate(withAnswers(dataCentre, { 'answer.energy.isKeyEnergyUser': false }), '2021-11-15');
    expect(get(results, 'energy-saving-plan/monthly-energy-data').applies).toBe('no');
    expect(get(results, 'energy-saving-plan/data-centre-realtime-power')).toMatchObject({ applies: 'no', missingFacts: [] });
  });

  it('applies the public-building duties to a company with a recorded 公共建筑', () => {
    const mall = makeRecord({ company: { industryCode: 'F5211' }, stores: [{ name: '示例购物中心', kind: '公共建筑' }] });
    const results = evaluate(mall, '2021-12-01');
    expect(get(results, 'energy-saving-plan/public-building-winter-temperature').applies).toBe('yes');
    expect(get(results, 'energy-saving-plan/public-building-energy-quota').applies).toBe('yes');
  });

  it('gives a listed 重点用能单位 the 三级双控 target duty (八、 L1844–1846)', () => {
    const results = evaluate(withAnswers(dataCentre, { 'answer.energy.isKeyEnergyUser': true }), '2021-11-15');
    expect(get(results, 'energy-saving-plan/three-level-dual-control')).toMatchObject({ applies: 'yes', citation: { ref: '八、', lines: { start: 1844 } } });
  });

  it('gives a state-owned company the conduct code\'s office measures (二、 L1685–1716), and a private one not', () => {
    const soe = withAnswers(dataCentre, { 'answer.company.isStateOwned': true });
    expect(get(evaluate(soe, '2021-11-15'), 'energy-saving-plan/state-owned-conduct-code').applies).toBe('yes');
    const privately = makeRecord({ company: { industryCode: 'F5251', entityType: '有限责任公司(自然人独资)' }, stores: [{ name: '门店', kind: '门店' }] });
    expect(get(evaluate(privately, '2021-11-15'), 'energy-saving-plan/state-owned-conduct-code')).toMatchObject({ applies: 'no', basis: 'presumption' });
  });

  it('puts heat suppliers under the winter meter supervision (七、 L1838–1840) and presumes a pharmacy outside it', () => {
    const heat = makeRecord({ company: { industryCode: 'D4430', businessScope: '热力生产和供应' } });
    const heatResult = get(evaluate(heat, '2021-11-15'), 'energy-saving-plan/heating-meter-supervision');
    expect(heatResult.applies).toBe('unknown');
    expect(heatResult.missingFacts.map((m) => m.question.key)).toEqual(['answer.energy.ownsHeatingSettlementMeters']);
    const pharmacy = makeRecord({ company: { industryCode: 'F5251' }, stores: [{ name: '门店', kind: '门店' }] });
    expect(get(evaluate(pharmacy, '2021-11-15'), 'energy-saving-plan/heating-meter-supervision')).toMatchObject({ applies: 'no', basis: 'presumption' });
  });

  it('asks an owner of a public building about 景观照明 (九、 L1873–1875); presumes a shop has none', () => {
    const mall = makeRecord({ company: { industryCode: 'F5211' }, stores: [{ name: '示例购物中心', kind: '公共建筑' }] });
    expect(get(evaluate(mall, '2021-12-01'), 'energy-saving-plan/landscape-lighting').applies).toBe('unknown');
    const lit = withAnswers(mall, { 'answer.energy.operatesLandscapeLighting': true });
    expect(get(evaluate(lit, '2021-12-01'), 'energy-saving-plan/landscape-lighting').applies).toBe('yes');
    const shop = makeRecord({ company: { industryCode: 'F5251' }, stores: [{ name: '门店', kind: '门店' }] });
    expect(get(evaluate(shop, '2021-12-01'), 'energy-saving-plan/landscape-lighting')).toMatchObject({ applies: 'no', basis: 'presumption' });
  });
});
