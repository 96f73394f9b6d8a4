import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { LOGGER, type Logger } from '@docpipe/platform';
import { BrokerConnection } from '../connection';
import { QueueConsumer, type EventHandler } from '../consumer';
import type { EventContract, RequestContract } from '@docpipe/contracts';
import { EventMetrics } from '../metrics';
import { EventPublisher } from '../publisher';
import { RpcClient } from '../rpc-client';
import { RpcServer, type RequestHandler } from '../rpc-server';
import type { QueueSpec } from '../topology';
import { REQUEST_HANDLER_CONTRACT } from './answer-requests.decorator';
import { EVENT_HANDLER_QUEUE } from './handle-events.decorator';
import { EVENTS_OPTIONS, type EventsModuleOptions } from './events.options';

type Method = (...args: never[]) => Promise<unknown>;

/**
 * Finds every @HandleEvents and @AnswerRequests method at start-up and starts its consumer, then
 * connects; on shutdown stops consuming, lets running handlers finish, and closes the connection.
 */
@Injectable()
export class EventHandlersExplorer implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly consumers: QueueConsumer<EventContract>[] = [];
  private rpcServer?: RpcServer;

  // Explicit tokens: runners without decorator metadata (tsx) cannot infer them from the types.
  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(BrokerConnection) private readonly connection: BrokerConnection,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(RpcClient) private readonly rpcClient: RpcClient,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsModuleOptions,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(EventMetrics) private readonly metrics: EventMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.publisher.start();
    await this.rpcClient.start();
    for (const { metadata: queue, method } of this.methodsWith<QueueSpec>(EVENT_HANDLER_QUEUE)) {
      this.assertOwned(queue.service, queue.name);
      const consumer = new QueueConsumer(this.connection, queue, method as EventHandler<EventContract>, {
        prefetch: queue.prefetch ?? this.options.prefetch ?? 16,
        publisher: this.publisher,
        logger: this.logger.child({ queue: queue.name }),
        metrics: this.metrics,
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
    await this.startRpcServer();
    this.connection.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.consumers.map((consumer) => consumer.stop()), this.rpcServer?.stop()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }

  private async startRpcServer(): Promise<void> {
    const handlers = new Map<string, { contract: RequestContract; handle: RequestHandler }>();
    for (const { metadata: contract, method } of this.methodsWith<RequestContract>(REQUEST_HANDLER_CONTRACT)) {
      this.assertOwned(contract.service, contract.name);
      handlers.set(contract.name, { contract, handle: method as RequestHandler });
    }
    this.rpcServer = new RpcServer(this.connection, this.options.service, handlers, {
      prefetch: this.options.prefetch ?? 16,
      logger: this.logger,
    });
    await this.rpcServer.start();
  }

  private methodsWith<T>(key: symbol): { metadata: T; method: Method }[] {
    return this.discovery.getProviders().flatMap(({ instance }) => {
      if (!instance || typeof instance !== 'object') return [];
      const prototype = Object.getPrototypeOf(instance) as object;
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
        const method = (instance as Record<string, unknown>)[name];
        if (typeof method !== 'function') return [];
        const metadata = this.reflector.get<T | undefined>(key, method);
        return metadata ? [{ metadata, method: method.bind(instance) as Method }] : [];
      });
    });
  }

  private assertOwned(owner: string, what: string): void {
    if (owner !== this.options.service) {
      throw new Error(`Service ${this.options.service} cannot consume ${what}: that belongs to ${owner}`);
    }
  }
}
