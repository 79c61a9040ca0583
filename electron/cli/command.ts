import { localIsoDate, parseIsoDate, type IsoDate } from '../../shared/domain/isoDate';

/** One command of the headless command line. Output goes to `io`, never straight to the console, so tests can run commands in-process. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
}

export interface CliCommand {
  readonly name: string;
  /** One line, Chinese, for --help. */
  readonly summary: string;
  /** Usage line(s) printed by --help and on a usage error. */
  readonly usage: string;
  /** Returns the process exit code: 0 success, 1 findings/failure, 2 usage error. */
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}

export class UsageError extends Error {}

/**
 * The command line's one date parser: `--name YYYY-MM-DD`, a day that exists; undefined when the
 * option was not given. Every command reads dates through it, so they all refuse alike.
 */
export function dateOption(name: string, value: string | undefined): IsoDate | undefined {
  if (value === undefined) return undefined;
  const date = parseIsoDate(value);
  if (date === null) throw new UsageError(`--${name} 的日期无效：${value}（应为 YYYY-MM-DD，且为实际存在的日期）`);
  return date;
}

/** `--name`, or today on this computer when it was not given. */
export function dateOptionOrToday(name: string, value: string | undefined): IsoDate {
  return dateOption(name, value) ?? localIsoDate(new Date());
}

/** Parses `--flag value` and `--switch` options after the positional arguments. */
export function parseOptions(
  args: readonly string[],
  spec: { readonly values?: readonly string[]; readonly switches?: readonly string[] },
): { positional: string[]; values: Map<string, string>; switches: Set<string> } {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      if (spec.switches?.includes(name)) switches.add(name);
      else if (spec.values?.includes(name)) {
        const value = args[i + 1];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`选项 --${name} 需要一个值`);
        values.set(name, value);
        i++;
      } else throw new UsageError(`未知选项 ${arg}`);
    } else positional.push(arg);
  }
  return { positional, values, switches };
}

/** A command's refusal: the Chinese message on stderr, or `{ ok: false, error }` as JSON on stdout; exit code 1. */
export function failWith(io: CliIo, json: boolean, error: { code: string; message: string }): number {
  if (json) io.out(JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }, null, 2));
  else io.err(`错误：${error.message}`);
  return 1;
}
