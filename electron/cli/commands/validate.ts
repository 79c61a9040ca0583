import path from 'node:path';
import { dateOption, parseOptions, UsageError, type CliCommand } from '../command';
import { checkFile, FILE_KIND_LABELS, FILE_KINDS, unexpectedFailure, type FileCheck, type FileKind } from '../fileCheck';

const USAGE = 'validate <文件> [--passphrase <备份密码>] [--kind <类型>] [--today YYYY-MM-DD] [--json]';

function errorCount(check: FileCheck): number {
  return check.findings.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
}

function warningCount(check: FileCheck): number {
  return check.findings.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
}

/** Why a file cannot be opened, in words; the system's own code only as a hint. */
function readFailure(file: string, error: unknown): FileCheck {
  const code = (error as { code?: unknown } | null)?.code;
  const message = code === 'ENOENT' ? `找不到文件 ${file}`
    : code === 'EACCES' || code === 'EPERM' ? `没有读取 ${file} 的权限`
    : code === 'EISDIR' ? `${file} 是文件夹，不是文件`
    : `无法读取 ${file}（${typeof code === 'string' ? code : '读取出错'}）`;
  return { kind: null, isAccepted: false, lines: [message], findings: [], technical: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: '检查应用能导入的任何文件（工作区文件或包、备份、政策数据包、车辆花名册、能耗数据表、PDF/JPEG/PNG 材料），按内容识别类型，做与应用完全相同的检查；不改动任何数据',
  usage: USAGE,
  async run(args, io) {
    const { positional, values, switches } = parseOptions(args, { values: ['passphrase', 'kind', 'today'], switches: ['json'] });
    const [file] = positional;
    if (!file || positional.length > 1) throw new UsageError(positional.length > 1 ? '一次只能检查一个文件' : '缺少要检查的文件');
    const kindOption = values.get('kind');
    if (kindOption !== undefined && !(FILE_KINDS as readonly string[]).includes(kindOption)) {
      throw new UsageError(`--kind 应为 ${FILE_KINDS.join('、')} 之一`);
    }
    const today = dateOption('today', values.get('today'));

    let check: FileCheck;
    try {
      check = await checkFile(path.resolve(io.cwd, file), file, { passphrase: values.get('passphrase'), kind: kindOption as FileKind | undefined, today });
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      check = typeof code === 'string' && /^E[A-Z]+$/.test(code) ? readFailure(file, error) : unexpectedFailure(error);
    }
    const errors = errorCount(check);
    const isOk = check.isAccepted && errors === 0;
    if (switches.has('json')) {
      io.out(JSON.stringify({
        ok: isOk,
        accepted: check.isAccepted,
        kind: check.kind,
        kindLabel: check.kind === null ? null : FILE_KIND_LABELS[check.kind],
        message: check.lines[0] ?? '',
        lines: check.lines,
        errors,
        warnings: warningCount(check),
        companies: check.findings,
        technical: check.technical,
      }, null, 2));
      return isOk ? 0 : 1;
    }
    const label = check.kind === null ? '' : `${FILE_KIND_LABELS[check.kind]}：`;
    if (!check.isAccepted) {
      const [first = '', ...rest] = check.lines;
      io.err(`${file}：${label}不能导入。${first}`);
      for (const line of rest) io.err(line);
      return 1;
    }
    io.out(`${file}：${label}${check.lines[0] ?? ''}`);
    for (const line of check.lines.slice(1)) io.out(line);
    for (const r of check.findings) {
      if (r.findings.length === 0) continue;
      io.out(`${r.companyName}（${r.companyId}）`);
      for (const f of r.findings) io.out(`  ${f.severity === 'error' ? '错误' : '警告'}  ${f.path}  ${f.message}`);
    }
    if (check.kind === 'workspace' || check.kind === 'package') {
      const companies = check.findings.length;
      io.out(`共 ${companies} 家企业，${errors} 个错误，${warningCount(check)} 个警告`);
    }
    return isOk ? 0 : 1;
  },
};
