/**
 * Every semantic rule, in one list. Adding a rule: write it in a file of this folder and add it here.
 */

import { implementationConnection, triggerConnection } from './connection-types.js';
import { controlCharacters } from './control-characters.js';
import { cronSchedule } from './cron.js';
import { duplicateNames, duplicateWebhookPath } from './duplicates.js';
import { envVarReuse, reservedEnvVar } from './env-vars.js';
import { fileParameters } from './file-implementation.js';
import { httpParameters } from './http.js';
import { openListenerWithoutAuth, reservedWebhookPath } from './http-exposure.js';
import { httpHeaders } from './http-headers.js';
import {
  authTransport,
  contradictoryAnnotations,
  httpBlockOnStdio,
  pageLargerThanMaxRows,
  paginationWithoutList,
  queueGroupWithoutStream,
} from './no-effect.js';
import { paginatedSqlLimit, paginationInputs, paginationKey } from './pagination.js';
import { parameterConsistency } from './parameters.js';
import { patternEngine } from './pattern-engine.js';
import { promptPlaceholders } from './prompts.js';
import { writeThroughReadOnly } from './read-only.js';
import { unknownConnectionReference, unknownToolReference } from './references.js';
import { resourceUris } from './resource-uris.js';
import { longToolName, reservedNames } from './risky-names.js';
import type { InputRule, SpecRule } from './rule.js';
import { secretLiterals } from './secrets.js';
import { sqlParameters } from './sql.js';
import { triggerArguments } from './trigger-arguments.js';
import { triggerEventPaths } from './trigger-event-paths.js';
import { semverVersion } from './version.js';
import { unsignedWebhook } from './webhook-signing.js';

/** Rules on the raw input: they run even when the structure is invalid. */
export const INPUT_RULES: readonly InputRule[] = [secretLiterals];

/** Rules on the normalized spec: they run once the structure is valid. */
export const SPEC_RULES: readonly SpecRule[] = [
  semverVersion,
  unknownToolReference,
  unknownConnectionReference,
  duplicateNames,
  duplicateWebhookPath,
  reservedWebhookPath,
  longToolName,
  reservedNames,
  parameterConsistency,
  patternEngine,
  implementationConnection,
  triggerConnection,
  sqlParameters,
  paginationInputs,
  paginatedSqlLimit,
  paginationKey,
  httpParameters,
  fileParameters,
  writeThroughReadOnly,
  promptPlaceholders,
  triggerArguments,
  triggerEventPaths,
  cronSchedule,
  authTransport,
  httpBlockOnStdio,
  paginationWithoutList,
  queueGroupWithoutStream,
  contradictoryAnnotations,
  pageLargerThanMaxRows,
  envVarReuse,
  reservedEnvVar,
  openListenerWithoutAuth,
  unsignedWebhook,
  controlCharacters,
  httpHeaders,
  resourceUris,
];
