/** Names that must be unique within their list (tools become files, connections become pools, …). */
import type { PathSegment } from '../path.js';
import { findings, type SpecRule } from './rule.js';

interface Named {
  readonly key: string;
  readonly path: PathSegment[];
}

function reportDuplicates(rule: string, what: string, items: readonly Named[], caseless = false) {
  const report = findings(rule);
  const first = new Map<string, Named>();
  for (const item of items) {
    const key = caseless ? item.key.toLowerCase() : item.key;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, item);
      continue;
    }
    const same =
      earlier.key === item.key
        ? `\`${item.key}\``
        : `\`${item.key}\` (same as \`${earlier.key}\` ignoring case)`;
    report.error(
      item.path,
      `duplicate ${what} ${same}`,
      `it is already defined at ${pathText(earlier.path)}`,
    );
  }
  return report.list;
}

function pathText(path: readonly PathSegment[]): string {
  return path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`))
    .join('')
    .slice(1);
}

export const duplicateNames: SpecRule = {
  name: 'duplicate-name',
  check({ spec }) {
    return [
      // Tool files are src/tools/<name>.ts: names differing only in case collide on macOS and Windows.
      ...reportDuplicates(
        'duplicate-name',
        'tool name',
        spec.tools.map((tool, i) => ({ key: tool.name, path: ['tools', i, 'name'] })),
        true,
      ),
      ...reportDuplicates(
        'duplicate-name',
        'connection name',
        spec.connections.map((c, i) => ({ key: c.name, path: ['connections', i, 'name'] })),
      ),
      ...reportDuplicates(
        'duplicate-name',
        'prompt name',
        spec.prompts.map((p, i) => ({ key: p.name, path: ['prompts', i, 'name'] })),
      ),
      ...reportDuplicates(
        'duplicate-name',
        'resource uri',
        spec.resources.map((r, i) => ({ key: r.uri, path: ['resources', i, 'uri'] })),
      ),
      ...spec.prompts.flatMap((prompt, p) =>
        reportDuplicates(
          'duplicate-name',
          'prompt argument',
          prompt.arguments.map((a, i) => ({ key: a.name, path: ['prompts', p, 'arguments', i, 'name'] })),
        ),
      ),
    ];
  },
};

export const duplicateWebhookPath: SpecRule = {
  name: 'duplicate-webhook-path',
  check({ spec }) {
    const webhooks: Named[] = [];
    spec.triggers.forEach((trigger, i) => {
      if (trigger.type === 'webhook')
        webhooks.push({ key: trigger.path.replace(/\/+$/, '') || '/', path: ['triggers', i, 'path'] });
    });
    return reportDuplicates('duplicate-webhook-path', 'webhook path', webhooks);
  },
};
