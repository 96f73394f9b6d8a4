import type { Logger } from '@docpipe/platform';
import type { BrokerConnection } from '../connection';
import { DocumentCancelRequested, DocumentDeleted } from '@docpipe/contracts';
import { LiveSubscription } from '../live-subscription';
import type { StopMarks } from './stop-marks';

/**
 * Feeds a worker's StopMarks from its own live queue, so every copy of a worker hears every cancel and delete.
 * What is published while the process is down is not heard: a worker started after a cancel may still run the
 * document, and metadata (cancelled or deleted) makes that late result change nothing.
 */
export class StopMarksFeed {
  private readonly subscription: LiveSubscription<typeof DocumentCancelRequested | typeof DocumentDeleted>;

  constructor(connection: BrokerConnection, marks: StopMarks, logger: Logger) {
    this.subscription = new LiveSubscription(
      connection,
      [DocumentCancelRequested, DocumentDeleted],
      async (event) => {
        // Envelope<A | B> does not narrow by type; the payload tells them apart.
        const { payload } = event;
        if ('cancelledAt' in payload) marks.cancelled(event, payload.cancelledAt);
        else marks.deleted(event);
      },
      { logger },
    );
  }

  /** Before the connection starts, so the queue is bound by the time the worker consumes. */
  start(): Promise<void> {
    return this.subscription.start();
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }
}
