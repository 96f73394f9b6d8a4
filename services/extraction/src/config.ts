import { z } from 'zod';
import { baseConfigSchema } from '@docpipe/platform';
import { storageConfigSchema } from '@docpipe/storage';
import { isOcrLanguage } from './ocr/ocr-models';

const MB = 1024 * 1024;
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const configSchema = baseConfigSchema.merge(storageConfigSchema).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3102),
  /** Documents one copy of the service extracts at once (its RabbitMQ prefetch); scale out with more copies. */
  EXTRACTION_CONCURRENCY: positiveInt(2),
  /** Per-document time budget; past it the document fails with extraction_timeout. */
  EXTRACTION_TIMEOUT_MS: positiveInt(120_000),
  MAX_PAGES: positiveInt(2_000),
  /** Decoded text of one document, UTF-8 bytes. */
  MAX_TEXT_BYTES: positiveInt(50 * MB),
  /** Width × height of an image (or a rendered PDF page) before OCR. */
  MAX_IMAGE_PIXELS: positiveInt(50_000_000),
  /** Uncompressed bytes of all entries of a DOCX (a zip), counted while inflating, not trusted from the header. */
  MAX_ARCHIVE_BYTES: positiveInt(200 * MB),
  MAX_ARCHIVE_ENTRIES: positiveInt(10_000),
  /** Tesseract workers per process: each holds ~100 MB and one CPU while it recognises a page. */
  OCR_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  /**
   * Threads reading PDF text layers (pdf.js parsing, ~50 MB each): a long PDF's pages are split among them, so
   * one PDF uses that many cores. Born-digital PDF text is CPU-bound; about the cores a copy of the service gets.
   */
  PDF_TEXT_THREADS: z.coerce.number().int().min(1).max(16).default(2),
  /** Resolution PDF pages without a text layer are rendered at for OCR. */
  OCR_DPI: z.coerce.number().int().min(72).max(600).default(200),
  /**
   * Each tenant's OCR language, `tenant:code` pairs separated by commas (codes: eng, deu, fra, nld, spa).
   * A tenant without one gets the language detected on the first scanned page of each document.
   */
  OCR_TENANT_LANGUAGES: z
    .string()
    .default('')
    .transform(
      (value) =>
        Object.fromEntries(
          value
            .split(',')
            .filter(Boolean)
            .map((pair) => pair.trim().split(':', 2)),
        ) as Record<string, string>,
    )
    .refine((map) => Object.values(map).every((code) => isOcrLanguage(code)), {
      message: 'OCR_TENANT_LANGUAGES takes tenant:code pairs with codes among eng, deu, fra, nld, spa',
    }),
});

export type ExtractionConfig = z.output<typeof configSchema>;
