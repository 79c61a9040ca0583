import type { CliCommand } from '../command';
import { deadlinesCommand } from './deadlines';
import { dueCommand } from './due';
import { energyReportCommand } from './energyReport';
import { evaluateCommand } from './evaluate';
import { exportIcsCommand } from './exportIcs';
import { exportTrackerCommand } from './exportTracker';
import { fillFormCommand } from './fillForm';
import { packetCommand } from './packet';
import { policiesCommand } from './policies';
import { recognizeCommand } from './recognize';
import { schemaCommand } from './schema';
import { validateCommand } from './validate';

/**
 * Every command of the command line, in --help order. Add a command by writing
 * commands/<name>.ts and listing it here.
 */
export const COMMANDS: readonly CliCommand[] = [validateCommand, schemaCommand, policiesCommand, evaluateCommand, energyReportCommand,
  dueCommand, deadlinesCommand, exportTrackerCommand, exportIcsCommand, packetCommand, fillFormCommand, recognizeCommand];
