/** One env var should hold one thing: a database URL reused as an API key is a mistake waiting to happen. */
import type { PathSegment } from '../path.js';
import type { ServerSpec } from '../types.js';
import { findings, type SpecRule } from './rule.js';

interface EnvUse {
  readonly name: string;
  readonly purpose: string;
  readonly path: PathSegment[];
}

/** Every env var the spec names, with what it is for. Webhook secrets may share one var (same purpose). */
export function envVarUses(spec: ServerSpec): EnvUse[] {
  const uses: EnvUse[] = [];
  if (spec.auth.type === 'api_key' || spec.auth.type === 'bearer') {
    uses.push({
      name: spec.auth.envVar,
      purpose: `inbound ${spec.auth.type} auth`,
      path: ['auth', 'envVar'],
    });
  }
  spec.connections.forEach((c, i) => {
    uses.push({ name: c.envVar, purpose: `connection \`${c.name}\``, path: ['connections', i, 'envVar'] });
    if ('auth' in c && c.auth.type !== 'none') {
      uses.push({
        name: c.auth.envVar,
        purpose: `credentials of \`${c.name}\``,
        path: ['connections', i, 'auth', 'envVar'],
      });
    }
  });
  spec.triggers.forEach((t, i) => {
    if (t.type === 'webhook' && t.secret) {
      uses.push({
        name: t.secret.envVar,
        purpose: 'webhook signatures',
        path: ['triggers', i, 'secret', 'envVar'],
      });
    }
  });
  return uses;
}

/**
 * Variables the generated server's runtime reads for itself (templates/server/lib/runtime-options.ts and
 * friends) or that the process environment defines: a spec value stored there would be misread.
 */
export const RESERVED_ENV_VARS: ReadonlySet<string> = new Set([
  'MCP_ALLOWED_HOSTS',
  'MCP_ALLOWED_ORIGINS',
  'MCP_HOST',
  'MCP_LOG_LEVEL',
  'MCP_PORT',
  'MCP_PUBLIC_URL',
  'MCP_SHUTDOWN_TIMEOUT_MS',
  'MCP_SQL_TIMEOUT_MS',
  'MCP_TRANSPORT',
  'PORT',
  'HOST',
  'NODE_ENV',
  'NODE_OPTIONS',
  'PATH',
  'HOME',
]);

export const reservedEnvVar: SpecRule = {
  name: 'reserved-env-var',
  check({ spec }) {
    const report = findings('reserved-env-var');
    for (const use of envVarUses(spec)) {
      if (!RESERVED_ENV_VARS.has(use.name)) continue;
      report.error(
        use.path,
        `env var \`${use.name}\` (${use.purpose}) is reserved: the generated server or the system already uses it`,
        `choose a name of its own, e.g. ${use.name === 'PORT' || use.name.startsWith('MCP_') ? 'APP_' : 'MY_'}${use.name.replace(/^MCP_/, '')}`,
      );
    }
    return report.list;
  },
};

export const envVarReuse: SpecRule = {
  name: 'env-var-reuse',
  check({ spec }) {
    const report = findings('env-var-reuse');
    const first = new Map<string, EnvUse>();
    for (const use of envVarUses(spec)) {
      const earlier = first.get(use.name);
      if (!earlier) first.set(use.name, use);
      else if (earlier.purpose !== use.purpose) {
        report.warning(
          use.path,
          `env var \`${use.name}\` is used for ${use.purpose} and also for ${earlier.purpose}`,
          'give each purpose its own variable',
        );
      }
    }
    return report.list;
  },
};
