import type { Stack } from './stack';

/** What jest-global-setup leaves for jest-global-teardown (both run in Jest's parent process). */
export const jestGlobals = globalThis as typeof globalThis & {
  __DOCPIPE_STACK__?: Stack;
  __DOCPIPE_STACK_DIR__?: string;
};
