import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { waitForExit } from './processes';
import { freePort } from './ports';
import { fetchReadiness } from './readiness';

/** A service run from its TypeScript sources in a child process, as `npm start` runs it from dist. */
export interface ServiceProcess {
  name: string;
  /** http://127.0.0.1:<port> of its HTTP server (health; the API on the gateway) */
  url: string;
  pid: number;
  /** Every JSON log line it wrote so far. */
  logs: Array<Record<string, unknown>>;
  /** Its last lines of output (stdout and stderr), for a failing test's message. */
  output(): string;
  /** Settles when the process ends, however it ends (a crash, a kill, a stop). */
  exited: Promise<ExitStatus>;
  /** SIGTERM (graceful shutdown), SIGKILL after 15 s; resolves with how it ended. */
  stop(): Promise<ExitStatus>;
  /** SIGKILL at once, as a crash. */
  kill(): Promise<ExitStatus>;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const ROOT = join(__dirname, '..', '..', '..');
const START_TIMEOUT_MS = 45_000;
const OUTPUT_LINES = 40;

/**
 * Starts services/<name>/src/main.ts on a free port with `env` (the stack variables) and resolves
 * once /health/ready answers 200; rejects with its output when it exits or does not get ready.
 */
export async function startServiceProcess(
  name: string,
  env: NodeJS.ProcessEnv,
  options: { compiledMain?: string; port?: number } = {},
): Promise<ServiceProcess> {
  const port = options.port ?? (await freePort());
  // A compiled main.js runs without the in-process compiler (~40 MB of RSS), for measuring memory as deployed.
  const args = options.compiledMain
    ? [options.compiledMain]
    : ['--require', join(__dirname, 'register-source.js'), join(ROOT, 'services', name, 'src', 'main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const output: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
  createInterface({ input: child.stdout }).on('line', (line) => {
    output.push(line);
    const entry = parseJson(line);
    if (entry) logs.push(entry);
  });
  const exited = new Promise<ExitStatus>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const died = exited.then(({ code, signal }) => {
    throw new Error(
      `Service ${name} exited (${signal ?? code}) before it was ready. Its output:\n${output.slice(-OUTPUT_LINES).join('\n')}`,
    );
  });
  try {
    await Promise.race([fetchReadiness(url, START_TIMEOUT_MS), died]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    name,
    url,
    pid: child.pid as number,
    logs,
    exited,
    output: () => output.slice(-OUTPUT_LINES).join('\n'),
    stop: () => terminate(child, 'SIGTERM', exited),
    kill: () => terminate(child, 'SIGKILL', exited),
  };
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals, exited: Promise<ExitStatus>): Promise<ExitStatus> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill(signal);
    if (!(await waitForExit(child, 15_000))) child.kill('SIGKILL');
  }
  return exited;
}

function parseJson(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
