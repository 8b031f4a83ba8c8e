/**
 * The one published port in front of N replicas: a small TCP balancer container, `mcp-factory-<name>`,
 * on the deployment's own network. Every new connection goes to the next replica in turn among the
 * addresses Docker's embedded DNS gives for the replicas' shared alias (only running containers are
 * listed), and to the one after when a replica refuses. It runs from the server's own image (node is all
 * it needs) as `node -e <script>`, confined like the replicas: non-root, read-only, no capabilities.
 *
 * Why not a Swarm service: its routing mesh needs IPVS (ip_vs) in the host kernel, which machines like
 * ours lack — the service runs but its published port refuses every connection. This works on any
 * engine, needs no swarm, and publishes on 127.0.0.1 only where the mesh publishes on every interface.
 */
import type Docker from 'dockerode';
import { CONFINED, logRotation, runLabels } from './container-spec.js';
import type { DockerDeployment } from './deployment-record.js';
import { containerName } from './names.js';

export const REPLICA_ALIAS = 'replicas';
export const ROLE_LABEL = 'mcp-factory.role';

/** The balancer as plain JavaScript for `node -e` (CommonJS: `-e` code is not a module). */
export const BALANCER_SCRIPT = `
const net = require('node:net');
const dns = require('node:dns').promises;
const host = process.env.BALANCE_HOST;
const port = Number(process.env.BALANCE_PORT);
let turn = 0;
async function replicas() {
  const found = await dns.lookup(host, { all: true, family: 4 });
  return found.map((a) => a.address).sort();
}
function forward(client, addresses, first, tried) {
  if (tried >= addresses.length) return client.destroy();
  const upstream = net.connect(port, addresses[(first + tried) % addresses.length]);
  upstream.once('error', () => forward(client, addresses, first, tried + 1));
  upstream.once('connect', () => {
    upstream.removeAllListeners('error');
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
}
const server = net.createServer(async (client) => {
  client.pause();
  client.on('error', () => undefined);
  let addresses = [];
  try { addresses = await replicas(); } catch { return client.destroy(); }
  forward(client, addresses, turn++, 0);
});
server.listen(port, '0.0.0.0', () => console.log(JSON.stringify({ msg: 'balancing', host, port })));
process.on('SIGTERM', () => process.exit(0)); // a byte pipe has nothing to flush; idle keep-alives would hold close()
`;

export function balancerSpec(record: DockerDeployment, network: string): Docker.ContainerCreateOptions {
  const exposed = `${record.containerPort}/tcp`;
  return {
    name: containerName(record.name),
    Image: record.image,
    Cmd: ['node', '-e', BALANCER_SCRIPT],
    WorkingDir: '/tmp',
    User: 'node',
    Env: [`BALANCE_HOST=${REPLICA_ALIAS}`, `BALANCE_PORT=${record.containerPort}`],
    Labels: { ...runLabels(record), [ROLE_LABEL]: 'balancer' },
    ExposedPorts: { [exposed]: {} },
    StopSignal: 'SIGTERM',
    StopTimeout: Math.ceil(record.stopTimeoutMs / 1000),
    HostConfig: {
      PortBindings: { [exposed]: [{ HostIp: '127.0.0.1', HostPort: String(record.port) }] },
      NetworkMode: network,
      ...CONFINED,
      Memory: 96 * 1024 * 1024,
      MemorySwap: 96 * 1024 * 1024,
      PidsLimit: 64,
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: record.maxRestarts },
      LogConfig: { Type: 'json-file', Config: logRotation(record) },
    },
  };
}
