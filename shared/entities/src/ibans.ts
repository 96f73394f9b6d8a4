import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { matchesOf, type EntityMatch } from './entity-match';

// Where an IBAN may be written: country, check digits, then letters/digits, in groups of four or not.
const CANDIDATE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/gu;

/** IBANs that ibantools validates (country length, BBAN format, mod-97); the value is the compact form. */
export function findIbans(text: string): EntityMatch[] {
  return [...matchesOf(CANDIDATE, text)].flatMap((match) => {
    const value = electronicFormatIBAN(match[0]);
    if (!value || !isValidIBAN(value)) return [];
    return [{ kind: 'iban' as const, text: match[0], value, start: match.index, end: match.index + match[0].length }];
  });
}
