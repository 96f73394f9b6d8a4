import type { TimelineEntry } from '@docpipe/contracts';
import type { TimelineEntryEntity } from '../database/timeline-entry.entity';

type StoredEntry = Pick<TimelineEntryEntity, 'seq' | 'type' | 'stage' | 'status' | 'detail' | 'occurredAt'>;

export const toTimelineEntry = ({ seq, type, stage, status, detail, occurredAt }: StoredEntry): TimelineEntry => ({
  seq,
  type,
  stage,
  status,
  detail,
  occurredAt: occurredAt.toISOString(),
});
