import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LOGGER, ReadinessChecks, type Logger } from '@docpipe/platform';
import { BrokerConnection } from '../connection';
import { EventPublisher } from '../publisher';
import { RpcClient } from '../rpc-client';
import { allQueues } from '../queues';
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
            const connection = new BrokerConnection({ url: options.url, connectionName: options.service, logger });
            readiness.register('rabbitmq', async () => {
              if (!connection.isConnected) throw new Error('not connected to RabbitMQ');
            });
            return connection;
          },
        },
        {
          provide: EventPublisher,
          inject: [BrokerConnection, LOGGER],
          useFactory: (connection: BrokerConnection, logger: Logger) =>
            new EventPublisher(connection, {
              confirmTimeoutMs: options.confirmTimeoutMs ?? 30_000,
              topology: options.topology ?? allQueues,
              logger,
            }),
        },
        {
          provide: RpcClient,
          inject: [BrokerConnection, LOGGER],
          useFactory: (connection: BrokerConnection, logger: Logger) =>
            new RpcClient(connection, { timeoutMs: options.requestTimeoutMs ?? 10_000, logger }),
        },
        EventHandlersExplorer,
      ],
      exports: [EventPublisher, BrokerConnection, RpcClient],
    };
  }
}
