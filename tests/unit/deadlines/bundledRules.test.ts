import { describe, expect, it } from 'vitest';
import { loadBundledKnowledgeBase } from '../../../electron/cli/commandInputs';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { AWAITING_DAY_TEXT, computeDuties, type Duty } from '../../../shared/deadlines/duties';
import { EMPTY_TRACKING } from '../../../shared/deadlines/tracking';
import type { KnowledgeBase } from '../../../shared/policy/knowledgeBase';
import { record, type RecordParts } from './fixtures';
import { shippedCalendar } from './holidayFixture';

/*
 * Every deadline rule of the three first-class areas in the shipped knowledge base, one row each,
 * with the date worked out by hand from the text and the State Council's schedule.
 */

const loaded = loadBundledKnowledgeBase();
if (!loaded.ok) throw new Error(loaded.error.message);
const kb: KnowledgeBase = loaded.value.kb;
const AREAS = ['car-rental-opinions', 'pharmacy-designation', 'energy-saving-plan'];

// Registered after the opinions took effect (2021-08-31, 自印发之日起实施): a registration before it
// started no 60-day period under them.
const CAR_RENTAL: RecordParts = {
  company: { industryCode: 'L7111', establishedOn: '2021-09-01' },
  licences: [{ kind: '小微型客车租赁经营备案', validFrom: '2021-07-01', validTo: '2024-06-30' }],
  vehicles: [
    { plate: '京A00001', usageNature: '非营运', registeredOn: '2010-03-15', inServiceOn: '2020-01-01', isTimeShare: true },
    { plate: '京A00002', usageNature: '营运', registeredOn: '2020-01-01', inServiceOn: '2020-01-01' },
  ],
  events: [
    { kind: 'serviceOutletOpened', date: '2021-09-16' },
    { kind: 'filing', date: '2021-09-16' },
    { kind: 'filingChange', date: '2021-09-16' },
    { kind: 'districtChange', date: '2022-01-15' },
  ],
};
// The same company ending business on 2021-12-31.
const CAR_RENTAL_ENDING: RecordParts = {
  ...CAR_RENTAL,
  vehicles: [
    ...(CAR_RENTAL.vehicles ?? []),
    { plate: '京A00005', usageNature: '租赁', registeredOn: '2021-09-01', inServiceOn: '2021-09-01', filingStatus: '已备案' },
  ],
  events: [...(CAR_RENTAL.events ?? []).filter((e) => e.kind !== 'districtChange'), { kind: 'termination', date: '2021-12-31' }],
};
// A vehicle bought after filing and not filed yet, and one transferred away.
const CAR_RENTAL_VEHICLES: RecordParts = {
  ...CAR_RENTAL,
  vehicles: [
    { plate: '京A00006', usageNature: '租赁', registeredOn: '2021-09-10', inServiceOn: null, filingStatus: '未备案' },
    { plate: '京A00007', usageNature: '租赁', registeredOn: '2021-09-01', inServiceOn: '2021-09-01', filingStatus: '已移出备案', leftFilingOn: '2021-09-15' },
  ],
};
const ZERO_VEHICLE: RecordParts = { company: { industryCode: 'L7111', answers: { 'answer.carRental.filedBefore20210401': true } } };
const PHARMACY: RecordParts = {
  company: {
    industryCode: 'F5251',
    answers: { 'answer.pharmacy.reevaluationFailed': true, 'answer.pharmacy.plansToLeaveAgreement': true },
  },
  events: [
    { kind: 'agreementSigned', date: '2022-01-09' },
    { kind: 'designationApplication', date: '2022-03-01' },
    { kind: 'designationAccepted', date: '2022-03-01' },
    { kind: 'evaluationResultNotified', date: '2022-03-15' },
    { kind: 'reimbursementClaimSubmitted', date: '2022-03-01' },
    { kind: 'majorChange', date: '2022-03-01' },
    { kind: 'agreementSuspended', date: '2022-06-30' },
    { kind: 'agreementTerminated', date: '2022-09-30' },
  ],
};
const ENERGY: RecordParts = {
  company: {
    answers: {
      'answer.energy.isKeyEnergyUser': true, 'answer.energy.providesThirdPartyDataCentre': true,
      'answer.energy.isLowEfficiencyDataCentreFound': true, 'answer.energy.hasDataCentreWithoutEnergyReview': true,
    },
  },
};

interface Expectation {
  readonly dueDate?: string | null;
  readonly window?: { readonly opens: string; readonly closes: string };
  readonly status?: Duty['status'];
  readonly actor?: Duty['actor'];
  readonly limit?: Duty['limit'];
  readonly dueText?: string;
  readonly periodKey?: string;
  readonly subject?: string;
}

const ROWS: ReadonlyArray<readonly [key: string, parts: RecordParts, today: string, expected: Expectation]> = [
  // 60 days from 2021-09-01 end on Sunday 10-31, so Monday 11-01 (第二百零三条); the 备案 recorded on
  // 09-16 is the act itself, so the duty is done.
  ['car-rental-opinions/opening-filing:after-registration', CAR_RENTAL, '2021-09-20', { dueDate: '2021-11-01', status: 'done' }],
  ['car-rental-opinions/opening-filing:after-new-outlet', CAR_RENTAL, '2021-09-20', { dueDate: '2021-11-15', status: 'done' }],
  ['car-rental-opinions/filing-change:change', CAR_RENTAL, '2021-09-20', { dueDate: '2021-10-08' }],
  ['car-rental-opinions/filing-change:district-move', CAR_RENTAL, '2021-09-20', { dueDate: '2022-01-30' }],
  ['car-rental-opinions/filing-renewal:renewal-window', CAR_RENTAL, '2024-06-10', { dueDate: '2024-06-28', window: { opens: '2024-05-31', closes: '2024-06-28' } }],
  // 2022-01-15 is an ordinary Saturday.
  ['car-rental-opinions/filing-cancellation:cancellation', CAR_RENTAL_ENDING, '2021-09-20', { dueDate: '2022-01-17' }],
  ['car-rental-opinions/filing-cancellation:time-share-notice', CAR_RENTAL_ENDING, '2021-09-20', { dueDate: '2021-12-01' }],
  // The vehicles leave the filing first, by the day the 备案注销 is due at the latest.
  ['car-rental-opinions/filing-cancellation:vehicles-leave-first', CAR_RENTAL_ENDING, '2021-09-20', { dueDate: '2022-01-17', subject: '京A00005' }],
  ['car-rental-opinions/convert-non-operating-vehicles:conversion-deadline', CAR_RENTAL, '2021-09-20', { dueDate: '2022-03-31', subject: '京A00001' }],
  ['car-rental-opinions/new-vehicle-filing:step-1-usage-verification', CAR_RENTAL_VEHICLES, '2021-09-20', { dueDate: null, status: 'undated', subject: '京A00006' }],
  ['car-rental-opinions/new-vehicle-filing:step-2-traffic-registration', CAR_RENTAL_VEHICLES, '2021-09-20', { dueDate: null, status: 'undated', subject: '京A00006' }],
  ['car-rental-opinions/new-vehicle-filing:step-3-vehicle-filing', CAR_RENTAL_VEHICLES, '2021-09-20', { dueDate: null, status: 'undated', subject: '京A00006' }],
  ['car-rental-opinions/indicator-update-after-transfer:indicator-update', CAR_RENTAL_VEHICLES, '2021-09-20', { dueDate: null, status: 'undated', subject: '京A00007', dueText: '以主管部门通知为准' }],
  ['car-rental-opinions/service-life:rental-service-life', CAR_RENTAL, '2021-09-20', { dueDate: '2025-03-17', subject: '京A00001' }],
  ['car-rental-opinions/service-life:operating-service-life', CAR_RENTAL, '2021-09-20', { dueDate: null, status: 'undated', dueText: '以主管部门通知为准' }],
  // 1 year from 2022-01-09 (第二百零一条: the signing day is not counted).
  ['pharmacy-designation/agreement-performance:agreement-term', PHARMACY, '2022-03-01', { dueDate: '2023-01-09' }],
  ['pharmacy-designation/designation-application:reapplication-bar', PHARMACY, '2022-03-01', { dueDate: '2023-03-16', limit: 'earliest' }],
  ['pharmacy-designation/training-and-self-inspection:self-inspection', PHARMACY, '2022-03-01', { dueDate: null, dueText: '以主管部门通知为准' }],
  ['pharmacy-designation/sales-data-upload:purchase-upload', PHARMACY, '2022-03-01', { dueDate: null, status: 'undated' }],
  ['pharmacy-designation/sales-data-upload:stock-data-report', PHARMACY, '2022-03-01', { dueDate: null, status: 'undated' }],
  ['pharmacy-designation/record-retention:retention', PHARMACY, '2022-03-01', { dueDate: null, limit: 'earliest', status: 'undated' }],
  ['pharmacy-designation/major-change:major-change-application', PHARMACY, '2022-03-01', { dueDate: '2022-04-13' }],
  ['pharmacy-designation/major-change:general-change-notice', PHARMACY, '2022-03-01', { dueDate: null, status: 'undated' }],
  // Agreement signed 2022-01-09, ends 2023-01-09; 3 months before is Sunday 2022-10-09, a make-up working day.
  ['pharmacy-designation/agreement-renewal:renewal-application', PHARMACY, '2022-03-01', { dueDate: '2022-10-09' }],
  ['pharmacy-designation/agreement-suspension:suspension-notice', PHARMACY, '2022-03-01', { dueDate: '2022-03-30', status: 'dueWithin30' }],
  ['pharmacy-designation/agreement-suspension:resume-application', PHARMACY, '2022-03-01', { dueDate: '2022-12-27' }],
  ['pharmacy-designation/agreement-exit:termination-notice', PHARMACY, '2022-03-01', { dueDate: '2022-06-30' }],
  ['pharmacy-designation/agreement-exit:non-renewal-notice', PHARMACY, '2022-03-01', { dueDate: '2022-10-09' }],
  // L1856–1857 states no day: 待定 until the officer sets the day, never overdue by the month's end.
  ['energy-saving-plan/monthly-energy-data:monthly-report', ENERGY, '2022-03-15', { periodKey: '2022-03', dueDate: null, dueText: AWAITING_DAY_TEXT, status: 'undated', window: { opens: '2022-03-01', closes: '2022-03-31' } }],
  ['energy-saving-plan/data-centre-realtime-power:realtime-connection', ENERGY, '2022-03-15', { dueDate: null, status: 'undated' }],
  ['energy-saving-plan/low-efficiency-data-centre:rectification', ENERGY, '2022-03-15', { dueDate: null, status: 'undated' }],
  ['energy-saving-plan/data-centre-energy-review:transition', ENERGY, '2022-03-15', { dueDate: null, status: 'undated' }],
];

describe('the shipped rules of the three main areas', () => {
  it('has a row here for every one of their company deadline rules', () => {
    const keys = kb.documents.filter((d) => AREAS.includes(d.id)).flatMap((d) => d.items.flatMap((i) => i.deadlines.filter((r) => r.actor === 'company').map((r) => `${i.id}:${r.id}`)));
    expect([...keys].sort()).toEqual(ROWS.map((r) => r[0]).sort());
  });

  // 三、(六) L2396–2398, 第十二条/第十四条 of the pharmacy measures: 公布, 告知, 评估 and 拨付 are the
  // authority's acts. They never become the company's to-do (no 逾期, no 标记完成); each is shown
  // beside the company's duties of the same item.
  it.each([
    ['car-rental-opinions/opening-filing', CAR_RENTAL, '2021-09-20', '主管部门公布备案信息：办理备案后2个工作日内（《北京市贯彻《小微型客车租赁经营服务管理办法》的实施意见》三、（六））'],
    ['car-rental-opinions/filing-renewal', CAR_RENTAL, '2024-06-10', '超过备案有效期 30 日未申请延续的，予以管理注销'],
    ['car-rental-opinions/zero-vehicle-cancellation', ZERO_VEHICLE, '2021-09-20', null],
    ['pharmacy-designation/designation-application', PHARMACY, '2022-03-01', '材料不全的，区经办机构一次性告知补充'],
    ['pharmacy-designation/rights-and-payment', PHARMACY, '2022-03-01', null],
  ] as const)('%s: the authority’s time limits are information, not duties', (itemId, parts, today, shown) => {
    const duties = computeDuties(kb, record(parts), EMPTY_TRACKING, shippedCalendar(), asIsoDate(today));
    const ofItem = duties.filter((d) => d.itemId === itemId);
    expect(ofItem.every((d) => d.actor === 'company')).toBe(true);
    expect(duties.some((d) => d.actor === 'authority')).toBe(false);
    if (shown !== null) {
      expect(ofItem.length).toBeGreaterThan(0);
      for (const duty of ofItem) {
        expect(duty.authorityActs.join('；')).toContain(shown);
        expect(duty.basis.explanation).toContain('不是企业的待办');
      }
    }
  });

  it.each(ROWS)('%s', (key, parts, today, expected) => {
    const duties = computeDuties(kb, record(parts), EMPTY_TRACKING, shippedCalendar(), asIsoDate(today)).filter((d) => `${d.itemId}:${d.ruleId}` === key);
    const { subject, ...fields } = expected;
    const matching = duties.filter((d) => (subject === undefined || d.subject.label === subject) && (fields.periodKey === undefined || d.periodKey === fields.periodKey));
    expect(matching.length).toBeGreaterThan(0);
    for (const duty of matching) {
      expect(duty).toMatchObject(fields);
      expect(duty.basis.explanation.length).toBeGreaterThan(0);
      expect(duty.basis.reference).toMatch(/^《.+》.+/);
    }
  });

  it('names the month-end, holiday and make-up-day reasoning in the explanations', () => {
    const duties = computeDuties(kb, record(PHARMACY), EMPTY_TRACKING, shippedCalendar(), asIsoDate('2022-03-01'));
    const renewal = duties.find((d) => d.ruleId === 'renewal-application');
    expect(renewal?.basis.explanation).toContain('调休上班日');
  });

  it('asks only pre-2021-04-01 非营运 vehicles to convert, and only fleet vehicles to retire at 15 years', () => {
    const fleet: RecordParts = {
      ...CAR_RENTAL,
      vehicles: [
        { plate: '京A00001', usageNature: '非营运', registeredOn: '2010-03-15', inServiceOn: '2020-01-01' },
        { plate: '京A00003', usageNature: '租赁', registeredOn: '2019-05-01', inServiceOn: '2019-05-01' },
        { plate: '京A00004', usageNature: '非营运', registeredOn: '2021-05-01', inServiceOn: '2021-05-01' },
        { plate: '京A00002', usageNature: '营运', registeredOn: '2020-01-01', inServiceOn: '2020-01-01' },
      ],
    };
    const duties = computeDuties(kb, record(fleet), EMPTY_TRACKING, shippedCalendar(), asIsoDate('2021-09-20'));
    const plates = (ruleId: string) => duties.filter((d) => d.ruleId === ruleId).map((d) => d.subject.label).sort();
    expect(plates('conversion-deadline')).toEqual(['京A00001']);
    expect(plates('rental-service-life')).toEqual(['京A00001', '京A00003', '京A00004']);
    expect(plates('operating-service-life')).toEqual(['京A00002']);
  });
});
