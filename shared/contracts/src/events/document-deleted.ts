import { z } from 'zod';
import { defineEvent } from '../contract';

export const DocumentDeleted = defineEvent({
  type: 'document.deleted',
  version: 1,
  description: 'The document was deleted; every service removes what it holds for it.',
  payload: z.object({ objectKey: z.string().min(1) }),
});
