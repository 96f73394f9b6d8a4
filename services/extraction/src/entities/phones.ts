import { matchesOf, type EntityMatch } from './entity-match';

// Digits in groups separated by one space, dot, dash or slash, optionally with an area code in parentheses.
const CANDIDATE =
  /(?<![\p{L}\p{N}+\-/.,])(?:\+|00)?\(?\d[\d)]*(?:(?:[ \u00a0]?[-./]?[ \u00a0]?|[ \u00a0])\(?\d+\)?)*(?![\p{L}\p{N}]|[.,]\p{N})/gu;
const DATE_LIKE = /^\d{1,4}([-./])\d{1,2}\1\d{1,4}$/;
const US_NATIONAL = /^\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}$/;

/**
 * Telephone numbers: international (+49 30 1234567, 0044 20 7946 0958, +1 (555) 123-4567) and
 * national ones with a trunk prefix or area code ((030) 1234567, 0171/1234567, 555-123-4567).
 * Bare digit runs, dates and amounts are not phone numbers. The value is E.164-like: `+4930…` or
 * the national digits.
 */
export function findPhones(text: string): EntityMatch[] {
  return [...matchesOf(CANDIDATE, text)].flatMap((match) => {
    const found = longestPhone(match[0]);
    if (!found) return [];
    return [{ kind: 'phone' as const, text: found, value: phoneValue(found), start: match.index, end: match.index + found.length }];
  });
}

/** A candidate can run into a following number ("030 1234567 2024"): drop trailing groups until it reads as a phone. */
function longestPhone(candidate: string): string | undefined {
  let phone = candidate.trim();
  while (phone) {
    if (isPhone(phone)) return phone;
    const cut = phone.search(/[ \u00a0./-]+\(?\d+\)?$/);
    if (cut <= 0) return undefined;
    phone = phone.slice(0, cut);
  }
  return undefined;
}

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15 || !balanced(candidate) || DATE_LIKE.test(candidate)) return false;
  const international = /^(\+|00)[1-9]/.test(candidate);
  if (international) return true;
  const grouped = /[ \u00a0./()-]/.test(candidate);
  return grouped && (/^\(?0[1-9]/.test(candidate) || US_NATIONAL.test(candidate));
}

function balanced(candidate: string): boolean {
  const open = candidate.split('(').length - 1;
  return open === candidate.split(')').length - 1 && open <= 1;
}

function phoneValue(phone: string): string {
  const international = /^(\+|00)/.test(phone);
  // "+49 (0)30 …": the trunk zero in parentheses is not dialled from abroad.
  const digits = (international ? phone.replace(/\(0\)/, '') : phone).replace(/\D/g, '');
  return international ? `+${phone.startsWith('00') ? digits.slice(2) : digits}` : digits;
}
