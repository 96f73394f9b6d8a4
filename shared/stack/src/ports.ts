import { createServer, type AddressInfo, type Server } from 'node:net';

/** An OS-assigned free port on 127.0.0.1 (free when returned; another process could still take it). */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port;
}

/** Several distinct free ports: all are held open together so the OS cannot hand out one twice. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, listenOnAnyPort));
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map(closeServer));
  return ports;
}

/** Keeps the given ports and replaces each missing one with a free port. */
export async function fillPorts(ports: Array<number | undefined>): Promise<number[]> {
  const free = await freePorts(ports.filter((port) => port === undefined).length);
  return ports.map((port) => port ?? (free.shift() as number));
}

function listenOnAnyPort(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
