/** Why a worker leaves a document alone: cancelled by a user, or deleted. */
export type SkipReason = 'document_cancelled' | 'document_deleted';

interface DocumentTarget {
  tenantId: string;
  documentId: string;
}

/** Epoch milliseconds of the newest cancel, or `deleted` (which no later run undoes). */
type Mark = number | 'deleted';

/**
 * The cancels and deletes this worker process has heard of (document.cancel-requested, document.deleted), so a
 * stage decides by itself whether to leave a document alone instead of asking metadata. A cancel stops the runs
 * that started before it, so a reprocess after it runs without any un-mark; a delete stops every run.
 * Bounded: the oldest marks go first, since the runs they concern have long been decided.
 */
export class StopMarks {
  private readonly marks = new Map<string, Mark>();

  constructor(private readonly capacity = 100_000) {}

  cancelled(target: DocumentTarget, at: string): void {
    const key = keyOf(target);
    const mark = this.marks.get(key);
    if (mark === 'deleted') return;
    this.remember(key, Math.max(mark ?? 0, Date.parse(at)));
  }

  deleted(target: DocumentTarget): void {
    this.remember(keyOf(target), 'deleted');
  }

  /** Whether the run of the document that started at `runStartedAt` must stop; a cancel at the same instant stops it. */
  reasonToStop(target: DocumentTarget, runStartedAt: string): SkipReason | null {
    const mark = this.marks.get(keyOf(target));
    if (mark === undefined) return null;
    if (mark === 'deleted') return 'document_deleted';
    return mark >= Date.parse(runStartedAt) ? 'document_cancelled' : null;
  }

  private remember(key: string, mark: Mark): void {
    this.marks.delete(key);
    this.marks.set(key, mark);
    if (this.marks.size > this.capacity) this.marks.delete(this.marks.keys().next().value as string);
  }
}

const keyOf = ({ tenantId, documentId }: DocumentTarget): string => `${tenantId}/${documentId}`;
