// The offline compose stack under podman-compose: up, health, scale, down.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeFile } from './images';
import { offlineCompose } from './offline-compose';
import { podman, root, run, sleep } from './podman';

export const PROJECT = 'docpipe-ct';
export const API_KEY = 'containers-test-key';

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
  /** Compose file for `replicas` copies of extraction; `up` starts what is missing. */
  up(extractionReplicas: number): Promise<void>;
  waitHealthy(timeoutMs: number): Promise<void>;
  containers(service?: string): Promise<string[]>;
  logs(container: string): Promise<string>;
  down(): Promise<void>;
}

export async function offlineStack(log: (line: string) => void): Promise<Stack> {
  const ports = { GATEWAY_PORT: await freePort(), NOTIFICATION_PORT: await freePort() };
  const env: Record<string, string> = {
    GATEWAY_PORT: String(ports.GATEWAY_PORT),
    NOTIFICATION_PORT: String(ports.NOTIFICATION_PORT),
    RABBITMQ_MANAGEMENT_PORT: String(await freePort()),
    MINIO_CONSOLE_PORT: String(await freePort()),
    API_KEYS: `default:${API_KEY}`,
  };
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  let composeFile = '';
  const compose = (args: string[]) => run('podman-compose', ['-p', PROJECT, '-f', composeFile, ...args], { env });

  const containers = async (service?: string): Promise<string[]> => {
    const filter = ['--filter', `label=io.podman.compose.project=${PROJECT}`];
    if (service) filter.push('--filter', `label=com.docker.compose.service=${service}`);
    const { stdout } = await podman(['ps', '-a', ...filter, '--format', '{{.Names}}']);
    return stdout.split('\n').filter(Boolean).sort();
  };

  const logs = async (container: string): Promise<string> => {
    const { stdout, stderr } = await podman(['logs', container], { allowFailure: true });
    return stdout + stderr;
  };

  return {
    gatewayUrl: `http://127.0.0.1:${ports.GATEWAY_PORT}`,
    notificationUrl: `http://127.0.0.1:${ports.NOTIFICATION_PORT}`,
    async up(extractionReplicas) {
      const tree = offlineCompose(read('docker-compose-microservices.yml'), read('deploy/compose.offline.yml'));
      const services = tree['services'] as Record<string, Record<string, unknown>>;
      // podman-compose 1.0.3 parses --scale and ignores it; deploy.replicas it does follow.
      services['extraction'] = { ...services['extraction'], deploy: { replicas: extractionReplicas } };
      composeFile = writeFile('compose.yml', stringify(tree, { lineWidth: 0 }));
      await compose(['up', '-d', '--no-build']);
    },
    async waitHealthy(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const waiting: string[] = [];
        for (const name of await containers()) {
          const state = await podman(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}} {{.Config.Healthcheck}}', name]);
          const [status, exitCode, healthcheck] = state.stdout.trim().split(' ');
          if (healthcheck === '<nil>') {
            // One-shot jobs (restart: "no") have no healthcheck: done means exited with 0.
            if (status === 'exited' && exitCode !== '0') throw new Error(`${name} exited with ${exitCode}:\n${await logs(name)}`);
            if (status !== 'exited') waiting.push(`${name} (${status})`);
            continue;
          }
          // Without systemd nothing runs healthchecks on a timer here, so they are run on demand.
          const check = await podman(['healthcheck', 'run', name], { allowFailure: true });
          if (check.code !== 0) waiting.push(`${name} (${status})`);
        }
        if (waiting.length === 0) return;
        if (Date.now() > deadline) throw new Error(`not healthy after ${timeoutMs / 1000} s: ${waiting.join(', ')}`);
        await sleep(2000);
      }
    },
    containers,
    logs,
    async down() {
      if (composeFile) await compose(['down', '-v', '-t', '10']).catch((error: Error) => log(`down: ${error.message}`));
      for (const name of await containers()) await podman(['rm', '-f', name], { allowFailure: true });
      const volumes = await podman(['volume', 'ls', '--filter', `label=io.podman.compose.project=${PROJECT}`, '--format', '{{.Name}}'], {
        allowFailure: true,
      });
      for (const name of volumes.stdout.split('\n').filter(Boolean)) await podman(['volume', 'rm', '-f', name], { allowFailure: true });
      await podman(['network', 'rm', '-f', `${PROJECT}_default`], { allowFailure: true });
    },
  };
}
