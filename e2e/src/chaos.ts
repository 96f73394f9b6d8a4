import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'amqplib';
import { Client } from 'pg';
import { createEmbedder, embeddingsConfigSchema } from '@docpipe/embeddings';
import { allQueues, deadLetterQueueOf } from '@docpipe/events';
import { createLogger, loadConfig } from '@docpipe/platform';
import { createSearchIndex, searchIndexConfigSchema } from '@docpipe/search-index';
import {
  Fleet,
  freePort,
  startPostgres,
  startRabbitMq,
  startS3,
  type PostgresServer,
  type RabbitMqServer,
  type S3Server,
  type ServiceName,
} from '@docpipe/stack';

export interface ChaosOptions {
  documents: number;
  /** Uploads in flight at once. */
  concurrency: number;
  /** A random worker is SIGKILLed this often while documents flow. */
  killEveryMs: number;
  /** Time between two server restarts (the first one too, counted from the first upload). */
  restartEveryMs: number;
  brokerRestarts: number;
  databaseRestarts: number;
  /** Gives up waiting for the documents after this long; what is not done by then counts as lost. */
  timeoutMs: number;
  log: (message: string) => void;
  /**
   * Aborting ends the run as soon as possible, everything it started stopped, and rejects it: a test whose
   * setup timed out aborts in its teardown, so no fleet keeps running and jest can exit.
   */
  signal?: AbortSignal;
}

export interface ChaosReport {
  sent: number;
  indexed: number;
  failed: number;
  /** Documents recorded twice, or whose index holds other chunks than metadata counted. */
  duplicated: number;
  /** Sent but neither indexed nor failed when the run ended. */
  lost: number;
  /** Queues that got a poison message before the uploads, and how many of those ended in their dead-letter queue. */
  poisoned: number;
  deadLettered: number;
  kills: number;
  restarts: number;
  brokerRestarts: number;
  databaseRestarts: number;
  seconds: number;
}

const VICTIMS: ServiceName[] = ['ingestion', 'extraction', 'classification', 'indexing', 'metadata'];
const TENANT = 'chaos';
const API_KEY = `chaos-${randomUUID()}`;

/**
 * Uploads `documents` through the gateway while workers are SIGKILLed and RabbitMQ and PostgreSQL are
 * restarted, on servers of its own, then counts what came out. Every upload carries an Idempotency-Key
 * and is retried until answered, as a careful client would.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  // Ended with the run too, so no upload retry loop outlives it when one upload is refused.
  const ended = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, ended.signal]) : ended.signal;
  const run = { ...options, signal };
  const dataDir = await mkdtemp(join(tmpdir(), 'docpipe-chaos-'));
  // Whatever was started is stopped in `finally`, also when a start fails or the run is aborted half-way.
  let rabbit: RabbitMqServer | undefined;
  let database: PostgresServer | undefined;
  let s3: S3Server | undefined;
  let fleet: Fleet | undefined;
  const done = { value: false };
  let faulting: Promise<void> = Promise.resolve();
  let faultError: unknown;
  const databasePort = await freePort();
  const startDatabase = () => startPostgres({ dataDir: join(dataDir, 'postgres'), port: databasePort, log: options.log });
  try {
    rabbit = await startRabbitMq({ dataDir: join(dataDir, 'rabbitmq'), log: options.log });
    database = await startDatabase();
    if (!process.env.S3_ENDPOINT) s3 = await startS3({ dataDir: join(dataDir, 's3'), buckets: ['documents'], log: options.log });
    signal.throwIfAborted();
    const env = {
      ...process.env,
      ...(s3 && { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey, S3_BUCKET: 'documents' }),
      RABBITMQ_URL: rabbit.url,
      DATABASE_URL: database.url,
      LANCE_DIR: join(dataDir, 'lance'),
      API_KEYS: `${TENANT}:${API_KEY}`,
      OLLAMA_HOST: '',
      OPENSEARCH_URL: '',
      LOG_LEVEL: 'error',
    };
    fleet = await Fleet.start(env, options.log);
    signal.throwIfAborted();
    await poisonEveryQueue(rabbit.url);
    const faults = { kills: 0, brokerRestarts: 0, databaseRestarts: 0 };
    const broker = rabbit;
    faulting = injectFaults(options, fleet, faults, done, {
      restartBroker: () => broker.restart(),
      restartDatabase: async () => {
        await database?.stop();
        database = await startDatabase();
      },
    }).catch((error: unknown) => {
      // A server that did not come back ends the run at once with its own error, not a timeout minutes later.
      faultError = error;
      ended.abort(error);
    });
    const ids = await uploadAll(fleet, run);
    options.log(`chaos: ${ids.length} documents accepted; waiting for the pipeline`);
    const outcome = await waitForOutcomes(database.url, ids.length, run);
    done.value = true;
    await faulting;
    const duplicated = await countDuplicates(database.url, ids, env);
    const deadLettered = await countDeadLettered(rabbit.url);
    return {
      poisoned: allQueues.length,
      deadLettered,
      sent: ids.length,
      ...outcome,
      duplicated,
      lost: ids.length - outcome.indexed - outcome.failed,
      ...faults,
      restarts: fleet.restarts,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } catch (error) {
    throw faultError ?? error;
  } finally {
    // The faults stop first: a database restart still under way would otherwise start PostgreSQL again after its stop.
    done.value = true;
    ended.abort();
    await faulting;
    await fleet?.stop();
    await Promise.allSettled([rabbit?.stop(), database?.stop(), s3?.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface Restarts {
  restartBroker(): Promise<void>;
  restartDatabase(): Promise<void>;
}

/**
 * While documents flow: a random worker SIGKILLed every killEveryMs, and the broker and database restarts
 * one after another every restartEveryMs (broker first). Stops when the run is done; the report counts
 * only the faults that happened.
 */
async function injectFaults(
  options: ChaosOptions,
  fleet: Fleet,
  faults: Pick<ChaosReport, 'kills' | 'brokerRestarts' | 'databaseRestarts'>,
  done: { value: boolean },
  restarts: Restarts,
): Promise<void> {
  const kills = async (): Promise<void> => {
    while (!done.value) {
      await sleep(options.killEveryMs);
      if (done.value) return;
      const victim = VICTIMS[Math.floor(Math.random() * VICTIMS.length)]!;
      if (await fleet.kill(victim)) {
        options.log(`chaos: SIGKILLed ${victim}`);
        faults.kills++;
      }
    }
  };
  const serverRestarts = async (): Promise<void> => {
    const plan = restartPlan(options);
    for (const server of plan) {
      await sleep(options.restartEveryMs);
      if (done.value) return;
      options.log(`chaos: restarting ${server}`);
      if (server === 'rabbitmq') {
        await restarts.restartBroker();
        faults.brokerRestarts++;
      } else {
        await restarts.restartDatabase();
        faults.databaseRestarts++;
      }
    }
  };
  await Promise.all([kills(), serverRestarts()]);
}

/** Alternates broker and database restarts, broker first: rabbitmq, postgres, rabbitmq, … */
function restartPlan(options: ChaosOptions): Array<'rabbitmq' | 'postgres'> {
  const plan: Array<'rabbitmq' | 'postgres'> = [];
  for (let i = 0; i < Math.max(options.brokerRestarts, options.databaseRestarts); i++) {
    if (i < options.brokerRestarts) plan.push('rabbitmq');
    if (i < options.databaseRestarts) plan.push('postgres');
  }
  return plan;
}

async function uploadAll(fleet: Fleet, options: ChaosOptions): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < options.documents; index = next++) ids.push(await upload(fleet, index, options));
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return ids;
}

/** One document, retried with the same Idempotency-Key until the gateway accepts it. */
class UploadRefused extends Error {}

async function upload(fleet: Fleet, index: number, { log, signal }: ChaosOptions): Promise<string> {
  const key = randomUUID();
  const body = `Chaos document ${index} (${key}).\nThe quarterly maintenance report for pump station ${index} lists no faults.\n`;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      const form = new FormData();
      form.append('files', new Blob([body], { type: 'text/plain' }), `chaos-${index}.txt`);
      const response = await fetch(`${fleet.url('gateway')}/api/v1/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'idempotency-key': key },
        body: form,
        signal,
      });
      if (response.status === 202) {
        const { documents } = (await response.json()) as { documents: Array<{ id: string }> };
        return documents[0]!.id;
      }
      if (response.status < 500 && response.status !== 429)
        throw new UploadRefused(`upload ${index}: ${response.status} ${await response.text()}`);
    } catch (error) {
      // Refusals are final; anything else (connection reset, the gateway restarting) is tried again.
      if (error instanceof UploadRefused || signal?.aborted) throw error;
      if (attempt % 20 === 0) log(`chaos: upload ${index} still failing after ${attempt} attempts: ${String(error)}`);
    }
    await sleep(Math.min(2_000, 100 * attempt), undefined, { signal });
  }
}

/** Reads the outcome from metadata's own tables (the database the run owns), tolerating its restarts. */
async function waitForOutcomes(
  databaseUrl: string,
  expected: number,
  { timeoutMs, signal }: ChaosOptions,
): Promise<{ indexed: number; failed: number }> {
  const deadline = Date.now() + timeoutMs;
  let last = { indexed: 0, failed: 0 };
  while (Date.now() < deadline) {
    // While PostgreSQL restarts the count fails; the previous one stands until it answers again.
    last = (await countStatuses(databaseUrl).catch(() => undefined)) ?? last;
    if (last.indexed + last.failed >= expected) return last;
    await sleep(500, undefined, { signal });
  }
  return last;
}

async function countStatuses(databaseUrl: string): Promise<{ indexed: number; failed: number }> {
  const rows = await query<{ status: string; n: string }>(
    databaseUrl,
    'SELECT status, count(*) AS n FROM documents WHERE tenant_id = $1 GROUP BY status',
    [TENANT],
  );
  const count = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0);
  return { indexed: count('indexed'), failed: count('failed') };
}

/** Rows beyond the uploads, and documents whose chunks in the index differ from what metadata recorded. */
async function countDuplicates(databaseUrl: string, ids: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const rows = await query<{ id: string; chunks: number | null }>(databaseUrl, 'SELECT id, chunks FROM documents WHERE tenant_id = $1', [
    TENANT,
  ]);
  const logger = createLogger({ service: 'chaos', level: 'silent' });
  const embedder = await createEmbedder(loadConfig(embeddingsConfigSchema, env));
  const index = await createSearchIndex(loadConfig(searchIndexConfigSchema, env), embedder, logger, { writer: false });
  try {
    let mismatched = 0;
    for (const row of rows) {
      const stored = await index.chunksOf(TENANT, row.id);
      if (row.chunks !== null && stored.length !== row.chunks) mismatched++;
    }
    return rows.length - new Set(ids).size + mismatched;
  } finally {
    await Promise.all([index.close(), embedder.close()]);
  }
}

const POISON = Buffer.from('{"poison":"not an event envelope"}');

/** One message no consumer can handle, straight into every pipeline queue. */
async function poisonEveryQueue(url: string): Promise<void> {
  const connection = await connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    for (const queue of allQueues) channel.sendToQueue(queue.name, POISON, { persistent: true });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

/** Queues whose dead-letter queue holds the poison message (read without acking: closing puts all back). */
async function countDeadLettered(url: string): Promise<number> {
  const connection = await connect(url);
  try {
    const channel = await connection.createChannel();
    let count = 0;
    for (const queue of allQueues) {
      const deadLetters = deadLetterQueueOf(queue.name);
      for (let message = await channel.get(deadLetters); message; message = await channel.get(deadLetters)) {
        if (message.content.equals(POISON)) {
          count++;
          break;
        }
      }
    }
    return count;
  } finally {
    await connection.close();
  }
}

async function query<T>(url: string, sql: string, parameters: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows as T[];
  } finally {
    await client.end();
  }
}
