import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jestGlobals } from './jest-stack-holder';
import { stackEnv, startStack } from './stack';

/**
 * Jest globalSetup for integration tests: starts a throwaway stack on random ports unless the
 * environment already points at one, and exports its endpoints so test workers inherit them.
 */
export default async function globalSetup(): Promise<void> {
  const env = process.env;
  if (env.RABBITMQ_URL && env.DATABASE_URL && env.S3_ENDPOINT) return;
  const dataDir = await mkdtemp(join(tmpdir(), 'docpipe-stack-'));
  try {
    const stack = await startStack({ dataDir, env, ports: 'random' });
    Object.assign(env, stackEnv(stack.endpoints));
    jestGlobals.__DOCPIPE_STACK__ = stack;
    jestGlobals.__DOCPIPE_STACK_DIR__ = dataDir;
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
