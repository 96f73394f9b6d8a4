import { z } from 'zod';

/**
 * The claim-check blob extraction writes at `textKey` (JSON) and classification and indexing read:
 * text per page, language, and the generic entities found, each with where it was found.
 */
export const entitySchema = z.object({
  kind: z.enum(['date', 'money', 'email', 'phone', 'iban', 'invoice-number', 'url']),
  text: z.string(),
  /** Normalised value: ISO date, `EUR 12.50`, lower-cased e-mail, … */
  value: z.string(),
  page: z.number().int().positive(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

export const extractedTextSchema = z.object({
  documentId: z.string(),
  mediaType: z.string(),
  language: z.string().nullable(),
  pages: z.array(z.object({ number: z.number().int().positive(), text: z.string(), ocr: z.boolean() })),
  entities: z.array(entitySchema),
  extractor: z.object({ name: z.string(), version: z.string() }),
});

export type ExtractedText = z.infer<typeof extractedTextSchema>;
export type Entity = z.infer<typeof entitySchema>;

/** Where blobs live: never a user-supplied name in a key. */
export const objectKeys = {
  staging: (tenantId: string, uploadId: string) => `staging/${tenantId}/${uploadId}`,
  original: (tenantId: string, documentId: string) => `originals/${tenantId}/${documentId}`,
  extractedText: (tenantId: string, documentId: string) => `derived/${tenantId}/${documentId}/text.json`,
  /**
   * The first page as a small WebP (image/webp, 240 px wide), written by extraction after the text. Its key is known by
   * this convention rather than carried in document.extracted: no stage downstream reads it, the gateway serves it after
   * a tenant check, and it lies under derivedPrefix so deleting the document removes it. Absent when it could not be drawn.
   */
  thumbnail: (tenantId: string, documentId: string) => `derived/${tenantId}/${documentId}/thumbnail.webp`,
  /** A page drawn for the preview (image/webp, 1000 px wide), on request, and kept: extraction's RenderPageImage writes it. */
  pageImage: (tenantId: string, documentId: string, page: number) => `derived/${tenantId}/${documentId}/pages/${page}.webp`,
  pageImagesPrefix: (tenantId: string, documentId: string) => `derived/${tenantId}/${documentId}/pages/`,
  derivedPrefix: (tenantId: string, documentId: string) => `derived/${tenantId}/${documentId}/`,
  /** A document a tenant typed by hand, as classification learned it (its features, not its text). */
  classifierExample: (tenantId: string, documentId: string) => `classifier/${tenantId}/examples/${documentId}.json`,
  classifierExamplesPrefix: (tenantId: string) => `classifier/${tenantId}/examples/`,
};
