import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { asIsoDate } from '../../../shared/domain/isoDate';
import { evaluateCompany } from '../../../shared/policy/evaluate';
import type { KnowledgeBase } from '../../../shared/policy/knowledgeBase';
import { loadBundledKnowledgeBase } from '../../../electron/cli/commandInputs';
import { generateWorkspace } from '../companyGenerator';
import type { Measurement } from '../harness';

/** Matching against the whole bundled knowledge base: one company, and a chain of 1,000. */
export function policyMeasurements(quick: boolean): Measurement[] {
  let kb: KnowledgeBase | null = null;
  let records: CompanyRecord[] = [];
  const date = asIsoDate('2026-11-26');
  let next = 0;
  const load = () => {
    if (kb) return;
    const loaded = loadBundledKnowledgeBase();
    if (!loaded.ok) throw new Error(loaded.error.message);
    kb = loaded.value.kb;
    records = generateWorkspace(11, { companies: quick ? 100 : 1000 });
  };
  const itemCount = () => kb?.documents.reduce((n, d) => n + d.items.length, 0) ?? 0;
  return [
    {
      name: '匹配一家企业（全部政策事项）',
      get size() { return `${itemCount()} 个事项`; },
      targetMs: 10,
      repetitions: { warmups: 50, runs: 200 },
      setup: load,
      run: () => {
        // A different company each run: the median over companies of all four kinds is what a user waits for.
        const record = records[next++ % records.length];
        if (record) evaluateCompany(kb as KnowledgeBase, record, date);
      },
    },
    {
      name: '匹配连锁企业的全部分支',
      get size() { return `${records.length} 家企业 × ${itemCount()} 个事项`; },
      targetMs: 2000,
      setup: load,
      run: () => {
        for (const r of records) evaluateCompany(kb as KnowledgeBase, r, date);
      },
    },
  ];
}
