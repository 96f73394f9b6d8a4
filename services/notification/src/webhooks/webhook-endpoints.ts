import type { ActiveWebhook } from '@docpipe/contracts';

/**
 * This worker's copy of the active endpoints, from metadata's snapshot and the webhook events. An endpoint removed or
 * disabled after a snapshot was asked for stays gone when that (older) snapshot arrives.
 */
export class WebhookEndpoints {
  private readonly byId = new Map<string, ActiveWebhook>();
  private readonly goneAt = new Map<string, number>();
  private readonly disabledIds = new Set<string>();

  registered(endpoint: ActiveWebhook): void {
    this.goneAt.delete(endpoint.endpointId);
    this.disabledIds.delete(endpoint.endpointId);
    this.byId.set(endpoint.endpointId, endpoint);
  }

  /** Removed by its tenant: nothing more is sent to it, and what was waiting for it is dropped. */
  removed(endpointId: string): void {
    this.byId.delete(endpointId);
    this.goneAt.set(endpointId, Date.now());
  }

  /** Disabled by a worker: nothing more is sent to it, and what was waiting for it is dead-lettered. */
  disabled(endpointId: string): void {
    this.removed(endpointId);
    this.disabledIds.add(endpointId);
  }

  isDisabled(endpointId: string): boolean {
    return this.disabledIds.has(endpointId);
  }

  replaceAll(endpoints: readonly ActiveWebhook[], askedAt: number): void {
    this.byId.clear();
    for (const endpoint of endpoints) {
      const gone = this.goneAt.get(endpoint.endpointId);
      if (gone === undefined || gone < askedAt) this.byId.set(endpoint.endpointId, endpoint);
    }
    for (const [endpointId, at] of this.goneAt) if (at < askedAt) this.goneAt.delete(endpointId);
  }

  get(endpointId: string): ActiveWebhook | undefined {
    return this.byId.get(endpointId);
  }

  /** The tenant's endpoints subscribed to this event type. */
  subscribedTo(tenantId: string, eventType: string): ActiveWebhook[] {
    return [...this.byId.values()].filter(
      (endpoint) => endpoint.tenantId === tenantId && (endpoint.eventTypes as readonly string[]).includes(eventType),
    );
  }
}
