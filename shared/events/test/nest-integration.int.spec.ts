import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PlatformModule, runInContext } from '@docpipe/platform';
import type { Envelope } from '@docpipe/contracts';
import { EventsModule } from '../src/nest/events.module';
import { HandleEvents } from '../src/nest/handle-events.decorator';
import { EventPublisher } from '../src/publisher';
import { BrokerConnection } from '../src/connection';
import { capturingLogger, waitFor } from './support/broker';
import { isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { testChannel } from './support/test-event';

const { queue: pings, event: Ping } = testChannel('nest-pings');
const received: Envelope<typeof Ping>[] = [];

@Injectable()
class PingHandler {
  constructor(private readonly publisher: EventPublisher) {}

  /** Answers each ping below 3 with the next one: a consumer that also publishes, as every stage does. */
  @HandleEvents(pings)
  async onPing(event: Envelope<typeof Ping>): Promise<void> {
    received.push(event);
    if (event.payload.sequence < 3) await this.publisher.publish(Ping, { sequence: event.payload.sequence + 1 });
  }
}

describe('EventsModule in a Nest application', () => {
  let vhost: IsolatedVhost;
  let app: INestApplicationContext;

  beforeAll(async () => {
    vhost = await isolatedVhost('events');
    const { logger } = capturingLogger();
    @Module({
      imports: [PlatformModule.forRoot({ logger }), EventsModule.forRoot({ service: 'test', url: vhost.url, topology: [pings] })],
      providers: [PingHandler],
    })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await app.init();
    await app.get(BrokerConnection).whenConnected();
  });

  afterAll(async () => {
    await app.close();
    await vhost.remove();
  });

  it('runs @HandleEvents methods, and what they publish carries the same correlation and the cause', async () => {
    const first = await runInContext({ correlationId: 'corr-nest' }, () =>
      app.get(EventPublisher).publish(Ping, { sequence: 1 }, { tenantId: 'tenant-n', documentId: 'doc-n' }),
    );

    await waitFor(() => received.length === 3, 5_000, 'the chain of three pings');
    expect(received.map((event) => event.payload.sequence)).toEqual([1, 2, 3]);
    expect(received.every((event) => event.correlationId === 'corr-nest' && event.tenantId === 'tenant-n')).toBe(true);
    expect(received[1].causationId).toBe(first.id);
    expect(received[2].causationId).toBe(received[1].id);
  });

  it('refuses at start-up a handler for a queue that belongs to another service', async () => {
    const stolen = { ...testChannel('foreign').queue, service: 'extraction' };
    @Injectable()
    class Thief {
      @HandleEvents(stolen)
      async handle(): Promise<void> {}
    }
    @Module({
      imports: [
        PlatformModule.forRoot({ logger: capturingLogger().logger }),
        EventsModule.forRoot({ service: 'test', url: vhost.url, topology: [] }),
      ],
      providers: [Thief],
    })
    class ThiefModule {}
    await expect(NestFactory.createApplicationContext(ThiefModule, { logger: false, abortOnError: false })).rejects.toThrow(
      'Service test cannot consume test.foreign: that belongs to extraction',
    );
  });
});
