import { describe, expect, it } from 'vitest';
import { evaluateExample } from '../../../../shared/policy/evaluate';
import { validateKnowledgeBase } from '../../../../shared/policy/loadKnowledgeBase';
import { SOURCE_TEXT, findItem, knowledgeBaseOf, loadDocument } from '../policyTestKit';

const document = loadDocument('car-rental-opinions');
const item = (slug: string) => findItem(document, slug);
const examples = document.items.flatMap((i) => i.examples.map((e) => [i.id, e.label, i, e] as const));

describe('car-rental-opinions (北京市贯彻《小微型客车租赁经营服务管理办法》的实施意见)', () => {
  it('passes the integrity checks', () => {
    const result = validateKnowledgeBase(knowledgeBaseOf([document]), SOURCE_TEXT);
    expect(result.ok ? [] : result.error.details).toEqual([]);
  });

  it('takes issue and effective dates from the signature line, marked as inferred', () => {
    expect(document.issuers).toEqual(['北京市交通委员会']);
    expect(document.issuedOn).toMatchObject({ date: '2021-08-31', isInferred: true });
    expect(document.effectiveOn).toMatchObject({ date: '2021-08-31', isInferred: true });
    expect(document.effectiveOn.note).toContain('自印发之日起实施');
  });

  it('has, for every item with conditions, a case that applies and one that does not', () => {
    const lacking = document.items
      .filter((i) => i.appliesWhen !== undefined)
      .filter((i) => !i.examples.some((e) => e.applies === 'yes') || !i.examples.some((e) => e.applies === 'no'))
      .map((i) => i.id);
    expect(lacking).toEqual([]);
  });

  it.each(examples)('%s: %s', (_id, _label, policyItem, example) => {
    const result = evaluateExample(policyItem, document.id, example);
    expect(result.applies).toBe(example.applies);
    if (example.requirementsMet !== undefined) expect(result.requirementsMet).toBe(example.requirementsMet);
  });

  it.each([
    ['opening-filing', 'after-registration', { kind: 'event', event: 'marketRegistration' }, 'after', { amount: 60, unit: 'day' }, 'company'],
    ['opening-filing', 'after-new-outlet', { kind: 'event', event: 'serviceOutletOpened' }, 'after', { amount: 60, unit: 'day' }, 'company'],
    ['opening-filing', 'publication', { kind: 'event', event: 'filing' }, 'after', { amount: 2, unit: 'workday' }, 'authority'],
    ['filing-change', 'change', { kind: 'event', event: 'filingChange' }, 'after', { amount: 15, unit: 'day' }, 'company'],
    ['filing-change', 'district-move', { kind: 'event', event: 'districtChange' }, 'after', { amount: 15, unit: 'day' }, 'company'],
    ['filing-renewal', 'renewal-window', { kind: 'factDate', fact: 'carRental.filingExpiresOn' }, 'window', { amount: 30, unit: 'day' }, 'company'],
    ['filing-renewal', 'management-cancellation', { kind: 'factDate', fact: 'carRental.filingExpiresOn' }, 'after', { amount: 30, unit: 'day' }, 'authority'],
    ['filing-cancellation', 'cancellation', { kind: 'event', event: 'termination' }, 'after', { amount: 15, unit: 'day' }, 'company'],
    ['filing-cancellation', 'time-share-notice', { kind: 'event', event: 'termination' }, 'before', { amount: 30, unit: 'day' }, 'company'],
    ['zero-vehicle-cancellation', 'zero-vehicle-deadline', { kind: 'fixedDate', date: '2021-10-31' }, 'fixed', null, 'authority'],
    ['convert-non-operating-vehicles', 'conversion-deadline', { kind: 'fixedDate', date: '2022-03-31' }, 'fixed', null, 'company'],
    ['service-life', 'rental-service-life', { kind: 'factDate', fact: 'vehicle.registeredOn' }, 'after', { amount: 15, unit: 'year' }, 'company'],
  ])('%s/%s', (slug, ruleId, trigger, direction, offset, actor) => {
    const rule = item(slug).deadlines.find((r) => r.id === ruleId);
    expect(rule).toMatchObject({ trigger, direction, offset, actor, statedInText: true });
  });

  it('keeps the 分时租赁 notice and extra materials for 分时租赁 operators only', () => {
    expect(item('filing-cancellation').deadlines.find((r) => r.id === 'time-share-notice')?.when).toMatchObject({ fact: 'vehicles.hasTimeShare' });
    const extras = item('opening-filing').materials.filter((m) => m.when !== undefined).map((m) => m.name);
    expect(extras).toEqual(['分时租赁业务信息化系统建设和运营相关材料', '车辆调配服务保障人员相关材料']);
  });

  it('does not invent an opening-filing checklist the text does not give', () => {
    const general = item('opening-filing').materials.find((m) => m.id === 'filing-materials');
    expect(general?.note).toContain('未列明清单');
  });

  it('does not state a service life for vehicles turned 营运', () => {
    expect(item('service-life').deadlines.find((r) => r.id === 'operating-service-life')).toMatchObject({ statedInText: false, offset: null });
  });
});
