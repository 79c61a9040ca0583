import { describe, expect, it } from 'vitest';
import { asIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import { documentValidityOn, outOfDateDocuments, type PlannedMaterial } from '../../../shared/pdf/packetPlan';
import { policyItemSchema } from '../../../shared/policy/knowledgeBase';
import { fixtureDocument } from './pdfTestKit';

/*
 * Issue 17, point 3: before the packet is built, every enclosed document out of its 有效期 on the
 * submission date is named, with the note printed before it when the officer encloses it anyway.
 */

const D = (text: string): IsoDate => asIsoDate(text);
const SUBMISSION = D('2026-03-01');

describe('documentValidityOn', () => {
  it.each([
    ['no dates', null, null, 'valid'],
    ['valid through the day itself', '2025-03-01', '2026-03-01', 'valid'],
    ['expired the day before', null, '2026-02-28', 'expired'],
    ['starts the day itself', '2026-03-01', null, 'valid'],
    ['starts the day after', '2026-03-02', '2029-03-01', 'notYetValid'],
    ['leap day expiry, a year before', null, '2024-02-29', 'expired'],
  ] as const)('%s', (_, from, to, expected) => {
    expect(documentValidityOn({ validFrom: from === null ? null : D(from), validTo: to === null ? null : D(to) }, SUBMISSION)).toBe(expected);
  });
});

describe('outOfDateDocuments', () => {
  const citation = { ref: '第六条', lines: { start: 4745, end: 4763 }, quote: '零售药店应向所在区经办机构提出医疗保障定点申请' };
  const item = policyItemSchema.parse({
    id: 'x/y', kind: 'application', title: '申请', summary: '申请', citation,
    materials: [{ id: 'licences', name: '营业执照', citation }, { id: 'contracts', name: '劳动合同', citation }],
  });
  const bytes = new Uint8Array(4);
  const licence = fixtureDocument('bl', '营业执照', '营业执照（副本）', 'b.pdf', bytes, { validTo: D('2026-01-31') }).meta;
  const current = fixtureDocument('bl2', '营业执照', '', 'new.pdf', bytes, { validTo: D('2046-01-31') }).meta;
  const contract = fixtureDocument('c', '劳动合同', '孙丽劳动合同', 'c.pdf', bytes, { validFrom: D('2026-04-01'), validTo: D('2029-03-31') }).meta;
  const plan: PlannedMaterial[] = [
    { material: item.materials[0]!, template: null, templateValues: {}, documents: [licence, current], isMatchedByName: false, warnings: [] },
    { material: item.materials[1]!, template: null, templateValues: {}, documents: [contract], isMatchedByName: false, warnings: [] },
  ];

  it('names each expired or not-yet-valid document with its material, in plan order', () => {
    const found = outOfDateDocuments(plan, SUBMISSION);
    expect(found.map((f) => [f.materialId, f.document.id, f.validity])).toEqual([['licences', 'bl', 'expired'], ['contracts', 'c', 'notYetValid']]);
    expect(found[0]?.text).toBe('“营业执照（副本）”已于 2026年1月31日 过期（申报日 2026年3月1日）');
    expect(found[1]?.text).toBe('“孙丽劳动合同”自 2026年4月1日 起才生效（申报日 2026年3月1日）');
    expect(found[0]?.notice).toContain('随附此件供参考');
  });

  it('finds nothing when every document is valid on the date', () => {
    expect(outOfDateDocuments(plan, D('2026-01-31')).map((f) => f.document.id)).toEqual(['c']);
    expect(outOfDateDocuments([plan[0]!].map((p) => ({ ...p, documents: [current] })), SUBMISSION)).toEqual([]);
  });
});
