// Running podman and podman-compose from the container test, with the settings this kind of machine needs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const workDir = join(root, '.stack', 'containers');
const HOST_CA = '/etc/ssl/certs/ca-certificates.crt';

/**
 * runc instead of crun (cgroups v1 in hybrid mode), a file limit a root container may set, and the host's CA
 * bundle in every container and build step: where outbound HTTPS is re-signed by a proxy only the host
 * trusts, npm inside a build needs it (the local Node image points NODE_EXTRA_CA_CERTS at it).
 */
export function writeContainersConf(): string {
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, 'containers.conf');
  const volumes = existsSync(HOST_CA) ? `volumes = ["${HOST_CA}:/run/host-ca.crt:ro"]\n` : '';
  writeFileSync(
    file,
    `[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n${volumes}[engine]\nruntime = "runc"\n`,
  );
  return file;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Echo the command's output as it comes (builds); otherwise it is only returned. */
  echo?: boolean;
  input?: NodeJS.ReadableStream;
  allowFailure?: boolean;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command at the lowest CPU priority (the machine is shared); rejects with its output when it fails. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('nice', ['-n', '19', command, ...args], {
      cwd: root,
      env: { ...process.env, ...options.env },
      stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    if (options.input && child.stdin) options.input.pipe(child.stdin);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout, stderr };
      if (result.code === 0 || options.allowFailure) resolve(result);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${result.code}\n${stderr.slice(-4000)}`));
    });
  });
}

export const podman = (args: string[], options?: RunOptions) => run('podman', args, options);

export async function imageLabel(image: string, label: string): Promise<string | undefined> {
  const result = await podman(['image', 'inspect', '--format', `{{index .Labels "${label}"}}`, image], { allowFailure: true });
  const value = result.stdout.trim();
  return result.code === 0 && value !== '' && value !== '<no value>' ? value : undefined;
}

export async function imageSizeMb(image: string): Promise<number> {
  const { stdout } = await podman(['image', 'inspect', '--format', '{{.Size}}', image]);
  return Math.round(Number(stdout.trim()) / 1e6);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds since `start`, one decimal. */
export const secondsSince = (start: number) => Math.round((Date.now() - start) / 100) / 10;
