import { evaluateCompany, summarizeEvaluations, type ItemEvaluation } from '../../../shared/policy/evaluate';
import { ITEM_KINDS } from '../../../shared/policy/knowledgeBase';
import { dateOptionOrToday, parseOptions, UsageError, type CliCommand } from '../command';
import { findCompany, loadWorkspaceFile } from '../workspaceLoader';
import { loadKnowledgeBaseForCli } from '../commandInputs';

const APPLIES_TEXT = { yes: '适用', no: '不适用', unknown: '待确认' } as const;
const OUTCOME_TEXT = { pass: '满足', fail: '不满足', unknown: '未知' } as const;

function printItem(e: ItemEvaluation, out: (t: string) => void): void {
  const met = e.requirementsMet === null ? '' : `，条件${e.requirementsMet === 'yes' ? '已满足' : e.requirementsMet === 'no' ? '未满足' : '待确认'}`;
  const presumed = e.basis === 'presumption' ? '（推定，可推翻）' : '';
  out(`  ${e.id}  [${ITEM_KINDS[e.kind]}] ${e.title}（${APPLIES_TEXT[e.applies]}${presumed}${met}；${e.citation.ref}）`);
  if (e.period !== undefined) out(`    措施期限：${e.period.label}（${e.period.citation.ref}）`);
  for (const p of e.presumptions) out(`    推定：${p.reason}`);
  for (const r of e.reasons) {
    const indent = '    '.concat('  '.repeat(r.depth));
    const value = r.op === 'fact' ? `：${r.valueText}` : '';
    const where = r.citation === undefined ? '' : `（${r.citation.ref}）`;
    out(`${indent}${OUTCOME_TEXT[r.outcome]}  ${r.condition}${value}${where}`);
  }
  for (const g of e.gaps) out(`    差距：${g.text}`);
  for (const m of e.missingFacts) out(`    待回答：${m.question.text}`);
}

export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  summary: '按政策知识库逐条判断某企业在某日适用哪些条目，给出理由、差距和待回答的问题',
  usage: 'evaluate <workspace.json> --company <编号或名称> [--date YYYY-MM-DD] [--json] [--all] [--policy-pack <数据包.json>]',
  async run(args, io) {
    const { positional, values, switches } = parseOptions(args, { values: ['company', 'date', 'policy-pack'], switches: ['json', 'all'] });
    const [file, ...extra] = positional;
    if (file === undefined) throw new UsageError('缺少工作区文件');
    if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    const companyQuery = values.get('company');
    if (companyQuery === undefined) throw new UsageError('缺少 --company');
    const date = dateOptionOrToday('date', values.get('date'));

    const json = switches.has('json');
    const fail = (code: string, message: string) => {
      if (json) io.out(JSON.stringify({ ok: false, error: { code, message } }, null, 2));
      else io.err(`错误：${message}`);
      return 1;
    };
    const workspace = await loadWorkspaceFile(file, io.cwd);
    if (!workspace.ok) return fail(workspace.error.code, workspace.error.message);
    const record = findCompany(workspace.value, companyQuery);
    if (!record.ok) return fail(record.error.code, record.error.message);
    const loaded = await loadKnowledgeBaseForCli(values.get('policy-pack'), io.cwd);
    if (!loaded.ok) return fail(loaded.error.code, loaded.error.message);
    const { kb, message } = loaded.value;
    if (message !== null) io.err(message);

    const results = evaluateCompany(kb, record.value, date);
    const summary = summarizeEvaluations(results);
    const company = record.value.company;
    if (json) {
      io.out(JSON.stringify({ ok: true, company: { id: company.id, name: company.name }, date, dataVersion: kb.dataVersion, summary, items: results }, null, 2));
      return 0;
    }
    io.out(`${company.name}（${company.id}） 判断日 ${date}，政策数据版本 ${kb.dataVersion}`);
    io.out(`面向企业的条目 ${summary.enterpriseFacing} 条：适用 ${summary.applicable} 条，待确认 ${summary.undecided} 条，不适用 ${summary.notApplicable} 条（其中按推定判断 ${summary.presumed} 条，可推翻）；待回答的问题 ${summary.openQuestions} 个`);
    const sections: ReadonlyArray<readonly [ItemEvaluation['applies'], string]> = [['yes', '适用'], ['unknown', '待确认'], ...(switches.has('all') ? [['no', '不适用'] as const] : [])];
    for (const [applies, heading] of sections) {
      const group = results.filter((r) => r.applies === applies);
      if (group.length === 0) continue;
      io.out('');
      io.out(`【${heading}】`);
      for (const e of group) printItem(e, io.out);
    }
    return 0;
  },
};
