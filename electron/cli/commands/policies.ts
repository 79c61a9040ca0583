import { ITEM_KINDS } from '../../../shared/policy/knowledgeBase';
import { parseOptions, type CliCommand } from '../command';
import { loadKnowledgeBaseForCli } from '../commandInputs';

export const policiesCommand: CliCommand = {
  name: 'policies',
  summary: '列出知识库中的全部政策文书及其条目（编号、类型、出处、原文行号）',
  usage: 'policies [--json] [--policy-pack <数据包.json>]',
  async run(args, io) {
    const { positional, values, switches } = parseOptions(args, { values: ['policy-pack'], switches: ['json'] });
    if (positional.length > 0) {
      io.err(`多余的参数：${positional.join(' ')}`);
      return 2;
    }
    const loaded = await loadKnowledgeBaseForCli(values.get('policy-pack'), io.cwd);
    if (!loaded.ok) {
      if (switches.has('json')) io.out(JSON.stringify({ ok: false, error: { code: loaded.error.code, message: loaded.error.message } }, null, 2));
      else io.err(`错误：${loaded.error.message}`);
      return 1;
    }
    const { kb, origin, message } = loaded.value;
    if (message !== null) io.err(message);
    if (switches.has('json')) {
      io.out(JSON.stringify({
        ok: true, dataVersion: kb.dataVersion, origin, source: kb.source,
        documents: kb.documents.map((d) => ({
          id: d.id, title: d.title, issuers: d.issuers, docNumber: d.docNumber, issuedOn: d.issuedOn, effectiveOn: d.effectiveOn,
          domain: d.domain, lines: d.lines, isGovernmentOnly: d.isGovernmentOnly, summary: d.summary,
          items: d.items.map((item) => ({ id: item.id, kind: item.kind, title: item.title, citation: item.citation, lines: item.citation.lines })),
        })),
      }, null, 2));
      return 0;
    }
    io.out(`政策知识库 版本 ${kb.dataVersion}（${origin === 'bundled' ? '内置' : '数据包'}），共 ${kb.documents.length} 件文书，${kb.documents.reduce((n, d) => n + d.items.length, 0)} 个条目`);
    for (const d of kb.documents) {
      io.out('');
      const flags = [d.domain, d.docNumber ?? '无文号', d.isGovernmentOnly ? '仅涉及政府部门' : `${d.items.length} 个条目`];
      io.out(`${d.id}  ${d.title}（${flags.join('，')}；原文第 ${d.lines.start}–${d.lines.end} 行）`);
      for (const item of d.items) {
        io.out(`  ${item.id}  [${ITEM_KINDS[item.kind]}] ${item.title}  ${item.citation.ref}（第 ${item.citation.lines.start}–${item.citation.lines.end} 行）`);
      }
    }
    return 0;
  },
};
