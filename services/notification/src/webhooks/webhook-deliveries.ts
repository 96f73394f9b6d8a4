import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { EventPublisher, jitteredDelay } from '@docpipe/events';
import {
  WebhookDeliveryAttempted,
  WebhookDisabled,
  type ActiveWebhook,
  type Envelope,
  type PayloadOf,
  type WebhookDeliveryRequested,
} from '@docpipe/contracts';
import { LOGGER, type Logger } from '@docpipe/platform';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../config';
import { RecentIds } from './recent-ids';
import { DeliveryAbandonedError, EndpointDisabledError } from './webhook-errors';
import { WebhookEndpointFeed } from './webhook-endpoint-feed';
import { WebhookEndpoints } from './webhook-endpoints';
import { sendWebhook, type SendOutcome } from './webhook-sender';
import { signatureHeader } from './webhook-signature';

type Request = PayloadOf<typeof WebhookDeliveryRequested>;
type Attempt = Omit<PayloadOf<typeof WebhookDeliveryAttempted>, 'deliveryId' | 'endpointId'>;

const BACKOFF_MULTIPLIER = 4;

/**
 * Sends one delivery until the receiver answers 2xx: each try signed afresh (a new timestamp), each reported to the
 * delivery log, the waits growing with jitter. Abandoned after WEBHOOK_MAX_ATTEMPTS (thrown: the consumer dead-letters
 * it); WEBHOOK_DISABLE_AFTER abandoned deliveries in a row, or an address that is refused, disable the endpoint.
 */
@Injectable()
export class WebhookDeliveries implements BeforeApplicationShutdown {
  private readonly delivered = new RecentIds(10_000);
  private readonly abandonedInARow = new Map<string, number>();
  private readonly pauses = new Set<() => void>();
  private stopping = false;

  constructor(
    @Inject(WebhookEndpoints) private readonly endpoints: WebhookEndpoints,
    @Inject(WebhookEndpointFeed) private readonly feed: WebhookEndpointFeed,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async deliver(envelope: Envelope<typeof WebhookDeliveryRequested>): Promise<void> {
    await this.feed.loaded;
    const request = envelope.payload;
    // A copy the broker handed out again (after a reconnect) of a delivery that already reached its receiver.
    if (this.delivered.has(request.deliveryId)) return;
    const body = JSON.stringify(request.event);
    for (let attempt = 1; ; attempt++) {
      const endpoint = this.endpoints.get(request.endpointId);
      if (!endpoint) return this.notSendable(request);
      const startedAt = performance.now();
      const outcome = await this.send(endpoint, request, body, attempt);
      const durationMs = Math.round(performance.now() - startedAt);
      if (outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300) {
        await this.record(request, { attempt, outcome: 'delivered', statusCode: outcome.statusCode, error: null, durationMs });
        this.delivered.add(request.deliveryId);
        this.abandonedInARow.delete(endpoint.endpointId);
        return;
      }
      const error = outcome.statusCode === null ? outcome.error : `the receiver answered ${outcome.statusCode}`;
      const refused = outcome.statusCode === null && outcome.refused;
      const last = refused || attempt >= this.config.WEBHOOK_MAX_ATTEMPTS;
      await this.record(request, { attempt, outcome: last ? 'abandoned' : 'retrying', statusCode: outcome.statusCode, error, durationMs });
      if (last) {
        await this.abandoned(endpoint, refused, error);
        throw new DeliveryAbandonedError(request.deliveryId, attempt, error);
      }
      const waitMs = jitteredDelay(this.config.WEBHOOK_RETRY_INITIAL_MS * BACKOFF_MULTIPLIER ** (attempt - 1));
      this.logger.warn(
        { event: 'webhook.retrying', deliveryId: request.deliveryId, attempt, retryInMs: waitMs, reason: error },
        'webhook delivery failed; retrying',
      );
      // Shutting down: the message stays unacked, so the broker hands it (in order) to the next worker.
      if (!(await this.pause(waitMs))) return new Promise<void>(() => undefined);
    }
  }

  /** Wakes every waiting retry, which then leaves its message unacked for the next worker. */
  beforeApplicationShutdown(): void {
    this.stopping = true;
    for (const wake of this.pauses) wake();
  }

  private send(endpoint: ActiveWebhook, request: Request, body: string, attempt: number): Promise<SendOutcome> {
    const headers = {
      'user-agent': 'docpipe-webhooks/1',
      'docpipe-event': request.event.type,
      'docpipe-delivery': request.deliveryId,
      'docpipe-attempt': String(attempt),
      'docpipe-signature': signatureHeader(endpoint.secret, body, Math.floor(Date.now() / 1000)),
    };
    return sendWebhook(
      { url: endpoint.url, body, headers },
      { timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, allowed: this.config.WEBHOOK_ALLOWED_NETWORKS },
    );
  }

  /** Its endpoint was removed (nothing to do) or disabled (logged abandoned and dead-lettered, to redrive later). */
  private async notSendable(request: Request): Promise<void> {
    if (!this.endpoints.isDisabled(request.endpointId)) {
      this.logger.info({ event: 'webhook.endpoint_removed', deliveryId: request.deliveryId }, 'webhook endpoint removed; delivery dropped');
      return;
    }
    await this.record(request, { attempt: 0, outcome: 'abandoned', statusCode: null, error: 'the endpoint is disabled', durationMs: 0 });
    throw new EndpointDisabledError(request.endpointId, request.deliveryId);
  }

  private async abandoned(endpoint: ActiveWebhook, refused: boolean, error: string): Promise<void> {
    const inARow = (this.abandonedInARow.get(endpoint.endpointId) ?? 0) + 1;
    this.abandonedInARow.set(endpoint.endpointId, inARow);
    if (refused) return this.disable(endpoint, 'address_refused', `Its address was refused at delivery: ${error}`);
    if (inARow < this.config.WEBHOOK_DISABLE_AFTER) return;
    const tries = this.config.WEBHOOK_MAX_ATTEMPTS;
    await this.disable(
      endpoint,
      'sustained_failure',
      `${inARow === 1 ? 'A delivery' : `${inARow} deliveries in a row`} failed ${tries} tries each; the last: ${error}`,
    );
  }

  private async disable(endpoint: ActiveWebhook, code: 'address_refused' | 'sustained_failure', reason: string): Promise<void> {
    this.endpoints.disabled(endpoint.endpointId);
    this.abandonedInARow.delete(endpoint.endpointId);
    this.logger.warn({ event: 'webhook.disabled', endpointId: endpoint.endpointId, code, reason }, 'webhook endpoint disabled');
    await this.publisher.publish(
      WebhookDisabled,
      { endpointId: endpoint.endpointId, code, reason },
      { tenantId: endpoint.tenantId, documentId: endpoint.endpointId },
    );
  }

  private async record(request: Request, attempt: Attempt): Promise<void> {
    await this.publisher.publish(WebhookDeliveryAttempted, { deliveryId: request.deliveryId, endpointId: request.endpointId, ...attempt });
  }

  /** Resolves true after `ms`, or false at once when the service is stopping. */
  private pause(ms: number): Promise<boolean> {
    if (this.stopping) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.pauses.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.pauses.delete(wake);
        resolve(true);
      }, ms);
      timer.unref();
      this.pauses.add(wake);
    });
  }
}
