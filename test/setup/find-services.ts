/**
 * Vitest global set-up: finds the services the integration tests use on their standard local addresses, so
 * the README's test command runs every test this machine can run without exporting anything. A variable that
 * is already set wins. The test workers are started after this runs and inherit the environment. One line
 * says what was found and, for what was not, which tests skip and which variable would enable them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';

interface Service {
  readonly variable: string;
  readonly label: string;
  /** The value to use when the service answers at its standard address. */
  readonly value: string;
  readonly probe: () => Promise<boolean>;
}

const QEMU = which('qemu-system-x86_64');

const SERVICES: readonly Service[] = [
  tcp('MCP_TEST_POSTGRES_URL', 'PostgreSQL', 5432, 'postgres://postgres@127.0.0.1:5432/test'),
  tcp('MCP_TEST_MYSQL_URL', 'MySQL/MariaDB', 3306, 'mysql://root@127.0.0.1:3306/test'),
  tcp('MCP_TEST_REDIS_URL', 'Redis', 6379, 'redis://127.0.0.1:6379'),
  tcp('MCP_TEST_RABBITMQ_URL', 'RabbitMQ', 5672, 'amqp://guest:guest@127.0.0.1:5672'),
  {
    variable: 'MCP_TEST_DOCKER_HOST',
    label: 'Docker engine',
    value: 'unix:///var/run/docker.sock',
    probe: () => dockerAnswers('/var/run/docker.sock'),
  },
  { variable: 'MCP_TEST_QEMU', label: 'QEMU', value: QEMU ?? '', probe: async () => QEMU !== undefined },
];

export default async function findServices(): Promise<void> {
  const found: string[] = [];
  const missing: string[] = [];
  await Promise.all(
    SERVICES.map(async (service) => {
      if (process.env[service.variable]?.trim()) return found.push(`${service.label} (${service.variable})`);
      if (!(await service.probe())) return missing.push(`${service.label}: set ${service.variable}`);
      process.env[service.variable] = service.value;
      found.push(service.label);
    }),
  );
  const skipped = missing.length === 0 ? '' : `; their tests skip without ${missing.sort().join(', ')}`;
  console.log(`services: found ${found.sort().join(', ') || 'none'}${skipped}`);
}

function tcp(variable: string, label: string, port: number, value: string): Service {
  return { variable, label, value, probe: () => portAnswers(port) };
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 500 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

function dockerAnswers(socketPath: string): Promise<boolean> {
  if (!existsSync(socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const ping = request({ socketPath, path: '/_ping', timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    ping.once('error', () => resolve(false));
    ping.once('timeout', () => ping.destroy());
    ping.end();
  });
}

function which(command: string): string | undefined {
  try {
    return execFileSync('which', [command], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
