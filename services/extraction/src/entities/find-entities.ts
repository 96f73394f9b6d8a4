import type { Entity } from '@docpipe/events';
import { findDates } from './dates';
import { findEmails } from './emails';
import type { EntityMatch } from './entity-match';
import { findIbans } from './ibans';
import { findInvoiceNumbers } from './invoice-numbers';
import { findMoney } from './money';
import { findPhones } from './phones';
import { findUrls } from './urls';

/**
 * Most specific first: a span an earlier detector took is not taken again, so an IBAN's digits are
 * no phone number, a URL's host no e-mail, and a date no amount.
 */
const detectors: ((text: string) => EntityMatch[])[] = [
  findEmails,
  findUrls,
  findIbans,
  findInvoiceNumbers,
  findDates,
  findMoney,
  findPhones,
];

/** The generic entities of one page, in reading order, with offsets into that page's text. */
export function findEntities(page: number, text: string): Entity[] {
  const taken: EntityMatch[] = [];
  for (const detect of detectors) {
    for (const match of detect(text)) {
      if (!taken.some((other) => match.start < other.end && other.start < match.end)) taken.push(match);
    }
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end).map((match) => ({ ...match, page }));
}
