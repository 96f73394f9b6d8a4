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
    case 'document.edited':
      return describeEdits(detail);
    default:
      return `${stage}: ${entry.type.replace(/^document\./, '').replace(/-/g, ' ')}`;
  }
}

const quoted = (value: unknown): string => (typeof value === 'string' ? `“${value}”` : 'none');
const tagList = (value: unknown): string => (Array.isArray(value) && value.length > 0 ? value.join(', ') : 'none');
const changeOf = (detail: Record<string, unknown>, name: string): { from?: unknown; to?: unknown } | null => {
  const change = detail[name];
  return change && typeof change === 'object' ? (change as { from?: unknown; to?: unknown }) : null;
};

/** The note's change in a word: its text stays on the page, where it can be read whole. */
function noteChange(note: { from?: unknown; to?: unknown }): string {
  if (note.to === null) return 'note removed';
  return note.from === null ? 'note added' : 'note changed';
}

/** A user's edit of title, tags or note, each change as it reads to a person: `Edited: title “Lease”; tags home, 2026`. */
function describeEdits(detail: Record<string, unknown>): string {
  const title = changeOf(detail, 'title');
  const tags = changeOf(detail, 'tags');
  const note = changeOf(detail, 'note');
  const parts = [
    title && (title.to === null ? 'title removed (the file name shows)' : `title ${quoted(title.to)}`),
    tags && `tags ${tagList(tags.to)}`,
    note && noteChange(note),
  ].filter(Boolean);
  return `Edited: ${parts.length > 0 ? parts.join('; ') : 'nothing changed'}`;
}
