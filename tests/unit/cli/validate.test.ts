import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/workspace');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: fixtures });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli', () => {
  it('prints help listing the commands', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('validate <文件>');
  });

  it('refuses an unknown command with exit 2', async () => {
    const result = await run('frobnicate');
    expect(result.code).toBe(2);
    expect(result.err).toContain('未知命令');
  });

  it('validate lists findings and exits non-zero on errors', async () => {
    const result = await run('validate', 'two-companies.json', '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as { errors: number; warnings: number; companies: { companyId: string; findings: unknown[] }[] };
    expect(report.errors).toBe(2);
    expect(report.warnings).toBe(2);
    expect(report.companies.map((c) => c.findings.length)).toEqual([0, 4]);
  });

  it('validate exits 0 for a clean workspace and prints Chinese text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-'));
    const file = path.join(dir, 'clean.json');
    writeFileSync(file, JSON.stringify({ format: 'compliance-workbench/workspace', formatVersion: 1, exportedAt: 'x', companies: [] }));
    const result = await run('validate', file);
    expect(result.code).toBe(0);
    expect(result.out).toContain('共 0 家企业，0 个错误，0 个警告');
  });

  it('validate names the file it cannot read', async () => {
    const result = await run('validate', 'missing.json');
    expect(result.code).toBe(1);
    expect(result.err).toContain('找不到文件 missing.json');
  });
});
