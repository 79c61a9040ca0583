import { describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { idCopyWatermark, isIdCopy, planPacket } from '../../../shared/pdf/packetPlan';
import { fixtureDocument, loadTemplate, PHARMACY_CITATION, pharmacyDesignationItem, pharmacyRecord, TODAY } from './pdfTestKit';

const citation = PHARMACY_CITATION;

/** The pharmacy designation checklist as fixture materials. */
const item = pharmacyDesignationItem([
  { id: 'application-form', name: '定点零售药店申请表', citation },
  { id: 'licences-and-ids', name: '药品经营许可证、营业执照和法定代表人、主要负责人或实际控制人身份证复印件', citation },
  { id: 'pharmacist-certificates', name: '执业药师资格证书或药学技术人员相关证书及其劳动合同复印件', citation },
  { id: 'insurance-manager-contracts', name: '医保专（兼）职管理人员的劳动合同复印件', citation },
  { id: 'explicit', name: '其他材料', documentKinds: ['内部管理制度'], citation },
  {
    id: 'conditional',
    name: '授权委托书',
    citation,
    when: { op: 'fact', id: 'agent', label: '委托代理人办理', fact: 'answer.hasAgent', comparator: 'isTrue' },
  },
]);

const bytes = new Uint8Array(10);
const documents = [
  fixtureDocument('licence', '药品经营许可证', '药品经营许可证', 'a.pdf', bytes, { validTo: asIsoDate('2026-01-31') }),
  fixtureDocument('bl', '营业执照', '营业执照', 'b.pdf', bytes),
  fixtureDocument('id-legal', '身份证复印件', '王建国身份证', 'c.jpg', bytes, { subject: { kind: 'person', id: 'p1' } }),
  fixtureDocument('id-pharmacist', '身份证复印件', '张敏身份证', 'd.jpg', bytes, { subject: { kind: 'person', id: 'p2' } }),
  fixtureDocument('contract-pharmacist', '劳动合同', '张敏劳动合同', 'e.pdf', bytes, { subject: { kind: 'person', id: 'p2' } }),
  fixtureDocument('contract-insurance', '劳动合同', '赵磊劳动合同', 'f.pdf', bytes, { subject: { kind: 'person', id: 'p4' } }),
  fixtureDocument('rules', '内部管理制度', '制度', 'g.pdf', bytes),
];

describe('planPacket', () => {
  const templates = new Map([['pharmacy-designation-application', loadTemplate('pharmacy-designation-application')]]);
  const plan = (isApplicable?: boolean | null) =>
    planPacket(item, documents.map((d) => d.meta), {
      today: TODAY,
      templates,
      people: pharmacyRecord().people,
      isMaterialApplicable: isApplicable === undefined ? undefined : () => isApplicable,
    });

  it('keeps the checklist order and finds the form through the template usedFor', () => {
    const planned = plan();
    expect(planned.map((p) => p.material.id)).toEqual(['application-form', 'licences-and-ids', 'pharmacist-certificates', 'insurance-manager-contracts', 'explicit', 'conditional']);
    expect(planned[0]?.template?.id).toBe('pharmacy-designation-application');
  });

  it("matches documents by the material's name, and a person's documents by the roles it names", () => {
    const byMaterial = Object.fromEntries(plan().map((p) => [p.material.id, p.documents.map((d) => d.id)]));
    expect(byMaterial['licences-and-ids']).toEqual(['licence', 'bl', 'id-legal']);
    expect(byMaterial['pharmacist-certificates']).toEqual(['contract-pharmacist']);
    expect(byMaterial['insurance-manager-contracts']).toEqual(['contract-insurance']);
    expect(byMaterial.explicit).toEqual(['rules']);
  });

  it('warns about expired documents and name matches, and drops materials that do not apply', () => {
    const planned = plan(null);
    expect(planned.find((p) => p.material.id === 'licences-and-ids')?.warnings).toEqual(
      expect.arrayContaining(['“药品经营许可证”已于 2026年1月31日 过期', expect.stringContaining('按材料名称匹配')]),
    );
    expect(planned.find((p) => p.material.id === 'conditional')?.warnings[0]).toContain('视情况提供（委托代理人办理）');
    expect(plan(false).map((p) => p.material.id)).not.toContain('conditional');
  });

  it('watermarks ID copies with 仅供……使用', () => {
    expect(idCopyWatermark('申请医疗保障定点')).toBe('仅供申请医疗保障定点使用');
    expect(idCopyWatermark('小微型客车租赁开业备案')).toBe('仅供小微型客车租赁开业备案申请使用');
    expect(documents.filter((d) => isIdCopy(d.meta)).map((d) => d.meta.id)).toEqual(['id-legal', 'id-pharmacist']);
  });
});
