import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import type { EvaluationSummary, ItemEvaluation } from '../../../shared/policy/evaluate';
import { createFixedFacts, evaluateItem } from '../../../shared/policy/evaluate';
import { findItem, loadDocument } from './policyTestKit';

/*
 * Issue #12 point 7: on the three samples, on 2026-12-05, the overview decides. At most 10 % of the
 * enterprise-facing items stay undecided, at most 25 distinct questions are open, every decided
 * item names the facts and the sentence it rests on, and a presumption is told apart from a
 * decision on facts. Run through the CLI, as the issue checks it.
 */

const samples = path.resolve(import.meta.dirname, '../../../resources/samples');
const SAMPLES = [
  ['retailPharmacy.json', '北京康宁大药房有限公司'],
  ['carRental.json', '北京顺达通汽车租赁有限公司'],
  ['dataCentre.json', '北京云泽数据科技有限公司'],
] as const;

async function evaluateSample(file: string, company: string): Promise<{ summary: EvaluationSummary; items: ItemEvaluation[] }> {
  const out: string[] = [];
  const code = await runCli(['evaluate', file, '--company', company, '--date', '2026-12-05', '--json'], { out: (t) => out.push(t), err: () => undefined, cwd: samples });
  expect(code).toBe(0);
  return JSON.parse(out.join('\n')) as { summary: EvaluationSummary; items: ItemEvaluation[] };
}

describe.each(SAMPLES)('overview of %s on 2026-12-05', (file, company) => {
  it('leaves at most 10 % undecided and at most 25 open questions, with the counts in summary', async () => {
    const { summary, items } = await evaluateSample(file, company);
    expect(summary.enterpriseFacing).toBe(items.length);
    expect(summary.applicable + summary.undecided + summary.notApplicable).toBe(items.length);
    expect(summary.undecided / summary.enterpriseFacing).toBeLessThanOrEqual(0.1);
    expect(summary.openQuestions).toBeLessThanOrEqual(25);
    expect(summary.presumed).toBe(items.filter((i) => i.basis === 'presumption').length);
  });

  it('names, for every decided item, the facts and the quoted sentence it rests on; presumptions carry their reason', async () => {
    const { items } = await evaluateSample(file, company);
    for (const item of items.filter((i) => i.applies !== 'unknown')) {
      expect(item.grounds.length, item.id).toBeGreaterThan(0);
      for (const g of item.grounds) {
        expect(g.text, item.id).not.toBe('');
        expect(g.citation.quote.length, item.id).toBeGreaterThan(0);
      }
      expect(item.basis).not.toBeNull();
      if (item.basis === 'presumption') {
        expect(item.presumptions.length, item.id).toBeGreaterThan(0);
        for (const p of item.presumptions) expect(p.reason).toMatch(/^面向|^第六条/);
        expect(item.grounds.some((g) => g.presumed), item.id).toBe(true);
      }
    }
  });
});

describe('no gap for an item outside the company\'s field', () => {
  it('does not tell the car-rental company 年度营业收入须首次突破 1 亿元 (instruments-and-sensors reward)', async () => {
    const { items } = await evaluateSample('carRental.json', '北京顺达通汽车租赁有限公司');
    const gaps = items.filter((i) => i.applies !== 'no').flatMap((i) => i.gaps.map((g) => g.text));
    expect(gaps.some((t) => t.includes('1 亿元'))).toBe(false);
    const reward = items.filter((i) => i.documentId === 'instruments-sensors-measures');
    expect(reward.length).toBeGreaterThan(0);
    for (const r of reward) expect(r).toMatchObject({ applies: 'no', basis: 'presumption' });
    expect(reward.flatMap((r) => r.presumptions.map((p) => p.reason))).toContain('面向高端仪器装备和传感器产业；本企业行业为 L7111 汽车租赁，经营范围未涉及“仪器”“传感器”');
  });
});

describe('presumptions are made only from known facts and yield to answers', () => {
  const document = loadDocument('instruments-sensors-measures');
  const item = findItem(document, 'key-technology-rd');
  const presumptions = new Map(item.questions.flatMap((q) => (q.presume === undefined ? [] : [[q.key, q.presume] as const])));
  const run = (facts: Record<string, string | number | boolean | null>) => evaluateItem(item, document, createFixedFacts(facts, presumptions));
  it.each([
    // [label, facts, applies, basis]
    ['a pharmacy (F5251) is presumed outside', { 'company.industryCode': 'F5251', 'company.industryName': '药品零售', 'company.businessScope': '药品零售' }, 'no', 'presumption'],
    ['an instrument maker (C4011) is asked', { 'company.industryCode': 'C4011', 'company.businessScope': '仪器仪表制造' }, 'unknown', null],
    ['a trader whose scope names 传感器 is asked', { 'company.industryCode': 'F5179', 'company.businessScope': '传感器销售' }, 'unknown', null],
    ['no industry code: nothing is presumed', { 'company.industryCode': null }, 'unknown', null],
    ['an answer overrides the presumption', { 'company.industryCode': 'F5251', 'company.businessScope': '药品零售', 'answer.isHighEndInstrumentOrSensorEnterprise': true }, 'yes', 'facts'],
  ] as const)('%s', (_label, facts, applies, basis) => {
    const result = run(facts);
    expect(result.applies).toBe(applies);
    expect(result.basis).toBe(basis);
  });
});

describe('a measure the text limits in time stops applying after it (L1327–1335)', () => {
  const document = loadDocument('sme-support-measures');
  const item = findItem(document, 'manufacturing-tax-deferral');
  it.each([
    ['2021-11-30', 'within'],
    ['2026-12-05', 'after'],
  ] as const)('on %s the 2021 年第四季度 deferral is %s its period', (date, status) => {
    const result = evaluateItem(item, document, createFixedFacts({ 'company.sizeClass': '中型', 'company.industryCode': 'C3442', 'evaluation.date': date }));
    expect(result.period).toMatchObject({ label: '2021 年第四季度', status, citation: { lines: { start: 1327, end: 1335 } } });
    if (status === 'after') {
      expect(result).toMatchObject({ applies: 'no', basis: 'facts' });
      expect(result.grounds[0]?.text).toBe('判断日 2026-12-05 已过措施期限（2021 年第四季度）');
    }
  });
});
