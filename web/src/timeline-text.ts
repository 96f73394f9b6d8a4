import type { TimelineEntry } from './api';

const STAGE_NAMES: Record<string, string> = {
  ingestion: 'Upload',
  extraction: 'Text extraction',
  classification: 'Classification',
  indexing: 'Indexing',
};

export const stageName = (stage: string | null): string => (stage ? (STAGE_NAMES[stage] ?? stage) : 'Processing');

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** What one timeline entry means to a person: its own stage and what happened there, not the event's internal name. */
export function describeEntry(entry: TimelineEntry): string {
  const { detail } = entry;
  const stage = stageName(entry.stage);
  switch (entry.type) {
    case 'document.uploaded':
      return 'Uploaded and stored';
    case 'document.progressed':
      return detail.status === 'retrying' ? `${stage} retrying after a problem` : `${stage} started`;
    case 'document.extracted': {
      const pages = typeof detail.pages === 'number' ? `, ${detail.pages} ${detail.pages === 1 ? 'page' : 'pages'}` : '';
      return `Text extracted${pages}`;
    }
    case 'document.classified': {
      const type = text(detail.documentType);
      return type ? `Classified as ${type}` : 'Classified';
    }
    case 'document.type-corrected': {
      const previous = text(detail.previousType);
      return `Type set to ${text(detail.documentType) ?? 'another type'} by hand${previous ? ` (was ${previous})` : ''}`;
    }
    case 'document.indexed':
      return 'Indexed: it can be searched';
    case 'document.failed':
      return `${stage} failed: ${text(detail.reason) ?? 'no reason given'}`;
    case 'document.rejected':
      return `Rejected: ${text(detail.reason) ?? 'no reason given'}`;
    case 'document.cancelled':
      return `Cancelled${entry.stage ? ` during ${stage.toLowerCase()}` : ''}`;
    case 'document.reprocess-requested':
      return 'Processing requested again';
    case 'document.stalled':
      return `${stage} is taking longer than expected`;
    case 'document.deleted':
      return 'Deleted';
    default:
      return `${stage}: ${entry.type.replace(/^document\./, '').replace(/-/g, ' ')}`;
  }
}
