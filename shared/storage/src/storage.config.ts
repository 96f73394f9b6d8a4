import { z } from 'zod';

export const storageConfigSchema = z.object({
  S3_ENDPOINT: z.string().url().default('http://127.0.0.1:9000'),
  S3_ACCESS_KEY: z.string().min(1).default('S3RVER'),
  S3_SECRET_KEY: z.string().min(1).default('S3RVER'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3).default('documents'),
  /** Part size of multipart uploads: the memory one upload of unknown length holds at a time. */
  S3_PART_SIZE_MB: z.coerce.number().int().min(5).max(512).default(16),
});

export type StorageConfig = z.output<typeof storageConfigSchema>;
