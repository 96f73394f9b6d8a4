import { z } from 'zod';

/** The pipeline's stages, in the order a document passes them. */
export const stageSchema = z.enum(['ingestion', 'extraction', 'classification', 'indexing']);
export type Stage = z.infer<typeof stageSchema>;

/** Which code (and which version of it) produced a result, so results can be traced and redone. */
export const producerSchema = z.object({ name: z.string().min(1), version: z.string().min(1) });
