import { matchesOf, type EntityMatch } from './entity-match';

// Country, check digits, then up to 30 letters/digits, optionally in groups of four separated by one space.
const CANDIDATE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/gu;

/** IBANs that pass the ISO 13616 mod-97 check; the value is the compact, upper-case form. */
export function findIbans(text: string): EntityMatch[] {
  return [...matchesOf(CANDIDATE, text)].flatMap((match) => {
    const value = match[0].replace(/ /g, '');
    if (value.length < 15 || value.length > 34 || !validChecksum(value)) return [];
    return [{ kind: 'iban' as const, text: match[0], value, start: match.index, end: match.index + match[0].length }];
  });
}

/** Country and check digits move to the end, letters become 10..35, and the number mod 97 must be 1. */
export function validChecksum(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
