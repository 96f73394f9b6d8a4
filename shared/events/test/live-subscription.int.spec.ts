import { z } from 'zod';
import { getQueue, isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { defineEvent, type Envelope } from '@docpipe/contracts';
import { LiveSubscription } from '../src/live-subscription';
import { capturingLogger, openBus, waitFor, type Bus } from './support/broker';

const Tick = defineEvent({
  type: 'test.live-tick',
  version: 1,
  description: 'A broadcast the live subscription tests publish.',
  payload: z.object({ sequence: z.number().int() }),
  broadcast: true,
});

const target = { tenantId: 'tenant-live', documentId: 'doc-live' };

describe('live subscriptions (one exclusive queue per process)', () => {
  let vhost: IsolatedVhost;
  let publisherBus: Bus;
  const listeners: Bus[] = [];
  const log = capturingLogger();

  beforeAll(async () => {
    vhost = await isolatedVhost('events');
    publisherBus = await openBus(vhost.url, [], log.logger);
  });

  afterAll(async () => {
    await Promise.all([publisherBus, ...listeners].map((bus) => bus.close()));
    await vhost.remove();
  });

  async function listen(received: number[], failOn?: number) {
    const bus = await openBus(vhost.url, [], log.logger);
    listeners.push(bus);
    const subscription = new LiveSubscription(
      bus.connection,
      [Tick],
      async (event: Envelope<typeof Tick>) => {
        if (event.payload.sequence === failOn) throw new Error('handler failed on purpose');
        received.push(event.payload.sequence);
      },
      { logger: log.logger },
    );
    await subscription.start();
    return subscription;
  }

  it('publishes a broadcast event while nobody listens without an unroutable error', async () => {
    await expect(publisherBus.publisher.publish(Tick, { sequence: 0 }, target)).resolves.toMatchObject({ type: Tick.type });
  });

  it('delivers every broadcast to each subscribed process, and a failed handler does not block the next event', async () => {
    const first: number[] = [];
    const second: number[] = [];
    const a = await listen(first, 2);
    const b = await listen(second);
    expect(a.queue).not.toEqual(b.queue);

    for (const sequence of [1, 2, 3]) await publisherBus.publisher.publish(Tick, { sequence }, target);

    await waitFor(() => first.length === 2 && second.length === 3, 5_000, 'both listeners to receive the ticks');
    expect(first).toEqual([1, 3]);
    expect(second).toEqual([1, 2, 3]);
    expect(log.lines().some((line) => line.msg === 'could not handle a live event; dropped from the live feed')).toBe(true);
  });

  it('deletes its queue when it stops', async () => {
    const subscription = await listen([]);
    const queue = subscription.queue as string;
    expect(await getQueue(vhost.managementUrl, vhost.vhost, queue)).toBeDefined();

    await subscription.stop();

    await waitFor(async () => (await getQueue(vhost.managementUrl, vhost.vhost, queue)) === undefined, 5_000, 'the queue to go away');
  });
});
