// `npm start`: the whole pipeline on this machine. Starts RabbitMQ, PostgreSQL and an S3 store on
// loopback (unless RABBITMQ_URL / DATABASE_URL / S3_ENDPOINT point elsewhere), then every service, which listens on
// loopback too unless HOST says otherwise (and then refuses the published dev-key: set API_KEYS).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { MissingPrerequisiteError, SERVICES, stackEnv, startStack, type Stack } from '@docpipe/stack';

const root = join(__dirname, '..');
const running = new Map<string, ChildProcess>();
let stopping = false;

function runService(name: string, env: NodeJS.ProcessEnv, restarts = 0): void {
  const child = spawn(process.execPath, [join(root, 'services', name, 'dist/main.js')], { env, stdio: 'inherit' });
  running.set(name, child);
  child.on('exit', (code, signal) => {
    running.delete(name);
    if (stopping) return;
    const delayMs = Math.min(30_000, 1_000 * 2 ** restarts);
    console.error(`[start] ${name} exited (${signal ?? code}); restarting in ${delayMs / 1000}s`);
    setTimeout(() => runService(name, env, restarts + 1), delayMs);
  });
}

async function stopAll(stack: Stack | undefined): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping services…');
  const exits = [...running.values()].map(
    (child) =>
      new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  await Promise.all(exits);
  console.log('[start] stopping infrastructure…');
  await stack?.stop();
  console.log('[start] stopped');
}

async function main(): Promise<void> {
  let stack: Stack | undefined;
  const shutdown = () => void stopAll(stack).then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  console.log('[start] starting RabbitMQ, PostgreSQL and the S3 store…');
  stack = await startStack({ dataDir: join(root, '.stack'), ports: 'standard', env: process.env, log: (m) => console.log(`[stack] ${m}`) });
  const env = { ...process.env, ...stackEnv(stack.endpoints), RABBITMQ_CONSOLE_URL: stack.endpoints.rabbitmqManagementUrl };
  for (const name of SERVICES) runService(name, env);

  const gateway = `http://localhost:${process.env.PORT ?? 3000}`;
  console.log(
    [
      '',
      'docpipe is running:',
      `  gateway            ${gateway}`,
      `  API docs           ${gateway}/api/docs`,
      `  RabbitMQ console   ${stack.endpoints.rabbitmqManagementUrl}  (guest / guest)`,
      `  PostgreSQL         ${stack.endpoints.databaseUrl}`,
      `  S3 store           ${stack.endpoints.s3.endpoint}  (bucket ${stack.endpoints.s3.bucket})`,
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  if (error instanceof MissingPrerequisiteError) console.error(`\n${error.message}\n`);
  else console.error('[start] failed:', error);
  void stopAll(undefined).then(() => process.exit(1));
});
