import { code as currencyByCode } from 'currency-codes';
import { matchesOf, type EntityMatch } from './entity-match';

// No kept library finds amounts in running text; the currency codes themselves come from ISO 4217 (currency-codes).
const SYMBOLS: Record<string, string> = {
  '€': 'EUR',
  $: 'USD',
  US$: 'USD',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  'Fr.': 'CHF',
  R$: 'BRL',
  zł: 'PLN',
  RM: 'MYR',
  Kč: 'CZK',
};

/** ISO 4217 codes that are also words printed in capitals (`SDN BHD`, `CUP`, `ALL`, `TOP`): read as currencies only as symbols would be. */
const CODES_THAT_ARE_WORDS = new Set(['ALL', 'BHD', 'BOB', 'CUP', 'GEL', 'MAD', 'MOP', 'NIO', 'PEN', 'SOS', 'TOP', 'LAK', 'AMD']);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SYMBOL = Object.keys(SYMBOLS)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
const CURRENCY = `(?:${SYMBOL}|(?<![\\p{L}])[A-Z]{3}(?![\\p{L}]))`;
// 1,234.56 | 1.234,56 | 1 234,56 | 1'234.50 | 1234 | 99,9 — thousands groups of three, up to two decimals.
// `€ 6,-` / `1.250,--`: whole amounts as Dutch and German prices print them.
const AMOUNT = "(?<![\\p{N}.,])-?(?:\\d{1,3}(?:[.,'\\u00a0\\u202f ]\\d{3})+|\\d+)(?:[.,]\\d{1,2}|,-{1,2})?(?![.,]?\\p{N})";
const CURRENCY_FIRST = new RegExp(`(${CURRENCY})[ \\t\\u00a0]?(${AMOUNT})`, 'gu');
const AMOUNT_FIRST = new RegExp(`(${AMOUNT})[ \\t\\u00a0]?(${CURRENCY})`, 'gu');
// A bare amount with decimals (`529,87`, `1.234,50`, `1 234,50`): what invoice tables print beside a label. Blanks
// group thousands only before a decimal comma: in `TOTAL 150 750.00` a row prints two numbers.
const BARE_AMOUNT =
  /(?<![\p{N}.,/-])-?(?:\d{1,3}(?:[.,'\u00a0\u202f]\d{3})+[.,]\d{2}|\d{1,3}(?:[\u00a0\u202f ]\d{3})+,\d{2}|\d+[.,]\d{2})(?![.,]?\p{N}|\s?%)/gu;

/** Amounts with a currency symbol or ISO 4217 code before or after; the value is `EUR 1234.56`. */
export function findMoney(text: string): EntityMatch[] {
  const currencyFirst = [...matchesOf(CURRENCY_FIRST, text)].flatMap((m) => toEntity(m, m[1], m[2]));
  const amountFirst = [...matchesOf(AMOUNT_FIRST, text)].flatMap((m) => toEntity(m, m[2], m[1]));
  return [...currencyFirst, ...amountFirst];
}

/** Amounts written with two decimals and no currency; the value is the decimal number (`1234.50`). */
export function findBareAmounts(text: string): EntityMatch[] {
  return [...matchesOf(BARE_AMOUNT, text)].map((match) => ({
    kind: 'money' as const,
    text: match[0],
    value: normaliseAmount(match[0]),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** The ISO 4217 code a symbol or code stands for; undefined when it is no currency (`ABC`, `VAT`). */
export function currencyCode(written: string): string | undefined {
  const code = SYMBOLS[written] ?? written.toUpperCase();
  return currencyByCode(code) && !CODES_THAT_ARE_WORDS.has(code) ? code : undefined;
}

function toEntity(match: RegExpExecArray, currency: string, amount: string): EntityMatch[] {
  const code = currencyCode(currency);
  if (!code || (!SYMBOLS[currency] && currency !== currency.toUpperCase())) return [];
  return [
    { kind: 'money', text: match[0], value: `${code} ${normaliseAmount(amount)}`, start: match.index, end: match.index + match[0].length },
  ];
}

/**
 * Decimal point notation of a written amount. With both `,` and `.` the later one is the decimal
 * separator; with one of them once and not followed by exactly three digits it is one too.
 */
export function normaliseAmount(written: string): string {
  const compact = written.replace(/['\s\u00a0\u202f]/g, '').replace(/,-+$/, '');
  const negative = compact.startsWith('-');
  const unsigned = negative ? compact.slice(1) : compact;
  const decimal = decimalSeparator(unsigned);
  const at = decimal ? unsigned.lastIndexOf(decimal) : unsigned.length;
  const integer = unsigned
    .slice(0, at)
    .replace(/[.,]/g, '')
    .replace(/^0+(?=\d)/, '');
  const fraction = decimal ? unsigned.slice(at + 1) : '';
  return `${negative ? '-' : ''}${integer}.${fraction.padEnd(2, '0')}`;
}

function decimalSeparator(compact: string): string | undefined {
  const comma = compact.lastIndexOf(',');
  const dot = compact.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) return comma > dot ? ',' : '.';
  const separator = comma >= 0 ? ',' : dot >= 0 ? '.' : undefined;
  if (!separator) return undefined;
  const once = compact.indexOf(separator) === compact.lastIndexOf(separator);
  const digitsAfter = compact.length - compact.lastIndexOf(separator) - 1;
  return once && digitsAfter !== 3 ? separator : undefined;
}
