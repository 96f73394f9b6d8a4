const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', 'fr.': 'CHF' };
const CODES = 'USD|EUR|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|PLN|CZK|INR';
const AMOUNT = "\\d{1,3}(?:[,.' \\u00a0]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?";

const before = new RegExp(`(?<![\\w.])(${CODES}|[$€£¥])\\s?(-?(?:${AMOUNT}))(?![\\d])`, 'g');
const after = new RegExp(`(?<![\\w.,])(-?(?:${AMOUNT}))\\s?(${CODES}|[€$£]|Fr\\.)(?![A-Za-z])`, 'g');

export interface MoneyMatch {
  start: number;
  end: number;
  text: string;
  /** `EUR 1234.50`, the shape extraction's money entities use. */
  value: string;
  amount: number;
}

/** Amounts with a currency (symbol or ISO code, before or after the number), with their spans. */
export function findMoney(text: string): MoneyMatch[] {
  const found: MoneyMatch[] = [];
  const add = (start: number, raw: string, currency: string, amountText: string) => {
    const end = start + raw.length;
    if (found.some((other) => start < other.end && other.start < end)) return;
    const amount = parseAmount(amountText);
    if (amount === undefined) return;
    const code = SYMBOLS[currency.toLowerCase()] ?? SYMBOLS[currency] ?? currency.toUpperCase();
    found.push({ start, end, text: raw, value: `${code} ${amount.toFixed(2)}`, amount });
  };
  for (const m of text.matchAll(before)) add(m.index, m[0].trimEnd(), m[1], m[2]);
  for (const m of text.matchAll(after)) add(m.index, m[0], m[2], m[1]);
  return found.sort((a, b) => a.start - b.start);
}

/** `1.234,50`, `1,234.50`, `1 234,5` and `1234` all read as numbers: the last separator followed by 1-2 digits is the decimal one. */
export function parseAmount(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0']/g, '');
  const decimal = /[.,](\d{1,2})$/.exec(compact);
  const whole = (decimal ? compact.slice(0, decimal.index) : compact).replace(/[.,]/g, '');
  if (!/^-?\d+$/.test(whole)) return undefined;
  return Number(`${whole}.${decimal?.[1] ?? '0'}`);
}
