import type { Entity } from '@docpipe/contracts';

/** An entity found in one page's text; start/end are UTF-16 offsets into that text (end exclusive). */
export type EntityMatch = Omit<Entity, 'page'>;

/** Every match of a global regex, with its index. */
export function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  const regex = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    yield match;
    if (match[0] === '') regex.lastIndex++;
  }
}
