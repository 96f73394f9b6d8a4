import { dayInstant } from './list-filters';

export const MODES = ['hybrid', 'keyword', 'semantic'] as const;
export type Mode = (typeof MODES)[number];

/** What each mode does, in the words a person choosing between them needs. */
export const MODE_HELP: Record<Mode, string> = {
  hybrid: 'both: exact words and meaning, ranked together (best in most cases)',
  keyword: 'the exact words, like a library catalogue',
  semantic: 'documents about the same thing, even in other words',
};

export const HITS_PER_PAGE = 10;

/** A search as its URL states it, so a search can be shared, bookmarked and gone back to. */
export interface SearchParams {
  q: string;
  mode: Mode;
  type?: string;
  tag?: string;
  from?: string;
  to?: string;
  page: number;
}

export function parseSearch(search: string): SearchParams {
  const params = new URLSearchParams(search);
  const mode = params.get('mode') as Mode | null;
  const page = Number(params.get('page'));
  const text = (name: string) => params.get(name)?.trim() || undefined;
  return {
    q: params.get('q')?.trim() ?? '',
    mode: mode && MODES.includes(mode) ? mode : 'hybrid',
    type: text('type'),
    tag: text('tag'),
    from: text('from'),
    to: text('to'),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export function searchParams(params: SearchParams): Record<string, string | number | undefined> {
  return { ...params, mode: params.mode === 'hybrid' ? undefined : params.mode, page: params.page > 1 ? params.page : undefined };
}

/** What the search endpoint is asked for. */
export const apiParams = (params: SearchParams): Record<string, string | number | undefined> => ({
  ...params,
  from: dayInstant(params.from, false),
  to: dayInstant(params.to, true),
  size: HITS_PER_PAGE,
});
