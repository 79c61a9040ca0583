import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundledKnowledgeBase } from '../../../electron/cli/commandInputs';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import {
  createFactContext, createFixedFacts, evaluateCompany, evaluateExample, evaluateItem, presumptionIndexOf, summarizeEvaluations,
} from '../../../shared/policy/evaluate';
import type { KnowledgeBase } from '../../../shared/policy/knowledgeBase';
import { parseWorkspaceFile } from '../../../shared/workspace/workspaceFile';
import { generateWorkspace } from '../../bench/companyGenerator';
import * as reference from './evaluateReference';

/*
 * The optimised matching engine (issue 15) must give exactly what the straightforward one gave:
 * the same evaluations, field for field and in the same key order (the CLI prints them as JSON),
 * for the shipped samples, generated companies, other judgement dates, answered questions and
 * overturned presumptions.
 */

function bundledKb(): KnowledgeBase {
  const loaded = loadBundledKnowledgeBase();
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value.kb;
}

function sampleRecords(): CompanyRecord[] {
  return ['retailPharmacy', 'carRental', 'dataCentre'].flatMap((sample) => {
    const parsed = parseWorkspaceFile(readFileSync(path.resolve(import.meta.dirname, `../../../resources/samples/${sample}.json`), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value.companies;
  });
}

const kb = bundledKb();
const DATES = ['2026-11-26', '2021-06-30', '2022-12-31', '2019-01-01'].map((d) => asIsoDate(d));

/** Every presumption overturned, and every fact question answered as the first option / yes / 3. */
function answeredAndOverturned(record: CompanyRecord): CompanyRecord {
  const answers: Record<string, string | number | boolean | null> = { ...record.company.answers };
  const overturned: Record<string, string> = {};
  for (const evaluation of reference.evaluateCompany(kb, record, asIsoDate('2026-11-26'))) {
    for (const p of evaluation.presumptions) overturned[p.key] = '2026-11-26';
    for (const m of evaluation.missingFacts) {
      const q = m.question;
      answers[q.key] = q.type === 'boolean' ? true : q.type === 'number' ? 3 : q.type === 'date' ? '2020-05-01' : q.options?.[0] ?? '是';
    }
  }
  return { ...record, company: { ...record.company, answers, overturnedPresumptions: overturned } };
}

function expectSame(record: CompanyRecord, date: IsoDate): void {
  const optimised = evaluateCompany(kb, record, date);
  const expected = reference.evaluateCompany(kb, record, date);
  expect(optimised).toStrictEqual(expected);
  // Same key order, so `cli evaluate --json` prints the same bytes.
  expect(JSON.stringify(optimised)).toBe(JSON.stringify(expected));
  expect(summarizeEvaluations(optimised)).toStrictEqual(reference.summarizeEvaluations(expected));
}

describe('optimised matching equals the straightforward reference', () => {
  const samples = sampleRecords();

  it('has the three samples and items that apply, do not apply and are undecided', () => {
    expect(samples.length).toBeGreaterThanOrEqual(3);
    const all = samples.flatMap((r) => reference.evaluateCompany(kb, r, DATES[0] as IsoDate));
    expect(new Set(all.map((e) => e.applies))).toStrictEqual(new Set(['yes', 'no', 'unknown']));
    expect(all.some((e) => e.basis === 'presumption')).toBe(true);
  });

  it.each(DATES)('the samples on %s', (date) => {
    for (const record of samples) expectSame(record, date);
  });

  it('the samples with every question answered and every presumption overturned', () => {
    for (const record of samples) {
      const changed = answeredAndOverturned(record);
      expect(reference.evaluateCompany(kb, changed, DATES[0] as IsoDate)).not.toStrictEqual(reference.evaluateCompany(kb, record, DATES[0] as IsoDate));
      for (const date of DATES) expectSame(changed, date);
    }
  });

  it('generated companies of every kind, evaluated one after another (caches must not leak between companies)', () => {
    const records = generateWorkspace(11, { companies: 24, vehiclesPerRentalCompany: 6 });
    for (const record of records) expectSame(record, DATES[0] as IsoDate);
    for (const record of records.slice(0, 8)) expectSame(answeredAndOverturned(record), DATES[0] as IsoDate);
  });

  it('two hundred generated companies: results remembered across companies stay each company\'s own', () => {
    // Enough companies that results are mostly remembered ones: by leaf values, by a known value
    // alone with each company's detail (企业规模 and how it was worked out), presumptions by the
    // values their rules read. Each company is compared in full, detail included.
    const records = generateWorkspace(23, { companies: 200, vehiclesPerRentalCompany: 3 });
    const details = new Set<string>();
    records.forEach((record, i) => {
      const date = (i % 4 === 3 ? DATES[2] : DATES[0]) as IsoDate;
      const optimised = evaluateCompany(kb, record, date);
      expect(optimised).toStrictEqual(reference.evaluateCompany(kb, record, date));
      for (const e of optimised) for (const r of e.reasons) if (r.fact === 'company.sizeClass' && r.detail !== undefined) details.add(r.detail);
    });
    // The detail differs between companies: a remembered reason with another company's detail would fail above.
    expect(details.size).toBeGreaterThan(150);
  });

  it('single items on a company context, on fixed facts and on each item example', () => {
    const record = samples[0] as CompanyRecord;
    for (const document of kb.documents) {
      for (const item of document.items) {
        const facts = createFactContext(record, DATES[0] as IsoDate, presumptionIndexOf(kb));
        const referenceFacts = reference.createFactContext(record, DATES[0] as IsoDate, reference.presumptionIndexOf(kb));
        expect(evaluateItem(item, document, facts)).toStrictEqual(reference.evaluateItem(item, document, referenceFacts));
        const fixed = { 'company.industryCode': 'F5251', 'evaluation.date': '2021-06-01', 'company.employeeCount': 12 };
        expect(evaluateItem(item, document, createFixedFacts(fixed, presumptionIndexOf(kb))))
          .toStrictEqual(reference.evaluateItem(item, document, reference.createFixedFacts(fixed, reference.presumptionIndexOf(kb))));
        for (const example of item.examples) {
          expect(JSON.stringify(evaluateExample(item, document.id, example))).toBe(JSON.stringify(reference.evaluateExample(item, document.id, example)));
        }
      }
    }
  });
});
