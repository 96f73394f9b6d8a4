import { NonRetryableError, type Logger } from '@docpipe/platform';
import { type EventContract, type ExtractedText, type Stage, type Envelope, DocumentProgressed } from '@docpipe/contracts';
import type { Delivery } from '../consumer';
import type { EventPublisher } from '../publisher';
import { announceStageFailure } from '../stage-failure';
import type { QueueSpec } from '../topology';
import { ForeignTextKeyError } from './errors';
import type { ExtractedTextReader } from './extracted-text-reader';
import type { SkipReason, StopMarks } from './stop-marks';

export interface StageSpec {
  stage: Stage;
  /** The queue the worker consumes: its retry policy decides whether a failed attempt was the last. */
  queue: QueueSpec;
  /** The failure code when the error carries none of its own. */
  defaultCode: string;
  /** Whether a reprocess may succeed once the stage gave up on this error; by default all but a foreign text key. */
  retryable?: (error: unknown) => boolean;
  /** Called when the document is found stopped before the work, e.g. to remove what an earlier run left. */
  whenStopped?: (target: { tenantId: string; documentId: string }) => Promise<void>;
}

/** What a stage's work gets besides its event: the kit's services, bound to the document and attempt. */
export interface StageRun {
  attempt: number;
  /** Announces document.progressed `progress` (done of total). */
  progress(done: number, total: number): Promise<void>;
  /** The extracted text blob at `key`, which must be under this document's derived/ prefix. */
  readText(key: string): Promise<ExtractedText>;
  /** After long work: whether the document was cancelled or deleted meanwhile (then its result must not be kept). */
  stopped(): SkipReason | null;
}

/**
 * The part every pipeline worker shares, so that a handler is the stage's work alone: leaves a cancelled or
 * deleted document alone without a word, says when the stage starts, and reports a failed attempt
 * (document.progressed retrying, or document.failed when the stage gives up) before the consumer retries or
 * dead-letters the message.
 */
export class StageWorker {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    private readonly marks: StopMarks,
    private readonly text: ExtractedTextReader,
  ) {}

  async run<C extends EventContract>(
    spec: StageSpec,
    event: Envelope<C>,
    delivery: Delivery,
    work: (run: StageRun) => Promise<void>,
  ): Promise<void> {
    const { stage } = spec;
    const { attempt } = delivery;
    const target = { tenantId: event.tenantId, documentId: event.documentId };
    try {
      // An event pointing at another document's text is refused before anything else, whatever became of the document.
      const { payload } = event as { payload: unknown };
      if (hasTextKey(payload)) this.text.verify(target, payload.textKey);
      // Decided here, from the cancels and deletes this process heard: no worker asks metadata.
      const runStartedAt = runStartOf(event);
      const reason = this.marks.reasonToStop(target, runStartedAt);
      if (reason) {
        await spec.whenStopped?.(target);
        this.logger.info({ event: `${stage}.skipped`, reason }, `the document was cancelled or deleted; ${stage} skipped`);
        return;
      }
      await this.publisher.publish(DocumentProgressed, { stage, status: 'started', attempt });
      await work({
        attempt,
        progress: async (done, total) => {
          await this.publisher.publish(DocumentProgressed, { stage, status: 'progress', attempt, done, total });
        },
        readText: (key) => this.text.read(target, key),
        stopped: () => this.marks.reasonToStop(target, runStartedAt),
      });
    } catch (error) {
      await announceStageFailure(this.publisher, this.logger, {
        stage,
        queue: spec.queue,
        error,
        attempt,
        defaultCode: spec.defaultCode,
        retryable: (spec.retryable ?? notForeignKey)(error),
      });
      throw error;
    }
  }
}

/** A run starts with document.uploaded or document.reprocess-requested; the later stages' events carry that time in their facts. */
function runStartOf(event: Envelope): string {
  const { facts } = event.payload as { facts?: { runStartedAt?: unknown } };
  return typeof facts?.runStartedAt === 'string' ? facts.runStartedAt : event.occurredAt;
}

function hasTextKey(payload: unknown): payload is { textKey: string } {
  return typeof payload === 'object' && payload !== null && typeof (payload as { textKey?: unknown }).textKey === 'string';
}

/** A reprocess extracts the text again and may meet a repaired engine or index; only a foreign key stays wrong. */
function notForeignKey(error: unknown): boolean {
  return !(error instanceof ForeignTextKeyError);
}

/** For extraction: the same bytes give the same answer; a transient failure that outlived the retries may pass later. */
export function retryableUnlessFinal(error: unknown): boolean {
  return !(error instanceof NonRetryableError);
}
