import LinkifyIt from 'linkify-it';
import type { EntityMatch } from './entity-match';

const linkify = new LinkifyIt({}, { fuzzyEmail: true, fuzzyLink: true });

/** E-mail addresses (lower-cased) and http(s)/www addresses, as linkify-it finds them in running text. */
export function findLinks(text: string): EntityMatch[] {
  return (linkify.match(text) ?? []).flatMap((match): EntityMatch[] => {
    const base = { text: match.raw, start: match.index, end: match.lastIndex };
    if (match.schema === 'mailto:') return [{ ...base, kind: 'email' as const, value: match.raw.replace(/^mailto:/i, '').toLowerCase() }];
    if (match.schema === '' && !/^www\./i.test(match.raw)) return [];
    // linkify accepts hosts that URL refuses (`www.1` in a scanned receipt): not an address then, and no reason to fail the document.
    if (!URL.canParse(match.url)) return [];
    return [{ ...base, kind: 'url' as const, value: new URL(match.url).href }];
  });
}
