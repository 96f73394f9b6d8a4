import { z } from 'zod';
import { defineEvent } from '@docpipe/contracts';
import { defineQueue, type RetryPolicy } from '../../src/topology';

const fastRetry: RetryPolicy = { maxAttempts: 3, initialDelayMs: 300, multiplier: 2 };

/** An event type of its own and the one queue bound to it, so tests sharing a vhost never see each other's messages. */
export function testChannel(purpose: string, retry = fastRetry) {
  const event = defineEvent({
    type: `test.${purpose}`,
    version: 1,
    description: 'An event the backbone tests publish.',
    payload: z.object({ sequence: z.number().int() }),
  });
  const queue = defineQueue({ service: 'test', purpose, description: 'backbone test queue', events: [event], retry });
  return { event, queue };
}
