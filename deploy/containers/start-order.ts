// depends_on conditions, which podman-compose 1.0.3 does not wait for: it starts every container at once, so
// rabbitmq-topology ran before the broker listened and the services came up with no broker users.
// The stack is created with `podman-compose up --no-start`; this starts each service's containers once what it
// depends on is started, healthy or completed, as a compose engine does.
import { podman } from './podman';

type Condition = 'service_started' | 'service_healthy' | 'service_completed_successfully';
export type DependsOn = Record<string, { condition?: Condition }>;

export interface ContainerState {
  name: string;
  status: string;
  exitCode: number;
  hasHealthcheck: boolean;
}

export async function containerState(name: string): Promise<ContainerState> {
  const { stdout } = await podman(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}} {{.Config.Healthcheck}}', name]);
  const [status = '', exitCode = '0', healthcheck = '<nil>'] = stdout.trim().split(' ');
  return { name, status, exitCode: Number(exitCode), hasHealthcheck: healthcheck !== '<nil>' };
}

/** Healthy as the compose spec means it; without systemd nothing runs healthchecks on a timer here, so it is run now. */
export async function isHealthy(state: ContainerState): Promise<boolean> {
  if (state.status !== 'running') return false;
  if (!state.hasHealthcheck) return true;
  return (await podman(['healthcheck', 'run', state.name], { allowFailure: true })).code === 0;
}

async function conditionMet(containers: ContainerState[], condition: Condition, logs: (name: string) => Promise<string>) {
  if (containers.length === 0) return false;
  if (condition === 'service_completed_successfully') {
    const failed = containers.find((state) => state.status === 'exited' && state.exitCode !== 0);
    if (failed) throw new Error(`${failed.name} exited with ${failed.exitCode}:\n${await logs(failed.name)}`);
    return containers.every((state) => state.status === 'exited');
  }
  if (condition === 'service_started') return containers.every((state) => state.status === 'running');
  const healthy = await Promise.all(containers.map(isHealthy));
  return healthy.every(Boolean);
}

export interface StartOptions {
  dependsOn: Record<string, DependsOn>;
  /** Container names of one service, created or running. */
  containersOf(service: string): Promise<string[]>;
  logs(name: string): Promise<string>;
  timeoutMs: number;
}

/** Starts every created container of every service, each service once its dependencies' conditions hold. */
export async function startInOrder(options: StartOptions): Promise<void> {
  const pending = new Set(Object.keys(options.dependsOn));
  const deadline = Date.now() + options.timeoutMs;
  while (pending.size > 0) {
    const states = new Map<string, ContainerState[]>();
    const stateOf = async (service: string) => {
      if (!states.has(service)) states.set(service, await Promise.all((await options.containersOf(service)).map(containerState)));
      return states.get(service) as ContainerState[];
    };
    for (const service of [...pending]) {
      const dependencies = Object.entries(options.dependsOn[service] ?? {});
      let met = true;
      for (const [dependency, { condition = 'service_started' }] of dependencies) {
        met = met && !pending.has(dependency) && (await conditionMet(await stateOf(dependency), condition, options.logs));
      }
      if (!met) continue;
      const created = (await stateOf(service)).filter((state) => state.status === 'created' || state.status === 'configured');
      if (created.length > 0) await podman(['start', ...created.map((state) => state.name)]);
      pending.delete(service);
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline) throw new Error(`dependencies not met after ${options.timeoutMs / 1000} s: ${[...pending].join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
