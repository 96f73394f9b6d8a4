import { join, resolve } from 'node:path';
import { errorMessage } from './errors';
import { startPostgres } from './postgres';
import { startRabbitMq } from './rabbitmq';
import { startS3 } from './s3';

export interface StackEndpoints {
  rabbitmqUrl: string;
  rabbitmqManagementUrl: string;
  databaseUrl: string;
  s3: { endpoint: string; accessKey: string; secretKey: string; region: string; bucket: string };
}

export interface Stack {
  endpoints: StackEndpoints;
  /** Stops what this stack started (never external servers); safe to call more than once. */
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Parent of rabbitmq/, postgres/ and s3/; keeps data across runs. */
  dataDir: string;
  /** Servers already configured here (RABBITMQ_URL, DATABASE_URL, S3_ENDPOINT) are used, not started. Default process.env */
  env?: NodeJS.ProcessEnv;
  /** standard: 5672/15672/25672, 5433, 9000 (for npm start); random: free ports (for tests). */
  ports: 'standard' | 'random';
  log?: (message: string) => void;
}

/** One server of the stack: its endpoints, and stop when this stack started it. */
interface Part<T> {
  endpoints: T;
  stop?: () => Promise<void>;
}

interface Context {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  standard: boolean;
  log: (message: string) => void;
}

const STANDARD_PORTS = { amqp: 5672, management: 15672, dist: 25672, postgres: 5433, s3: 9000 };
const STANDARD_NODE_NAME = 'docpipe@localhost';

/** Starts RabbitMQ, PostgreSQL and S3 in parallel; if one fails, stops the others and rethrows. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const context: Context = {
    env: options.env ?? process.env,
    dataDir: resolve(options.dataDir),
    standard: options.ports === 'standard',
    log: options.log ?? (() => undefined),
  };
  checkExternalS3(context.env);
  const [rabbit, database, storage] = await Promise.allSettled([rabbitMq(context), postgres(context), s3(context)]);
  if (rabbit.status === 'fulfilled' && database.status === 'fulfilled' && storage.status === 'fulfilled') {
    const parts = [rabbit.value, database.value, storage.value];
    let stopping: Promise<void> | undefined;
    return {
      endpoints: { ...rabbit.value.endpoints, databaseUrl: database.value.endpoints, s3: storage.value.endpoints },
      stop: () => (stopping ??= stopParts(parts)),
    };
  }
  const settled = [rabbit, database, storage];
  const failures = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  failures.slice(1).forEach((error) => context.log(`stack: another server failed to start too: ${errorMessage(error)}`));
  await stopParts(settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))).catch((error: unknown) =>
    context.log(`stack: stopping the servers that did start failed: ${errorMessage(error)}`),
  );
  throw failures[0];
}

/** The endpoints as the environment variables services read. */
export function stackEnv(endpoints: StackEndpoints): Record<string, string> {
  return {
    RABBITMQ_URL: endpoints.rabbitmqUrl,
    RABBITMQ_MANAGEMENT_URL: endpoints.rabbitmqManagementUrl,
    DATABASE_URL: endpoints.databaseUrl,
    S3_ENDPOINT: endpoints.s3.endpoint,
    S3_ACCESS_KEY: endpoints.s3.accessKey,
    S3_SECRET_KEY: endpoints.s3.secretKey,
    S3_REGION: endpoints.s3.region,
    S3_BUCKET: endpoints.s3.bucket,
  };
}

async function rabbitMq({
  env,
  dataDir,
  standard,
  log,
}: Context): Promise<Part<Pick<StackEndpoints, 'rabbitmqUrl' | 'rabbitmqManagementUrl'>>> {
  if (env.RABBITMQ_URL) {
    const rabbitmqManagementUrl = env.RABBITMQ_MANAGEMENT_URL || `http://${new URL(env.RABBITMQ_URL).hostname}:15672`;
    log(`rabbitmq: using ${redact(env.RABBITMQ_URL)} from RABBITMQ_URL`);
    return { endpoints: { rabbitmqUrl: env.RABBITMQ_URL, rabbitmqManagementUrl } };
  }
  const ports = standard
    ? { port: STANDARD_PORTS.amqp, managementPort: STANDARD_PORTS.management, distPort: STANDARD_PORTS.dist, nodeName: STANDARD_NODE_NAME }
    : {};
  const server = await startRabbitMq({ dataDir: join(dataDir, 'rabbitmq'), ...ports, log });
  return { endpoints: { rabbitmqUrl: server.url, rabbitmqManagementUrl: server.managementUrl }, stop: server.stop };
}

async function postgres({ env, dataDir, standard, log }: Context): Promise<Part<string>> {
  if (env.DATABASE_URL) {
    log(`postgres: using ${redact(env.DATABASE_URL)} from DATABASE_URL`);
    return { endpoints: env.DATABASE_URL };
  }
  const port = standard ? STANDARD_PORTS.postgres : undefined;
  const server = await startPostgres({ dataDir: join(dataDir, 'postgres'), port, log });
  return { endpoints: server.url, stop: server.stop };
}

async function s3({ env, dataDir, standard, log }: Context): Promise<Part<StackEndpoints['s3']>> {
  const bucket = env.S3_BUCKET || 'documents';
  if (env.S3_ENDPOINT && env.S3_ACCESS_KEY && env.S3_SECRET_KEY) {
    log(`s3: using ${env.S3_ENDPOINT} from S3_ENDPOINT, bucket ${bucket}`);
    const region = env.S3_REGION || 'us-east-1';
    return { endpoints: { endpoint: env.S3_ENDPOINT, accessKey: env.S3_ACCESS_KEY, secretKey: env.S3_SECRET_KEY, region, bucket } };
  }
  const port = standard ? STANDARD_PORTS.s3 : undefined;
  const server = await startS3({ dataDir: join(dataDir, 's3'), port, buckets: [bucket], log });
  const { endpoint, accessKey, secretKey, region } = server;
  return { endpoints: { endpoint, accessKey, secretKey, region, bucket }, stop: server.stop };
}

// Checked before any server starts, so a configuration mistake fails at once.
function checkExternalS3(env: NodeJS.ProcessEnv): void {
  if (env.S3_ENDPOINT && (!env.S3_ACCESS_KEY || !env.S3_SECRET_KEY)) {
    throw new Error('S3_ENDPOINT is set, so S3_ACCESS_KEY and S3_SECRET_KEY must be set too (or unset S3_ENDPOINT to start a local S3)');
  }
}

async function stopParts(parts: Array<Part<unknown>>): Promise<void> {
  const results = await Promise.allSettled(parts.map((part) => part.stop?.()));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
