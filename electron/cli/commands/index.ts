import type { CliCommand } from '../command';
import { schemaCommand } from './schema';
import { validateCommand } from './validate';

/**
 * Every command of the command line, in --help order. Add a command by writing
 * commands/<name>.ts and listing it here.
 */
export const COMMANDS: readonly CliCommand[] = [validateCommand, schemaCommand];
