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
    io.err(`错误：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

const isMain = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (isMain) {
  const io: CliIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    cwd: process.env.INIT_CWD ?? process.cwd(),
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
