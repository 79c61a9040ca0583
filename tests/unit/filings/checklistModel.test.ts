import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { companySchema, personSchema } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { planPacket } from '../../../shared/pdf/packetPlan';
import { policyItemSchema, type PolicyItem } from '../../../shared/policy/knowledgeBase';
import { buildChecklist } from '../../../renderer/features/filings/checklistModel';
import { documentExpiryDuties } from '../../../renderer/features/filings/documentExpiry';
import type { ChecklistStateRecord, StoredDocument } from '../../../renderer/storage/documentRepository';

/*
 * The checklist's state rules, on the shipped 零售药店医保定点 item (第六条's eight materials) and
 * the contract rule of 第五条第（二）（三）项: 1 年以上劳动合同且在合同期内 on the submission day.
 */

const json = JSON.parse(readFileSync(path.resolve(__dirname, '../../../resources/policies/documents/pharmacy-designation.json'), 'utf8')) as { items: unknown[] };
const ITEM: PolicyItem = policyItemSchema.parse(json.items.find((i) => (i as { id: string }).id === 'pharmacy-designation/designation-application'));
const ITEM_ID = ITEM.id;

const company = companySchema.parse({ id: 'c1', name: '北京康宁大药房有限公司', createdAt: '', updatedAt: '' });
const pharmacist = personSchema.parse({ id: 'p1', companyId: 'c1', name: '李芳', roles: ['执业药师'], contractStart: '2026-06-01', contractEnd: '2029-05-31' });
const record: CompanyRecord = { company, people: [pharmacist], licences: [], vehicles: [], stores: [], events: [] };

function doc(id: string, over: Partial<StoredDocument>): StoredDocument {
  return {
    id, companyId: 'c1', kind: '营业执照', title: id, fileName: `${id}.pdf`, mimeType: 'application/pdf', size: 1, sha256: '', number: '', issuer: '',
    validFrom: null, validTo: null, subject: null, addedAt: '', updatedAt: '', hasFile: true, ...over,
  };
}

function state(materials: Record<string, readonly string[]>, extra: Partial<Record<string, { isNotApplicable?: boolean }>> = {}): ChecklistStateRecord {
  return {
    id: `c1|${ITEM_ID}`, companyId: 'c1', itemId: ITEM_ID, submissionDate: null, updatedAt: '',
    materials: Object.fromEntries(Object.entries(materials).map(([k, ids]) => [k, { documentIds: ids, isSigned: false, isNotApplicable: extra[k]?.isNotApplicable ?? false, note: '' }])),
  };
}

function checklist(documents: StoredDocument[], checklistState: ChecklistStateRecord | null, date = '2026-11-26') {
  const plan = planPacket(ITEM, documents, { today: asIsoDate(date), templates: new Map(), people: record.people });
  return buildChecklist({ item: ITEM, plan, state: checklistState, documents, record, date: asIsoDate(date) });
}

describe('checklist states', () => {
  it('starts with every material of 第六条 missing', () => {
    const result = checklist([], null);
    expect(result.rows.map((r) => r.status)).toEqual(Array(8).fill('missing'));
    expect(result.percent).toBe(0);
    expect(result.applicableCount).toBe(8);
  });

  it('suggests a matching document but counts only what is attached', () => {
    const licence = doc('licence', { kind: '营业执照' });
    const suggested = checklist([licence], null);
    expect(suggested.rows[1]?.suggested.map((d) => d.id)).toEqual(['licence']);
    expect(suggested.rows[1]?.status).toBe('missing');
    const attached = checklist([licence], state({ 'licences-and-ids': ['licence'] }));
    expect(attached.rows[1]?.status).toBe('attached');
    expect(attached.completeCount).toBe(1);
    expect(attached.percent).toBe(12);
  });

  it.each([
    { label: 'valid on the submission day', validFrom: '2025-01-01', validTo: '2030-01-01', date: '2026-11-26', status: 'attached' },
    { label: 'expired the day before', validFrom: null, validTo: '2026-11-25', date: '2026-11-26', status: 'expired' },
    { label: 'expires on the submission day itself (still valid)', validFrom: null, validTo: '2026-11-26', date: '2026-11-26', status: 'attached' },
    { label: 'not yet in force', validFrom: '2026-12-01', validTo: null, date: '2026-11-26', status: 'notYetValid' },
  ])('licence $label → $status', ({ validFrom, validTo, date, status }) => {
    const licence = doc('licence', { validFrom: validFrom === null ? null : asIsoDate(validFrom), validTo: validTo === null ? null : asIsoDate(validTo) });
    expect(checklist([licence], state({ 'licences-and-ids': ['licence'] }), date).rows[1]?.status).toBe(status);
  });

  it.each([
    { label: 'three years, in force', from: '2026-06-01', to: '2029-05-31', isPassed: true, status: 'attached' },
    { label: 'exactly one year (2026-06-01 to 2027-05-31)', from: '2026-06-01', to: '2027-05-31', isPassed: true, status: 'attached' },
    { label: 'one day short of a year', from: '2026-06-01', to: '2027-05-30', isPassed: false, status: 'checkFailed' },
  ])('pharmacist contract $label', ({ from, to, isPassed, status }) => {
    const contract = doc('contract', { kind: '劳动合同', mimeType: 'image/png', validFrom: asIsoDate(from), validTo: asIsoDate(to), subject: { kind: 'person', id: 'p1' } });
    const row = checklist([contract], state({ 'pharmacist-certificates': ['contract'] })).rows[2];
    expect(row?.status).toBe(status);
    const check = row?.checks.find((c) => c.text.includes('1 年以上劳动合同'));
    expect(check?.isPassed).toBe(isPassed);
    expect(check?.text).toContain('李芳');
  });

  it('a contract that ended before the submission day is expired', () => {
    const contract = doc('contract', { kind: '劳动合同', validFrom: asIsoDate('2025-01-01'), validTo: asIsoDate('2026-10-31'), subject: { kind: 'person', id: 'p1' } });
    expect(checklist([contract], state({ 'pharmacist-certificates': ['contract'] })).rows[2]?.status).toBe('expired');
  });

  it('materials marked not applicable leave the denominator; metadata without a file fails its check', () => {
    const orphan = doc('orphan', { hasFile: false });
    const result = checklist([orphan], state({ 'licences-and-ids': ['orphan'], 'other-required': [] }, { 'other-required': { isNotApplicable: true } }));
    expect(result.rows[7]?.status).toBe('notApplicable');
    expect(result.applicableCount).toBe(7);
    expect(result.rows[1]?.status).toBe('checkFailed');
  });

  it('ignores attached ids of documents that no longer exist', () => {
    expect(checklist([], state({ 'licences-and-ids': ['gone'] })).rows[1]?.status).toBe('missing');
  });
});

describe('document expiry duties for the tracker', () => {
  it('lists licence-like documents with a validTo, soonest first, with tracker statuses', () => {
    const duties = documentExpiryDuties([
      doc('a', { kind: '药品经营许可证', validTo: asIsoDate('2031-06-09') }),
      doc('b', { kind: '营业执照', validTo: asIsoDate('2026-11-20') }),
      doc('c', { kind: '内部管理制度', validTo: asIsoDate('2026-12-01') }),
      doc('d', { kind: '劳动合同', validTo: asIsoDate('2026-12-01') }),
      doc('e', { kind: '营业执照', validTo: null }),
    ], asIsoDate('2026-11-26'));
    expect(duties.map((d) => [d.documentId, d.status, d.daysLeft])).toEqual([['b', 'overdue', -6], ['d', 'dueWithin7', 5], ['a', 'later', 1656]]);
    expect(duties[0]?.key).toBe('document-expiry|b|2026-11-20');
  });
});
