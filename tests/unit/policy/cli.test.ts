import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import { loadBundledKnowledgeBase } from '../../../electron/cli/commandInputs';
import type { ItemEvaluation } from '../../../shared/policy/evaluate';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/policy');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: fixtures });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface PoliciesJson {
  ok: boolean;
  dataVersion: string;
  documents: { id: string; lines: { start: number; end: number }; isGovernmentOnly: boolean; items: { id: string; kind: string; citation: { ref: string; quote: string }; lines: { start: number; end: number } }[] }[];
}
interface EvaluateJson {
  ok: boolean;
  company: { id: string; name: string };
  date: string;
  summary: { applicable: number; undecided: number; notApplicable: number };
  items: ItemEvaluation[];
}

async function evaluateJson(company: string, date: string, ...extra: string[]) {
  const result = await run('evaluate', 'workspace.json', '--company', company, '--date', date, '--json', ...extra);
  expect(result.code).toBe(0);
  const report = JSON.parse(result.out) as EvaluateJson;
  const byId = (id: string): ItemEvaluation => {
    const found = report.items.find((i) => i.id === id);
    if (found === undefined) throw new Error(`no item ${id}`);
    return found;
  };
  return { report, byId, err: result.err };
}

describe('cli policies', () => {
  it('lists the 23 documents in compilation order with every item, its citation and source lines', async () => {
    const result = await run('policies', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as PoliciesJson;
    expect(report.documents).toHaveLength(23);
    expect(report.documents[0]?.id).toBe('business-environment-plan');
    expect(report.documents[14]?.id).toBe('pharmacy-designation');
    const starts = report.documents.map((d) => d.lines.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const pharmacy = report.documents[14]!;
    expect(pharmacy.items.find((i) => i.id === 'pharmacy-designation/designation-application')).toMatchObject({
      kind: 'application', citation: { ref: '第五条' }, lines: { start: 4714, end: 4716 },
    });
    for (const doc of report.documents) for (const item of doc.items) {
      expect(item.lines.start).toBeGreaterThanOrEqual(doc.lines.start);
      expect(item.lines.end).toBeLessThanOrEqual(doc.lines.end);
    }
  });

  it('prints a readable list in Chinese', async () => {
    const result = await run('policies');
    expect(result.code).toBe(0);
    expect(result.out).toContain('共 23 件文书');
    expect(result.out).toContain('pharmacy-designation/designation-application  [申请] 申请医疗保障定点  第五条（第 4714–4716 行）');
  });
});

describe('cli evaluate', () => {
  it('gives the pharmacy its 第五条 gaps with reasons, values and citations', async () => {
    const { report, byId } = await evaluateJson('c-pharmacy', '2021-12-10');
    expect(report.company).toEqual({ id: 'c-pharmacy', name: '北京康宁大药房有限公司' });
    const application = byId('pharmacy-designation/designation-application');
    expect(application).toMatchObject({ documentId: 'pharmacy-designation', kind: 'application', applies: 'yes', requirementsMet: 'no' });
    expect(application.gaps.map((g) => g.text)).toEqual([
      '在注册地址正式经营：需至少 3 个月，现已满 2 个月',
      '医保管理人员：需 2 名劳动合同期限不少于 1 年且在合同期内，现有 1 名',
    ]);
    expect(application.reasons.find((r) => r.conditionId === 'c5-3-count')).toMatchObject({
      condition: '至少 2 名医保管理人员签订 1 年以上劳动合同且在合同期内', value: 1, outcome: 'fail', citation: { ref: '第五条第（三）项' },
    });
    expect(application.missingFacts.map((m) => m.question.key)).toEqual(['answer.pharmacy.hasCompliantInformationSystem', 'answer.pharmacy.meetsOtherConditions']);
    expect(byId('car-rental-opinions/opening-filing').applies).toBe('no');
    expect(report.summary.applicable + report.summary.undecided + report.summary.notApplicable).toBe(report.items.length);
  });

  it('finds the rental company by part of its name and reports its vehicle duties', async () => {
    const { byId } = await evaluateJson('畅行', '2022-04-15');
    expect(byId('car-rental-opinions/convert-non-operating-vehicles').gaps[0]?.text).toBe('尚有 1 辆“非营运”车辆未变更为“租赁”；逾期未变更的车辆予以管理注销');
    expect(byId('car-rental-opinions/time-share-operations').applies).toBe('yes');
    expect(byId('car-rental-opinions/service-life').gaps[0]?.text).toBe('有 1 辆租赁车辆已达 15 年使用年限');
  });

  it('applies the energy reporting duties to the data-centre operator', async () => {
    const { byId } = await evaluateJson('c-datacentre', '2021-11-15');
    expect(byId('energy-saving-plan/monthly-energy-data').applies).toBe('yes');
    expect(byId('energy-saving-plan/data-centre-realtime-power').applies).toBe('yes');
  });

  it('prints applicable and undecided items in Chinese', async () => {
    const result = await run('evaluate', 'workspace.json', '--company', 'c-pharmacy', '--date', '2021-12-10');
    expect(result.code).toBe(0);
    expect(result.out).toContain('【适用】');
    expect(result.out).toContain('差距：医保管理人员：需 2 名劳动合同期限不少于 1 年且在合同期内，现有 1 名');
    expect(result.out).toContain('待回答：');
  });

  it.each([
    [['evaluate', 'workspace.json', '--company', '不存在的公司', '--date', '2022-01-01'], 1, '没有编号或名称为“不存在的公司”的企业'],
    [['evaluate', 'workspace.json', '--company', '北京', '--date', '2022-01-01'], 1, '匹配到多家企业'],
    [['evaluate', 'missing.json', '--company', 'c-pharmacy'], 1, '找不到文件 missing.json'],
    [['evaluate', 'workspace.json', '--company', 'c-pharmacy', '--date', '2022-02-30'], 2, '日期无效'],
    [['evaluate', 'workspace.json'], 2, '缺少 --company'],
  ])('refuses %j with exit %i', async (argv, code, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(code);
    expect(result.err).toContain(message);
  });
});

describe('cli policy packs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cw-kb-'));
  const bundled = loadBundledKnowledgeBase();
  if (!bundled.ok) throw new Error(bundled.error.message);

  it('uses a valid newer pack', async () => {
    const file = path.join(dir, 'newer.json');
    writeFileSync(file, JSON.stringify({ ...bundled.value.kb, dataVersion: '2099.01.01-1' }));
    const result = await run('policies', '--json', '--policy-pack', file);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.out) as PoliciesJson).dataVersion).toBe('2099.01.01-1');
    expect(result.err).toContain('已使用更新的政策数据包');
  });

  it('refuses an invalid pack with a clear message and keeps the bundled data', async () => {
    const file = path.join(dir, 'broken.json');
    const kb = structuredClone(bundled.value.kb);
    kb.documents[0]!.items[0]!.citation.quote = '这句话不在汇编里';
    writeFileSync(file, JSON.stringify({ ...kb, dataVersion: '2099.01.01-1' }));
    const { report, err } = await evaluateJson('c-pharmacy', '2021-12-10', '--policy-pack', file);
    expect(err).toContain('政策数据包无效，已拒绝，继续使用内置政策数据');
    expect(err).toContain('引文在原文第');
    expect(report.items.length).toBeGreaterThan(0);
  });
});
