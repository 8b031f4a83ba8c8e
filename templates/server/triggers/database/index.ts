/**
 * Database trigger: a dedicated pg Client LISTENs on a PostgreSQL channel; each NOTIFY runs the tool with
 * the payload (JSON-parsed when it parses). When the connection drops (server restart, network, an admin's
 * pg_terminate_backend) it reconnects with backoff and LISTENs again. NOTIFYs sent while disconnected are
 * lost: PostgreSQL does not queue them for absent listeners (use a queue trigger when that matters).
 * Event = { channel, payload }.
 */
import type { Client, Notification } from 'pg';
import type { DatabaseEvent, DatabaseTriggerConfig, TriggerContext, TriggerFactory } from '../contract.js';
import { FIRST_CONNECT_WAIT_MS, keepConnected, type Session } from '../reconnect.js';
import { delay, once } from '../run.js';

export const start: TriggerFactory<DatabaseTriggerConfig> = async (config, context) => {
  const url = context.connectionUrl(config.connection);
  // Loaded here, not at the top: a server without a database trigger never loads (or needs) pg.
  const { default: pg } = await import('pg');
  let client: Client | undefined;
  const connect = async (): Promise<Session> => {
    const current = new pg.Client({ connectionString: url });
    client = current;
    const lost = new Promise<unknown>((resolve) => {
      // `on`, not `once`: pg can emit several errors for one broken connection, and an unhandled one crashes.
      current.on('error', resolve);
      current.once('end', () => resolve(undefined));
    });
    try {
      await current.connect();
      current.on('notification', (message) => onNotification(config, context, message));
      await current.query(`LISTEN ${quoteIdentifier(config.channel)}`);
    } catch (error) {
      await current.end().catch(() => undefined);
      throw error;
    }
    context.log.info('database trigger listening', { channel: config.channel });
    return { lost };
  };
  const loop = keepConnected(connect, {
    signal: context.signal,
    log: context.log,
    maxMs: context.tuning.reconnectMaxMs,
    what: 'database',
  });
  // Start-up waits for the first LISTEN, but not for a database that is down: the loop keeps trying.
  await Promise.race([loop.firstConnected, delay(FIRST_CONNECT_WAIT_MS)]);
  return {
    id: context.id,
    stop: once(async () => {
      await context.drain();
      await client?.end().catch(() => undefined);
      await loop.ended;
    }),
  };
};

function onNotification(config: DatabaseTriggerConfig, context: TriggerContext, message: Notification): void {
  if (message.channel !== config.channel) return;
  const event: DatabaseEvent = { channel: message.channel, payload: parsePayload(message.payload) };
  void context.run(event);
}

export function parsePayload(payload: string | undefined): unknown {
  if (payload === undefined || payload === '') return null;
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}

/** The channel is a validated identifier already; quoting keeps its case and rules out injection anyway. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
