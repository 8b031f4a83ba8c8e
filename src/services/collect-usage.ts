/**
 * Per-tool usage reported by running servers. A generated server counts calls, errors and latency per tool
 * since it started and serves them at `/metrics`; the factory polls that, turns it into deltas against the
 * snapshot it saw last (kept with the deployment), and adds them to the registry's totals. A restart resets
 * the server's counters, which the start time in the snapshot reveals, so nothing is counted twice.
 *
 * Only servers that speak HTTP themselves are polled: behind the stdio bridge every client session runs its
 * own short-lived process, whose counters end with it.
 */
import type { Deployment, Registry, UsageDelta } from '../registry/index.js';
import type { DeploymentInfo } from '../targets/index.js';

interface ToolCounters {
  readonly calls: number;
  readonly errors: number;
  readonly totalMs: number;
}

interface MetricsSnapshot {
  readonly uptimeSeconds: number;
  readonly tools: Readonly<Record<string, ToolCounters>>;
}

/**
 * What is remembered between polls: when the server process started, and its counters then. A list, not a
 * map keyed by tool name: the registry redacts values under credential-looking keys (a tool may well be
 * called `refresh_token`).
 */
export interface UsageBaseline {
  readonly serverStartedAt: number;
  readonly tools: readonly (ToolCounters & { readonly tool: string })[];
}

const POLL_TIMEOUT_MS = 2000;
/** Start times computed from uptime wobble by up to a second or two between polls. */
const SAME_PROCESS_SLACK_MS = 3000;

export async function collectUsage(
  registry: Registry,
  info: DeploymentInfo,
  deployment: Deployment,
): Promise<void> {
  if (info.transport !== 'http' || (info.state !== 'running' && info.state !== 'unhealthy')) return;
  const snapshot = await fetchMetrics(info.endpoint);
  if (snapshot === undefined) return;
  const baseline = sameProcess(deployment.options.usageBaseline as UsageBaseline | undefined, snapshot);
  const before = Object.fromEntries((baseline?.tools ?? []).map((entry) => [entry.tool, entry]));
  const deltas = usageDeltas(before, snapshot.tools);
  if (deltas.length > 0) await registry.recordUsage(info.name, info.version, deltas);
  const tools = Object.entries(snapshot.tools).map(([tool, c]) => ({
    tool,
    calls: c.calls,
    errors: c.errors,
    totalMs: c.totalMs,
  }));
  const next: UsageBaseline = { serverStartedAt: startedAt(snapshot), tools };
  await registry.updateDeployment(deployment.id, { options: { ...deployment.options, usageBaseline: next } });
}

export function usageDeltas(
  before: Readonly<Record<string, ToolCounters>>,
  now: Readonly<Record<string, ToolCounters>>,
): UsageDelta[] {
  const deltas: UsageDelta[] = [];
  for (const [tool, counters] of Object.entries(now)) {
    const previous = before[tool] ?? { calls: 0, errors: 0, totalMs: 0 };
    const calls = counters.calls - previous.calls;
    if (calls <= 0) continue;
    const errors = Math.max(0, counters.errors - previous.errors);
    deltas.push({ tool, calls, errors, latencyMs: Math.max(0, counters.totalMs - previous.totalMs) });
  }
  return deltas;
}

function startedAt(snapshot: MetricsSnapshot): number {
  return Date.now() - snapshot.uptimeSeconds * 1000;
}

function sameProcess(
  baseline: UsageBaseline | undefined,
  snapshot: MetricsSnapshot,
): UsageBaseline | undefined {
  if (baseline === undefined) return undefined;
  return Math.abs(baseline.serverStartedAt - startedAt(snapshot)) <= SAME_PROCESS_SLACK_MS
    ? baseline
    : undefined;
}

async function fetchMetrics(endpoint: string): Promise<MetricsSnapshot | undefined> {
  try {
    // A server started with MCP_METRICS_TOKEN answers /metrics only with it; the factory reads the same
    // variable from its own environment (the value is sent, never stored or printed).
    const token = process.env.MCP_METRICS_TOKEN?.split(',')[0]?.trim();
    const response = await fetch(new URL('/metrics', endpoint), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(POLL_TIMEOUT_MS),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as Partial<MetricsSnapshot>;
    return typeof body.uptimeSeconds === 'number' && body.tools ? (body as MetricsSnapshot) : undefined;
  } catch {
    return undefined; // a server that does not answer is the health check's business, not usage's
  }
}
