/**
 * A server under test served through the local target's stdio→HTTP bridge: the bridge process the
 * supervisor runs for stdio deployments (bridge-main), with the inner server's stdio command after `--`.
 * The verification tests then hold the bridge to the same rules as servers that serve HTTP themselves.
 */
import { entryCommand } from '../../../src/targets/local/node-entry.js';
import type { ServerUnderTest } from './server-under-test.js';

export async function bridgedServer(inner: ServerUnderTest): Promise<ServerUnderTest> {
  const [node, ...bridgeArgs] = await entryCommand('bridge-main');
  if (node === undefined) throw new Error('no command for the bridge entry');
  const stdio = inner.stdio();
  return {
    ...inner,
    id: 'bridge',
    label: `${inner.label} behind the stdio bridge`,
    http: (port) => ({
      command: node,
      args: [...bridgeArgs, '--port', String(port), '--', stdio.command, ...stdio.args],
      env: stdio.env,
      cwd: stdio.cwd,
    }),
    healthPath: '/healthz',
  };
}
