import { z } from 'zod';
import { defineEvent } from '../contract';

/** A type name as a tenant may write it: lower-case words joined by dashes (`payslip`, `purchase-order`). */
export const documentTypeNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9-]*$/, 'type names are lower-case words joined by dashes');

export const DocumentTypeCorrected = defineEvent({
  type: 'document.type-corrected',
  version: 1,
  description: 'A user set the document type by hand; classification learns it for the tenant’s next documents.',
  payload: z.object({
    documentType: documentTypeNameSchema,
    /** What the pipeline had said, null when it had not classified the document yet. */
    previousType: z.string().nullable(),
    /** The extracted text to learn from; null when extraction has not written it yet (nothing to learn then). */
    textKey: z.string().min(1).nullable(),
  }),
});
