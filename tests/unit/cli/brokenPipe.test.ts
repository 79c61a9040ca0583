import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * `cli … | head`: the reader closes the pipe after the first bytes. The command must end quietly
 * (no EPIPE stack trace on stderr) with exit 0, as Unix tools do.
 */
const root = resolve(import.meta.dirname, '../../..');

function runAndCloseEarly(args: readonly string[], script = 'electron/cli/cli.ts'): Promise<{ code: number | null; stderr: string; gotOutput: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let gotOutput = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout.once('data', () => {
      gotOutput = true;
      // Like `head -c 1`: take the first chunk and close the read end.
      child.stdout.destroy();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr, gotOutput }));
  });
}

describe('CLI on a closed pipe', () => {
  it.each([['policies'], ['policies', '--json']])('%s: ends quietly with exit 0 when the reader stops reading', async (...args) => {
    const { code, stderr, gotOutput } = await runAndCloseEarly(args);
    expect(gotOutput).toBe(true);
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  }, 60_000);
});
