import type { Entity } from '@docpipe/contracts';
import { findDates } from './dates';
import type { EntityMatch } from './entity-match';
import { findIbans } from './ibans';
import { findInvoiceNumbers } from './invoice-numbers';
import { findLinks } from './links';
import { findMoney } from './money';
import { findPhones } from './phones';

/**
 * Most specific first: a span an earlier detector took is not taken again, so an IBAN's digits are
 * no phone number, a URL's host no e-mail, and a date no amount.
 */
const detectors: ((text: string, language?: string | null) => EntityMatch[])[] = [
  findLinks,
  findIbans,
  findInvoiceNumbers,
  findDates,
  findMoney,
  findPhones,
];

/**
 * The generic entities of one page, in reading order, with offsets into that page's text. The
 * language (ISO 639-1, when known) decides which country national phone numbers belong to.
 */
export function findEntities(page: number, text: string, language?: string | null): Entity[] {
  const taken: EntityMatch[] = [];
  for (const detect of detectors) {
    for (const match of detect(text, language)) {
      if (!taken.some((other) => match.start < other.end && other.start < match.end)) taken.push(match);
    }
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end).map((match) => ({ ...match, page }));
}
