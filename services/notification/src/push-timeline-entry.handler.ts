import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { BrokerConnection, LiveSubscription } from '@docpipe/events';
import { DocumentTimelineAppended, type Envelope } from '@docpipe/contracts';
import { LOGGER, type Logger } from '@docpipe/platform';
import { SocketServer } from './sockets/socket.server';

/**
 * Pushes each timeline entry metadata appends to the sockets of its tenant on this instance. Every instance
 * has its own exclusive queue, so instances side by side each serve their own sockets without a shared store.
 */
@Injectable()
export class PushTimelineEntryHandler implements OnModuleInit, BeforeApplicationShutdown {
  private readonly subscription: LiveSubscription<typeof DocumentTimelineAppended>;

  constructor(
    @Inject(BrokerConnection) connection: BrokerConnection,
    @Inject(SocketServer) private readonly sockets: SocketServer,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.subscription = new LiveSubscription(connection, [DocumentTimelineAppended], (event) => this.push(event), { logger });
  }

  /** Registers before the connection starts, so the queue is bound by the time the service reports ready. */
  async onModuleInit(): Promise<void> {
    await this.subscription.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
  }

  private async push(event: Envelope<typeof DocumentTimelineAppended>): Promise<void> {
    this.sockets.pushToTenant(event.tenantId, { documentId: event.documentId, ...event.payload });
  }
}
