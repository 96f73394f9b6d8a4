import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolatedDatabase, isolatedVhost, SERVICES, startServiceProcess, type ServiceProcess } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';

/** The stages a document passes through, each a competing consumer of its queue: what scales by copies. */
const WORKERS = new Set<string>(['ingestion', 'extraction', 'classification', 'indexing']);

/** The eight services as processes on a vhost, database, index directory and tenant of their own. */
export interface Deployment {
  gatewayUrl: string;
  tenant: string;
  apiKey: string;
  /** The services' process ids, for their CPU use. */
  pids(): number[];
  stop(): Promise<void>;
}

export interface DeploymentOptions {
  workerCopies?: number;
  /** Set after the deployment's own settings (which turn the remote engines off): a profile's engines. */
  overrides?: NodeJS.ProcessEnv;
}

export async function startDeployment(
  env: NodeJS.ProcessEnv,
  { workerCopies = 1, overrides = {} }: DeploymentOptions = {},
): Promise<Deployment> {
  const tenant = `bench-${randomBytes(4).toString('hex')}`;
  const apiKey = `key-${randomBytes(12).toString('hex')}`;
  const [vhost, database, lanceDir] = await Promise.all([
    isolatedVhost('bench', env),
    isolatedDatabase('bench', env),
    mkdtemp(join(tmpdir(), 'docpipe-bench-lance-')),
  ]);
  const running: ServiceProcess[] = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await Promise.all(running.map((service) => service.stop()));
    await Promise.all([vhost.remove(), database.drop(), rm(lanceDir, { recursive: true, force: true }), removeBlobs(env, tenant)]);
  };
  const serviceEnv = {
    ...env,
    RABBITMQ_URL: vhost.url,
    DATABASE_URL: database.url,
    LANCE_DIR: lanceDir,
    API_KEYS: `${tenant}:${apiKey}`,
    OLLAMA_HOST: '',
    OPENSEARCH_URL: '',
    LOG_LEVEL: 'warn',
    // The bench measures capacity, not the per-key rate limit (600/min by default), which 500 uploads would hit.
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...overrides,
  };
  try {
    for (const name of SERVICES) {
      const copies = WORKERS.has(name) ? workerCopies : 1;
      for (let copy = 0; copy < copies; copy++) {
        const service = await startServiceProcess(name, serviceEnv);
        // A service that dies mid-run leaves its queue unconsumed and the run waiting: say so, with its last output.
        void service.exited.then(({ code, signal }) => {
          if (!stopping) process.stderr.write(`${name} exited (${signal ?? code}) during the run. Its output:\n${service.output()}\n`);
        });
        running.push(service);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl: running[running.length - 1]!.url, tenant, apiKey, pids: () => running.map((service) => service.pid), stop };
}

async function removeBlobs(env: NodeJS.ProcessEnv, tenant: string): Promise<void> {
  const store = new ObjectStore(storageConfigSchema.parse(env));
  for (const prefix of ['staging', 'originals', 'derived']) await store.removePrefix(`${prefix}/${tenant}/`);
}
