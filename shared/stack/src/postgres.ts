import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { errorMessage, ServerStartError } from './errors';
import { freePort } from './ports';
import { findPostgresBinaries, type PostgresBinaries } from './postgres-binaries';
import { ensureTraversable, postgresRunAs, type RunAs } from './postgres-user';
import { hasExited, readTail, runCommand, tail, waitForExit } from './processes';

/** A PostgreSQL 15 server on 127.0.0.1; user postgres, password postgres. */
export interface PostgresServer {
  /** postgres://postgres:postgres@127.0.0.1:<port>/<database> */
  url: string;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** Holds the cluster (data/) and the server log (postgres.log); an initialised cluster is reused. */
  dataDir: string;
  port?: number;
  /** Created when missing. Default docpipe */
  database?: string;
  log?: (message: string) => void;
}

interface ServerSettings {
  dataDir: string;
  clusterDir: string;
  logFile: string;
  port: number;
  runAs: RunAs | undefined;
}

const PASSWORD = 'postgres';
const READY_TIMEOUT_MS = 30_000;

export async function startPostgres(options: PostgresOptions): Promise<PostgresServer> {
  const log = options.log ?? (() => undefined);
  const binaries = findPostgresBinaries();
  const database = options.database ?? 'docpipe';
  const dataDir = resolve(options.dataDir);
  const settings: ServerSettings = {
    dataDir,
    clusterDir: join(dataDir, 'data'),
    logFile: join(dataDir, 'postgres.log'),
    port: options.port ?? (await freePort()),
    runAs: await postgresRunAs(log),
  };
  await mkdir(dataDir, { recursive: true });
  if (settings.runAs) await ensureTraversable(dataDir, settings.runAs, log);
  await ensureCluster(binaries, settings, log);
  const child = await spawnServer(binaries, settings);
  try {
    await waitUntilReady(child, settings, database);
  } catch (error) {
    await stopServer(child);
    const reason = hasExited(child) ? `postgres exited with code ${child.exitCode}` : errorMessage(error);
    throw new ServerStartError('PostgreSQL', reason, await readTail(settings.logFile), { cause: error });
  }
  log(`postgres: ready on 127.0.0.1:${settings.port}, database ${database}, data in ${settings.clusterDir}`);
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${settings.port}/${encodeURIComponent(database)}`,
    stop: () => (stopping ??= stopServer(child).then(() => log('postgres: stopped'))),
  };
}

async function ensureCluster(binaries: PostgresBinaries, settings: ServerSettings, log: (m: string) => void): Promise<void> {
  if (existsSync(join(settings.clusterDir, 'PG_VERSION'))) return;
  await mkdir(settings.clusterDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(settings.dataDir, '.initdb-password');
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (settings.runAs) {
    await chown(settings.clusterDir, settings.runAs.uid, settings.runAs.gid);
    await chown(passwordFile, settings.runAs.uid, settings.runAs.gid);
  }
  try {
    const initdb = await runCommand(
      binaries.initdb,
      [
        `--pgdata=${settings.clusterDir}`,
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        // Skips fsync of the fresh cluster: a crash within seconds of initdb would only cost a re-init.
        '--no-sync',
      ],
      { ...settings.runAs, cwd: settings.dataDir, timeoutMs: 60_000 },
    );
    if (initdb.code !== 0) {
      const reason = `initdb exited with code ${initdb.code}; remove ${settings.clusterDir} before retrying if it is not empty`;
      throw new ServerStartError('PostgreSQL', reason, tail(initdb.output));
    }
  } finally {
    await rm(passwordFile, { force: true });
  }
  log(`postgres: initialised a new cluster in ${settings.clusterDir}`);
}

async function spawnServer(binaries: PostgresBinaries, settings: ServerSettings): Promise<ChildProcess> {
  const output = await open(settings.logFile, 'a');
  try {
    const args = [
      '-D',
      settings.clusterDir,
      '-p',
      String(settings.port),
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: a socket dir would have to be writable by postgres and short enough for sun_path.
      '-c',
      'unix_socket_directories=',
    ];
    return spawn(binaries.postgres, args, {
      ...settings.runAs,
      cwd: settings.dataDir,
      stdio: ['ignore', output.fd, output.fd],
      detached: false,
    });
  } finally {
    await output.close();
  }
}

async function waitUntilReady(child: ChildProcess, settings: ServerSettings, database: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (hasExited(child)) throw new Error('postgres exited during start');
    const client = new Client({
      host: '127.0.0.1',
      port: settings.port,
      user: 'postgres',
      password: PASSWORD,
      database: 'postgres',
      // Another program on the port may accept and never answer.
      connectionTimeoutMillis: 2_000,
    });
    try {
      await client.connect();
      await ensureDatabase(client, database);
      return;
    } catch (error) {
      if (!isStartingUp(error) || Date.now() > deadline) throw error;
    } finally {
      await client.end();
    }
    await sleep(100);
  }
}

async function ensureDatabase(client: Client, database: string): Promise<void> {
  const existing = await client.query('select 1 from pg_database where datname = $1', [database]);
  if (existing.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
}

function isStartingUp(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  // 57P03: "the database system is starting up"
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P03';
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  // SIGINT is PostgreSQL's fast shutdown: open transactions roll back, a checkpoint is written.
  child.kill('SIGINT');
  if (await waitForExit(child, 30_000)) return;
  child.kill('SIGQUIT');
  if (await waitForExit(child, 5_000)) return;
  child.kill('SIGKILL');
  await waitForExit(child, 5_000);
}
