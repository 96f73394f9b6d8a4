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

const CountDown = defineRequest({
  name: 'test.count-down',
  service: 'test',
  description: 'Counts down from a number, each step sent ahead of the answer.',
  request: z.object({ from: z.number().int().min(0), invalidStep: z.boolean().default(false) }),
  response: z.object({ done: z.literal(true) }),
  errors: [],
  progress: z.object({ step: z.number().int() }),
});

// The test's side of a count-down: the responder waits for each step to arrive before it sends the next.
const received = new Map<number, () => void>();
const arrival = (step: number) => new Promise<void>((resolve) => received.set(step, resolve));

@Injectable()
class Greeter {
  @AnswerRequests(CountDown)
  async countDown(
    { from, invalidStep }: { from: number; invalidStep?: boolean },
    report: (progress: { step: number }) => void,
  ): Promise<{ done: true }> {
    if (invalidStep) report({ step: 'one' } as unknown as { step: number });
    for (let step = from; step > 0; step--) {
      const arrived = arrival(step);
      report({ step });
      await arrived;
    }
    return { done: true };
  }

  @AnswerRequests(GetGreeting)
  async greet({ name }: { name: string }, report: (progress: never) => void): Promise<{ greeting: string; correlationId: string }> {
    // A contract without progress: sending some anyway is the responder's bug.
    if (name === 'progress') report(undefined as never);
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

  it('delivers a responder’s progress to the caller before the answer, in order', async () => {
    const steps: number[] = [];
    // Each step waits until the caller has seen the one before: a progress held back until the answer never ends.
    const reply = await client.call(CountDown, { from: 3 }, 5_000, ({ step }) => {
      steps.push(step);
      received.get(step)?.();
    });

    expect(steps).toEqual([3, 2, 1]);
    expect(reply).toEqual({ done: true });
  });

  it('answers a caller that does not listen to progress with the answer alone', async () => {
    received.clear();
    const steps = client.call(CountDown, { from: 2 }, 5_000);
    // Nobody listens, so the test lets each step go on itself.
    for (const step of [2, 1]) {
      for (let tries = 0; !received.has(step) && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
      received.get(step)?.();
    }
    await expect(steps).resolves.toEqual({ done: true });
  });

  it('refuses progress its contract does not describe, as a failure of the responder', async () => {
    await expect(client.call(CountDown, { from: 0, invalidStep: true }, 5_000, () => undefined)).rejects.toMatchObject({
      code: 'internal_error',
    });
    await expect(client.call(GetGreeting, { name: 'progress' }, 5_000)).rejects.toMatchObject({ code: 'internal_error' });
  });
});
