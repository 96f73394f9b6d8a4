import { rm } from 'node:fs/promises';
import { jestGlobals } from './jest-stack-holder';

/** Jest globalTeardown: stops the stack jest-global-setup started, if any, and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const stack = jestGlobals.__DOCPIPE_STACK__;
  const dataDir = jestGlobals.__DOCPIPE_STACK_DIR__;
  jestGlobals.__DOCPIPE_STACK__ = undefined;
  jestGlobals.__DOCPIPE_STACK_DIR__ = undefined;
  try {
    await stack?.stop();
  } finally {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}
