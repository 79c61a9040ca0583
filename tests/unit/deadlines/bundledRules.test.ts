import { describe, expect, it } from 'vitest';
import { loadBundledKnowledgeBase } from '../../../electron/cli/commands/policies';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { computeDuties, type Duty } from '../../../shared/deadlines/duties';
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

const CAR_RENTAL: RecordParts = {
  company: { industryCode: 'L7111', establishedOn: '2021-08-01' },
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
    { kind: 'termination', date: '2021-12-31' },
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
  ['car-rental-opinions/opening-filing:after-registration', CAR_RENTAL, '2021-09-20', { dueDate: '2021-09-30' }],
  ['car-rental-opinions/opening-filing:after-new-outlet', CAR_RENTAL, '2021-09-20', { dueDate: '2021-11-15' }],
  // 2 working days: Friday 09-17 and the make-up Saturday 09-18.
  ['car-rental-opinions/opening-filing:publication', CAR_RENTAL, '2021-09-20', { dueDate: '2021-09-18', actor: 'authority' }],
  ['car-rental-opinions/filing-change:change', CAR_RENTAL, '2021-09-20', { dueDate: '2021-10-08' }],
  ['car-rental-opinions/filing-change:district-move', CAR_RENTAL, '2021-09-20', { dueDate: '2022-01-30' }],
  ['car-rental-opinions/filing-renewal:renewal-window', CAR_RENTAL, '2024-06-10', { dueDate: '2024-06-28', window: { opens: '2024-05-31', closes: '2024-06-28' } }],
  ['car-rental-opinions/filing-renewal:management-cancellation', CAR_RENTAL, '2024-06-10', { dueDate: '2024-07-30', actor: 'authority' }],
  // 2022-01-15 is an ordinary Saturday.
  ['car-rental-opinions/filing-cancellation:cancellation', CAR_RENTAL, '2021-09-20', { dueDate: '2022-01-17' }],
  ['car-rental-opinions/filing-cancellation:time-share-notice', CAR_RENTAL, '2021-09-20', { dueDate: '2021-12-01' }],
  ['car-rental-opinions/zero-vehicle-cancellation:zero-vehicle-deadline', ZERO_VEHICLE, '2021-09-20', { dueDate: '2021-10-31', actor: 'authority' }],
  ['car-rental-opinions/convert-non-operating-vehicles:conversion-deadline', CAR_RENTAL, '2021-09-20', { dueDate: '2022-03-31', subject: '京A00001' }],
  ['car-rental-opinions/service-life:rental-service-life', CAR_RENTAL, '2021-09-20', { dueDate: '2025-03-17', subject: '京A00001' }],
  ['car-rental-opinions/service-life:operating-service-life', CAR_RENTAL, '2021-09-20', { dueDate: null, status: 'undated', dueText: '以主管部门通知为准' }],
  // 1 year from 2022-01-09 (第二百零一条: the signing day is not counted).
  ['pharmacy-designation/agreement-performance:agreement-term', PHARMACY, '2022-03-01', { dueDate: '2023-01-09' }],
  ['pharmacy-designation/designation-application:incomplete-materials-notice', PHARMACY, '2022-03-01', { dueDate: '2022-03-08', actor: 'authority' }],
  ['pharmacy-designation/designation-application:evaluation', PHARMACY, '2022-03-01', { dueDate: '2022-06-01', actor: 'authority' }],
  ['pharmacy-designation/designation-application:re-evaluation', PHARMACY, '2022-03-01', { dueDate: '2022-06-16', limit: 'earliest', status: 'waiting' }],
  ['pharmacy-designation/designation-application:reapplication-bar', PHARMACY, '2022-03-01', { dueDate: '2023-03-16', limit: 'earliest' }],
  ['pharmacy-designation/training-and-self-inspection:self-inspection', PHARMACY, '2022-03-01', { dueDate: null, dueText: '以主管部门通知为准' }],
  ['pharmacy-designation/sales-data-upload:purchase-upload', PHARMACY, '2022-03-01', { dueDate: null, status: 'undated' }],
  ['pharmacy-designation/sales-data-upload:stock-data-report', PHARMACY, '2022-03-01', { dueDate: null, status: 'undated' }],
  ['pharmacy-designation/record-retention:retention', PHARMACY, '2022-03-01', { dueDate: null, limit: 'earliest', status: 'undated' }],
  // 30 working days from 03-01, counting the 清明 make-up Saturday 04-02 and skipping 04-03..05.
  ['pharmacy-designation/rights-and-payment:payment', PHARMACY, '2022-03-01', { dueDate: '2022-04-13', actor: 'authority' }],
  ['pharmacy-designation/major-change:major-change-application', PHARMACY, '2022-03-01', { dueDate: '2022-04-13' }],
  ['pharmacy-designation/major-change:general-change-notice', PHARMACY, '2022-03-01', { dueDate: null, status: 'undated' }],
  // Agreement signed 2022-01-09, ends 2023-01-09; 3 months before is Sunday 2022-10-09, a make-up working day.
  ['pharmacy-designation/agreement-renewal:renewal-application', PHARMACY, '2022-03-01', { dueDate: '2022-10-09' }],
  ['pharmacy-designation/agreement-suspension:suspension-notice', PHARMACY, '2022-03-01', { dueDate: '2022-03-30', status: 'dueWithin30' }],
  ['pharmacy-designation/agreement-suspension:resume-application', PHARMACY, '2022-03-01', { dueDate: '2022-12-27' }],
  ['pharmacy-designation/agreement-exit:termination-notice', PHARMACY, '2022-03-01', { dueDate: '2022-06-30' }],
  ['pharmacy-designation/agreement-exit:non-renewal-notice', PHARMACY, '2022-03-01', { dueDate: '2022-10-09' }],
  ['energy-saving-plan/monthly-energy-data:monthly-report', ENERGY, '2022-03-15', { periodKey: '2022-03', dueDate: null, dueText: '本月内', status: 'dueWithin30', window: { opens: '2022-03-01', closes: '2022-03-31' } }],
  ['energy-saving-plan/data-centre-realtime-power:realtime-connection', ENERGY, '2022-03-15', { dueDate: null, status: 'undated' }],
  ['energy-saving-plan/low-efficiency-data-centre:rectification', ENERGY, '2022-03-15', { dueDate: null, status: 'undated' }],
  ['energy-saving-plan/data-centre-energy-review:transition', ENERGY, '2022-03-15', { dueDate: null, status: 'undated' }],
];

describe('the shipped rules of the three main areas', () => {
  it('has a row here for every one of their deadline rules', () => {
    const keys = kb.documents.filter((d) => AREAS.includes(d.id)).flatMap((d) => d.items.flatMap((i) => i.deadlines.map((r) => `${i.id}:${r.id}`)));
    expect([...keys].sort()).toEqual(ROWS.map((r) => r[0]).sort());
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
