import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyUsed } from '@docpipe/contracts';
import { EventPublisher } from './publisher';
import { LOGGER, type Logger, type Principal } from '@docpipe/platform';

// One announcement a minute per key and instance: enough for a last-used time, and no write per request.
const ANNOUNCE_EVERY_MS = 60_000;

/**
 * Announces that a run-time API key was used (api-key.used), at most once a minute per key and instance, without
 * holding up the request or the socket handshake: metadata stores the time. Keys from the environment and tokens have
 * no record to update. Used by every service that authenticates (gateway requests, notification sockets).
 */
@Injectable()
export class KeyUse {
  private readonly announcedAt = new Map<string, number>();

  constructor(
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  used(principal: Principal, now = Date.now()): void {
    const { keyId } = principal;
    if (keyId === undefined || now - (this.announcedAt.get(keyId) ?? -Infinity) < ANNOUNCE_EVERY_MS) return;
    this.announcedAt.set(keyId, now);
    this.publisher
      .publish(ApiKeyUsed, { keyId, usedAt: new Date(now).toISOString() }, { tenantId: principal.tenant, documentId: keyId })
      .catch((error: unknown) => {
        // Lost, the last-used time is a minute late: the next use announces it again.
        this.announcedAt.delete(keyId);
        this.logger.warn({ event: 'api-key.used-not-announced', keyId, err: error }, 'Could not announce that an API key was used');
      });
  }
}
