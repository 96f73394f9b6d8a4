import { findNumbers, type CountryCode } from 'libphonenumber-js/max';
import type { EntityMatch } from './entity-match';

/** Where a document's national numbers (no +country) are from, by its language; English defaults to the UK. */
const COUNTRY_OF_LANGUAGE: Record<string, CountryCode> = { de: 'DE', fr: 'FR', nl: 'NL', es: 'ES', it: 'IT', en: 'GB', pt: 'PT' };

/**
 * Telephone numbers libphonenumber-js finds and validates against its metadata: international ones
 * anywhere, national ones for the document's country. The value is E.164 (`+49301234567`).
 */
export function findPhones(text: string, language?: string | null): EntityMatch[] {
  const defaultCountry = COUNTRY_OF_LANGUAGE[language ?? 'en'] ?? 'GB';
  return findNumbers(text, { defaultCountry, v2: true }).flatMap((found) => {
    const raw = text.slice(found.startsAt, found.endsAt);
    if (!found.number.isValid()) return [];
    return [{ kind: 'phone' as const, text: raw, value: found.number.number, start: found.startsAt, end: found.endsAt }];
  });
}
