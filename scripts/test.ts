// `npm test`: formatting, type checks, lint, then every project's tests through Nx, against one real local stack
// (RabbitMQ, PostgreSQL, S3) started here on random loopback ports and stopped at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackEnv, startStack } from '@docpipe/stack';

const root = join(__dirname, '..');

// Asynchronous on purpose: the S3 server of the stack runs inside this process and must keep answering.
function run(tool: 'nx' | 'prettier', args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  console.log(`\n$ ${tool} ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, 'node_modules/.bin', tool), args, { cwd: root, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code === 0));
  });
}

async function main(): Promise<number> {
  const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };
  if (!(await run('prettier', ['--check', '--log-level=warn', '.'], env))) return 1;
  if (!(await run('nx', ['run-many', '-t', 'typecheck', 'lint', '--parallel=2', '--outputStyle=stream'], env))) return 1;
  const dataDir = mkdtempSync(join(tmpdir(), 'docpipe-test-'));
  const stack = await startStack({ dataDir, ports: 'random', env: process.env, log: (m) => console.log(`[stack] ${m}`) });
  try {
    const passed = await run('nx', ['run-many', '-t', 'test', '--parallel=1', '--outputStyle=stream'], {
      ...env,
      ...stackEnv(stack.endpoints),
    });
    return passed ? 0 : 1;
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
