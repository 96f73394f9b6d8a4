import { matchesOf, type EntityMatch } from './entity-match';

const URL_CANDIDATE = /(?<![\w@.])(?:https?:\/\/|www\.)[^\s<>"'`{}|\\^]+/gi;

/** http(s) and www. addresses; sentence punctuation and unbalanced closing brackets are not part of them. */
export function findUrls(text: string): EntityMatch[] {
  return [...matchesOf(URL_CANDIDATE, text)].flatMap((match) => {
    const raw = trimTrailing(match[0]);
    const value = normalise(raw);
    if (!value) return [];
    return [{ kind: 'url' as const, text: raw, value, start: match.index, end: match.index + raw.length }];
  });
}

function trimTrailing(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.at(-1) ?? '';
    if (/[.,;:!?'"*]/.test(last)) url = url.slice(0, -1);
    else if (last === ')' && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
    else if (last === ']' && count(url, '[') < count(url, ']')) url = url.slice(0, -1);
    else return url;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function normalise(raw: string): string | undefined {
  try {
    const url = new URL(/^https?:\/\//i.test(raw) ? raw : `http://${raw}`);
    return url.hostname.includes('.') ? url.href : undefined;
  } catch {
    return undefined;
  }
}
