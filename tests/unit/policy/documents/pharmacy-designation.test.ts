import { describe, expect, it } from 'vitest';
import { createFixedFacts, evaluateExample, evaluateItem } from '../../../../shared/policy/evaluate';
import type { Condition } from '../../../../shared/policy/knowledgeBase';
import { validateKnowledgeBase } from '../../../../shared/policy/loadKnowledgeBase';
import { SOURCE_TEXT, findItem, knowledgeBaseOf, loadDocument } from '../policyTestKit';

const document = loadDocument('pharmacy-designation');
const item = (slug: string) => findItem(document, slug);
const examples = document.items.flatMap((i) => i.examples.map((e) => [i.id, e.label, i, e] as const));

function leaves(condition: Condition | undefined): Condition[] {
  if (condition === undefined) return [];
  if (condition.op === 'fact') return [condition];
  return condition.op === 'not' ? leaves(condition.of) : condition.of.flatMap(leaves);
}

describe('pharmacy-designation (北京市零售药店医疗保障定点管理暂行办法)', () => {
  it('passes the integrity checks: every quote is in the compilation at its lines', () => {
    const result = validateKnowledgeBase(knowledgeBaseOf([document]), SOURCE_TEXT);
    expect(result.ok ? [] : result.error.details).toEqual([]);
  });

  it('records what the compilation prints: no issuer, number or issue date; in force 2022-01-01 (第五十条)', () => {
    expect(document).toMatchObject({ issuers: [], docNumber: null, domain: '医疗卫生', lines: { start: 4667, end: 5195 }, isGovernmentOnly: false });
    expect(document.issuedOn).toMatchObject({ date: null, isInferred: false });
    expect(document.effectiveOn).toMatchObject({ date: '2022-01-01', isInferred: false });
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

  it('checks every condition of 第五条 and every ground of 第十一条, each with its own citation', () => {
    const application = item('designation-application');
    const refs = leaves(application.requirements).map((c) => c.citation?.ref);
    for (const n of ['一', '二', '三', '四', '五', '六', '七']) {
      expect(refs).toContain(`第五条第（${n}）项`);
      expect(refs).toContain(`第十一条第（${n}）项`);
    }
    expect(leaves(application.requirements).every((c) => c.citation !== undefined)).toBe(true);
  });

  it('lists the eight materials of 第六条 in order', () => {
    const materials = item('designation-application').materials;
    expect(materials.map((m) => m.citation.ref)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八'].map((n) => `第六条第（${n}）项`));
    expect(materials[0]?.name).toBe('定点零售药店申请表');
    expect(materials[6]?.name).toBe('纳入定点后使用医疗保障基金的预测性分析报告');
  });

  it.each([
    ['designation-application', 'incomplete-materials-notice', 'designationApplication', 'after', 5, 'workday', 'authority', 'latest'],
    ['designation-application', 'evaluation', 'designationAccepted', 'after', 3, 'month', 'authority', 'latest'],
    ['designation-application', 're-evaluation', 'evaluationResultNotified', 'after', 3, 'month', 'authority', 'earliest'],
    ['designation-application', 'reapplication-bar', 'evaluationResultNotified', 'after', 1, 'year', 'company', 'earliest'],
    ['agreement-performance', 'agreement-term', 'agreementSigned', 'after', 1, 'year', 'company', 'latest'],
    ['major-change', 'major-change-application', 'majorChange', 'after', 30, 'workday', 'company', 'latest'],
    ['agreement-renewal', 'renewal-application', 'pharmacy.insuranceAgreementEndsOn', 'before', 3, 'month', 'company', 'latest'],
    ['agreement-suspension', 'resume-application', 'agreementSuspended', 'after', 180, 'day', 'company', 'latest'],
    ['agreement-suspension', 'suspension-notice', 'agreementSuspended', 'before', 3, 'month', 'company', 'latest'],
    ['agreement-exit', 'termination-notice', 'agreementTerminated', 'before', 3, 'month', 'company', 'latest'],
    ['rights-and-payment', 'payment', 'reimbursementClaimSubmitted', 'after', 30, 'workday', 'authority', 'latest'],
    ['record-retention', 'retention', null, 'after', 2, 'year', 'company', 'earliest'],
  ])('%s/%s: %s %s %i %s, %s acts (%s)', (slug, ruleId, trigger, direction, amount, unit, actor, limit) => {
    const rule = item(slug).deadlines.find((r) => r.id === ruleId);
    expect(rule).toMatchObject({ direction, offset: { amount, unit }, actor, limit, statedInText: true });
    if (trigger !== null) {
      const t = rule?.trigger;
      expect(t?.kind === 'event' ? t.event : t?.kind === 'factDate' ? t.fact : null).toBe(trigger);
    }
  });

  it('marks the time limits the text leaves open (及时, 定期) as not stated', () => {
    const open = document.items.flatMap((i) => i.deadlines.filter((r) => !r.statedInText).map((r) => `${i.id}#${r.id}`));
    expect(open).toEqual([
      'pharmacy-designation/training-and-self-inspection#self-inspection',
      'pharmacy-designation/sales-data-upload#purchase-upload',
      'pharmacy-designation/sales-data-upload#stock-data-report',
      'pharmacy-designation/major-change#general-change-notice',
    ]);
  });

  it('covers every enterprise-facing article with an item cited to it', () => {
    const cited = new Set(document.items.map((i) => /^第[一二三四五六七八九十]+条/.exec(i.citation.ref)?.[0]));
    for (const article of ['第五条', '第九条', '第十三条', '第十四条', '第十五条', '第十六条', '第十七条', '第十八条', '第十九条', '第二十条',
      '第二十一条', '第二十二条', '第二十三条', '第二十九条', '第三十二条', '第三十五条', '第三十六条', '第三十七条', '第三十八条', '第三十九条',
      '第四十条', '第四十一条']) {
      expect(cited).toContain(article);
    }
  });

  it('names the insurance-manager gap in plain words', () => {
    const result = evaluateItem(item('designation-application'), document, createFixedFacts({
      'company.industryCode': 'F5251', 'pharmacy.qualifiedInsuranceManagerCount': 1,
    }));
    expect(result.gaps.map((g) => g.text)).toContain('医保管理人员：需 2 名劳动合同期限不少于 1 年且在合同期内，现有 1 名');
  });
});
