import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as runCliInProcess } from '../../../electron/cli/cli';
import { hasLibraryText } from '../hostile/libraryText';
import { BACKUP_PASSPHRASE, writeCliFiles, type CliFile } from './cliFiles';

/*
 * `npm run --silent cli -- validate <file>` as a user runs it, in a separate process, on one valid
 * and at least one hostile file of every kind the app imports (issue 13, point 7): exit 0 and a
 * Chinese summary, or exit 1 and the Chinese refusal; never a stack trace nor a library's text.
 */

const root = path.resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'cw-cli-validate-'));
let files: CliFile[] = [];


interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(args: readonly string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron/cli/cli.ts'), ...args], { cwd: root, env: { ...process.env, INIT_CWD: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const STACK_TRACE = /\n\s+at .+[:(]\d+|node:internal|triggerUncaughtException/;

function expectNoTechnicalText(text: string): void {
  expect(text).not.toMatch(STACK_TRACE);
  for (const line of text.split('\n')) expect(hasLibraryText(line), line).toBe(false);
}

function expectAnswer(file: CliFile, run: Run): void {
  const text = `${run.stdout}${run.stderr}`;
  expect({ name: file.name, code: run.code }).toEqual({ name: file.name, code: file.isValid ? 0 : 1 });
  expect(text, file.name).toMatch(file.says);
  expect(text, file.name).toMatch(file.isValid ? /^[^\n]+：/ : /不能导入/);
  expectNoTechnicalText(text);
  // A summary goes to stdout, a refusal to stderr.
  expect((file.isValid ? run.stdout : run.stderr).length, file.name).toBeGreaterThan(0);
}

beforeAll(async () => {
  files = await writeCliFiles(dir);
}, 60_000);

const KINDS = ['workspace', 'package', 'backup', 'policyPack', 'roster', 'meter', 'pdf', 'jpeg', 'png'];

describe('cli validate: every kind the app imports', () => {
  it('has a valid and a hostile file of every kind', () => {
    for (const kind of KINDS) {
      expect(files.filter((f) => f.kind === kind && f.isValid), kind).toHaveLength(1);
      expect(files.filter((f) => f.kind === kind && !f.isValid).length, kind).toBeGreaterThan(0);
    }
  });

  it('answers one valid and one hostile file of each kind, each in its own process: exit code, Chinese text, no stack trace', async () => {
    const chosen = KINDS.flatMap((kind) => [files.find((f) => f.kind === kind && f.isValid), files.find((f) => f.kind === kind && !f.isValid)]).filter((f) => f !== undefined);
    const outcomes: { file: CliFile; run: Run }[] = [];
    // Three at a time: each is a fresh Node process on a 2-core machine.
    for (let i = 0; i < chosen.length; i += 3) {
      const group = chosen.slice(i, i + 3);
      const runs = await Promise.all(group.map((file) => runCli(['validate', file.name, ...(file.passphrase === undefined ? [] : ['--passphrase', file.passphrase])])));
      group.forEach((file, j) => outcomes.push({ file, run: runs[j] as Run }));
    }
    expect(outcomes).toHaveLength(KINDS.length * 2);
    for (const { file, run } of outcomes) expectAnswer(file, run);
  }, 600_000);

  it('answers every crafted file the same way in-process (the same runCli the process runs)', async () => {
    for (const file of files) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCliInProcess(['validate', file.name, ...(file.passphrase === undefined ? [] : ['--passphrase', file.passphrase])], { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir });
      expectAnswer(file, { code, stdout: out.join('\n'), stderr: err.join('\n') });
    }
  }, 120_000);

  it('--json gives the verdict, kind and message for machines', async () => {
    const good = await runCli(['validate', 'backup.cwbackup', '--passphrase', BACKUP_PASSPHRASE, '--json']);
    const bad = await runCli(['validate', 'package-bomb.zip', '--json']);
    const goodJson = JSON.parse(good.stdout) as { ok: boolean; kind: string; message: string };
    const badJson = JSON.parse(bad.stdout) as { ok: boolean; kind: string; message: string };
    expect([good.code, goodJson.ok, goodJson.kind]).toEqual([0, true, 'backup']);
    expect(goodJson.message).toMatch(/^可以恢复/);
    expect([bad.code, badJson.ok, badJson.kind]).toEqual([1, false, 'package']);
    expect(badJson.message).toMatch(/压缩炸弹/);
  }, 60_000);

  it('names a missing file, a folder and a wrong passphrase in Chinese', async () => {
    const missing = await runCli(['validate', 'nowhere.json']);
    const folder = await runCli(['validate', '.']);
    const wrong = await runCli(['validate', 'backup.cwbackup', '--passphrase', '错误的密码']);
    expect([missing.code, folder.code, wrong.code]).toEqual([1, 1, 1]);
    expect(missing.stderr).toContain('找不到文件 nowhere.json');
    expect(folder.stderr).toMatch(/不是文件|是文件夹/);
    expect(wrong.stderr).toContain('备份密码不正确');
    for (const run of [missing, folder, wrong]) expectNoTechnicalText(run.stderr);
  }, 60_000);

  it('ends quietly when the reader closes the pipe (cli validate … | head)', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron/cli/cli.ts'), 'validate', 'roster-impossible-dates.xlsx', '--json'], { cwd: root, env: { ...process.env, INIT_CWD: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('error', fail);
      child.on('close', (code) => done({ code, stderr }));
    });
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
    // The verdict's own exit code (the file is refused), not a crash.
    expect(result.code).toBe(1);
  }, 60_000);
});
