import { z } from 'zod';
import { defineEvent } from '../contract';

export const DocumentCancelRequested = defineEvent({
  type: 'document.cancel-requested',
  version: 1,
  description: 'A user cancelled the document: each worker leaves alone the runs that started before this event.',
  payload: z.object({
    /**
     * When the cancel was committed, under the document's row lock: a reprocess (same lock) is always later,
     * so its run goes on, while every run started before stops.
     */
    cancelledAt: z.string().datetime(),
  }),
  // Each worker process hears it on its own live queue; with no worker running there is no one to tell, and
  // metadata's status (cancelled) already makes late results change nothing.
  broadcast: true,
});
