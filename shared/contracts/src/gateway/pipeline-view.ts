import { z } from 'zod';
import { ReadIndexStatus } from '../requests/indexing.requests';

/** One look at a queue, every QUEUE_SAMPLE_SECONDS. */
export const queueSampleSchema = z.object({
  at: z.string().datetime(),
  /** Waiting in the queue. */
  messages: z.number().int().nonnegative(),
  /** In its dead-letter queue. */
  deadLetters: z.number().int().nonnegative(),
  /**
   * Events the broker routed to the queue since the previous sample: its throughput (its retries and redriven dead
   * letters are not new arrivals and are not counted); in the first sample, since the gateway started.
   */
  arrived: z.number().int().nonnegative(),
});
export type QueueSample = z.output<typeof queueSampleSchema>;

/** The Pipeline page's read model, as GET /api/v1/admin/pipeline answers it. */
export const pipelineViewSchema = z.object({
  queues: z.array(
    z.object({
      queue: z.string(),
      service: z.string(),
      description: z.string(),
      messages: z.number().int(),
      consumers: z.number().int(),
      deadLetters: z.number().int(),
      /** Samples of the last hour, oldest first (empty just after the gateway started, which keeps them in memory). */
      history: z.array(queueSampleSchema),
    }),
  ),
  /** Where people open the RabbitMQ management console, when configured. */
  consoleUrl: z.string().nullable(),
  /** What indexing says of the search index (maintenance, re-embedding); null with the reason when it did not answer. */
  searchIndex: ReadIndexStatus.response.nullable(),
  searchIndexError: z.string().nullable(),
});
export type PipelineView = z.output<typeof pipelineViewSchema>;
