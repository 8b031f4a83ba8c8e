/** Loopback service URLs in a container's env are pointed at the host; everything else is left alone. */
import { describe, expect, it } from 'vitest';
import { reachHostFromContainer } from '../../../src/targets/docker/host-services.js';

const cases: { given: string; want: string; port?: number }[] = [
  {
    given: 'DATABASE_URL=postgres://app:s3cret@127.0.0.1:5432/db?options=-c%20search_path%3Dx',
    want: 'DATABASE_URL=postgres://app:s3cret@host.docker.internal:5432/db?options=-c%20search_path%3Dx',
    port: 5432,
  },
  { given: 'REDIS_URL=redis://localhost', want: 'REDIS_URL=redis://host.docker.internal', port: 6379 },
  { given: 'API=http://[::1]:8080/v1', want: 'API=http://host.docker.internal:8080/v1', port: 8080 },
  {
    given: 'MQ=amqp://guest:guest@127.0.1.1:5672',
    want: 'MQ=amqp://guest:guest@host.docker.internal:5672',
    port: 5672,
  },
];

const untouched = [
  'DATABASE_URL=postgres://db.internal:5432/app',
  'DATABASE_URL=postgres://localhost.example.com/app', // a real host that starts with "localhost"
  'NOTE=see http://127.0.0.1 for details', // not a URL value
  'MCP_PORT=8080',
  'KEYS=a,b',
];

describe('reachHostFromContainer', () => {
  it.each(cases)('$given', ({ given, want, port }) => {
    const { entries, rewrites } = reachHostFromContainer([given]);
    expect(entries).toEqual([want]);
    expect(rewrites).toEqual([expect.objectContaining({ name: given.split('=')[0], port })]);
  });

  it.each(untouched)('leaves %s alone', (entry) => {
    expect(reachHostFromContainer([entry])).toEqual({ entries: [entry], rewrites: [] });
  });

  it('reports names and hosts, never values', () => {
    const { rewrites } = reachHostFromContainer(['DATABASE_URL=postgres://u:topsecret@localhost/db']);
    expect(JSON.stringify(rewrites)).not.toContain('topsecret');
  });
});
