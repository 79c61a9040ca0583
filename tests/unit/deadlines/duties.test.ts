import { describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { AWAITING_DAY_TEXT, computeDuties, countByStatus, needsTriggerText, type Duty } from '../../../shared/deadlines/duties';
import { EMPTY_TRACKING, trackingStateSchema, type TrackingState } from '../../../shared/deadlines/tracking';
import { FIXTURE_KB, record, type RecordParts } from './fixtures';
import { shippedCalendar } from './holidayFixture';

const calendar = shippedCalendar();
const d = asIsoDate;

function duties(parts: RecordParts, today = '2021-09-20', tracking: TrackingState = EMPTY_TRACKING, range: { from?: string; to?: string } = {}): Duty[] {
  return computeDuties(FIXTURE_KB, record(parts), tracking, calendar, d(today), {
    ...(range.from === undefined ? {} : { from: d(range.from) }),
    ...(range.to === undefined ? {} : { to: d(range.to) }),
  });
}
const byRule = (list: readonly Duty[], ruleId: string) => list.filter((x) => x.ruleId === ruleId);
const one = (list: readonly Duty[], ruleId: string): Duty => {
  const found = byRule(list, ruleId);
  expect(found).toHaveLength(1);
  return found[0] as Duty;
};

const RENTAL = { licences: [{ kind: '小微型客车租赁经营备案', validFrom: '2021-07-01', validTo: '2024-06-30' }] } as const;

describe('car rental (小微型客车租赁实施意见)', () => {
  it('备案变更: 15 days from the change, across 国庆, with basis and explanation', () => {
    const list = duties({ ...RENTAL, events: [{ kind: 'filingChange', date: '2021-09-16' }] });
    const duty = one(list, 'filing-change-15d');
    expect(duty).toMatchObject({
      key: 'car-rental-opinions/filing-change:filing-change-15d|c1|event:e1',
      dueDate: '2021-10-08', status: 'dueWithin30', daysLeft: 18, isProvisional: false, statedInText: true,
      trigger: { kind: 'event', label: '备案事项变更', date: '2021-09-16' },
      subject: { kind: 'company', id: 'c1', label: '北京测试租车有限公司' },
    });
    expect(duty.basis.reference).toBe('《北京市贯彻《小微型客车租赁经营服务管理办法》的实施意见》三、（三）3.');
    expect(duty.basis.legalBasis).toBe('《民法典》第二百零一条、第二百零三条');
    expect(duty.basis.explanation).toContain('国庆节');
    expect(duty.basis.explanation).toContain('2021年10月8日');
  });

  it('one duty per recorded event, each with its own key', () => {
    const list = duties({ ...RENTAL, events: [{ kind: 'filingChange', date: '2022-03-01' }, { kind: 'filingChange', date: '2021-09-16' }] }, '2022-04-01');
    const changes = byRule(list, 'filing-change-15d');
    expect(changes.map((x) => x.dueDate)).toEqual(['2021-10-08', '2022-03-16']);
    expect(new Set(changes.map((x) => x.key)).size).toBe(2);
    expect(changes[0]?.status).toBe('overdue');
  });

  // The opinions take effect on 2021-08-31 (L2529 "本实施意见自印发之日起实施"): a change or a
  // registration before it started no period under them.
  it('a trigger before the document took effect starts no duty', () => {
    const list = duties({ ...RENTAL, company: { establishedOn: '2010-03-18' }, events: [{ kind: 'filingChange', date: '2021-03-01' }] }, '2026-12-05');
    expect(byRule(list, 'filing-change-15d')).toHaveLength(0);
    expect(byRule(list, 'opening-filing-60d')).toHaveLength(0);
  });

  it('开业备案: 60 days from the 营业执照 date when no registration event was recorded', () => {
    const duty = one(duties({ ...RENTAL, company: { establishedOn: '2021-08-01' } }), 'opening-filing-60d');
    expect(duty).toMatchObject({ dueDate: '2021-09-30', periodKey: 'established', trigger: { date: '2021-08-01', source: '营业执照成立日期' } });
  });

  it('备案届满延续: a window per filing licence, closing on the last working day before a Sunday expiry', () => {
    const list = duties({ licences: [...RENTAL.licences, { kind: '营业执照', validTo: '2024-06-30' }, { kind: '小微型客车租赁经营备案', validTo: null }] }, '2024-06-10');
    const duty = one(list, 'renewal-window');
    expect(duty).toMatchObject({
      dueDate: '2024-06-28', window: { opens: '2024-05-31', closes: '2024-06-28' }, status: 'dueWithin30',
      subject: { kind: 'licence', id: 'l1', label: '小微型客车租赁经营备案' }, key: 'car-rental-opinions/filing-renewal:renewal-window|l1|2024-06-30',
    });
  });

  it('分时租赁 operators give 30 days’ public notice before terminating; others do not', () => {
    const base = { ...RENTAL, events: [{ kind: 'termination', date: '2021-12-31' }] };
    const timeShare = duties({ ...base, vehicles: [{ plate: '京A00001', usageNature: '租赁', isTimeShare: true }] });
    expect(one(timeShare, 'timeshare-notice-30d').dueDate).toBe('2021-12-01');
    expect(one(timeShare, 'deregister-15d').dueDate).toBe('2022-01-17');
    const plain = duties({ ...base, vehicles: [{ plate: '京A00001', usageNature: '租赁' }] });
    expect(byRule(plain, 'timeshare-notice-30d')).toHaveLength(0);
  });

  it('使用性质 conversion by 2022-03-31 only for pre-2021-04-01 非营运 vehicles still in the filing', () => {
    const list = duties({
      ...RENTAL,
      vehicles: [
        { plate: '京A00001', usageNature: '非营运', inServiceOn: '2020-05-01' },
        { plate: '京A00002', usageNature: '租赁', inServiceOn: '2020-05-01' },
        { plate: '京A00003', usageNature: '非营运', inServiceOn: '2021-06-01' },
        { plate: '京A00004', usageNature: '非营运', inServiceOn: null },
        { plate: '京A00005', usageNature: '非营运', inServiceOn: '2020-05-01', filingStatus: '已移出备案', leftFilingOn: '2021-12-01' },
      ],
    });
    const conversions = byRule(list, 'usage-conversion');
    expect(conversions.map((x) => [x.subject.label, x.dueDate, x.isApplicabilityUncertain])).toEqual([
      ['京A00001', '2022-03-31', false],
      ['京A00004', '2022-03-31', true],
    ]);
    expect(conversions[0]?.basis.explanation).toContain('原文规定的日期：2022年3月31日');
    expect(conversions[0]?.key).toBe('car-rental-opinions/vehicle-usage:usage-conversion|v1|fixed');
  });

  it('15-year service life from the registration date, extended past a weekend; undated when the date is missing', () => {
    const list = duties({ ...RENTAL, vehicles: [{ plate: '京A00001', usageNature: '租赁', registeredOn: '2010-03-15' }, { plate: '京A00002', usageNature: '租赁' }] });
    const [first, second] = byRule(list, 'service-life-15y');
    expect(first).toMatchObject({ dueDate: '2025-03-17', subject: { label: '京A00001' } });
    // The period is fixed by the text (15 年); what is missing is the day it runs from.
    expect(second).toMatchObject({ dueDate: null, status: 'undated', dueText: needsTriggerText('车辆注册登记'), periodKey: 'missing' });
    expect(second?.basis.explanation).toContain('京A00002：未填写行驶证注册日期');
  });

  it('no car-rental duties for a company that neither holds the filing nor any vehicle', () => {
    const list = duties({ events: [{ kind: 'filingChange', date: '2021-09-16' }] });
    expect(list.filter((x) => x.itemId.startsWith('car-rental'))).toHaveLength(0);
  });
});

describe('pharmacy designation (零售药店医疗保障定点管理暂行办法)', () => {
  const PHARMACY = { company: { industryCode: 'F5251' } };

  it('重要信息变更: 30 working days from the approval', () => {
    const duty = one(duties({ ...PHARMACY, events: [{ kind: 'majorChange', date: '2021-09-16' }] }), 'major-change-30wd');
    expect(duty).toMatchObject({ dueDate: '2021-11-03', actor: 'company', isApplicabilityUncertain: false });
    expect(duty.basis.explanation).toContain('第30个工作日');
  });

  it('the authority’s 5-working-day answer is information beside the company’s duties, never a to-do', () => {
    const list = duties({ ...PHARMACY, events: [{ kind: 'designationApplication', date: '2021-09-16' }, { kind: 'evaluationResultNotified', date: '2021-11-30' }] });
    expect(byRule(list, 'supplement-notice-5wd')).toHaveLength(0);
    const company = one(list, 'reevaluation-after-3m');
    expect(company.authorityActs).toEqual([expect.stringContaining('区经办机构一次性告知补充材料：提出定点申请后5个工作日内')]);
  });

  it('医保协议续签: 3 months before the agreement ends', () => {
    const duty = one(duties({ ...PHARMACY, events: [{ kind: 'agreementSigned', date: '2023-12-20' }] }, '2024-08-01'), 'renewal-3m');
    // Signed 2023-12-20: one year ends 2024-12-20 (民法典 第二百零一条, the signing day not counted).
    expect(duty).toMatchObject({ trigger: { date: '2024-12-20' }, dueDate: '2024-09-20', status: 'later' });
    expect(duty.basis.explanation).toContain('2024年12月20日前3个月');
  });

  it('医保协议续签 without a signed agreement is undated and says what is missing', () => {
    const duty = one(duties(PHARMACY), 'renewal-3m');
    expect(duty).toMatchObject({ dueDate: null, status: 'undated', periodKey: 'missing' });
    expect(duty.basis.explanation).toContain('缺少触发日期');
  });

  it('整改3个月后可再次评估: an earliest date, not a deadline', () => {
    const parts = { ...PHARMACY, events: [{ kind: 'evaluationResultNotified', date: '2021-11-30' }] };
    expect(one(duties(parts, '2022-02-01'), 'reevaluation-after-3m')).toMatchObject({ dueDate: '2022-03-01', limit: 'earliest', status: 'waiting' });
    expect(one(duties(parts, '2022-03-01'), 'reevaluation-after-3m').status).toBe('available');
  });

  it('a company of another industry gets no pharmacy duties; one of unknown industry gets event-based ones marked 待确认', () => {
    const events = [{ kind: 'majorChange', date: '2021-09-16' }];
    expect(byRule(duties({ company: { industryCode: 'F5211' }, events }), 'major-change-30wd')).toHaveLength(0);
    const unknown = one(duties({ events }), 'major-change-30wd');
    expect(unknown.isApplicabilityUncertain).toBe(true);
    expect(unknown.basis.explanation).toContain('是否适用待确认');
    expect(byRule(duties({}), 'renewal-3m')).toHaveLength(0);
    // A date derived from the registry (agreement signed + 1 year) is not the company's own record of this item.
    expect(byRule(duties({ events: [{ kind: 'agreementSigned', date: '2023-12-20' }] }), 'renewal-3m')).toHaveLength(0);
  });
});

describe('energy reporting (recurring duties with no day in the text)', () => {
  const KEY_UNIT = { company: { answers: { 'answer.energy.isKeyEnergyUnit': true } } };

  // L1856–1857 states no day: no month is overdue until the officer records the day the authority
  // gave, once for all months; months not begun yet are not listed until then.
  it('one occurrence per begun month, 待定 and never overdue until the user sets the day', () => {
    const list = byRule(duties(KEY_UNIT, '2024-05-15', EMPTY_TRACKING, { from: '2024-03-01', to: '2024-07-31' }), 'monthly-energy-data');
    expect(list.map((x) => x.periodKey)).toEqual(['2024-03', '2024-04', '2024-05']);
    const may = list.find((x) => x.periodKey === '2024-05');
    expect(may).toMatchObject({ dueDate: null, dueText: AWAITING_DAY_TEXT, window: { opens: '2024-05-01', closes: '2024-05-31' }, status: 'undated', statedInText: false, daysLeft: null });
    expect(may?.basis.explanation).toContain('原文未规定每期报送的具体日期');
    expect(list.find((x) => x.periodKey === '2024-03')).toMatchObject({ status: 'undated', dueText: AWAITING_DAY_TEXT });
    expect(list.some((x) => x.status === 'overdue')).toBe(false);
  });

  it('uses the day the user set (次月10日) and keeps each month’s tracking separate', () => {
    const scheduleKey = 'energy-saving-plan/monthly-data:monthly-energy-data|c1';
    const tracking = trackingStateSchema.parse({
      schedules: { [scheduleKey]: { monthsAfterPeriodStart: 1, dayOfMonth: 10 } },
      duties: { [`${scheduleKey}|2024-04`]: { isDone: true, doneOn: '2024-05-09', evidence: '平台回执' } },
    });
    const list = byRule(duties(KEY_UNIT, '2024-05-15', tracking, { from: '2024-04-01', to: '2024-05-31' }), 'monthly-energy-data');
    expect(list.map((x) => [x.periodKey, x.dueDate, x.status])).toEqual([
      ['2024-03', '2024-04-10', 'overdue'],
      ['2024-04', '2024-05-10', 'done'],
    ]);
    expect(list[1]?.tracking?.evidence).toBe('平台回执');
    const later = byRule(duties(KEY_UNIT, '2024-05-15', tracking, { from: '2024-06-01', to: '2024-06-30' }), 'monthly-energy-data');
    expect(later.map((x) => [x.periodKey, x.dueDate, x.status])).toEqual([['2024-05', '2024-06-10', 'dueWithin30']]);
  });

  it('no monthly duty for a company that is not (or may not be) a 重点用能单位', () => {
    expect(byRule(duties({ company: { answers: { 'answer.energy.isKeyEnergyUnit': false } } }), 'monthly-energy-data')).toHaveLength(0);
    expect(byRule(duties({}), 'monthly-energy-data')).toHaveLength(0);
  });

  it('never before the policy took effect', () => {
    const list = byRule(duties(KEY_UNIT, '2021-05-15', EMPTY_TRACKING, { from: '2021-01-01', to: '2021-05-31' }), 'monthly-energy-data');
    expect(list.map((x) => x.periodKey)).toEqual(['2021-04', '2021-05']);
  });

  it('a date the text leaves open is 以主管部门通知为准 until the user sets it', () => {
    const key = 'energy-saving-plan/data-centre-metering:realtime-metering|c1|once';
    const open = one(duties(KEY_UNIT), 'realtime-metering');
    expect(open).toMatchObject({ key, dueDate: null, dueText: '以主管部门通知为准', status: 'undated' });
    expect(open.basis.explanation).toContain('原文为“年底前完成”，未写明年份');
    const tracking = trackingStateSchema.parse({ duties: { [key]: { userSetDueDate: '2021-12-31', assignee: '李四' } } });
    const set = one(duties(KEY_UNIT, '2021-12-20', tracking), 'realtime-metering');
    expect(set).toMatchObject({ dueDate: '2021-12-31', isUserSetDate: true, status: 'dueWithin30', daysLeft: 11, dueText: '2021-12-31' });
    expect(set.basis.explanation).toContain('按用户填写的日期2021年12月31日跟踪');
  });
});

describe('a period from a day the records do not hold', () => {
  it('says what the period is until the user records the day, then computes it', () => {
    const key = 'prepaid-card-regulation/seven-day-refund:refund-within-5-days|c1|once';
    const open = one(duties({}), 'refund-within-5-days');
    expect(open).toMatchObject({ key, dueDate: null, status: 'undated', statedInText: true });
    expect(open.basis.explanation).toContain('期限为自“消费者要求退卡之日”起5日内');
    const tracking = trackingStateSchema.parse({ duties: { [key]: { userSetTriggerDate: '2021-09-28' } } });
    const dated = one(duties({}, '2021-09-29', tracking), 'refund-within-5-days');
    expect(dated).toMatchObject({ dueDate: '2021-10-08', trigger: { date: '2021-09-28', source: '用户填写的日期' }, status: 'dueWithin30', key });
    expect(dated.basis.explanation).toContain('国庆节');
  });
});

describe('劳务派遣 (annual report and licence-based dates)', () => {
  const DISPATCH = { licences: [{ kind: '劳务派遣经营许可证', validFrom: '2021-11-30', validTo: '2024-11-29' }] };
  it('an annual occurrence per year and the authority’s check 3 months after the licence', () => {
    const list = duties(DISPATCH, '2022-01-10', EMPTY_TRACKING, { from: '2021-01-01', to: '2022-12-31' });
    expect(byRule(list, 'annual-operations-report').map((x) => [x.periodKey, x.dueText, x.status])).toEqual([['2021', AWAITING_DAY_TEXT, 'undated'], ['2022', AWAITING_DAY_TEXT, 'undated']]);
    expect(byRule(list, 'licence-check-3m')).toHaveLength(0);
    expect(byRule(list, 'annual-operations-report')[0]?.authorityActs).toEqual([expect.stringContaining('许可机关实地核查：取得许可证后3个月内')]);
  });
});

describe('tracking and status', () => {
  it('a done duty is done whatever its date; statuses follow the days left', () => {
    const events = [{ kind: 'filingChange', date: '2021-09-16' }];
    const key = 'car-rental-opinions/filing-change:filing-change-15d|c1|event:e1';
    const status = (today: string, tracking: TrackingState = EMPTY_TRACKING) => one(duties({ ...RENTAL, events }, today, tracking), 'filing-change-15d').status;
    expect(status('2021-09-20')).toBe('dueWithin30');
    expect(status('2021-10-01')).toBe('dueWithin7');
    expect(status('2021-10-08')).toBe('dueWithin7');
    expect(status('2021-10-09')).toBe('overdue');
    expect(status('2021-08-01')).toBe('later');
    expect(status('2021-10-09', trackingStateSchema.parse({ duties: { [key]: { isDone: true, doneOn: '2021-10-08' } } }))).toBe('done');
  });

  it('keys are unique and stable across computations', () => {
    const parts = { ...RENTAL, vehicles: [{ plate: '京A00001', usageNature: '非营运', inServiceOn: '2020-05-01', registeredOn: '2012-01-01' }], events: [{ kind: 'filingChange', date: '2021-09-16' }] };
    const a = duties(parts).map((x) => x.key);
    const b = duties(parts, '2021-10-20').map((x) => x.key);
    expect(new Set(a).size).toBe(a.length);
    expect([...b].sort()).toEqual([...a].sort());
  });

  it('a date beyond the published holidays is provisional', () => {
    const licences = [{ kind: '小微型客车租赁经营备案', validFrom: '2024-07-01', validTo: '2027-06-30' }];
    const duty = one(duties({ licences, events: [{ kind: 'filingChange', date: '2026-12-20' }] }, '2026-12-21'), 'filing-change-15d');
    expect(duty).toMatchObject({ dueDate: '2027-01-04', isProvisional: true });
    expect(duty.basis.explanation).toContain('2027年的节假日安排尚未公布');
  });

  it('sorts by date with undated duties last and counts statuses', () => {
    const list = duties({ ...RENTAL, vehicles: [{ plate: '京A00002', usageNature: '租赁' }], events: [{ kind: 'filingChange', date: '2021-09-16' }] });
    expect(list.at(-1)?.dueDate).toBeNull();
    const counts = countByStatus(list);
    expect(counts.undated).toBeGreaterThan(0);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(list.length);
  });
});
