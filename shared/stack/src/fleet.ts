import { freePort } from './ports';
import { startServiceProcess, type ServiceProcess } from './service-process';

/** Every service, in start order: workers first so their queues exist, the gateway last. */
export const SERVICES = ['metadata', 'ingestion', 'extraction', 'classification', 'indexing', 'search', 'notification', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];
type ServiceEnv = (name: ServiceName) => NodeJS.ProcessEnv;

/**
 * The eight services as processes from their sources, each restarted when it dies (as a process manager
 * or Kubernetes would): the whole pipeline for end-to-end tests, benchmarks and fault runs.
 */
export class Fleet {
  private readonly running = new Map<ServiceName, ServiceProcess>();
  /** Kept across restarts, so the gateway's proxy to notification (and any client) finds a service again. */
  private readonly ports = new Map<ServiceName, number>();
  private stopping = false;
  /** How many times a killed service came back. */
  restarts = 0;
  /** Each exit the fleet did not ask for, with the service's last lines of output: what a test shows when one crashed. */
  readonly exits: Array<{ service: ServiceName; output: string }> = [];

  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: (message: string) => void,
    private readonly envOf: ServiceEnv,
  ) {}

  /**
   * `envOf` adds what differs per service (its own broker user, say) to the common `env`. When one service does
   * not get ready, those already started are stopped before the error is thrown: the caller has no fleet to stop.
   */
  static async start(env: NodeJS.ProcessEnv, log: (message: string) => void, envOf: ServiceEnv = () => ({})): Promise<Fleet> {
    const fleet = new Fleet(env, log, envOf);
    try {
      for (const name of SERVICES) await fleet.launch(name);
    } catch (error) {
      await fleet.stop();
      throw error;
    }
    return fleet;
  }

  url(name: ServiceName): string {
    const service = this.running.get(name);
    if (!service) throw new Error(`${name} is not running right now`);
    return service.url;
  }

  /**
   * SIGKILL, as a crash: no shutdown hook runs. The service is started again once it is gone.
   * False when it was not running (still coming back from the last kill).
   */
  async kill(name: ServiceName): Promise<boolean> {
    const service = this.running.get(name);
    if (!service) return false;
    await service.kill();
    return true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.running.values()].map((service) => service.stop()));
  }

  private async launch(name: ServiceName): Promise<void> {
    const port = this.ports.get(name) ?? (await freePort());
    this.ports.set(name, port);
    const notification = this.ports.get('notification');
    const env = { ...this.env, ...this.envOf(name), ...(notification && { NOTIFICATION_URL: `http://127.0.0.1:${notification}` }) };
    const service = await startServiceProcess(name, env, { port });
    // Stopped while it was starting (a relaunch after a kill, say): nobody would stop it later.
    if (this.stopping) {
      await service.stop();
      return;
    }
    this.running.set(name, service);
    void service.exited.then(() => this.relaunch(name, service));
  }

  private async relaunch(name: ServiceName, gone: ServiceProcess): Promise<void> {
    if (this.stopping || this.running.get(name) !== gone) return;
    this.running.delete(name);
    this.exits.push({ service: name, output: gone.output() });
    // A crash loop (the broker is down, say) backs off instead of spinning.
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.launch(name);
        this.restarts++;
        return;
      } catch (error) {
        this.log(
          `${name} did not come back (attempt ${attempt}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)));
      }
    }
  }
}
