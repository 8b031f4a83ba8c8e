/**
 * Every migration, in order. Adding one: copy the newest file to NNN-what-it-does.ts with the next number
 * and append it here; a test checks the numbers are 1..n without gaps and match the file names.
 */
import { initial } from './001-initial.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [initial];
