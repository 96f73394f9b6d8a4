import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LOGGER, MetricsRegistry, ReadinessChecks, type Logger } from '@docpipe/platform';
import { BrokerConnection } from '../connection';
import { DeadLetters } from '../dead-letters';
import { EventMetrics } from '../metrics';
import { EventPublisher } from '../publisher';
import { RpcClient } from '../rpc-client';
import { allQueues } from '../queues';
import type { QueueSpec } from '../topology';
import { EventHandlersExplorer } from './event-handlers.explorer';
import { EVENTS_OPTIONS, type EventsModuleOptions } from './events.options';

/**
 * The broker for a Nest service: inject EventPublisher to publish and RpcClient to ask other services;
 * decorate methods with @HandleEvents to consume events and @AnswerRequests to answer requests.
 */
@Global()
@Module({})
export class EventsModule {
  static forRoot(options: EventsModuleOptions): DynamicModule {
    return {
      module: EventsModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: EVENTS_OPTIONS, useValue: options },
        {
          provide: BrokerConnection,
          inject: [LOGGER, ReadinessChecks],
          useFactory: (logger: Logger, readiness: ReadinessChecks) => {
            const connection = new BrokerConnection({
              url: options.url,
              connectionName: options.service,
              logger,
              declare: options.declare,
            });
            readiness.register('rabbitmq', async () => {
              if (!connection.isConnected) throw new Error('not connected to RabbitMQ');
            });
            return connection;
          },
        },
        { provide: EventMetrics, inject: [MetricsRegistry], useFactory: (metrics: MetricsRegistry) => new EventMetrics(metrics.registry) },
        {
          provide: EventPublisher,
          inject: [BrokerConnection, LOGGER, EventMetrics],
          useFactory: (connection: BrokerConnection, logger: Logger, metrics: EventMetrics) =>
            new EventPublisher(connection, {
              confirmTimeoutMs: options.confirmTimeoutMs ?? 30_000,
              topology: options.topology ?? declaredQueues(options),
              logger,
              metrics,
            }),
        },
        {
          provide: RpcClient,
          inject: [BrokerConnection, LOGGER],
          useFactory: (connection: BrokerConnection, logger: Logger) =>
            new RpcClient(connection, { timeoutMs: options.requestTimeoutMs ?? 10_000, logger }),
        },
        {
          provide: DeadLetters,
          inject: [BrokerConnection, EventPublisher, LOGGER],
          useFactory: (connection: BrokerConnection, publisher: EventPublisher, logger: Logger) =>
            new DeadLetters(connection, publisher, options.topology ?? allQueues, logger),
        },
        EventHandlersExplorer,
      ],
      exports: [EventPublisher, BrokerConnection, RpcClient, EventMetrics, DeadLetters],
    };
  }
}

/** A least-privilege service declares only its own queues; everything else comes from the definitions file. */
function declaredQueues(options: EventsModuleOptions): readonly QueueSpec[] {
  return options.declare === 'own' ? allQueues.filter((queue) => queue.service === options.service) : allQueues;
}
