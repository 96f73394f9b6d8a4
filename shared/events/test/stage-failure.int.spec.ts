import { AppError, runInContext, NonRetryableError } from '@docpipe/platform';
import { isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { DocumentFailed, DocumentProgressed, type Envelope } from '@docpipe/contracts';
import { announceStageFailure } from '../src/stage-failure';
import { defineQueue } from '../src/topology';
import { capturingLogger, openBus, waitFor, type Bus } from './support/broker';

const announcements = defineQueue({
  service: 'test',
  purpose: 'stage-failures',
  description: 'what workers announce about their failed attempts',
  events: [DocumentFailed, DocumentProgressed],
});
const workerQueue = defineQueue({
  service: 'test',
  purpose: 'worker',
  description: 'the queue of the worker whose failures are announced',
  events: [],
  retry: { maxAttempts: 3, initialDelayMs: 2_000, multiplier: 4 },
});

describe('announcing a worker’s failed attempt', () => {
  let vhost: IsolatedVhost;
  let bus: Bus;
  const log = capturingLogger();
  const received: Envelope[] = [];

  beforeAll(async () => {
    vhost = await isolatedVhost('events');
    bus = await openBus(vhost.url, [announcements], log.logger);
    await bus.consume(announcements, async (event) => {
      received.push(event);
    });
  });

  afterAll(async () => {
    await bus.close();
    await vhost.remove();
  });

  const announce = async (documentId: string, error: unknown, attempt: number) => {
    const context = { correlationId: `corr-${documentId}`, tenantId: 't1', documentId };
    await runInContext(context, () =>
      announceStageFailure(bus.publisher, log.logger, {
        stage: 'indexing',
        queue: workerQueue,
        error,
        attempt,
        defaultCode: 'indexing_failed',
        retryable: true,
      }),
    );
    await waitFor(() => received.some((event) => event.documentId === documentId), 5_000, `the announcement for ${documentId}`);
    return received.find((event) => event.documentId === documentId)!;
  };

  it('says retrying, with the earliest next try, while attempts remain', async () => {
    const before = Date.now();
    const event = await announce('d-retry', new Error('search index timed out'), 2);
    expect(event).toMatchObject({
      type: DocumentProgressed.type,
      payload: { stage: 'indexing', status: 'retrying', attempt: 2, reason: 'search index timed out' },
    });
    const payload = event.payload as { nextAttemptAt: string };
    // The second failed attempt waits the policy's second delay (8 s), before jitter.
    expect(Date.parse(payload.nextAttemptAt) - before).toBeGreaterThanOrEqual(8_000);
    expect(Date.parse(payload.nextAttemptAt) - Date.now()).toBeLessThanOrEqual(8_000);
  });

  it('says failed after the last attempt, with the default code for a plain error', async () => {
    const event = await announce('d-last', new Error('still down'), 3);
    expect(event).toMatchObject({
      type: DocumentFailed.type,
      payload: { stage: 'indexing', code: 'indexing_failed', reason: 'still down', retryable: true, attempts: 3 },
    });
  });

  it('says failed at once for a non-retryable error, with the error’s own code', async () => {
    const event = await announce('d-permanent', new NonRetryableError('corrupt_text', 'the text blob is not JSON'), 1);
    expect(event).toMatchObject({ type: DocumentFailed.type, payload: { code: 'corrupt_text', attempts: 1 } });
    const coded = await announce('d-coded', new AppError('embedder_down', 'no answer'), 3);
    expect(coded.payload).toMatchObject({ code: 'embedder_down' });
  });
});
