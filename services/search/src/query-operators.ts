import { AppError } from '@docpipe/platform';

/** What a query string asks for once its operators are taken out. */
export interface ParsedQuery {
  /** The words to search for (phrases included, without their quotes). */
  text: string;
  /** Quoted phrases: a chunk matches only if it contains each one, words in this order. */
  phrases: string[];
  documentType?: string;
  tag?: string;
  /** ISO timestamps: from the start of the `from:` day, to the end of the `to:` day (UTC). */
  from?: string;
  to?: string;
}

// `field:value` or `field:"two words"`; dates as YYYY-MM-DD.
const OPERATOR = /(?<![\p{L}\p{N}])(type|tag|from|to):(?:"([^"]*)"|(\S+))/giu;
const PHRASE = /"([^"]+)"/g;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The operators users expect from a search box: `"exact phrase"`, `type:invoice`, `tag:urgent` (or
 * `tag:"two words"`), `from:2024-01-01` and `to:2024-12-31` (creation date, whole days, UTC). Everything else
 * is the text to search for. An operator given twice, a bad date or a query with nothing but operators is an
 * `invalid_request` saying what to write instead.
 */
export function parseQuery(query: string): ParsedQuery {
  const parsed: Omit<ParsedQuery, 'text' | 'phrases'> = {};
  const rest = query.replace(OPERATOR, (_, field: string, quoted: string | undefined, bare: string | undefined) => {
    const name = field.toLowerCase() as 'type' | 'tag' | 'from' | 'to';
    const value = (quoted ?? bare ?? '').trim();
    const key = name === 'type' ? 'documentType' : name;
    if (value === '') throw invalid(`${name}: needs a value, e.g. ${example(name)}`);
    if (parsed[key] !== undefined) throw invalid(`${name}: is given twice; search one ${name} at a time`);
    parsed[key] = name === 'from' || name === 'to' ? dayBoundary(value, name) : value;
    return ' ';
  });
  const phrases = [...rest.matchAll(PHRASE)].map((match) => match[1].trim()).filter((phrase) => phrase !== '');
  const text = rest.replace(/"/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') throw invalid(`"${query}" has filters but nothing to search for; add words, e.g. invoice ${query.trim()}`);
  return { text, phrases, ...parsed };
}

/** Whether a chunk's text contains the phrase: same words in the same order, case, accents and punctuation aside. */
export function containsPhrase(text: string, phrase: string): boolean {
  return ` ${normalized(text)} `.includes(` ${normalized(phrase)} `);
}

function normalized(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function dayBoundary(value: string, name: 'from' | 'to'): string {
  const time = DAY.test(value) ? Date.parse(`${value}T00:00:00.000Z`) : Number.NaN;
  // Date.parse rolls 2024-02-30 over to March; a real day reads back the same.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value)
    throw invalid(`${name}:${value} is not a date; write it as YYYY-MM-DD, e.g. ${example(name)}`);
  return new Date(name === 'from' ? time : time + 24 * 60 * 60 * 1000 - 1).toISOString();
}

function example(name: string): string {
  return { type: 'type:invoice', tag: 'tag:urgent', from: 'from:2024-01-01', to: 'to:2024-12-31' }[name] ?? '';
}

function invalid(message: string): AppError {
  return new AppError('invalid_request', message);
}
