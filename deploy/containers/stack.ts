// The offline compose stack under podman-compose: up, health, scale, down.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { writeFile } from './images';
import { offlineCompose } from './offline-compose';
import { podmanComposeFile } from './podman-compose-file';
import { podman, root, run, sleep } from './podman';
import { containerState, DependsOn, isHealthy, startInOrder } from './start-order';

export const PROJECT = 'docpipe-ct';
export const API_KEY = 'containers-test-key';
const NETWORK = `${PROJECT}_default`;

/** A free loopback port, so the stack can run beside `npm start` and other stacks on the machine. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Stack {
  gatewayUrl: string;
  notificationUrl: string;
  /** Compose file for `replicas` copies of extraction; creates what is missing and starts it in dependency order. */
  up(extractionReplicas: number, timeoutMs: number): Promise<void>;
  waitHealthy(timeoutMs: number): Promise<void>;
  containers(service?: string): Promise<string[]>;
  logs(container: string): Promise<string>;
  /** Removes the containers with their volumes, the named volumes and the network; fails if any is left. */
  down(): Promise<void>;
}

export async function offlineStack(): Promise<Stack> {
  const ports = { GATEWAY_PORT: await freePort(), NOTIFICATION_PORT: await freePort() };
  const env: Record<string, string | undefined> = {
    ...process.env,
    GATEWAY_PORT: String(ports.GATEWAY_PORT),
    NOTIFICATION_PORT: String(ports.NOTIFICATION_PORT),
    RABBITMQ_MANAGEMENT_PORT: String(await freePort()),
    MINIO_CONSOLE_PORT: String(await freePort()),
    API_KEYS: `default:${API_KEY}`,
  };
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  let composeFile = '';
  // podman-compose 1.0.3 ignores `init: true`; every container gets podman's init (catatonit) this way instead.
  const compose = (args: string[]) => run('podman-compose', ['-p', PROJECT, '-f', composeFile, ...args]);

  const containers = async (service?: string): Promise<string[]> => {
    const filter = ['--filter', `label=io.podman.compose.project=${PROJECT}`];
    if (service) filter.push('--filter', `label=com.docker.compose.service=${service}`);
    const { stdout } = await podman(['ps', '-a', ...filter, '--format', '{{.Names}}']);
    return stdout.split('\n').filter(Boolean).sort();
  };

  const projectVolumes = async (): Promise<string[]> => {
    const { stdout } = await podman(['volume', 'ls', '--filter', `label=io.podman.compose.project=${PROJECT}`, '--format', '{{.Name}}']);
    return stdout.split('\n').filter(Boolean);
  };

  const logs = async (container: string): Promise<string> => {
    const { stdout, stderr } = await podman(['logs', container], { allowFailure: true });
    return stdout + stderr;
  };

  return {
    gatewayUrl: `http://127.0.0.1:${ports.GATEWAY_PORT}`,
    notificationUrl: `http://127.0.0.1:${ports.NOTIFICATION_PORT}`,
    async up(extractionReplicas, timeoutMs) {
      const tree = offlineCompose(read('docker-compose-microservices.yml'), read('deploy/compose.offline.yml'));
      const services = tree['services'] as Record<string, Record<string, unknown>>;
      // podman-compose 1.0.3 parses --scale and ignores it; deploy.replicas it does follow.
      services['extraction'] = { ...services['extraction'], deploy: { replicas: extractionReplicas } };
      composeFile = writeFile('compose.yml', podmanComposeFile(tree, env));
      // Creates what is missing (volumes, network, containers; an existing container's name is refused and kept).
      // Not with -d: podman-compose 1.0.3 would pass it on to `podman create`, which has no such option.
      await compose(['up', '--no-start', '--no-build']);
      const dependsOn = Object.fromEntries(
        Object.entries(services).map(([name, service]) => [name, (service['depends_on'] ?? {}) as DependsOn]),
      );
      await startInOrder({ dependsOn, containersOf: containers, logs, timeoutMs });
    },
    async waitHealthy(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const waiting: string[] = [];
        for (const name of await containers()) {
          const state = await containerState(name);
          if (!state.hasHealthcheck) {
            // One-shot jobs (restart: "no") have no healthcheck: done means exited with 0.
            if (state.status === 'exited' && state.exitCode !== 0)
              throw new Error(`${name} exited with ${state.exitCode}:\n${await logs(name)}`);
            if (state.status !== 'exited') waiting.push(`${name} (${state.status})`);
          } else if (!(await isHealthy(state))) waiting.push(`${name} (${state.status})`);
        }
        if (waiting.length === 0) return;
        if (Date.now() > deadline) throw new Error(`not healthy after ${timeoutMs / 1000} s: ${waiting.join(', ')}`);
        await sleep(2000);
      }
    },
    containers,
    logs,
    async down() {
      // podman directly, not podman-compose 1.0.3's down: that removes containers without their anonymous
      // volumes (the images' VOLUME paths nothing is mounted on, e.g. in the one-shot jobs), which then pile up.
      const names = await containers();
      if (names.length > 0) await podman(['rm', '--force', '--volumes', '--time', '10', ...names]);
      for (const name of await projectVolumes()) await podman(['volume', 'rm', '--force', name]);
      if ((await podman(['network', 'exists', NETWORK], { allowFailure: true })).code === 0) await podman(['network', 'rm', NETWORK]);
      const left = [...(await containers()), ...(await projectVolumes())];
      if (left.length > 0) throw new Error(`still there after tearing down: ${left.join(', ')}`);
    },
  };
}
