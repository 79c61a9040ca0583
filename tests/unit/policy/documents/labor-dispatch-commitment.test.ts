import { describe, expect, it } from 'vitest';
import { findItem, loadDocument } from '../policyTestKit';
import { describeDocumentBasics, evaluateSlug, type Facts } from './documentIntegrity';

const document = loadDocument('labor-dispatch-commitment');
const evaluate = (slug: string, facts: Facts) => evaluateSlug(document, slug, facts);

describe('labor-dispatch-commitment', () => {
  describeDocumentBasics(document);

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
    const materials = findItem(document, 'commitment-licence-application').materials;
    expect(materials.map((m) => m.name)).toEqual(expect.arrayContaining(['劳务派遣经营许可申请书（申请表）', '北京市劳务派遣经营许可告知承诺书', '授权委托书']));
    const commitment = materials.find((m) => m.id === 'commitment-letter');
    expect(commitment?.needsSignatureAndSeal).toBe(true);
    expect(commitment?.note).toContain('一式两份');
    const attorney = materials.find((m) => m.id === 'power-of-attorney');
    expect(attorney?.when).toMatchObject({ fact: 'answer.laborDispatchUsesAgent', comparator: 'isTrue' });
  });

  it('keeps the stated periods: 7 个工作日 公示, 3 个月内 实地核查, and the 0.5 个工作日 only in words', () => {
    const publicity = findItem(document, 'commitment-licence-application').deadlines.find((d) => d.id === 'apply-publicity');
    expect(publicity).toMatchObject({ direction: 'after', offset: { amount: 7, unit: 'workday' }, actor: 'authority', statedInText: true });
    expect(publicity?.note).toContain('0.5 个工作日');
    expect(findItem(document, 'post-licence-verification').deadlines[0]).toMatchObject({
      direction: 'after', offset: { amount: 3, unit: 'month' }, actor: 'authority', statedInText: true,
    });
  });

  it('has a yearly 年度经营情况 report whose day the text does not state', () => {
    const rule = findItem(document, 'annual-operation-report').deadlines[0];
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
