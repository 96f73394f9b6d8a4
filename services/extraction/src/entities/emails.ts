import { matchesOf, type EntityMatch } from './entity-match';

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])/g;

/** E-mail addresses; the value is lower-cased. */
export function findEmails(text: string): EntityMatch[] {
  return [...matchesOf(EMAIL, text)].map((match) => ({
    kind: 'email',
    text: match[0],
    value: match[0].toLowerCase(),
    start: match.index,
    end: match.index + match[0].length,
  }));
}
