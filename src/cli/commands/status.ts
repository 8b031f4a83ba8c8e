/** `mcp-factory status NAME`: state, pid, uptime, restarts, endpoint, last health check, tools, recent errors. */
import { withFactory } from '../../services/factory-context.js';
import { type ServerStatus, serverStatus } from '../../services/server-status.js';
import { defineCommand } from '../command.js';
import { detailLines } from '../render/details.js';
import { duration } from '../render/table.js';

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'Show a server’s deployment state, health and recent errors',
  arguments: [{ name: 'name', description: 'server name', required: true }],
  examples: ['mcp-status notes', 'mcp-status notes --json'],
  async run({ args, env }) {
    const status = await withFactory(env, (context) => serverStatus(context, args[0] ?? ''));
    const failing = status.deployments.some(
      (d) => d.state === 'failed' || d.state === 'unhealthy' || d.readiness?.ready === false,
    );
    return { text: render(status), json: status, exitCode: failing ? 1 : 0 };
  },
});

/** `ready: no` and one line per connection that is not (all of them when every one is ready). */
function readinessLines(d: ServerStatus['deployments'][number]): string[] {
  const readiness = d.readiness;
  if (readiness === undefined) return [];
  const lines = [
    `    ready: ${readiness.ready ? 'yes' : `no${readiness.error ? ` (${readiness.error})` : ''}`}`,
  ];
  for (const c of readiness.connections) {
    lines.push(`      ${c.name} (${c.type}): ${c.status}${c.error ? ` — ${c.error}` : ''}`);
  }
  return lines;
}

function render(status: ServerStatus): string {
  const lines = [`${status.name} ${status.latestVersion} (${status.kind}, ${status.toolCount} tools)`];
  if (status.deployments.length === 0) lines.push('  not deployed');
  for (const d of status.deployments) {
    const health = d.lastHealth
      ? `${d.lastHealth.ok ? 'ok' : `failing: ${d.lastHealth.error ?? 'unknown'}`} at ${d.lastHealth.at}`
      : 'not checked yet';
    lines.push(
      `  ${d.target}: ${d.state}${d.reason ? ` (${d.reason})` : ''}`,
      `    version ${d.version}, ${d.transport}, endpoint ${d.endpoint}`,
      `    pid ${d.serverPid ?? '-'}, supervisor ${d.supervisorPid ?? '-'}, uptime ${duration(d.uptimeMs)}, restarts ${d.restarts}`,
      `    last health check: ${health}`,
      ...readinessLines(d),
      ...detailLines(d, '    '),
    );
  }
  if (status.usage.length > 0) {
    lines.push('  usage:');
    for (const u of status.usage) lines.push(`    ${u.tool}: ${u.calls} calls, ${u.errors} errors`);
  }
  if (status.recentErrors.length > 0) {
    lines.push('  recent errors:');
    for (const e of status.recentErrors) lines.push(`    ${e.at} ${e.level}: ${e.message}`);
  }
  return lines.join('\n');
}
