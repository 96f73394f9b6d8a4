import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVhost, startRabbitMq, type RabbitMqServer } from '@docpipe/stack';
import { capturingLogger, openBus, waitFor, type Bus } from './support/broker';
import { testChannel } from './support/test-event';

const total = 1_000;

// This suite owns its broker: restarting the shared test broker would disturb the other suites.
describe('a RabbitMQ restart while publishing', () => {
  let rabbit: RabbitMqServer;
  let bus: Bus;
  const dataDir = mkdtempSync(join(tmpdir(), 'docpipe-restart-'));

  beforeAll(async () => {
    rabbit = await startRabbitMq({ dataDir });
    await createVhost(rabbit.managementUrl, 'restart');
  }, 90_000);

  afterAll(async () => {
    await bus?.close();
    await rabbit?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('loses none of 1,000 confirmed messages', async () => {
    const { queue, event } = testChannel('restart');
    bus = await openBus(`${rabbit.url}/restart`, [queue], capturingLogger().logger, 90_000);
    const seen = new Map<number, number>();
    await bus.consume(
      queue,
      async (event) => {
        seen.set(event.payload.sequence, (seen.get(event.payload.sequence) ?? 0) + 1);
      },
      50,
    );

    const publishes: Promise<unknown>[] = [];
    let restart: Promise<void> | undefined;
    for (let sequence = 0; sequence < total; sequence += 1) {
      publishes.push(bus.publisher.publish(event, { sequence }, { tenantId: 't', documentId: `d${sequence}` }));
      if (sequence === 300) restart = rabbit.restart();
      if (sequence % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await restart;
    const results = await Promise.allSettled(publishes);

    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    await waitFor(() => seen.size === total, 60_000, `all ${total} messages consumed (have ${seen.size})`);
    const missing = Array.from({ length: total }, (_, i) => i).filter((sequence) => !seen.has(sequence));
    expect(missing).toEqual([]);
  }, 180_000);
});
