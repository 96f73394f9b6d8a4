import { HttpStatus } from '@nestjs/common';
import { z } from 'zod';
import { documentStatusSchema } from '@docpipe/contracts';
import { statusOfCode } from '../errors/error-status';

export const acceptedFileSchema = z.object({
  fileName: z.string(),
  id: z.string().uuid(),
  status: documentStatusSchema,
  mediaType: z.string(),
  statusUrl: z.string(),
  correlationId: z.string(),
  /** Set when the same content was uploaded before: `id` is then that earlier document. */
  duplicateOf: z.string().uuid().optional(),
});

export const rejectedFileSchema = z.object({
  fileName: z.string(),
  error: z.object({ code: z.string(), message: z.string() }),
});

export const fileOutcomeSchema = z.union([acceptedFileSchema, rejectedFileSchema]);

/** What an upload request is answered with, and what an Idempotency-Key replays. */
export const uploadAnswerSchema = z.object({
  status: z.number().int(),
  body: z.object({
    documents: z.array(fileOutcomeSchema),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
});

export type FileOutcome = z.infer<typeof fileOutcomeSchema>;
export type UploadAnswer = z.infer<typeof uploadAnswerSchema>;

/** 202 when any file was taken; otherwise the status of the files' errors (415 for one refused type…). */
export function summarise(documents: FileOutcome[]): UploadAnswer {
  const errors = documents.flatMap((outcome) => ('error' in outcome ? [outcome.error] : []));
  if (errors.length < documents.length) return { status: HttpStatus.ACCEPTED, body: { documents } };
  const statuses = new Set(errors.map((error) => statusOfCode(error.code)));
  const status =
    statuses.size === 1
      ? [...statuses][0]!
      : statuses.has(HttpStatus.SERVICE_UNAVAILABLE)
        ? HttpStatus.SERVICE_UNAVAILABLE
        : HttpStatus.BAD_REQUEST;
  const error =
    errors.length === 1
      ? errors[0]!
      : { code: 'files_rejected', message: `None of the ${errors.length} files was accepted; documents[].error says why for each` };
  return { status, body: { error, documents } };
}
