import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { parseFilters } from '../list-filters';

export interface Suggestion {
  id: string;
  name: string;
}

/** Typing pauses this long before the server is asked: one request per pause, not one per key. */
const PAUSE_MS = 200;
const SHOWN = 6;

/**
 * Documents whose name or title contains what is typed, asked of the list endpoint (a substring, so a word half typed
 * already finds them; full-text search matches whole words only). Nothing below two characters.
 */
export function useSuggestions(text: string): Suggestion[] {
  const [typed] = useDebouncedValue(text.trim(), PAUSE_MS);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  useEffect(() => {
    if (typed.length < 2) return setSuggestions([]);
    let current = true;
    api.list({ ...parseFilters(''), q: typed, size: SHOWN }).then(
      ({ items }) => current && setSuggestions(items.map((item) => ({ id: item.id, name: item.title ?? item.fileName }))),
      // A suggestion is a help, not the search: without one the user still searches as before.
      () => current && setSuggestions([]),
    );
    return () => {
      current = false;
    };
  }, [typed]);
  return suggestions;
}
