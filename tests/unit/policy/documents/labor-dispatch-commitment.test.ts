import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFixedFacts, evaluateExample, evaluateItem } from '../../../../shared/policy/evaluate';
import {
  KNOWLEDGE_BASE_FORMAT, KNOWLEDGE_BASE_SCHEMA_VERSION, policyDocumentSchema, type PolicyItem,
} from '../../../../shared/policy/knowledgeBase';
import { validateKnowledgeBase } from '../../../../shared/policy/loadKnowledgeBase';

const resources = new URL('../../../../resources/policies/', import.meta.url);
const sourceText = readFileSync(new URL('source.txt', resources), 'utf8');
const manifest = JSON.parse(readFileSync(new URL('manifest.json', resources), 'utf8')) as { source: { lineCount: number } };
const document = policyDocumentSchema.parse(JSON.parse(readFileSync(new URL('documents/labor-dispatch-commitment.json', resources), 'utf8')));

function item(slug: string): PolicyItem {
  const found = document.items.find((i) => i.id === `${document.id}/${slug}`);
  if (found === undefined) throw new Error(`no item ${slug}`);
  return found;
}
type Facts = Record<string, string | number | boolean | null>;
const evaluate = (slug: string, facts: Facts) => evaluateItem(item(slug), document, createFixedFacts(facts));

const examples = document.items.flatMap((i) => i.examples.map((e) => [i.id, e.label, i, e] as const));

describe('labor-dispatch-commitment', () => {
  it('passes the knowledge-base integrity checks (every quote found in the compilation within its lines)', () => {
    const result = validateKnowledgeBase({
      format: KNOWLEDGE_BASE_FORMAT, schemaVersion: KNOWLEDGE_BASE_SCHEMA_VERSION, dataVersion: '2026.11.26-1',
      source: { file: 'source.txt', title: '', lineCount: manifest.source.lineCount }, documents: [document],
    }, sourceText);
    expect(result.ok ? [] : result.error.details).toEqual([]);
  });

  it('has, for every item with conditions, a case from the text that applies and one that does not', () => {
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

  it('records the 通告 as issued and in force on its signature date', () => {
    expect(document.docNumber).toBe('京人社发〔2021〕8号');
    expect(document.issuedOn).toMatchObject({ date: '2021-08-26', isInferred: true });
    expect(document.effectiveOn).toMatchObject({ date: '2021-08-26', isInferred: true });
  });

  const ready: Facts = {
    'company.isInFreeTradeZone': true, 'answer.operatesLaborDispatch': true, 'licence.hasValid:劳务派遣经营许可证': false,
    'company.entityType': '有限责任公司', 'answer.laborDispatchInfoMatchesRegistration': true,
    'answer.laborDispatchHasSuitablePremises': true, 'answer.laborDispatchHasSuitableEquipment': true,
    'answer.laborDispatchHasManagementRules': true, 'answer.laborDispatchHasAgreementTemplate': true,
  };

  it.each([
    ['一、自贸试验区内依照公司法注册的单位，条件齐备', ready, 'yes', 'yes'],
    ['一、取得名称预先核准通知书的申请人（尚未登记）', { ...ready, 'company.entityType': null, 'answer.hasNamePreApprovalNotice': true }, 'yes', 'yes'],
    ['一、自贸试验区外的单位不适用告知承诺制', { ...ready, 'company.isInFreeTradeZone': false }, 'no', null],
    ['六、(三)2. 没有相适应的设备设施', { ...ready, 'answer.laborDispatchHasSuitableEquipment': false }, 'yes', 'no'],
  ] as const)('application: %s', (_label, facts, applies, met) => {
    const result = evaluate('commitment-licence-application', facts);
    expect(result.applies).toBe(applies);
    expect(result.requirementsMet).toBe(met);
  });

  it('names the missing 核查事项 as gaps', () => {
    const result = evaluate('commitment-licence-application', {
      ...ready, 'answer.laborDispatchHasManagementRules': false, 'answer.laborDispatchHasAgreementTemplate': false,
    });
    expect(result.gaps.map((g) => g.text)).toEqual(['需制定劳务派遣管理制度文本', '需准备拟与用工单位签订的劳务派遣协议样本']);
  });

  it('asks for an undecided 核查事项 instead of guessing it', () => {
    const result = evaluate('commitment-licence-application', { ...ready, 'answer.laborDispatchHasSuitablePremises': null });
    expect(result.requirementsMet).toBe('unknown');
    expect(result.missingFacts.map((m) => m.fact)).toEqual(['answer.laborDispatchHasSuitablePremises']);
  });

  it('lists the 申请书, the signed 告知承诺书 and, only for an agent, the 授权委托书', () => {
    const materials = item('commitment-licence-application').materials;
    expect(materials.map((m) => m.name)).toEqual(expect.arrayContaining(['劳务派遣经营许可申请书（申请表）', '北京市劳务派遣经营许可告知承诺书', '授权委托书']));
    const commitment = materials.find((m) => m.id === 'commitment-letter');
    expect(commitment?.needsSignatureAndSeal).toBe(true);
    expect(commitment?.note).toContain('一式两份');
    const attorney = materials.find((m) => m.id === 'power-of-attorney');
    expect(attorney?.when).toMatchObject({ fact: 'answer.laborDispatchUsesAgent', comparator: 'isTrue' });
  });

  it('keeps the stated periods: 7 个工作日 公示, 3 个月内 实地核查, and the 0.5 个工作日 only in words', () => {
    const publicity = item('commitment-licence-application').deadlines.find((d) => d.id === 'apply-publicity');
    expect(publicity).toMatchObject({ direction: 'after', offset: { amount: 7, unit: 'workday' }, actor: 'authority', statedInText: true });
    expect(publicity?.note).toContain('0.5 个工作日');
    expect(item('post-licence-verification').deadlines[0]).toMatchObject({
      direction: 'after', offset: { amount: 3, unit: 'month' }, actor: 'authority', statedInText: true,
    });
  });

  it('has a yearly 年度经营情况 report whose day the text does not state', () => {
    const rule = item('annual-operation-report').deadlines[0];
    expect(rule).toMatchObject({ trigger: { kind: 'recurring', every: 'year' }, direction: 'recurring', statedInText: false, offset: null });
    expect(rule?.note).toContain('未载明报告日期');
  });

  it('concerns only units that obtained the licence by commitment for the post-licence duties', () => {
    const holder: Facts = { 'licence.hasValid:劳务派遣经营许可证': true, 'company.isInFreeTradeZone': true, 'answer.laborDispatchLicenceByCommitment': true };
    for (const slug of ['post-licence-verification', 'annual-operation-report', 'commitment-compliance']) {
      expect(evaluate(slug, holder).applies).toBe('yes');
      expect(evaluate(slug, { ...holder, 'answer.laborDispatchLicenceByCommitment': false }).applies).toBe('no');
    }
  });
});
