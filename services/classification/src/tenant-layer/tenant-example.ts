import { z } from 'zod';

/**
 * What classification keeps of a document a tenant typed by hand: the type, and the document's feature counts
 * restricted to the base model's vocabulary, by feature name so that a retrained model with a new vocabulary can
 * still read it. Never the text itself.
 */
export const tenantExampleSchema = z.object({
  documentId: z.string().uuid(),
  label: z.string().min(1),
  /** The base model the counts were taken with. */
  modelVersion: z.string().min(1),
  features: z.record(z.number().positive()),
});

export type TenantExample = z.infer<typeof tenantExampleSchema>;
