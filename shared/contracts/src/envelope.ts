import { z } from 'zod';
import type { EventContract, PayloadOf } from './contract';

export const envelopeSchema = z.object({
  id: z.string().uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.string().datetime(),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  tenantId: z.string().min(1),
  documentId: z.string().min(1),
  payload: z.unknown(),
});

export type Envelope<C extends EventContract = EventContract> = Omit<z.output<typeof envelopeSchema>, 'type' | 'payload'> & {
  type: C['type'];
  payload: PayloadOf<C>;
};

export interface EnvelopeOrigin {
  correlationId: string;
  causationId: string | null;
  tenantId: string;
  documentId: string;
}
