import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentIntegrity, evaluateSlug } from './documentIntegrity';

const document = loadDocument('instruments-sensors-measures');
const INDUSTRY = 'answer.isHighEndInstrumentOrSensorEnterprise';
const FIRST = 'answer.revenueFirstCrossedMilestone';

describe('instruments-sensors-measures (支持发展高端仪器装备和传感器产业的若干政策措施)', () => {
  describeDocumentIntegrity(document);

  it.each([
    [12000, true, 'yes'],
    [9999.99, true, 'no'],
    [50000, false, 'no'],
    [null, true, 'unknown'],
  ] as const)('三、9.: revenue %s 万元, first crossing %s → requirements %s', (revenue, first, met) => {
    const result = evaluateSlug(document, 'revenue-milestone-reward', { [INDUSTRY]: true, 'company.annualRevenueWanYuan': revenue, [FIRST]: first });
    expect(result.requirementsMet).toBe(met);
  });

  it('三、9.: the gap says how far the revenue is from 1 亿元', () => {
    const result = evaluateSlug(document, 'revenue-milestone-reward', { [INDUSTRY]: true, 'company.annualRevenueWanYuan': 8000, [FIRST]: true });
    expect(result.gaps.map((g) => g.text)).toEqual(['年度营业收入须首次突破 1 亿元（10000 万元），现为 8000 万元']);
  });

  it('三、8.: premises subsidies need the industry recognition first', () => {
    const result = evaluateSlug(document, 'premises-cost-support', { [INDUSTRY]: true, 'answer.isRecognisedInstrumentSensorEnterprise': false });
    expect(result.requirementsMet).toBe('no');
    expect(result.gaps[0]?.citation?.quote).toContain('经认定的');
  });

  it('二、4.: the government stake in start-up teams is capped at 10% as stated', () => {
    expect(findItem(document, 'commercialisation-awards-and-equity').citation.quote).toContain('政府方持有股权不超过 10%');
  });

  it('states no amounts where the measures leave them to implementing rules', () => {
    for (const item of document.items) expect(item.benefit?.capWanYuan ?? null, item.id).toBeNull();
  });
});
