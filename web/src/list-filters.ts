import { documentStatuses, type DocumentSort, type DocumentStatus } from '@docpipe/contracts';

/** The statuses a listed document can have: a deleted one is never listed. */
export const STATUSES: DocumentStatus[] = documentStatuses.filter((status) => status !== 'deleted');
export const PAGE_SIZES = [20, 50, 100] as const;
/** The list's orders, as the list endpoint names them, with what a person reads. */
export const SORTS: Array<[DocumentSort, string]> = [
  ['-created', 'Newest first'],
  ['created', 'Oldest first'],
  ['title', 'Title A–Z'],
  ['-title', 'Title Z–A'],
  ['type', 'Type A–Z'],
  ['-type', 'Type Z–A'],
];
const DEFAULT_SORT: DocumentSort = '-created';
/** The list endpoint's limit; a URL may ask for any size up to it. */
const MAX_PAGE_SIZE = 100;

/** The Documents view as its URL states it: what the list endpoint is asked for. */
export interface ListFilters {
  status?: DocumentStatus;
  stalled?: 'true';
  type?: string;
  tag?: string;
  /** Days (YYYY-MM-DD) as a date input gives them; sent as instants. */
  from?: string;
  to?: string;
  q?: string;
  sort: DocumentSort;
  page: number;
  size: number;
}

const positive = (value: string | null, fallback: number): number => {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? number : fallback;
};

export function parseFilters(search: string): ListFilters {
  const params = new URLSearchParams(search);
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const status = params.get('status') as DocumentStatus | null;
  const size = positive(params.get('size'), PAGE_SIZES[0]);
  const sort = SORTS.find(([name]) => name === params.get('sort'))?.[0] ?? DEFAULT_SORT;
  return {
    status: status && STATUSES.includes(status) ? status : undefined,
    stalled: params.get('stalled') === 'true' ? 'true' : undefined,
    type: text('type'),
    tag: text('tag'),
    from: text('from'),
    to: text('to'),
    q: text('q'),
    sort,
    page: positive(params.get('page'), 1),
    size: Math.min(size, MAX_PAGE_SIZE),
  };
}

/** The URL's parameters for these filters; the defaults are left out so a plain view keeps a plain URL. */
export function filterParams(filters: ListFilters): Record<string, string | number | undefined> {
  return {
    ...filters,
    sort: filters.sort !== DEFAULT_SORT ? filters.sort : undefined,
    page: filters.page > 1 ? filters.page : undefined,
    size: filters.size !== PAGE_SIZES[0] ? filters.size : undefined,
  };
}

/** Newest first: the order in which a new upload belongs at the top of the first page. */
export const isNewestFirst = (filters: ListFilters): boolean => filters.sort === DEFAULT_SORT;

export const isFiltered = (filters: ListFilters): boolean =>
  Boolean(filters.status || filters.stalled || filters.type || filters.tag || filters.from || filters.to || filters.q);

/** A date input's day as the instant it starts (from) or the next day starts (to, exclusive). */
export function dayInstant(day: string | undefined, endOfDay: boolean): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  if (endOfDay) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}
