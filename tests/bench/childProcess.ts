import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/*
 * A measurement whose peak memory must be its own runs in a fresh Node process: the parent
 * (bench.ts) holds hundreds of MB of its own. The child prints one JSON line last; these are the
 * two halves of that arrangement, for every child script.
 */

/**
 * The peak RSS of this process in KiB. Linux's VmHWM belongs to the address space exec created;
 * getrusage's maxRSS would also carry the parent's peak across fork and exec, so it is only the
 * fallback elsewhere.
 */
export function peakRssKiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1] !== undefined) return Number(match[1]);
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS;
}

/** Runs `script` (TypeScript, through tsx) with `args` in a fresh Node process and returns the JSON of its last output line. */
export function runNodeChild<Report>(script: string, args: readonly string[], options: { readonly exposeGc?: boolean; readonly label: string }): Promise<Report> {
  const node = [...(options.exposeGc === true ? ['--expose-gc'] : []), '--import', 'tsx', script, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, node, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${options.label} exited with ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Report);
    });
  });
}
