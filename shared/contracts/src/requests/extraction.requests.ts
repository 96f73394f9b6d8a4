import { z } from 'zod';
import { defineRequest } from '../request';

export const RenderPageImage = defineRequest({
  name: 'extraction.page-image',
  service: 'extraction',
  description:
    'Draws one page of a document as a WebP for the preview and keeps it in the object store at objectKeys.pageImage; ' +
    'answers its key. The caller has checked the tenant and passes what the document view says of the original.',
  request: z.object({
    tenantId: z.string().min(1),
    documentId: z.string().uuid(),
    objectKey: z.string().min(1),
    mediaType: z.string().min(1),
    page: z.number().int().positive().max(100_000),
  }),
  response: z.object({ imageKey: z.string().min(1) }),
  errors: ['foreign_object_key', 'original_not_found', 'text_not_found', 'page_not_found', 'extraction_timeout'],
});
