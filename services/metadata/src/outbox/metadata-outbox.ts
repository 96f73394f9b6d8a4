import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventPublisher, OutboxRelay, type SqlRunner, type Transactor } from '@docpipe/events';
import { ApiKeyIssued, ApiKeyRevoked, WebhookRegistered, WebhookRemoved } from '@docpipe/contracts';
import { LOGGER, type Logger } from '@docpipe/platform';

/** Publishes the events metadata's transactions enqueued; stops before the database pool closes. */
@Injectable()
export class MetadataOutbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(EventPublisher) publisher: EventPublisher,
    @Inject(LOGGER) logger: Logger,
  ) {
    const transaction: Transactor = (work) =>
      dataSource.transaction((manager) => work(((sql, parameters) => manager.query(sql, parameters)) as SqlRunner));
    this.relay = new OutboxRelay(transaction, publisher, {
      pollIntervalMs: 1_000,
      batchSize: 100,
      logger,
      // Only live gateway and notification instances listen to these; none running is not an error.
      broadcast: [ApiKeyIssued, ApiKeyRevoked, WebhookRegistered, WebhookRemoved],
    });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  /** Call after a commit that enqueued events, so they go out now rather than at the next poll. */
  wake(): void {
    this.relay.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
