import { z } from 'zod';
import { defineEvent } from '../contract';
import { documentFactsSchema } from './document-facts';
import { producerSchema } from './stage';

export const DocumentClassified = defineEvent({
  type: 'document.classified',
  version: 2,
  description: 'The document type is decided with a confidence; indexing may start. Carries the document facts forward.',
  payload: z.object({
    textKey: z.string().min(1),
    documentType: z.string().min(1),
    confidence: z.number().min(0).max(1),
    /**
     * Type-specific fields with evidence and confidence. Invoice: vendor, customer, number, issueDate, dueDate, currency,
     * subtotal, tax, total, iban, vendorVatId; receipt: merchant, date, total, currency, paymentMethod; contract: parties,
     * effectiveDate, endDate, term, noticePeriod.
     */
    fields: z
      .record(
        z.object({
          value: z.string(),
          page: z.number().int().positive().nullable(),
          start: z.number().int().nonnegative().nullable(),
          end: z.number().int().nonnegative().nullable(),
          /** How sure the extractor is (0..1); absent from fields classified before it was recorded. */
          confidence: z.number().min(0).max(1).optional(),
        }),
      )
      .default({}),
    classifier: producerSchema,
    facts: documentFactsSchema,
  }),
});
