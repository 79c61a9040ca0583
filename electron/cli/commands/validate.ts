import { findRecordIssues } from '../../../shared/validation/recordFindings';
import { parseOptions, type CliCommand } from '../command';
import { loadWorkspaceFile } from '../workspaceLoader';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: '检查工作区文件：格式、统一社会信用代码、身份证号码、日期先后、重复号牌等',
  usage: 'validate <workspace.json> [--json]',
  async run(args, io) {
    const { positional, switches } = parseOptions(args, { switches: ['json'] });
    const [file] = positional;
    if (!file) {
      io.err('用法：validate <workspace.json> [--json]');
      return 2;
    }
    const loaded = await loadWorkspaceFile(file, io.cwd);
    if (!loaded.ok) {
      if (switches.has('json')) io.out(JSON.stringify({ ok: false, error: { code: loaded.error.code, message: loaded.error.message } }, null, 2));
      else io.err(`错误：${loaded.error.message}`);
      return 1;
    }
    const results = loaded.value.companies.map((record) => ({
      companyId: record.company.id,
      companyName: record.company.name,
      findings: findRecordIssues(record),
    }));
    const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
    const warnings = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
    if (switches.has('json')) {
      io.out(JSON.stringify({ ok: errors === 0, errors, warnings, companies: results }, null, 2));
    } else {
      for (const r of results) {
        io.out(`${r.companyName}（${r.companyId}）`);
        if (r.findings.length === 0) io.out('  未发现问题');
        for (const f of r.findings) io.out(`  ${f.severity === 'error' ? '错误' : '警告'}  ${f.path}  ${f.message}`);
      }
      io.out(`共 ${loaded.value.companies.length} 家企业，${errors} 个错误，${warnings} 个警告`);
    }
    return errors > 0 ? 1 : 0;
  },
};
