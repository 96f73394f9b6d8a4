import { matchesOf, type EntityMatch } from './entity-match';

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
};
const CODES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'JPY',
  'CNY',
  'CAD',
  'AUD',
  'NZD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'RON',
  'BGN',
  'INR',
  'BRL',
  'MXN',
  'ZAR',
  'SGD',
  'HKD',
  'KRW',
  'TRY',
  'ILS',
  'AED',
  'SAR',
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SYMBOL = Object.keys(SYMBOLS)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
const CURRENCY = `(?:${SYMBOL}|(?<![\\p{L}])(?:${CODES.join('|')})(?![\\p{L}]))`;
// 1,234.56 | 1.234,56 | 1 234,56 | 1'234.50 | 1234 | 99,9 — thousands groups of three, up to two decimals.
const AMOUNT = "(?<![\\p{N}.,])(?:\\d{1,3}(?:[.,'\\u00a0\\u202f ]\\d{3})+|\\d+)(?:[.,]\\d{1,2})?(?![.,]?\\p{N})";
const CURRENCY_FIRST = new RegExp(`(${CURRENCY})\\s?(${AMOUNT})`, 'gu');
const AMOUNT_FIRST = new RegExp(`(${AMOUNT})\\s?(${CURRENCY})`, 'gu');

/** Amounts with a currency symbol or ISO code before or after; the value is `EUR 1234.56`. */
export function findMoney(text: string): EntityMatch[] {
  const currencyFirst = [...matchesOf(CURRENCY_FIRST, text)].map((m) => toEntity(m, m[1], m[2]));
  const amountFirst = [...matchesOf(AMOUNT_FIRST, text)].map((m) => toEntity(m, m[2], m[1]));
  return [...currencyFirst, ...amountFirst];
}

function toEntity(match: RegExpExecArray, currency: string, amount: string): EntityMatch {
  const code = SYMBOLS[currency] ?? currency;
  return {
    kind: 'money',
    text: match[0],
    value: `${code} ${normaliseAmount(amount)}`,
    start: match.index,
    end: match.index + match[0].length,
  };
}

/**
 * Decimal point notation of a written amount. With both `,` and `.` the later one is the decimal
 * separator; with one of them once and not followed by exactly three digits it is one too.
 */
export function normaliseAmount(written: string): string {
  const compact = written.replace(/['\s\u00a0\u202f]/g, '');
  const decimal = decimalSeparator(compact);
  const at = decimal ? compact.lastIndexOf(decimal) : compact.length;
  const integer = compact
    .slice(0, at)
    .replace(/[.,]/g, '')
    .replace(/^0+(?=\d)/, '');
  const fraction = decimal ? compact.slice(at + 1) : '';
  return `${integer}.${fraction.padEnd(2, '0')}`;
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
