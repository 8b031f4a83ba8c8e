/**
 * Every CLI command, in the order `--help` lists them. A command is added here once it really works.
 */
import type { CommandDefinition } from '../command.js';
import { createCommand } from './create.js';
import { validateCommand } from './validate.js';

export const COMMANDS: readonly CommandDefinition[] = [validateCommand, createCommand];
