import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError, type CliIo } from './command';
import { COMMANDS } from './commands/index';
import { configureChineseValidationMessages } from '../../shared/util/zodLocale';

configureChineseValidationMessages();

export function helpText(): string {
  // Usage lines vary from 20 to 300 characters, so each summary goes on its own indented line.
  return [
    '企业合规工作台 命令行',
    '',
    '用法：npm run --silent cli -- <命令> [参数]',
    '',
    '命令：',
    ...COMMANDS.flatMap((c) => [`  ${c.usage.split('\n').join('\n  ')}`, `      ${c.summary}`, '']),
    '  --help',
    '      显示本帮助；<命令> --help 显示该命令的用法',
  ].join('\n');
}

/** Runs one command line; returns the exit code. Separate from the process so tests can call it. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`未知命令：${name}\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help')) {
    io.out(`用法：${command.usage}\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n用法：${command.usage}`);
      return 2;
    }
    // Our own errors are Chinese sentences; a library's or JavaScript's text never reaches the user.
    io.err(isChineseSentence(e) ? `错误：${(e as Error).message}` : '错误：命令意外中止，未作任何改动。请检查输入文件是否完整，或将该文件交给技术支持。');
    return 1;
  }
}

/** An Error thrown by our own code carries a Chinese message; anything else is technical text. */
function isChineseSentence(error: unknown): boolean {
  return error instanceof Error && /^[\u3000-\u303f\u4e00-\u9fff“]/.test(error.message) && !/\bat\s+\S+\s+\(|Error:/.test(error.message);
}

const isMain = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

/**
 * `cli … | head`: once the reader has gone, writing raises EPIPE on the stream (asynchronously,
 * as an 'error' event, or synchronously from write()). The output nobody reads is dropped and the
 * process ends quietly with the code it already has, as Unix tools do; any other stream error is
 * reported in one Chinese line, never a stack trace.
 */
export function isBrokenPipe(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EPIPE';
}

export function guardStream(stream: NodeJS.WriteStream, onBroken: () => void): (text: string) => void {
  let isBroken = false;
  stream.on('error', (error: unknown) => {
    if (isBrokenPipe(error)) {
      isBroken = true;
      onBroken();
      return;
    }
    isBroken = true;
    const code = (error as { code?: unknown }).code;
    process.stderr.write(`错误：无法写出结果（${typeof code === 'string' ? code : '输出流出错'}）\n`, () => process.exit(1));
  });
  return (text) => {
    if (isBroken) return;
    try {
      stream.write(`${text}\n`);
    } catch (error) {
      if (!isBrokenPipe(error)) throw error;
      isBroken = true;
      onBroken();
    }
  };
}

if (isMain) {
  // A closed pipe means the reader has what it wanted: stop at once, quietly, with success.
  const quit = () => process.exit(process.exitCode ?? 0);
  // Whatever escapes every command's own handling: one Chinese line, never a stack trace.
  const fail = (error: unknown) => {
    if (isBrokenPipe(error)) quit();
    process.stderr.write('错误：命令意外中止，未作任何改动。请检查输入文件是否完整，或将该文件交给技术支持。\n', () => process.exit(1));
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  const io: CliIo = {
    out: guardStream(process.stdout, quit),
    err: guardStream(process.stderr, quit),
    cwd: process.env.INIT_CWD ?? process.cwd(),
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
