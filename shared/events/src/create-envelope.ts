import { randomUUID } from 'node:crypto';
import type { Envelope, EnvelopeOrigin, EventContract, PayloadOf } from '@docpipe/contracts';

/** A new event of the contract, its payload validated: what the publisher and the outbox send. */
export function createEnvelope<C extends EventContract>(contract: C, payload: PayloadOf<C>, origin: EnvelopeOrigin): Envelope<C> {
  return {
    id: randomUUID(),
    type: contract.type,
    version: contract.version,
    occurredAt: new Date().toISOString(),
    ...origin,
    payload: contract.payload.parse(payload),
  };
}
