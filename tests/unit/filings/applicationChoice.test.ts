import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundledKnowledgeBase } from '../../../electron/cli/commandInputs';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { evaluateCompany, type ItemEvaluation } from '../../../shared/policy/evaluate';
import { parseWorkspaceFile, toCompanyRecords } from '../../../shared/workspace/workspaceFile';
import { applicationChoiceKey, initialApplication, rankApplications, type ApplicationEntry } from '../../../renderer/features/filings/applicationChoice';

/*
 * Issue 17, point 4: the 申请事项 picker starts on what applies to the company (then what may),
 * and keeps the officer's own choice.
 */

const samplesDir = path.resolve(import.meta.dirname, '../../../resources/samples');

function sample(file: string) {
  const parsed = parseWorkspaceFile(readFileSync(path.join(samplesDir, file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const [record] = toCompanyRecords(parsed.value);
  if (!record) throw new Error('empty sample');
  return record;
}

function applications() {
  const loaded = loadBundledKnowledgeBase();
  if (!loaded.ok) throw new Error(loaded.error.message);
  const kb = loaded.value.kb;
  const entries: ApplicationEntry[] = kb.documents.flatMap((d) => d.items.filter((i) => i.materials.length > 0 && i.kind !== 'duty').map((item) => ({ item, documentTitle: d.title })));
  return { kb, entries };
}

describe('rankApplications and initialApplication', () => {
  const { kb, entries } = applications();
  const date = asIsoDate('2026-11-26');

  it('starts the pharmacy sample on the 医保定点 application, not on car-rental 备案', () => {
    const ranked = rankApplications(entries, evaluateCompany(kb, sample('retailPharmacy.json'), date));
    const first = initialApplication(ranked, null);
    expect(first).toBe('pharmacy-designation/designation-application');
    const carRental = ranked.findIndex((r) => r.item.id.startsWith('car-rental'));
    expect(carRental).toBeGreaterThan(0);
    expect(ranked[carRental]?.fit).toBe('other');
  });

  it('starts the rental firm on a car-rental application', () => {
    const ranked = rankApplications(entries, evaluateCompany(kb, sample('carRental.json'), date));
    expect(initialApplication(ranked, null)).toMatch(/^car-rental/);
  });

  it('keeps every application, grouped applies → may apply → other, each group in knowledge-base order', () => {
    const fake = (id: string, applies: ItemEvaluation['applies']) => ({ id, applies }) as ItemEvaluation;
    const picked = entries.slice(0, 4);
    const ids = picked.map((e) => e.item.id);
    const ranked = rankApplications(picked, [fake(ids[0]!, 'no'), fake(ids[1]!, 'unknown'), fake(ids[2]!, 'yes'), fake(ids[3]!, 'unknown')]);
    expect(ranked.map((r) => [r.item.id, r.fit])).toEqual([[ids[2], 'applies'], [ids[1], 'mayApply'], [ids[3], 'mayApply'], [ids[0], 'other']]);
    expect(initialApplication(ranked, null)).toBe(ids[2]);
    expect(initialApplication(ranked, ids[0])).toBe(ids[0]);
    // A remembered application that is no longer in the knowledge base falls back to what applies.
    expect(initialApplication(ranked, 'gone/item')).toBe(ids[2]);
    expect(initialApplication(rankApplications(picked, []), null)).toBeNull();
  });

  it('remembers per company', () => {
    expect(applicationChoiceKey('a')).not.toBe(applicationChoiceKey('b'));
  });
});
