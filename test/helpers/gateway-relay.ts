/**
 * Makes a loopback-only service on this machine (PostgreSQL here listens on 127.0.0.1 only) also listen on
 * the Docker bridge gateway, as a user would configure it (listen_addresses) so containers can reach it:
 * a TCP relay from <gateway>:<port> to 127.0.0.1:<port>. Tests cannot reconfigure the shared server.
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import type Docker from 'dockerode';
import { bridgeGateway } from '../../src/targets/docker/host-services.js';

export interface GatewayRelay {
  readonly gateway: string;
  close(): Promise<void>;
}

export async function relayToLoopback(engine: Docker, port: number): Promise<GatewayRelay> {
  const gateway = await bridgeGateway(engine);
  if (gateway === undefined) throw new Error('the default bridge network has no gateway');
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = tcpConnect({ host: '127.0.0.1', port });
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, gateway, () => resolve());
  });
  return {
    gateway,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
