import { useEffect, useState } from 'react';

/** History-API routing: the gateway answers every UI path with index.html. */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

function useLocationPart<T>(read: () => T): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    const onChange = () => setValue(read);
    window.addEventListener('popstate', onChange);
    return () => window.removeEventListener('popstate', onChange);
  }, [read]);
  return value;
}

const readPath = () => window.location.pathname;
const readSearch = () => window.location.search;

export const usePath = (): string => useLocationPart(readPath);

/** The query string, so a view's filters and page live in its URL and can be shared or bookmarked. */
export const useSearch = (): string => useLocationPart(readSearch);

/** A path with only the parameters that have a value, in a stable order. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
