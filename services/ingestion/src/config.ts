import { z } from 'zod';
import { baseConfigSchema } from '@docpipe/platform';
import { storageConfigSchema } from '@docpipe/storage';
import { allKnownMediaTypes, isKnownMediaType, type KnownMediaType } from '@docpipe/contracts';

const acceptedMediaTypes = z
  .string()
  .transform((list) =>
    list
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z.string().refine(isKnownMediaType, (value) => ({
          message: `${value} is not one of ${allKnownMediaTypes.join(', ')}`,
        })),
      )
      .min(1),
  )
  .transform((list) => list as KnownMediaType[]);

export const configSchema = baseConfigSchema.merge(storageConfigSchema).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3101),
  /** Comma-separated media types uploads may have (see knownMediaTypes in @docpipe/contracts); all known types by default. */
  ACCEPTED_MEDIA_TYPES: acceptedMediaTypes.default(allKnownMediaTypes.join(',')),
  /** How many leading bytes of an upload are read to recognise its type. */
  SNIFF_BYTES: z.coerce
    .number()
    .int()
    .min(4100)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
});

export type IngestionConfig = z.output<typeof configSchema>;

export const INGESTION_CONFIG = Symbol('docpipe:ingestion-config');
