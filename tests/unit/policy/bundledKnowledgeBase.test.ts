import { describe, expect, it } from 'vitest';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { evaluateCompany, evaluateExample } from '../../../shared/policy/evaluate';
import { isSubjectFact, subjectFactKind, type SubjectFactKey } from '../../../shared/deadlines/subjectFacts';
import { checkFactReference } from '../../../shared/policy/facts';
import { knowledgeBaseManifestSchema, type Condition, type KnowledgeBase } from '../../../shared/policy/knowledgeBase';
import { assembleKnowledgeBase } from '../../../shared/policy/loadKnowledgeBase';
import { generateWorkspace } from '../../bench/companyGenerator';
import { MANIFEST_TEXT, SOURCE_TEXT, readPolicyFile } from './policyTestKit';

const DOCUMENT_IDS = [
  'business-environment-plan', 'sme-support-measures', 'urban-management-invalidation', 'energy-saving-plan', 'prepaid-card-regulation',
  'car-rental-opinions', 'digital-trade-measures', 'specialized-sme-measures', 'instruments-sensors-measures', 'green-technology-rules',
  'foreign-investment-measures', 'professional-services-going-global', 'comprehensive-bonded-zones', 'drug-reimbursement-adjustment',
  'pharmacy-designation', 'labor-dispatch-commitment', 'foreign-residents-pension', 'ftz-graduate-hiring', 'hr-services-standards',
  'skilled-worker-pay', 'infant-care-demonstration', 'vod-licence-commitment', 'tv-production-licence-commitment',
];

function loadBundle(): KnowledgeBase {
  const result = assembleKnowledgeBase(MANIFEST_TEXT, readPolicyFile, SOURCE_TEXT);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function factsOf(condition: Condition | undefined, out: [string, string | undefined][]): void {
  if (condition === undefined) return;
  if (condition.op === 'fact') out.push([condition.fact, condition.param]);
  else if (condition.op === 'not') factsOf(condition.of, out);
  else for (const c of condition.of) factsOf(c, out);
}

describe('the bundled knowledge base (resources/policies)', () => {
  it('lists the 23 documents of the compilation in order', () => {
    const manifest = knowledgeBaseManifestSchema.parse(JSON.parse(MANIFEST_TEXT));
    expect(manifest.documents.map((d) => d.id)).toEqual(DOCUMENT_IDS);
    expect(manifest.documents.every((d) => d.file === `documents/${d.id}.json`)).toBe(true);
    expect(manifest.source).toMatchObject({ file: 'source.txt', lineCount: 6455 });
  });

  const kb = loadBundle();

  it('assembles and passes every schema and integrity check', () => {
    expect(kb.documents.map((d) => d.id)).toEqual(DOCUMENT_IDS);
  });

  it('uses only facts from the registry', () => {
    const used: [string, string | undefined][] = [];
    const usedPerSubject: [string, string][] = [];
    for (const doc of kb.documents) for (const item of doc.items) {
      factsOf(item.appliesWhen, used);
      factsOf(item.requirements, used);
      for (const material of item.materials) factsOf(material.when, used);
      for (const rule of item.deadlines) {
        // A per-vehicle (licence, person, store) rule may also test that one subject's own facts.
        const facts: [string, string | undefined][] = [];
        factsOf(rule.when, facts);
        for (const [fact, param] of facts) {
          if (isSubjectFact(fact)) usedPerSubject.push([fact, rule.per]);
          else used.push([fact, param]);
        }
      }
    }
    expect(used.length).toBeGreaterThan(100);
    expect(used.map(([fact, param]) => checkFactReference(fact, param)).filter((p) => p !== null)).toEqual([]);
    expect(usedPerSubject.filter(([fact, per]) => subjectFactKind(fact as SubjectFactKey) !== per)).toEqual([]);
  });

  it('matches nobody with a government-only document', () => {
    for (const doc of kb.documents.filter((d) => d.isGovernmentOnly)) expect(doc.items).toEqual([]);
  });

  const examples = kb.documents.flatMap((d) => d.items.flatMap((i) => i.examples.map((e) => [i.id, e.label, d.id, i, e] as const)));
  it.each(examples)('%s: %s', (_id, _label, documentId, item, example) => {
    const result = evaluateExample(item, documentId, example);
    expect(result.applies).toBe(example.applies);
    if (example.requirementsMet !== undefined) expect(result.requirementsMet).toBe(example.requirementsMet);
  });

  it('evaluates every generated company against every item', () => {
    // Speed targets (≤ 10 ms one company, ≤ 2 s for 1,000) are measured by `npm run bench`.
    const records = generateWorkspace(11, { companies: 40 });
    const itemCount = kb.documents.reduce((n, d) => n + d.items.length, 0);
    for (const r of records) expect(evaluateCompany(kb, r, asIsoDate('2022-06-01'))).toHaveLength(itemCount);
  });
});
