import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { z } from 'zod';
import { AppError, currentContext, PlatformModule, runInContext } from '@docpipe/platform';
import { BrokerConnection } from '../src/connection';
import { EventsModule } from '../src/nest/events.module';
import { AnswerRequests } from '../src/nest/answer-requests.decorator';
import { defineRequest } from '@docpipe/contracts';
import { RpcClient } from '../src/rpc-client';
import { capturingLogger } from './support/broker';
import { isolatedVhost, type IsolatedVhost } from '@docpipe/stack';

const GetGreeting = defineRequest({
  name: 'test.get-greeting',
  service: 'test',
  description: 'Greets someone, or says who it does not know.',
  request: z.object({ name: z.string().min(1) }),
  response: z.object({ greeting: z.string(), correlationId: z.string() }),
  errors: ['not_found'],
});

const AskNobody = defineRequest({
  name: 'nobody.anything',
  service: 'nobody',
  description: 'A service that does not run.',
  request: z.object({}),
  response: z.object({}),
  errors: [],
});

@Injectable()
class Greeter {
  @AnswerRequests(GetGreeting)
  async greet({ name }: { name: string }): Promise<{ greeting: string; correlationId: string }> {
    if (name === 'stranger') throw new AppError('not_found', 'No one called stranger here');
    return { greeting: `hello ${name}`, correlationId: currentContext()!.correlationId };
  }
}

describe('request/reply over RabbitMQ', () => {
  let vhost: IsolatedVhost;
  let app: INestApplicationContext;
  let client: RpcClient;

  beforeAll(async () => {
    vhost = await isolatedVhost('events');
    @Module({
      imports: [
        PlatformModule.forRoot({ logger: capturingLogger().logger }),
        EventsModule.forRoot({ service: 'test', url: vhost.url, topology: [], requestTimeoutMs: 2_000 }),
      ],
      providers: [Greeter],
    })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await app.get(BrokerConnection).whenConnected();
    client = app.get(RpcClient);
  });

  afterAll(async () => {
    await app.close();
    await vhost.remove();
  });

  it('answers a request, with the caller’s correlation id in the responder’s context', async () => {
    const reply = await runInContext({ correlationId: 'corr-rpc' }, () => client.call(GetGreeting, { name: 'ada' }));
    expect(reply).toEqual({ greeting: 'hello ada', correlationId: 'corr-rpc' });
  });

  it('answers many requests in flight at once, each with its own reply', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `n${i}`);
    const replies = await Promise.all(names.map((name) => client.call(GetGreeting, { name })));
    expect(replies.map((reply) => reply.greeting)).toEqual(names.map((name) => `hello ${name}`));
  });

  it('passes the responder’s error code back to the caller', async () => {
    await expect(client.call(GetGreeting, { name: 'stranger' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'No one called stranger here',
    });
  });

  it('refuses an invalid request before sending it', async () => {
    await expect(client.call(GetGreeting, { name: '' })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('name:'),
    });
  });

  it('gives up with a timeout error when no service answers', async () => {
    await expect(client.call(AskNobody, {}, 300)).rejects.toMatchObject({ code: 'timeout' });
  });
});
