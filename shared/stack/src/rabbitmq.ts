import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage, MissingPrerequisiteError, ServerStartError } from './errors';
import { fillPorts } from './ports';
import { hasExited, isAlive, readTail, runCommand, waitForExit } from './processes';
import { managementApiAnswers } from './rabbitmq-management';

/**
 * A RabbitMQ node run as a plain child process (no systemd, no rabbitmq user) with its own
 * HOME, mnesia and log dirs, listening on 127.0.0.1 only. Credentials: guest/guest.
 */
export interface RabbitMqServer {
  /** amqp://guest:guest@127.0.0.1:<port> */
  url: string;
  /** http://127.0.0.1:<managementPort>, credentials guest/guest */
  managementUrl: string;
  nodeName: string;
  stop(): Promise<void>;
  /** Stops and starts again on the same data dir, ports and node name: durable data survives. */
  restart(): Promise<void>;
}

export interface RabbitMqOptions {
  dataDir: string;
  port?: number;
  managementPort?: number;
  distPort?: number;
  /** Default docpipe-<port>@localhost */
  nodeName?: string;
  log?: (message: string) => void;
}

interface NodeSettings {
  dataDir: string;
  port: number;
  managementPort: number;
  nodeName: string;
  pidFile: string;
  logDir: string;
  env: NodeJS.ProcessEnv;
}

interface RunningNode {
  stop(): Promise<void>;
}

// The /usr/sbin wrappers switch to user rabbitmq and log to /var/log; these run as the caller.
const BIN_DIR = '/usr/lib/rabbitmq/bin';
const SERVER_BIN = join(BIN_DIR, 'rabbitmq-server');
const CTL_BIN = join(BIN_DIR, 'rabbitmqctl');
const EPMD_BIN = '/usr/lib/erlang/bin/epmd';
const BOOT_TIMEOUT_S = 60;
const MANAGEMENT_TIMEOUT_MS = 30_000;

export async function startRabbitMq(options: RabbitMqOptions): Promise<RabbitMqServer> {
  if (!existsSync(SERVER_BIN)) {
    throw new MissingPrerequisiteError('RabbitMQ server', 'apt-get install -y rabbitmq-server');
  }
  const log = options.log ?? (() => undefined);
  const settings = await prepareNode(options);
  let node = await launchNode(settings, log);
  return {
    url: `amqp://guest:guest@127.0.0.1:${settings.port}`,
    managementUrl: `http://127.0.0.1:${settings.managementPort}`,
    nodeName: settings.nodeName,
    stop: () => node.stop(),
    restart: async () => {
      await node.stop();
      node = await launchNode(settings, log);
    },
  };
}

async function prepareNode(options: RabbitMqOptions): Promise<NodeSettings> {
  const [port, managementPort, distPort] = await fillPorts([options.port, options.managementPort, options.distPort]);
  const nodeName = options.nodeName ?? `docpipe-${port}@localhost`;
  const dataDir = resolve(options.dataDir);
  const home = join(dataDir, 'home');
  const logDir = join(dataDir, 'log');
  const pidFile = join(dataDir, 'rabbit.pid');
  await Promise.all([home, logDir, join(dataDir, 'mnesia')].map((dir) => mkdir(dir, { recursive: true })));
  await writeConfig(dataDir, port, managementPort);
  await ensureCookie(home);
  const env: NodeJS.ProcessEnv = {
    ...withoutRabbitMqVariables(process.env),
    HOME: home,
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dataDir, 'mnesia'),
    RABBITMQ_LOG_BASE: logDir,
    RABBITMQ_PID_FILE: pidFile,
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dataDir, 'enabled_plugins'),
    RABBITMQ_CONFIG_FILE: join(dataDir, 'rabbitmq.conf'),
    RABBITMQ_ADVANCED_CONFIG_FILE: join(dataDir, 'advanced.config'),
    RABBITMQ_CONF_ENV_FILE: join(dataDir, 'rabbitmq-env.conf'),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    ERL_EPMD_ADDRESS: '127.0.0.1',
  };
  return { dataDir, port, managementPort, nodeName, pidFile, logDir, env };
}

async function writeConfig(dataDir: string, port: number, managementPort: number): Promise<void> {
  const conf = [
    `listeners.tcp.default = 127.0.0.1:${port}`,
    'management.tcp.ip = 127.0.0.1',
    `management.tcp.port = ${managementPort}`,
    // Faster statistics than the 5 s default; queue counts in the management API still lag ~3 s.
    'collect_statistics_interval = 500',
    '',
  ].join('\n');
  await writeFile(join(dataDir, 'rabbitmq.conf'), conf);
  await writeFile(join(dataDir, 'enabled_plugins'), '[rabbitmq_management].\n');
  // An empty env file keeps /etc/rabbitmq/rabbitmq-env.conf out.
  await writeFile(join(dataDir, 'rabbitmq-env.conf'), '');
}

// Written before the node and rabbitmqctl start, so they cannot race to create different cookies.
async function ensureCookie(home: string): Promise<void> {
  const cookie = join(home, '.erlang.cookie');
  if (existsSync(cookie)) return;
  const value = randomBytes(15).toString('hex').toUpperCase();
  await writeFile(cookie, value, { mode: 0o400 });
}

function withoutRabbitMqVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('RABBITMQ_')));
}

async function launchNode(settings: NodeSettings, log: (message: string) => void): Promise<RunningNode> {
  // A stale pid file would let `rabbitmqctl wait` watch the previous VM.
  await rm(settings.pidFile, { force: true });
  const child = await spawnServer(settings);
  const exited = new AbortController();
  const onExit = (): void => exited.abort();
  child.once('exit', onExit);
  try {
    await waitUntilReady(settings, exited.signal);
  } catch (error) {
    const reason = hasExited(child) ? `rabbitmq-server exited with code ${child.exitCode}` : errorMessage(error);
    await terminateNode(child, settings);
    throw new ServerStartError(`RabbitMQ node ${settings.nodeName}`, reason, await nodeLogTail(settings), {
      cause: error,
    });
  } finally {
    child.off('exit', onExit);
  }
  log(`rabbitmq: node ${settings.nodeName} ready on 127.0.0.1:${settings.port}, management on :${settings.managementPort}`);
  let stopping: Promise<void> | undefined;
  return { stop: () => (stopping ??= stopNode(child, settings, log)) };
}

async function spawnServer(settings: NodeSettings): Promise<ChildProcess> {
  const output = await open(join(settings.logDir, 'stdout.log'), 'w');
  try {
    return spawn(SERVER_BIN, [], {
      env: settings.env,
      cwd: settings.dataDir,
      stdio: ['ignore', output.fd, output.fd],
      // Its own process group: a terminal's Ctrl-C (SIGINT to the whole group) would leave the Erlang VM
      // half-stopped for a minute; stop() shuts it down in order instead.
      detached: true,
    });
  } finally {
    await output.close();
  }
}

async function waitUntilReady(settings: NodeSettings, exited: AbortSignal): Promise<void> {
  const wait = await runCommand(CTL_BIN, ['wait', '--timeout', String(BOOT_TIMEOUT_S), settings.pidFile], {
    env: settings.env,
    timeoutMs: (BOOT_TIMEOUT_S + 15) * 1000,
    signal: exited,
  });
  if (exited.aborted) throw new Error('rabbitmq-server exited during boot');
  if (wait.code !== 0) throw new Error(`rabbitmqctl wait failed (exit ${wait.code}): ${wait.output.trim()}`);
  const managementUrl = `http://127.0.0.1:${settings.managementPort}`;
  const deadline = Date.now() + MANAGEMENT_TIMEOUT_MS;
  while (!(await managementApiAnswers(managementUrl))) {
    if (exited.aborted) throw new Error('rabbitmq-server exited before the management API answered');
    if (Date.now() > deadline) throw new Error(`management API did not answer ${managementUrl}/api/overview`);
    await sleep(200);
  }
}

async function stopNode(child: ChildProcess, settings: NodeSettings, log: (message: string) => void): Promise<void> {
  if (!hasExited(child)) {
    // `rabbitmqctl stop <pidfile>` returns only after the VM has exited.
    const stop = await runCommand(CTL_BIN, ['stop', settings.pidFile], { env: settings.env, timeoutMs: 60_000 });
    const exited = await waitForExit(child, stop.code === 0 ? 15_000 : 1_000);
    if (!exited) await terminateNode(child, settings);
  }
  await stopEpmdIfIdle(settings.env);
  log(`rabbitmq: node ${settings.nodeName} stopped`);
}

async function terminateNode(child: ChildProcess, settings: NodeSettings): Promise<void> {
  if (!hasExited(child)) {
    // rabbitmq-server traps TERM and shuts the VM down gracefully.
    child.kill('SIGTERM');
    if (await waitForExit(child, 30_000)) return;
  }
  const beamPid = await readPid(settings.pidFile);
  if (beamPid !== undefined && isAlive(beamPid)) process.kill(beamPid, 'SIGKILL');
  if (!hasExited(child)) {
    child.kill('SIGKILL');
    await waitForExit(child, 5_000);
  }
}

// epmd outlives the VM that started it; it is shared, so only an empty one is stopped.
async function stopEpmdIfIdle(env: NodeJS.ProcessEnv): Promise<void> {
  const names = await runCommand(EPMD_BIN, ['-names'], { env, timeoutMs: 5_000 });
  if (names.code !== 0 || /^name /m.test(names.output)) return;
  await runCommand(EPMD_BIN, ['-kill'], { env, timeoutMs: 5_000 });
}

async function readPid(pidFile: string): Promise<number | undefined> {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(await readFile(pidFile, 'utf8'), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function nodeLogTail(settings: NodeSettings): Promise<string> {
  const nodeLog = join(settings.logDir, `${settings.nodeName}.log`);
  const stdoutLog = join(settings.logDir, 'stdout.log');
  const [node, stdout] = await Promise.all([readTail(nodeLog, 25), readTail(stdoutLog, 15)]);
  return `${nodeLog}:\n${node}\n${stdoutLog}:\n${stdout}`;
}
