/**
 * Every CLI command, in the order `--help` lists them. A command is added here once it really works.
 */
import type { CommandDefinition } from '../command.js';
import { createCommand } from './create.js';
import { deployCommand } from './deploy.js';
import { startCommand, stopCommand } from './lifecycle.js';
import { listCommand } from './list.js';
import { logsCommand } from './logs.js';
import { removeCommand } from './remove.js';
import { exportCommand, importCommand } from './server-json.js';
import { statusCommand } from './status.js';
import { testCommand } from './test.js';
import { validateCommand } from './validate.js';
import { versionCommand } from './version.js';

export const COMMANDS: readonly CommandDefinition[] = [
  validateCommand,
  createCommand,
  deployCommand,
  listCommand,
  statusCommand,
  logsCommand,
  stopCommand,
  startCommand,
  removeCommand,
  testCommand,
  exportCommand,
  importCommand,
  versionCommand,
];
